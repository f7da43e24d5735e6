/** zod schemas of the add-on options and of the fleet-wide platform settings. */
import { z } from 'zod';
import { formatValue } from '../problems';
import { backupTtl, cronExpression } from '../rules/schedule';
import * as syntax from '../rules/syntax';
import { count, text } from '../schema-kit';
import { CATALOG } from './catalog';
import { ADDON_NAMES, isAddonName, type AddonName } from './names';
import { POD_SECURITY_LEVELS } from './pod-security';

const helmValues = z.record(z.string(), z.json());

const base = { enabled: z.boolean().optional(), values: helmValues.optional() };

const schedule = z.union([
  z.literal(false),
  z.strictObject({
    cron: text(cronExpression).optional(),
    ttl: text(backupTtl).optional(),
    includedNamespaces: z.array(z.string()).min(1).optional(),
    excludedNamespaces: z.array(z.string()).optional(),
  }),
]);

const baseOptions = z.strictObject(base);

/** `true`/`false` is shorthand for `{ enabled: true/false }`. */
const toggle = <T extends z.ZodType>(options: T) => z.preprocess((v) => (typeof v === 'boolean' ? { enabled: v } : v), options).optional();

const selection = {
  'argo-rollouts': toggle(baseOptions),
  'cert-manager': toggle(baseOptions),
  cilium: toggle(z.strictObject({ ...base, clusterId: count(1, 255).optional() })),
  'external-dns': toggle(baseOptions),
  'external-secrets': toggle(baseOptions),
  'ingress-nginx': toggle(baseOptions),
  'kube-prometheus-stack': toggle(baseOptions),
  kyverno: toggle(z.strictObject({ ...base, mode: z.enum(['audit', 'enforce']).optional() })),
  thanos: toggle(baseOptions),
  velero: toggle(
    z.strictObject({
      ...base,
      drRegion: text(syntax.awsRegion).optional(),
      schedules: z.strictObject({ daily: schedule.optional(), hourly: schedule.optional(), dr: schedule.optional() }).optional(),
    }),
  ),
} satisfies { readonly [K in AddonName]: z.ZodType };

export const AddonSelectionSchema = z
  .looseObject(selection)
  .superRefine((map, ctx) => {
    for (const key of Object.keys(map)) {
      if (!isAddonName(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `is not a known add-on; use one of ${ADDON_NAMES.map((n) => JSON.stringify(n)).join(', ')}`,
          input: key,
        });
      }
    }
  });

const pattern = (placeholders: readonly string[], example: string) =>
  text((v) => {
    const unknown = [...v.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!).filter((p) => !placeholders.includes(p));
    return unknown.length > 0 ? [`uses the unknown placeholder {${unknown[0]}}`, `use only ${placeholders.map((p) => `{${p}}`).join(', ')}, e.g. ${formatValue(example)}`] : undefined;
  });

/** Add-ons whose namespace fleetwright creates (and labels): those with a catalog level. */
const labelledAddons = ADDON_NAMES.filter((name) => CATALOG[name].podSecurity !== undefined);

export const PlatformSchema = z.strictObject({
  podSecurity: z.strictObject(Object.fromEntries(labelledAddons.map((name) => [name, z.enum(POD_SECURITY_LEVELS).optional()]))).optional(),
  irsaRoleArn: pattern(['cluster', 'addon'], 'arn:aws:iam::111122223333:role/{cluster}-{addon}').optional(),
  certManager: z
    .strictObject({
      acmeEmail: text((v) => (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) ? undefined : ['is not an email address', 'use the address Let’s Encrypt should write to'])),
      acmeServer: z.enum(['production', 'staging']).optional(),
    })
    .optional(),
  externalDns: z
    .strictObject({
      domainFilters: z.array(text((v) => syntax.dnsSubdomain(v))).min(1),
      policy: z.enum(['sync', 'upsert-only']).optional(),
    })
    .optional(),
  externalSecrets: z
    .strictObject({
      store: z.discriminatedUnion('kind', [
        z.strictObject({
          kind: z.literal('vault'),
          server: text(syntax.httpsUrl),
          mountPath: z.string().min(1).optional(),
          authMountPath: pattern(['cluster'], 'kubernetes-{cluster}').optional(),
          role: pattern(['cluster'], 'external-secrets').optional(),
        }),
        z.strictObject({ kind: z.literal('aws-secrets-manager') }),
      ]),
    })
    .optional(),
  kyverno: z.strictObject({ allowedRegistries: z.array(z.string().min(1)).min(1) }).optional(),
  velero: z
    .strictObject({
      bucket: pattern(['region'], 'acme-velero-{region}'),
      drRegion: text(syntax.awsRegion).optional(),
    })
    .optional(),
  thanos: z.strictObject({ sidecarEndpoint: pattern(['cluster'], '{cluster}.thanos.acme.internal:10901') }).optional(),
  cilium: z
    .strictObject({ clusterMesh: z.boolean().optional(), clusterMeshEndpoint: pattern(['cluster'], '{cluster}.mesh.acme.io:2379').optional() })
    .optional(),
  disasterRecovery: z.strictObject({ replicas: count(0, 100).optional() }).optional(),
});

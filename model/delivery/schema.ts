/** zod schemas of the delivery part of the definition: rollout, apps, services. */
import { z } from 'zod';
import { POD_SECURITY_LEVELS } from '../addons/pod-security';
import { goDuration } from '../rules/schedule';
import * as syntax from '../rules/syntax';
import { formatValue } from '../problems';
import { count, kubernetesVersion, text } from '../schema-kit';

const dnsLabel = text((v) => syntax.dnsLabel(v));
const labelMap = z.record(z.string(), z.string());

/** A count of clusters (0–100000) or a whole percentage ('25%'), with one message for every wrong form. */
const maxUpdate = z.union([z.number(), z.string()]).superRefine((v, ctx) => {
  const ok = typeof v === 'number' ? Number.isInteger(v) && v >= 0 && v <= 100_000 : /^(\d{1,3})%$/.test(v) && Number(v.slice(0, -1)) <= 100;
  if (!ok) {
    ctx.addIssue({ code: 'custom', message: `${formatValue(v)} is neither a count of clusters nor a percentage; write a whole number such as 2, or a whole percentage up to 100% such as "25%"`, input: v });
  }
}).transform((v) => v as number | `${number}%`);

export const RolloutSchema = z.strictObject({
  by: z.enum(['environment', 'rollout-tier']).optional(),
  waves: z
    .array(z.strictObject({ name: dnsLabel, values: z.array(z.string().min(1)).min(1), maxUpdate: maxUpdate.optional() }))
    .min(1)
    .optional(),
  upgrade: z.strictObject({ kubernetesVersion, throughWave: z.string() }).optional(),
  keepApplications: z.enum(['production', 'all', 'none']).optional(),
});

const duration = text((v) => (goDuration(v) ? ['is not a Go duration', 'write it like "10m", "90s" or "1h30m"'] : undefined));

export const FluxSchema = z.strictObject({
  namespace: dnsLabel.optional(),
  interval: duration.optional(),
  timeout: duration.optional(),
  retryInterval: duration.optional(),
});

export const KarmadaSchema = z.strictObject({
  server: text(syntax.httpsUrl).optional(),
});

const relativePath = (example: string) =>
  text((v) => (v.trim() === '' || v.startsWith('/') || v.split('/').includes('..') ? ['is not a relative path', `use a path like ${JSON.stringify(example)}`] : undefined));

const requirement = z.strictObject({
  key: text(syntax.labelKey),
  operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
  values: z.array(z.string()).optional(),
});

export const AppSchema = z.strictObject({
  name: dnsLabel,
  repoUrl: text(syntax.gitUrl),
  revision: text(syntax.gitRevision).optional(),
  path: relativePath('deploy/overlays/{env}'),
  namespace: dnsLabel,
  environments: z.array(z.string()).min(1).optional(),
  clusters: z.array(z.string()).min(1).optional(),
  clusterSelector: z.strictObject({ matchLabels: labelMap.optional(), matchExpressions: z.array(requirement).optional() }).optional(),
  services: z.array(dnsLabel).min(1).optional(),
  serviceDirectories: relativePath('services/*').optional(),
  previews: z
    .strictObject({
      github: z.strictObject({
        owner: z.string().min(1),
        repo: z.string().min(1),
        tokenSecret: z.strictObject({ name: text(syntax.dnsSubdomain), key: z.string().min(1) }),
        labels: z.array(z.string().min(1)).optional(),
      }),
      cluster: z.string(),
      path: relativePath('deploy/overlays/{env}').optional(),
    })
    .optional(),
  podSecurity: z.enum(POD_SECURITY_LEVELS).optional(),
  networkPolicy: z.boolean().optional(),
});

const quantity = (example: string) =>
  text((v) => (/^\d+(\.\d+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?$/.test(v) ? undefined : ['is not a Kubernetes quantity', `write it like ${JSON.stringify(example)}`]));

const IMAGE = /^[a-z0-9]+([._-][a-z0-9]+)*(:\d+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})$/;

export const ServiceSchema = z.strictObject({
  name: dnsLabel,
  namespace: dnsLabel.optional(),
  image: text((v) => (IMAGE.test(v) ? undefined : ['is not a pinned image reference', 'use registry/repository:tag or @sha256:digest, e.g. "ghcr.io/acme/checkout:1.4.2"'])),
  port: count(1, 65535),
  replicas: count(0, 10_000),
  resources: z.strictObject({ cpu: quantity('100m').optional(), memory: quantity('128Mi').optional() }).optional(),
  environments: z.array(z.string()).min(1).optional(),
  delivery: z.enum(['argocd', 'karmada']).optional(),
  canary: z
    .strictObject({
      steps: z.array(z.number().int().min(1).max(99)).min(1),
      pause: text(goDuration).optional(),
      analysis: z
        .strictObject({
          successRate: z.number().gt(0).max(1).optional(),
          interval: text(goDuration).optional(),
          failureLimit: count(0, 100).optional(),
        })
        .optional(),
      host: text(syntax.dnsSubdomain).optional(),
    })
    .optional(),
  networkPolicy: z.boolean().optional(),
  podSecurity: z.enum(POD_SECURITY_LEVELS).optional(),
  karmada: z
    .strictObject({
      weightBy: text(syntax.labelKey).optional(),
      weights: z.record(z.string(), count(0, 1000)).optional(),
      clusterSelector: labelMap.optional(),
      failover: z.strictObject({ unreachableAfterSeconds: count(0, 86_400).optional(), notReadyAfterSeconds: count(0, 86_400).optional() }).optional(),
      overrides: z
        .array(
          z.strictObject({
            match: labelMap,
            memoryLimit: quantity('256Mi').optional(),
            imageRegistry: text((v) => (/^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)*$/.test(v) ? undefined : ['is not a registry', 'write it like "mirror.acme.io"'])).optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});

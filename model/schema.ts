/**
 * Structural schema of the fleet definition (zod). Checks types, unknown
 * fields and the syntax of each value on its own; rules that relate several
 * values (duplicates, overlaps, environment defaults) live in `./rules`.
 */
import { z } from 'zod';
import { AddonSelectionSchema, PlatformSchema } from './addons/schema';
import { AppSchema as DeliveryAppSchema, FluxSchema, KarmadaSchema, RolloutSchema, ServiceSchema } from './delivery/schema';

export { RolloutSchema, ServiceSchema };
import type { PlatformDefinition } from './addons/options';
import type {
  AppDefinition,
  RolloutDefinition,
  ServiceDefinition,
  ClusterDefinition,
  EnvironmentDefinition,
  HubDefinition,
  ProviderDefinition,
  RepoDefinition,
} from './definition';
import { formatValue } from './problems';
import { cidr, count, kubernetesVersion, labels, text } from './schema-kit';
import * as syntax from './rules/syntax';

/** `scheme://` and the user info (group 2) before the last `@` of the authority. */
const URL_USERINFO = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)@/;

/** User names that are access tokens (GitHub, GitLab). */
const TOKEN_USER = /^(?:gh[pousr]_|github_pat_|glpat-)/;

/**
 * A repository URL (`repo.url`, `apps[].repoUrl`): Git syntax, and no
 * password (or token) in its user info, since the URL is written to Git in
 * every Application, ApplicationSet, AppProject and GitRepository that uses
 * it. The message shows the URL with the secret masked.
 */
const repoUrl = z.string().superRefine((value, ctx) => {
  const m = URL_USERINFO.exec(value);
  const userinfo = m?.[2] ?? '';
  const colon = userinfo.indexOf(':');
  const user = colon === -1 ? userinfo : userinfo.slice(0, colon);
  const hasPassword = colon !== -1 && colon < userinfo.length - 1;
  if (m && (hasPassword || TOKEN_USER.test(user))) {
    const masked = `${m[1]}${hasPassword ? `${user}:****` : '****'}@${value.slice(m[0].length)}`;
    const issue = hasPassword ? 'has a password in its user info' : 'has an access token as its user name';
    ctx.addIssue({
      code: 'custom',
      message: `${formatValue(masked)} ${issue}, and the URL is written to Git in every object that uses it; remove the credentials from the URL and give Argo CD (or Flux) the repository credentials as a Secret from your secret store: an Argo CD repository credentials Secret (label argocd.argoproj.io/secret-type: repository or repo-creds) or a Flux GitRepository secretRef`,
      input: masked,
    });
    return;
  }
  const issue = syntax.gitUrl(value);
  if (issue) ctx.addIssue({ code: 'custom', message: `${formatValue(value)} ${issue[0]}; ${issue[1]}`, input: value });
});

/** Every PEM block, its label in group 1. */
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/**
 * A cluster CA (`provider.auth.caData` of an `existing` cluster): base64 of
 * one or more PEM `CERTIFICATE` blocks and nothing else. It is written to Git
 * in the cluster's Argo CD Secret, so a private key (or a kubeconfig around
 * the certificate) pasted here by mistake would be published; the message
 * never shows the value.
 */
const caData = text(syntax.base64).superRefine((value, ctx) => {
  if (syntax.base64(value)) return;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const blocks = [...decoded.matchAll(PEM_BLOCK)];
  const other = blocks.map((b) => b[1]!).find((label) => label !== 'CERTIFICATE');
  const found = /PRIVATE KEY/.test(decoded)
    ? 'a private key'
    : other !== undefined
      ? `a PEM ${other} block`
      : blocks.length === 0
        ? 'no PEM certificate'
        : decoded.replace(PEM_BLOCK, '').trim() !== ''
          ? 'text around its certificates'
          : undefined;
  if (found === undefined) return;
  ctx.addIssue({
    code: 'custom',
    message: `(${value.length} characters of base64) decodes to ${found}, not only PEM CERTIFICATE blocks, and it is written to Git; paste only the cluster's CA bundle, as printed by \`aws eks describe-cluster --query cluster.certificateAuthority.data\``,
    input: '(caData)',
  });
});

/** The app schema, with its repository URL checked as `repo.url` is. */
export const AppSchema = DeliveryAppSchema.extend({ repoUrl });

const taint = z.strictObject({
  key: text(syntax.labelKey),
  value: text(syntax.labelValue).optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
});

const nodePool = z.strictObject({
  name: text((v) => syntax.dnsLabel(v)),
  instanceType: text(syntax.instanceType).optional(),
  replicas: count(0, 1000).optional(),
  autoscaling: z.strictObject({ min: count(0, 1000), max: count(1, 1000) }).optional(),
  diskSizeGiB: count(8, 16384).optional(),
  labels: labels.optional(),
  taints: z.array(taint).optional(),
});

const network = z.strictObject({ podCidr: cidr, serviceCidr: cidr });

const controlPlaneReplicas = z.union([z.literal(1), z.literal(3), z.literal(5)]);

const provider = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('capi-aws'),
    vpcCidr: cidr,
    controlPlane: z.strictObject({ replicas: controlPlaneReplicas.optional(), instanceType: text(syntax.instanceType) }),
    sshKeyName: text((v) => (v.length > 0 && v.length <= 255 ? undefined : ['is not an EC2 key pair name', 'use the name of an existing key pair'])).optional(),
  }),
  z.strictObject({
    kind: z.literal('capi-aws-eks'),
    vpcCidr: cidr,
    eksClusterName: text(syntax.eksClusterName).optional(),
    argocdRoleArn: text(syntax.iamRoleArn).optional(),
    publicEndpoint: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal('capi-docker'),
    controlPlane: z.strictObject({ replicas: controlPlaneReplicas.optional() }).optional(),
  }),
  z.strictObject({
    kind: z.literal('pulumi-eks'),
    vpcCidr: cidr,
    existingVpc: z
      .strictObject({
        vpcId: text((v) => (/^vpc-[0-9a-f]{8,17}$/.test(v) ? undefined : ['is not a VPC id', 'use an id like "vpc-0a1b2c3d4e5f60718"'])),
        privateSubnetIds: z.array(text(subnetId)).min(2),
        publicSubnetIds: z.array(text(subnetId)).optional(),
      })
      .optional(),
    eksClusterName: text(syntax.eksClusterName).optional(),
    argocdRoleArn: text(syntax.iamRoleArn).optional(),
    publicEndpoint: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal('existing'),
    server: text(syntax.httpsUrl),
    auth: z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('aws-iam'),
        eksClusterName: text(syntax.eksClusterName),
        caData,
        argocdRoleArn: text(syntax.iamRoleArn).optional(),
      }),
      z.strictObject({ kind: z.literal('secret-store') }),
    ]),
  }),
]);

function subnetId(v: string): syntax.SyntaxIssue {
  return /^subnet-[0-9a-f]{8,17}$/.test(v) ? undefined : ['is not a subnet id', 'use an id like "subnet-0a1b2c3d4e5f60718"'];
}

const defaults = {
  region: text((v) => syntax.labelValue(v) ?? (v === '' ? ['is empty', 'set a region like "us-east-1"'] : undefined)).optional(),
  kubernetesVersion: kubernetesVersion.optional(),
  nodePools: z.array(nodePool).optional(),
  tier: z.enum(['production', 'non-production']).optional(),
  rolloutTier: text((v) => syntax.labelValue(v) ?? (v === '' ? ['is empty', 'use e.g. "canary", "early" or "general"'] : undefined)).optional(),
  labels: labels.optional(),
  addons: AddonSelectionSchema.optional(),
  protected: z.boolean().optional(),
};

const delivery = z.enum(['gitops', 'pulumi']);

export const EnvironmentSchema = z.strictObject({ ...defaults, delivery: delivery.optional() });

export const ClusterSchema = z.strictObject({
  ...defaults,
  name: text((v) => syntax.dnsLabel(v)),
  environment: z.string(),
  provider,
  network,
  drPartner: z.string().optional(),
  standby: z.boolean().optional(),
  decommission: z.boolean().optional(),
});

export const HubSchema = z.strictObject({
  name: text((v) => syntax.dnsLabel(v)),
  region: defaults.region.unwrap(),
  provider,
  kubernetesVersion,
  network,
  nodePools: z.array(nodePool).optional(),
  labels: labels.optional(),
  delivery: delivery.optional(),
  addons: AddonSelectionSchema.optional(),
  argocd: z
    .strictObject({
      namespace: text((v) => syntax.dnsLabel(v)).optional(),
      awsRoleArn: text(syntax.iamRoleArn).optional(),
      spokeAccess: z.enum(['least-privilege', 'cluster-admin']).optional(),
      additionalSourceRepos: z.array(text(syntax.sourceRepoPattern)).optional(),
    })
    .optional(),
  clusterApi: z.strictObject({ namespace: text((v) => syntax.dnsLabel(v)).optional() }).optional(),
  registration: z
    .strictObject({
      secretStore: text(syntax.dnsSubdomain).optional(),
      externalSecretsNamespace: text((v) => syntax.dnsLabel(v)).optional(),
    })
    .optional(),
});

export const RepoSchema = z.strictObject({
  url: repoUrl,
  revision: text(syntax.gitRevision).optional(),
  path: text(syntax.repoFolder).optional(),
});

/**
 * The top level. Clusters and apps are checked one by one (see
 * `validateDefinition`) so that one broken cluster does not hide the
 * problems that relate the others.
 */
export const FleetSchema = z.strictObject({
  name: text((v) => syntax.dnsLabel(v, 40)),
  repo: RepoSchema,
  hub: HubSchema,
  environments: z.record(z.string(), EnvironmentSchema),
  clusters: z.array(z.unknown()),
  apps: z.array(z.unknown()).optional(),
  services: z.array(z.unknown()).optional(),
  platform: PlatformSchema.optional(),
  rollout: RolloutSchema.optional(),
  engine: z.enum(['argocd', 'flux', 'both']).optional(),
  flux: FluxSchema.optional(),
  karmada: KarmadaSchema.optional(),
});

// The schema and the hand-written definition types (which carry the TSDoc)
// must describe the same data: these assignments fail to compile otherwise.
type Mutable<T> = T extends readonly (infer U)[] ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
type Both<S extends z.ZodType, D> = [(x: z.output<S>) => D, (x: Mutable<D>) => z.input<S>];
export const schemaMatchesDefinition: [
  Both<typeof ClusterSchema, ClusterDefinition>,
  Both<typeof EnvironmentSchema, EnvironmentDefinition>,
  Both<typeof HubSchema, HubDefinition>,
  Both<typeof RepoSchema, RepoDefinition>,
  Both<typeof AppSchema, AppDefinition>,
  Both<typeof provider, ProviderDefinition>,
  Both<typeof PlatformSchema, PlatformDefinition>,
  Both<typeof RolloutSchema, RolloutDefinition>,
  Both<typeof ServiceSchema, ServiceDefinition>,
] = [[(x) => x, (x) => x], [(x) => x, (x) => x], [(x) => x, (x) => x], [(x) => x, (x) => x], [(x) => x, (x) => x], [(x) => x, (x) => x], [(x) => x, (x) => x], [(x) => x, (x) => x], [(x) => x, (x) => x]];

/**
 * fast-check generators of fleet definitions for the property tests in
 * `fuzz.test.ts`: valid fleets built from parts (1–8 spokes over every
 * provider, environments with defaults the clusters inherit or override,
 * add-on selections closed under their dependencies, disjoint networks by
 * construction, valid names), and mutations that each break one field of a
 * valid fleet, with the path the problem must name.
 *
 * Runs are seeded ({@link FUZZ_SEED}, printed on failure by fast-check with
 * the path of the failing case) and sized by `FLEETWRIGHT_FUZZ_RUNS`.
 */
import fc from 'fast-check';
import type {
  AddonSelection,
  ClusterDefinition,
  EnvironmentDefinition,
  FleetDefinition,
  NodePoolDefinition,
  ProviderDefinition,
} from '../../model';
import { ADDON_NAMES, type AddonName } from '../../model/addons/names';

/** The seed of every property run; override with FLEETWRIGHT_FUZZ_SEED to replay or explore. */
export const FUZZ_SEED = Number(process.env.FLEETWRIGHT_FUZZ_SEED ?? 20261121);

/**
 * Cases of the cheap properties (resolve, mutations through `checkFleet`);
 * the costly ones (synth, CLI, upstream validator) run a fraction of it.
 */
export const FUZZ_RUNS = Math.max(10, Number(process.env.FLEETWRIGHT_FUZZ_RUNS ?? 600));

export type ProviderKind = 'capi-aws' | 'capi-aws-eks' | 'capi-docker' | 'pulumi-eks' | 'existing-aws-iam';

const KUBEADM: readonly ProviderKind[] = ['capi-aws', 'capi-docker'];
/** Providers whose pods reach AWS through IRSA (no Cilium, AWS calls without External Secrets). */
const IRSA: readonly ProviderKind[] = ['capi-aws-eks', 'pulumi-eks', 'existing-aws-iam'];
const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1'] as const;
const INSTANCE_TYPES = ['m6i.large', 'm6i.xlarge', 'r6i.2xlarge', 'c7g.large'] as const;
const MINORS = [28, 30, 32, 34, 36] as const;
/** Add-on dependencies (see `model/addons/catalog`): thanos needs kube-prometheus-stack and external-secrets. */
const DEPENDS_ON: Partial<Record<AddonName, readonly AddonName[]>> = { thanos: ['kube-prometheus-stack', 'external-secrets'] };
/** Add-ons that call AWS: without IRSA they need external-secrets. */
const AWS_ACCESS: readonly AddonName[] = ['external-dns', 'velero'];
/** The add-ons a generated spoke may select; velero is added per cluster (it needs a DR region other than the cluster's). */
const SELECTABLE = ADDON_NAMES.filter((a) => a !== 'cilium' && a !== 'velero');

/** What an environment sets for its clusters; each default is optional. */
interface EnvSpec {
  readonly region?: string;
  readonly minor?: number;
  readonly eksVersion: boolean;
  readonly pools?: number;
  readonly tier?: 'production' | 'non-production';
  readonly rolloutTier?: string;
  readonly labelValue?: string;
  readonly addons: readonly AddonName[];
}

interface ClusterSpec {
  readonly stem: string;
  readonly env: number;
  readonly kind: ProviderKind;
  readonly region?: string;
  readonly minor: number;
  readonly patch: number;
  readonly ownVersion: boolean;
  readonly pools?: readonly { readonly replicas?: number; readonly autoscale: boolean; readonly disk?: number; readonly label?: string; readonly taint: boolean }[];
  readonly podPrefix: number;
  readonly servicePrefix: number;
  readonly labelValue?: string;
  readonly addons: readonly AddonName[];
  readonly velero: boolean;
  readonly publicEndpoint?: boolean;
  readonly controlPlaneReplicas?: 1 | 3 | 5;
}

export interface FleetSpec {
  readonly fleetName: string;
  readonly engine?: 'argocd' | 'flux' | 'both';
  readonly envCount: number;
  readonly envs: readonly EnvSpec[];
  readonly clusters: readonly ClusterSpec[];
  readonly hubAddons: boolean;
}

/** A DNS-1123 label of 1–12 characters (the fleet and cluster names add a suffix and prefixes). */
const dnsStem = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/);
const labelValue = fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9_.-]{0,14}[A-Za-z0-9])?$/);
const addonSubset = fc.subarray([...SELECTABLE]);

const envSpec: fc.Arbitrary<EnvSpec> = fc.record(
  {
    region: fc.constantFrom(...REGIONS),
    minor: fc.constantFrom(...MINORS),
    eksVersion: fc.boolean(),
    pools: fc.integer({ min: 1, max: 2 }),
    tier: fc.constantFrom('production' as const, 'non-production' as const),
    rolloutTier: fc.constantFrom('canary', 'early', 'general'),
    labelValue,
    addons: addonSubset,
  },
  { requiredKeys: ['eksVersion', 'addons'] },
);

const poolSpec = fc.record(
  {
    replicas: fc.integer({ min: 1, max: 6 }),
    autoscale: fc.boolean(),
    disk: fc.integer({ min: 20, max: 500 }),
    label: labelValue,
    taint: fc.boolean(),
  },
  { requiredKeys: ['autoscale', 'taint'] },
);

const clusterSpec: fc.Arbitrary<ClusterSpec> = fc.record(
  {
    stem: dnsStem,
    env: fc.nat(),
    kind: fc.constantFrom<ProviderKind>('capi-aws', 'capi-aws-eks', 'capi-docker', 'pulumi-eks', 'existing-aws-iam'),
    region: fc.constantFrom(...REGIONS),
    minor: fc.constantFrom(...MINORS),
    patch: fc.integer({ min: 0, max: 9 }),
    ownVersion: fc.boolean(),
    pools: fc.array(poolSpec, { minLength: 1, maxLength: 3 }),
    podPrefix: fc.integer({ min: 16, max: 24 }),
    servicePrefix: fc.integer({ min: 20, max: 24 }),
    labelValue,
    addons: addonSubset,
    velero: fc.boolean(),
    publicEndpoint: fc.boolean(),
    controlPlaneReplicas: fc.constantFrom(1 as const, 3 as const, 5 as const),
  },
  { requiredKeys: ['stem', 'env', 'kind', 'minor', 'patch', 'ownVersion', 'podPrefix', 'servicePrefix', 'addons', 'velero'] },
);

export const fleetSpec: fc.Arbitrary<FleetSpec> = fc.record(
  {
    fleetName: dnsStem,
    engine: fc.constantFrom('argocd' as const, 'flux' as const, 'both' as const),
    envCount: fc.integer({ min: 1, max: 3 }),
    envs: fc.tuple(envSpec, envSpec, envSpec),
    clusters: fc.array(clusterSpec, { minLength: 1, maxLength: 8 }),
    hubAddons: fc.boolean(),
  },
  { requiredKeys: ['fleetName', 'envCount', 'envs', 'clusters', 'hubAddons'] },
);

/** Valid fleet definitions, with the parts they were built from. */
export const validFleet: fc.Arbitrary<{ spec: FleetSpec; definition: FleetDefinition }> = fleetSpec.map((spec) => ({ spec, definition: buildFleet(spec) }));

/** Closes a selection under dependencies, and gives AWS-calling add-ons External Secrets where there is no IRSA. */
function closeAddons(selected: Iterable<AddonName>, kind: ProviderKind): AddonName[] {
  const set = new Set(selected);
  // A spoke's Thanos sidecar is reached at a name external-dns publishes.
  if (set.has('thanos')) set.add('external-dns');
  for (const name of [...set]) for (const dep of DEPENDS_ON[name] ?? []) set.add(dep);
  if (!IRSA.includes(kind) && AWS_ACCESS.some((a) => set.has(a))) set.add('external-secrets');
  return [...set].sort();
}

const selection = (names: readonly AddonName[]): AddonSelection => Object.fromEntries(names.map((n) => [n, true]));

function pools(specs: NonNullable<ClusterSpec['pools']>, ec2: boolean): NodePoolDefinition[] {
  return specs.map((p, i) => ({
    name: `pool-${i}`,
    ...(ec2 ? { instanceType: INSTANCE_TYPES[i % INSTANCE_TYPES.length]! } : {}),
    ...(p.replicas !== undefined ? { replicas: p.replicas } : {}),
    ...(p.autoscale ? { autoscaling: { min: 1, max: Math.max(6, p.replicas ?? 2) } } : {}),
    ...(p.disk !== undefined && ec2 ? { diskSizeGiB: p.disk } : {}),
    ...(p.label !== undefined ? { labels: { 'example.com/pool': p.label } } : {}),
    ...(p.taint ? { taints: [{ key: 'example.com/dedicated', value: `pool-${i}`, effect: 'NoSchedule' as const }] } : {}),
  }));
}

/**
 * Builds a valid definition. Disjoint by construction: the hub takes 10.0/16
 * (VPC), 10.100/16 (pods) and 172.20.0.0/20 (services); spoke i takes the VPC
 * 10.(1+i).0.0/16, pods inside 10.(101+i).0.0/16 and services inside
 * 172.20.(16·(i+1)).0/20.
 */
export function buildFleet(spec: FleetSpec): FleetDefinition {
  const envNames = ENVIRONMENTS.slice(0, spec.envCount);
  const environments: Record<string, EnvironmentDefinition> = {};
  envNames.forEach((name, e) => {
    const env = spec.envs[e]!;
    environments[name] = {
      ...(env.region !== undefined ? { region: env.region } : {}),
      ...(env.minor !== undefined ? { kubernetesVersion: env.eksVersion ? `1.${env.minor}` : `1.${env.minor}.1` } : {}),
      ...(env.pools !== undefined ? { nodePools: pools(Array.from({ length: env.pools }, () => ({ autoscale: false, taint: false })), true) } : {}),
      ...(env.tier !== undefined ? { tier: env.tier } : {}),
      ...(env.rolloutTier !== undefined ? { rolloutTier: env.rolloutTier } : {}),
      ...(env.labelValue !== undefined ? { labels: { 'example.com/team': env.labelValue } } : {}),
      // Environment add-ons reach every kind of cluster: only those any provider can run, closed for the strictest (no IRSA).
      addons: selection(closeAddons(env.addons.filter((a) => !AWS_ACCESS.includes(a)), 'capi-docker')),
    };
  });
  const clusters = spec.clusters.map((c, i) => buildCluster(c, i, envNames, spec));
  return {
    name: spec.fleetName,
    repo: { url: `https://github.com/example/${spec.fleetName}.git`, path: 'gitops' },
    ...(spec.engine !== undefined ? { engine: spec.engine } : {}),
    hub: {
      name: 'hub',
      region: 'us-east-1',
      provider: { kind: 'pulumi-eks', vpcCidr: '10.0.0.0/16' },
      kubernetesVersion: '1.34',
      network: { podCidr: '10.100.0.0/16', serviceCidr: '172.20.0.0/20' },
      nodePools: [{ name: 'system', instanceType: 'm6i.large' }],
      argocd: { awsRoleArn: 'arn:aws:iam::111122223333:role/fleet-argocd' },
      // Spokes running thanos need the hub's (its Thanos Query reads their sidecars).
      ...(spec.hubAddons || usesThanos(environments, clusters) ? { addons: { 'cert-manager': true, 'external-secrets': true, 'kube-prometheus-stack': true, thanos: true } } : {}),
    },
    platform: {
      irsaRoleArn: 'arn:aws:iam::111122223333:role/{cluster}-{addon}',
      certManager: { acmeEmail: 'platform@example.com' },
      externalDns: { domainFilters: ['example.com'] },
      externalSecrets: { store: { kind: 'vault', server: 'https://vault.example.com:8200' } },
      kyverno: { allowedRegistries: ['ghcr.io/example/', 'registry.k8s.io/'] },
      velero: { bucket: 'example-velero-{region}' },
      thanos: { sidecarEndpoint: 'thanos-sidecar.{cluster}.example.com:10901' },
    },
    environments,
    clusters,
  };
}

function usesThanos(environments: Record<string, EnvironmentDefinition>, clusters: readonly ClusterDefinition[]): boolean {
  return [...Object.values(environments), ...clusters].some((x) => x.addons?.thanos !== undefined);
}

function buildCluster(c: ClusterSpec, i: number, envNames: readonly string[], spec: FleetSpec): ClusterDefinition {
  const envName = envNames[c.env % envNames.length]!;
  const env = spec.envs[c.env % envNames.length]!;
  const kubeadm = KUBEADM.includes(c.kind);
  const eks = c.kind === 'capi-aws-eks' || c.kind === 'pulumi-eks';
  // The environment's version fits when its form (with or without patch) is the one the provider needs.
  const envVersionFits = env.minor !== undefined && (kubeadm ? !env.eksVersion : eks ? env.eksVersion : true);
  const region = c.region ?? env.region ?? 'us-east-1';
  const vpcCidr = `10.${1 + i}.0.0/16`;
  const provider: ProviderDefinition =
    c.kind === 'capi-aws'
      ? { kind: 'capi-aws', vpcCidr, controlPlane: { instanceType: 'm6i.large', ...(c.controlPlaneReplicas ? { replicas: c.controlPlaneReplicas } : {}) } }
      : c.kind === 'capi-docker'
        ? { kind: 'capi-docker', ...(c.controlPlaneReplicas ? { controlPlane: { replicas: c.controlPlaneReplicas } } : {}) }
        : c.kind === 'existing-aws-iam'
          ? {
            kind: 'existing',
            server: `https://C${i}.gr7.${region}.eks.amazonaws.com`,
            auth: { kind: 'aws-iam', eksClusterName: `${spec.fleetName}-c${i}`, caData: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lCQURBS0JnZ3Foa2pPUFFRREFqQWpNU0V3SHdZRFZRUUREQmhyTXk1elpYSjIKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=' },
          }
          : { kind: c.kind, vpcCidr, ...(c.publicEndpoint !== undefined ? { publicEndpoint: c.publicEndpoint } : {}) };
  // Docker node pools take no instance type, so they never inherit the environment's (which have one).
  const ownPools = c.kind !== 'existing-aws-iam' && (c.pools !== undefined || c.kind === 'capi-docker' || env.pools === undefined);
  const addons = closeAddons([...c.addons, ...(c.velero ? ['velero' as const] : []), ...(IRSA.includes(c.kind) ? [] : ['cilium' as const])], c.kind);
  const drRegion = REGIONS.find((r) => r !== region)!;
  return {
    name: `${c.stem}-${i}`,
    environment: envName,
    ...(c.region !== undefined || env.region === undefined ? { region } : {}),
    ...(c.ownVersion || !envVersionFits ? { kubernetesVersion: kubeadm ? `1.${c.minor}.${c.patch}` : `1.${c.minor}` } : {}),
    provider,
    ...(ownPools ? { nodePools: pools(c.pools ?? [{ autoscale: false, taint: false }], c.kind !== 'capi-docker') } : {}),
    network: { podCidr: `10.${101 + i}.0.0/${c.podPrefix}`, serviceCidr: `172.20.${16 * (i + 1)}.0/${c.servicePrefix}` },
    ...(c.labelValue !== undefined ? { labels: { 'example.com/owner': c.labelValue } } : {}),
    addons: { ...selection(addons), ...(c.velero ? { velero: { drRegion } } : {}) },
  };
}

/** A way to break a valid definition: it mutates a copy in place and returns the path the problem must name. */
export interface Mutation {
  readonly name: string;
  apply(definition: any, pick: number): string;
}

const UNKNOWN_ADDONS = ['istio', 'linkerd', 'grafana', 'certManager'] as const;

/** A cluster index from `pick`, and another one before it when there are two clusters or more. */
function two(definition: any, pick: number): { j: number; k?: number } {
  const n = definition.clusters.length;
  if (n < 2) return { j: 0 };
  const j = 1 + (pick % (n - 1));
  return { j, k: pick % j };
}

export const MUTATIONS: readonly Mutation[] = [
  {
    name: 'a duplicate cluster name',
    apply(d, pick) {
      const { j, k } = two(d, pick);
      // One cluster: the hub's name is taken too.
      d.clusters[j].name = k === undefined ? d.hub.name : d.clusters[k].name;
      return `clusters[${j}].name`;
    },
  },
  {
    name: "a pod range overlapping another cluster's or the hub's",
    apply(d, pick) {
      const { j, k } = two(d, pick);
      const other = k === undefined ? d.hub.network.podCidr : d.clusters[k].network.podCidr;
      // A /24 inside the other range: the first /24 of it.
      d.clusters[j].network.podCidr = other.replace(/\/\d+$/, '/24');
      return `clusters[${j}].network.podCidr`;
    },
  },
  {
    name: "a service range overlapping the hub's",
    apply(d, pick) {
      const j = pick % d.clusters.length;
      d.clusters[j].network.serviceCidr = `172.20.${4 * (pick % 4)}.0/22`;
      return `clusters[${j}].network.serviceCidr`;
    },
  },
  {
    name: 'an unknown add-on on a cluster',
    apply(d, pick) {
      const j = pick % d.clusters.length;
      const name = UNKNOWN_ADDONS[pick % UNKNOWN_ADDONS.length]!;
      d.clusters[j].addons = { ...d.clusters[j].addons, [name]: true };
      return `clusters[${j}].addons.${name}`;
    },
  },
  {
    name: 'an unknown add-on in an environment',
    apply(d, pick) {
      const env = Object.keys(d.environments)[pick % Object.keys(d.environments).length]!;
      d.environments[env].addons = { ...d.environments[env].addons, 'service-mesh': true };
      return `environments.${env}.addons["service-mesh"]`;
    },
  },
  {
    name: "a node pool's replicas as a string",
    apply(d, pick) {
      const withPools = d.clusters.map((c: any, i: number) => [c, i]).filter(([c]: any) => c.nodePools !== undefined);
      if (withPools.length === 0) {
        d.hub.nodePools[0].replicas = '3';
        return 'hub.nodePools[0].replicas';
      }
      const [c, i] = withPools[pick % withPools.length];
      const p = pick % c.nodePools.length;
      c.nodePools[p].replicas = String(c.nodePools[p].replicas ?? 2);
      return `clusters[${i}].nodePools[${p}].replicas`;
    },
  },
  {
    name: 'a label value as a number',
    apply(d, pick) {
      const j = pick % d.clusters.length;
      d.clusters[j].labels = { ...d.clusters[j].labels, 'example.com/cost-center': 4711 };
      return `clusters[${j}].labels["example.com/cost-center"]`;
    },
  },
  {
    name: 'a pod range as a number',
    apply(d, pick) {
      const j = pick % d.clusters.length;
      d.clusters[j].network.podCidr = 10;
      return `clusters[${j}].network.podCidr`;
    },
  },
  {
    name: 'an environment tier as a boolean',
    apply(d, pick) {
      const env = Object.keys(d.environments)[pick % Object.keys(d.environments).length]!;
      d.environments[env].tier = true;
      return `environments.${env}.tier`;
    },
  },
  // A required field of one cluster, deleted.
  ...(['network', 'provider', 'environment'] as const).map(
    (field): Mutation => ({
      name: `a missing cluster's ${field}`,
      apply(d, pick) {
        const j = pick % d.clusters.length;
        delete d.clusters[j][field];
        return `clusters[${j}].${field}`;
      },
    }),
  ),
  {
    name: "a missing hub's pod range",
    apply(d) {
      delete d.hub.network.podCidr;
      return 'hub.network.podCidr';
    },
  },
  {
    name: "a missing repository's URL",
    apply(d) {
      delete d.repo.url;
      return 'repo.url';
    },
  },
];

/** A valid definition, a mutation that breaks it, and the index the mutation picks its target with. */
export const brokenFleet = fc
  .record({ fleet: validFleet, mutation: fc.constantFrom(...MUTATIONS), pick: fc.nat() })
  .map(({ fleet, mutation, pick }) => {
    const definition = structuredClone(fleet.definition) as any;
    const path = mutation.apply(definition, pick);
    return { definition, mutation: mutation.name, path };
  });

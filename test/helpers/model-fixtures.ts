/**
 * Resolved model objects for tests: plain literals typed as the model's
 * `Cluster` / `HubCluster`, one per provider, with overrides.
 */
import type { Cluster, HubCluster, NodePool, Provider, Registration } from '../../model/types';

/** The role the hub's Argo CD assumes in the fixtures. */
export const ARGOCD_ROLE_ARN = 'arn:aws:iam::123456789012:role/fleet-argocd';

/** A node pool named `workers` with 3 m6i.xlarge nodes. */
export function nodePool(overrides: Partial<NodePool> = {}): NodePool {
  return {
    name: 'workers',
    instanceType: 'm6i.xlarge',
    replicas: 3,
    diskSizeGiB: 80,
    labels: {},
    taints: [],
    ...overrides,
  };
}

/** A docker node pool (no instance type). */
export function dockerNodePool(overrides: Partial<NodePool> = {}): NodePool {
  const { instanceType: _omitted, ...pool } = nodePool();
  return { ...pool, replicas: 2, ...overrides };
}

const PROVIDERS = {
  'capi-aws': {
    kind: 'capi-aws',
    vpcCidr: '10.10.0.0/16',
    controlPlane: { replicas: 3, instanceType: 'm6i.large' },
    sshKeyName: 'platform',
  },
  'capi-aws-eks': {
    kind: 'capi-aws-eks',
    vpcCidr: '10.30.0.0/16',
    eksClusterName: 'acme-prod-eu',
    publicEndpoint: false,
    argocdRoleArn: ARGOCD_ROLE_ARN,
  },
  'capi-docker': { kind: 'capi-docker', controlPlane: { replicas: 1 } },
  'pulumi-eks': {
    kind: 'pulumi-eks',
    vpcCidr: '10.40.0.0/16',
    eksClusterName: 'acme-legacy',
    publicEndpoint: false,
    argocdRoleArn: ARGOCD_ROLE_ARN,
  },
  existing: { kind: 'existing', server: 'https://k8s.example.com', auth: { kind: 'secret-store' } },
} as const satisfies { [K in Provider['kind']]: Extract<Provider, { kind: K }> };

function registrationFor(name: string, provider: Provider): Registration {
  switch (provider.kind) {
    case 'capi-aws-eks':
      return {
        kind: 'capi-kubeconfig',
        kubeconfigSecret: `${name}-kubeconfig`,
        auth: { kind: 'aws-iam', eksClusterName: provider.eksClusterName, roleArn: provider.argocdRoleArn ?? ARGOCD_ROLE_ARN },
      };
    case 'capi-aws':
    case 'capi-docker':
      return { kind: 'capi-kubeconfig', kubeconfigSecret: `${name}-kubeconfig`, auth: { kind: 'client-certificate' } };
    case 'pulumi-eks':
      return { kind: 'pulumi', auth: { kind: 'aws-iam', eksClusterName: provider.eksClusterName, roleArn: provider.argocdRoleArn ?? ARGOCD_ROLE_ARN } };
    default:
      return { kind: 'secret-store', key: `acme/${name}/argocd-cluster`, auth: { kind: 'config' } };
  }
}

/** A spoke on `kind`, named `name`, with one node pool. */
export function spoke(kind: Provider['kind'], overrides: Partial<Cluster> = {}): Cluster {
  const name = overrides.name ?? `prod-${kind}`;
  const provider = overrides.provider ?? PROVIDERS[kind];
  const docker = provider.kind === 'capi-docker';
  return {
    name,
    role: 'spoke',
    region: 'eu-west-1',
    provider,
    kubernetesVersion: provider.kind === 'capi-aws-eks' || provider.kind === 'pulumi-eks' ? { major: 1, minor: 31 } : { major: 1, minor: 31, patch: 4 },
    network: { podCidr: '10.20.0.0/16', serviceCidr: '172.20.0.0/16' },
    nodePools: [docker ? dockerNodePool() : nodePool()],
    environment: 'prod',
    delivery: 'gitops',
    tier: 'production',
    rolloutTier: 'general',
    wave: 'prod',
    labels: { env: 'prod', region: 'eu-west-1', tier: 'production', 'rollout-tier': 'general', 'fleetwright.io/provider': provider.kind },
    annotations: {},
    addons: [],
    addonOptions: {},
    addonValues: {},
    protected: true,
    registration: registrationFor(name, provider),
    standby: false,
    ...overrides,
  };
}

/** The hub, on `kind` (a management cluster that manages itself after `clusterctl move`). */
export function hub(kind: Provider['kind'], overrides: Partial<HubCluster> = {}): HubCluster {
  const { environment: _e, tier: _t, rolloutTier: _r, protected: _p, registration: _g, role: _role, standby: _s, drPartner: _dr, wave: _w, ...base } = spoke(kind, {
    name: 'hub',
  });
  // The hub's own Argo CD needs no role to reach the hub.
  const provider = base.provider.kind === 'capi-aws-eks' ? withoutArgocdRole(base.provider) : base.provider;
  return { ...base, provider, role: 'hub', labels: { 'fleetwright.io/provider': kind }, ...overrides };
}

function withoutArgocdRole(provider: Extract<Provider, { kind: 'capi-aws-eks' }>): Provider {
  const { argocdRoleArn: _omitted, ...rest } = provider;
  return rest;
}

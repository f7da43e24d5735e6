/**
 * Synthetic fleets for benchmarks and scale tests: the example fleet's hub,
 * environments and settings with `n` generated spokes over three
 * environments and six regions, on three providers, running the full add-on
 * catalog (Velero and Thanos included), with disjoint networks. The example's
 * waves, apps, previews and services come along, adapted to the generated
 * clusters (dev and staging clusters take their environment's rollout tier,
 * prod clusters are spread over canary, early and general; Karmada weighs
 * every region).
 */
import exampleDefinition from '../fleet.config';
import type { AddonSelection, ClusterDefinition, FleetDefinition, ProviderDefinition } from '../model';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1', 'ap-northeast-1'];
const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
const ROLLOUT_TIERS = ['canary', 'early', 'general', 'general'];
export const MAX_GENERATED_CLUSTERS = 16_000;

const EVERY_ADDON: AddonSelection = {
  'argo-rollouts': true,
  'cert-manager': true,
  'external-dns': true,
  'external-secrets': true,
  'ingress-nginx': true,
  'kube-prometheus-stack': true,
  kyverno: true,
  thanos: true,
  velero: true,
};

export function generateFleet(n: number): FleetDefinition {
  if (!Number.isInteger(n) || n < 1 || n > MAX_GENERATED_CLUSTERS) {
    throw new Error(`generateFleet: ${n} clusters is outside 1..${MAX_GENERATED_CLUSTERS}`);
  }
  const base = exampleDefinition as FleetDefinition;
  const clusters: ClusterDefinition[] = [];
  for (let i = 0; i < n; i++) {
    const env = ENVIRONMENTS[i % 3]!;
    const r = Math.floor(i / 3) % REGIONS.length;
    const region = REGIONS[r]!;
    // Disaster-recovery backups go to the next region.
    const addons: AddonSelection = { ...EVERY_ADDON, velero: { drRegion: REGIONS[(r + 1) % REGIONS.length]! } };
    // One /24 each, in blocks the hub does not use: VPCs 10.1-63, pods 10.101-163, services 10.170-232.
    const range = (first: number) => `10.${first + (i >> 8)}.${i & 255}.0/24`;
    const kubeadm = i % 4 === 0;
    const provider: ProviderDefinition = kubeadm
      ? { kind: 'capi-aws', vpcCidr: range(1), controlPlane: { instanceType: 'm6i.large' } }
      : { kind: i % 4 === 1 ? 'pulumi-eks' : 'capi-aws-eks', vpcCidr: range(1) };
    clusters.push({
      name: `${env}-${region}-${String(i).padStart(5, '0')}`,
      environment: env,
      region,
      kubernetesVersion: kubeadm ? '1.34.2' : '1.34',
      ...(env === 'prod' ? { rolloutTier: ROLLOUT_TIERS[i % ROLLOUT_TIERS.length]! } : {}),
      provider,
      network: { podCidr: range(101), serviceCidr: range(170) },
      addons: kubeadm ? { ...addons, cilium: true } : addons,
    });
  }
  return {
    ...base,
    // Every environment synced by GitOps, so the tree holds everything a fleet can need.
    environments: {
      dev: { ...base.environments.dev, addons: {}, delivery: 'gitops' },
      staging: { ...base.environments.staging, addons: {} },
      prod: { ...base.environments.prod, addons: {} },
    },
    clusters,
    apps: (base.apps ?? []).map((app) => (app.previews ? { ...app, previews: { ...app.previews, cluster: clusters.find((c) => c.environment === 'staging')?.name ?? app.previews.cluster } } : app)),
    services: (base.services ?? []).map((s) => {
      if (!s.karmada?.weights) return s;
      // Weigh the regions the service's clusters are in (a small fleet has prod clusters in only some).
      const regions = REGIONS.filter((r) => clusters.some((c) => c.region === r && (s.environments ?? []).includes(c.environment)));
      return { ...s, karmada: { ...s.karmada, weights: Object.fromEntries(regions.map((r) => [r, (REGIONS.indexOf(r) % 3) + 1])), overrides: [] } };
    }),
  };
}

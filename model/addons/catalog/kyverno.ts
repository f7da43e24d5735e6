import type { KyvernoOptions } from '../options';
import { defineAddon } from '../spec';

/** What the fleet's policies do with a violation. */
export type KyvernoMode = NonNullable<KyvernoOptions['mode']>;

/**
 * The mode of an environment's policies (or the hub's): its `mode` option,
 * else `enforce` on production tier and `audit` elsewhere.
 */
export function kyvernoMode(tier: 'production' | 'non-production', options: Pick<KyvernoOptions, 'mode'> | undefined): KyvernoMode {
  return options?.mode ?? (tier === 'production' ? 'enforce' : 'audit');
}

/**
 * Kyverno with the fleet's ClusterPolicies: no privileged containers, CPU and
 * memory requests and a memory limit on every container, images only from
 * `platform.kyverno.allowedRegistries`. The policies live in each
 * environment's overlay, so their mode is an environment's choice.
 */
export const kyverno = defineAddon({
  name: 'kyverno',
  description: 'Policies: no privileged pods, resource requests and limits required, images only from allowed registries',
  namespace: 'kyverno',
  // Kyverno's admission, background, cleanup and reports controllers meet the restricted profile.
  podSecurity: 'restricted',
  // Chart 3.9.0 ships Kyverno v1.19.0, the release of the CRDs in shared/crds/kyverno.
  chart: { repoUrl: 'https://kyverno.github.io/kyverno', chart: 'kyverno', version: '3.9.0' },
  // The fleet's ClusterPolicies.
  apiGroups: ['kyverno.io'],
  dependsOn: [],
  requiresPlatform: 'kyverno',
  serverSideApply: true,
  // The policies are shared by an environment's clusters (one overlay folder).
  environmentOnlyOptions: ['mode'],
});

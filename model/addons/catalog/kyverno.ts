import { defineAddon } from '../spec';

/** Kyverno with the fleet's ClusterPolicies. */
export const kyverno = defineAddon({
  name: 'kyverno',
  description: 'Policies: no privileged pods, resource limits required, images only from allowed registries',
  namespace: 'kyverno',
  chart: { repoUrl: 'https://kyverno.github.io/kyverno', chart: 'kyverno', version: '3.7.0' },
  dependsOn: [],
  requiresPlatform: 'kyverno',
  serverSideApply: true,
});

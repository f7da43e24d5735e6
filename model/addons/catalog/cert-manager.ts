import { defineAddon } from '../spec';

/** cert-manager, with the fleet's `letsencrypt` ClusterIssuer. */
export const certManager = defineAddon({
  name: 'cert-manager',
  description: 'TLS certificates from ACME (Let’s Encrypt) through the fleet’s ClusterIssuer',
  namespace: 'cert-manager',
  // The chart's controller, webhook, cainjector and startupapicheck pods meet the restricted profile.
  podSecurity: 'restricted',
  chart: { repoUrl: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.21.1' },
  // The fleet's ClusterIssuer.
  apiGroups: ['cert-manager.io'],
  dependsOn: [],
  requiresPlatform: 'certManager',
});

import { defineAddon } from '../spec';

/**
 * external-dns for the fleet's Route 53 zones: records for Services and
 * Ingresses, each cluster owning its own through a TXT owner ID of its name.
 */
export const externalDns = defineAddon({
  name: 'external-dns',
  description: 'DNS records in Route 53 for Services and Ingresses, owned per cluster',
  namespace: 'external-dns',
  // One unprivileged Deployment: non-root, read-only root filesystem, ALL capabilities dropped, seccomp RuntimeDefault.
  podSecurity: 'restricted',
  // ExternalDNS v0.21.0.
  chart: { repoUrl: 'https://kubernetes-sigs.github.io/external-dns', chart: 'external-dns', version: '1.21.1' },
  dependsOn: [],
  requiresPlatform: 'externalDns',
  awsAccess: true,
});

import { defineAddon } from '../spec';

/** external-dns for the fleet's Route 53 zones. */
export const externalDns = defineAddon({
  name: 'external-dns',
  description: 'DNS records in Route 53 for Services and Ingresses, owned per cluster',
  namespace: 'external-dns',
  chart: { repoUrl: 'https://kubernetes-sigs.github.io/external-dns', chart: 'external-dns', version: '1.19.0' },
  dependsOn: [],
  requiresPlatform: 'externalDns',
  awsAccess: true,
});

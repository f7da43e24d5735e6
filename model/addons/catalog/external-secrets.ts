import { defineAddon } from '../spec';

/** External Secrets Operator, with the cluster's `fleet-secrets` ClusterSecretStore. */
export const externalSecrets = defineAddon({
  name: 'external-secrets',
  description: 'Secrets from Vault or AWS Secrets Manager at <fleet>/<cluster>/<name>, through the fleet-secrets ClusterSecretStore',
  namespace: 'external-secrets',
  chart: { repoUrl: 'https://charts.external-secrets.io', chart: 'external-secrets', version: '2.9.0' },
  dependsOn: [],
  requiresPlatform: 'externalSecrets',
  serverSideApply: true,
});

import { defineAddon } from '../spec';

/** Providers whose clusters reach AWS without stored credentials: IRSA on EKS, the EC2 instance role on capi-aws. */
const AWS_PROVIDERS = ['capi-aws', 'capi-aws-eks', 'pulumi-eks'];

/**
 * External Secrets Operator, with the cluster's `fleet-secrets`
 * ClusterSecretStore. Every cluster reads its own secrets at
 * `<fleet>/<cluster>/<name>`; what confines it to that path is the store's
 * side (the Vault policy of the cluster's own Kubernetes auth mount and role,
 * or the IAM policy of the cluster's role), not the path convention itself.
 */
export const externalSecrets = defineAddon({
  name: 'external-secrets',
  description: 'Secrets from Vault or AWS Secrets Manager at <fleet>/<cluster>/<name>, through the fleet-secrets ClusterSecretStore',
  namespace: 'external-secrets',
  // The controller, webhook and cert-controller meet the restricted profile.
  podSecurity: 'restricted',
  // Chart 2.9.0 ships External Secrets Operator v2.9.0, the release of the CRDs in shared/crds/external-secrets.
  chart: { repoUrl: 'https://charts.external-secrets.io', chart: 'external-secrets', version: '2.9.0' },
  // The fleet's ClusterSecretStore and ExternalSecrets.
  apiGroups: ['external-secrets.io'],
  dependsOn: [],
  requiresPlatform: 'externalSecrets',
  serverSideApply: true,
  check: ({ path, cluster, platform, problems }) => {
    if (platform.externalSecrets?.store.kind !== 'aws-secrets-manager') return;
    // An `existing` cluster reached through AWS IAM is an EKS cluster (IRSA); one registered through the secret store has no known AWS identity.
    const onAws = AWS_PROVIDERS.includes(cluster.providerKind) || cluster.irsa;
    if (!onAws) {
      problems.at(
        'platform.externalSecrets.store.kind',
        'aws-secrets-manager',
        `needs an AWS identity, but ${path} runs external-secrets on cluster "${cluster.name}" (provider "${cluster.providerKind}"${cluster.providerKind === 'existing' ? ', registered through the secret store' : ''}), which has neither IAM roles for service accounts nor an EC2 instance role`,
        `use a Vault store (kind "vault"), or disable external-secrets on cluster "${cluster.name}"`,
      );
    } else if (cluster.irsa && platform.irsaRoleArn === undefined) {
      problems.add(
        'platform.irsaRoleArn',
        `platform.irsaRoleArn is missing, but ${path} runs external-secrets with AWS Secrets Manager on EKS cluster "${cluster.name}", which reaches AWS through an IAM role for its service account; set a pattern like "arn:aws:iam::111122223333:role/{cluster}-{addon}"`,
      );
    }
  },
});

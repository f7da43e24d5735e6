/**
 * external-secrets: the chart (CRDs included, the operator's ServiceAccount
 * named `external-secrets`) and, per cluster, the `fleet-secrets`
 * ClusterSecretStore every other add-on reads through.
 *
 * Metrics: a ServiceMonitor on clusters that run kube-prometheus-stack.
 *
 * The store is `platform.externalSecrets.store`:
 * - Vault (`kind: 'vault'`): the KV v2 mount `mountPath` (default `secret`),
 *   Kubernetes auth at `authMountPath` (default `kubernetes-{cluster}`) with
 *   role `role` (default `external-secrets`), `{cluster}` replaced by the
 *   cluster's name, presenting the operator's ServiceAccount token.
 * - AWS Secrets Manager (`kind: 'aws-secrets-manager'`) in the cluster's
 *   region: on EKS through IRSA (the ServiceAccount carries the cluster's
 *   role, `platform.irsaRoleArn` with `{addon}` = external-secrets), on
 *   capi-aws through the nodes' EC2 instance role (no auth block). The model
 *   refuses it on clusters without AWS.
 *
 * Path convention: a cluster's secrets live at `<fleet>/<cluster>/<name>`
 * (`clusterSecretKey`), e.g. `acme/prod-eu-west-1/velero-aws` (in Vault:
 * `secret/data/acme/prod-eu-west-1/velero-aws`). The path alone confines
 * nothing: the store's side must. In Vault, each cluster has its own
 * Kubernetes auth mount, and the role there carries a policy that reads
 * only `secret/data/<fleet>/<cluster>/*`; in AWS, the cluster's IAM role (or
 * its nodes' instance role) may read only `<fleet>/<cluster>/*` secrets.
 * Those policies are the fleet operator's to write; fleetwright only names
 * the mount, the role and the path.
 */
import { RemoteSecretStore } from '../../constructs/external-secrets/remote-secret-store';
import { SecretBackend, type ServiceAccountRef } from '../../constructs/external-secrets/secret-backend';
import { externalSecrets as spec, type Fleet } from '../../model';
import { awsAccess, FLEET_SECRET_STORE, IRSA_ANNOTATION, serviceMonitorValues } from './conventions';
import { defineAddonRenderer, type AddonCluster, type ValuesLayer } from './spi';
import type { ExternalSecretsValues } from './values/external-secrets';

/** The operator's ServiceAccount (the chart's, named explicitly so the store can reference it). */
export const OPERATOR_SERVICE_ACCOUNT: ServiceAccountRef = { name: 'external-secrets', namespace: spec.namespace };

/** Store defaults, and the placeholder replaced by the cluster's name. */
export const VAULT_DEFAULTS = { mountPath: 'secret', authMountPath: 'kubernetes-{cluster}', role: 'external-secrets' } as const;

function perCluster(pattern: string, cluster: AddonCluster): string {
  return pattern.replaceAll('{cluster}', cluster.name);
}

/** The IAM role the operator assumes on an EKS cluster with AWS Secrets Manager, or none. */
function irsaRole(fleet: Fleet, cluster: AddonCluster): string | undefined {
  if (fleet.platform.externalSecrets?.store.kind !== 'aws-secrets-manager') return undefined;
  const access = awsAccess(fleet, cluster, spec.name);
  return access.kind === 'irsa' ? access.roleArn : undefined;
}

/** The backend of a cluster's `fleet-secrets` store. */
export function fleetSecretBackend(fleet: Fleet, cluster: AddonCluster): SecretBackend {
  const store = fleet.platform.externalSecrets!.store;
  if (store.kind === 'vault') {
    return SecretBackend.vault({
      server: store.server,
      mountPath: store.mountPath ?? VAULT_DEFAULTS.mountPath,
      authMountPath: perCluster(store.authMountPath ?? VAULT_DEFAULTS.authMountPath, cluster),
      role: perCluster(store.role ?? VAULT_DEFAULTS.role, cluster),
      serviceAccount: OPERATOR_SERVICE_ACCOUNT,
    });
  }
  return SecretBackend.awsSecretsManager({
    region: cluster.region,
    auth: irsaRole(fleet, cluster) !== undefined ? { kind: 'service-account', serviceAccount: OPERATOR_SERVICE_ACCOUNT } : { kind: 'instance-role' },
  });
}

export const externalSecrets = defineAddonRenderer<'external-secrets', ExternalSecretsValues>({
  spec,
  values: (): ValuesLayer<ExternalSecretsValues> => ({
    installCRDs: true,
    serviceAccount: { create: true, name: OPERATOR_SERVICE_ACCOUNT.name },
    // On per cluster, where kube-prometheus-stack runs (clusterValues).
    serviceMonitor: { enabled: false },
  }),
  overlayValues: (_fleet, overlay): ValuesLayer<ExternalSecretsValues> =>
    overlay.tier === 'production' ? { replicaCount: 2, leaderElect: true, podDisruptionBudget: { enabled: true, minAvailable: 1 } } : {},
  clusterValues: (fleet, cluster): ValuesLayer<ExternalSecretsValues> => {
    const role = irsaRole(fleet, cluster);
    const monitor: ValuesLayer<Pick<ExternalSecretsValues, 'serviceMonitor'>> = serviceMonitorValues(cluster);
    return {
      ...(role !== undefined ? ({ serviceAccount: { annotations: { [IRSA_ANNOTATION]: role } } } satisfies ValuesLayer<ExternalSecretsValues>) : {}),
      ...monitor,
    };
  },
  addClusterObjects: (scope, fleet, cluster) => {
    new RemoteSecretStore(scope, 'fleet-secrets', { name: FLEET_SECRET_STORE, backend: fleetSecretBackend(fleet, cluster) });
  },
});

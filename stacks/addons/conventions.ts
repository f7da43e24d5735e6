/**
 * Conventions the add-ons share: the per-cluster ClusterSecretStore, the
 * secret path of each cluster (`<fleet>/<cluster>/<name>`), and how an
 * add-on that calls AWS gets credentials without any in Git.
 */
import { Construct } from 'constructs';
import { ExternalSecret } from '../../constructs/external-secrets/external-secret';
import { hasIrsa, kubePrometheusStack, Names, type AddonName, type Fleet, type HelmValues } from '../../model';
import type { AddonCluster } from './spi';

/** The ClusterSecretStore external-secrets creates on every cluster that runs it. */
export const FLEET_SECRET_STORE = 'fleet-secrets';

/** Key of a cluster's secret in the fleet's store. */
export function clusterSecretKey(fleet: Fleet, cluster: AddonCluster, name: string): string {
  return Names.secretKey(fleet.name, cluster.name, name);
}

/** How an add-on reaches AWS on a cluster. */
export type AwsAccess =
  /** EKS: the service account assumes this IAM role (IRSA); nothing is stored. */
  | { readonly kind: 'irsa'; readonly roleArn: string }
  /** Elsewhere: a Secret written by External Secrets from the fleet's store. */
  | { readonly kind: 'external-secret'; readonly secretName: string; readonly key: string };

export function awsAccess(fleet: Fleet, cluster: AddonCluster, addon: AddonName): AwsAccess {
  if (hasIrsa(cluster.provider)) {
    // The model requires platform.irsaRoleArn whenever an add-on needs it on EKS.
    const pattern = fleet.platform.irsaRoleArn!;
    return { kind: 'irsa', roleArn: pattern.replaceAll('{cluster}', cluster.name).replaceAll('{addon}', addon) };
  }
  return { kind: 'external-secret', secretName: `${addon}-aws-credentials`, key: clusterSecretKey(fleet, cluster, `${addon}-aws`) };
}

/** The IRSA annotation of a service account, for Helm values. */
export const IRSA_ANNOTATION = 'eks.amazonaws.com/role-arn';

/**
 * Adds the ExternalSecret that writes AWS credentials (store properties
 * `access_key_id`, `secret_access_key`) into a Secret, shaped by `template`
 * (each add-on reads them differently); nothing for IRSA.
 */
export function addAwsCredentials(
  scope: Construct,
  access: AwsAccess,
  namespace: string,
  template: (ids: { readonly accessKeyId: string; readonly secretAccessKey: string }) => Readonly<Record<string, string>>,
): void {
  if (access.kind !== 'external-secret') return;
  new ExternalSecret(scope, 'AwsCredentials', {
    metadata: { name: access.secretName, namespace },
    clusterSecretStore: FLEET_SECRET_STORE,
    data: [
      { secretKey: 'accessKeyId', key: access.key, property: 'access_key_id' },
      { secretKey: 'secretAccessKey', key: access.key, property: 'secret_access_key' },
    ],
    template: { data: template({ accessKeyId: '{{ .accessKeyId }}', secretAccessKey: '{{ .secretAccessKey }}' }) },
  });
}

/**
 * `{ serviceMonitor: … }` for a chart's values when the cluster runs
 * kube-prometheus-stack, whose Prometheus selects ServiceMonitors by its
 * release label; `{}` otherwise (the CRD would be missing).
 */
export function serviceMonitorValues(cluster: AddonCluster): HelmValues {
  return cluster.addons.includes(kubePrometheusStack.name)
    ? { serviceMonitor: { enabled: true, additionalLabels: { release: kubePrometheusStack.name } } }
    : {};
}

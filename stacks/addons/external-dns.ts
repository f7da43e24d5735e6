/**
 * external-dns: Route 53 records for the cluster's Services and Ingresses,
 * in the fleet's zones (`platform.externalDns.domainFilters`), with the
 * fleet's policy (`upsert-only` unless set: records are never deleted). Each
 * cluster marks its records with a TXT owner ID of its own name, so clusters
 * sharing a zone never take over or delete each other's records. AWS access:
 * an IAM role for the service account on EKS; elsewhere the AWS SDK's
 * environment variables, from a Secret External Secrets writes from the
 * fleet's store.
 * @see https://kubernetes-sigs.github.io/external-dns/latest/docs/tutorials/aws/
 */
import { externalDns as spec, ClusterParam } from '../../model';
import { addAwsCredentials, awsAccess, type AwsAccess, IRSA_ANNOTATION, serviceMonitorValues } from './conventions';
import { defineAddonRenderer, type ValuesLayer } from './spi';
import type { ExternalDnsValues } from './values/external-dns';

/** Keys of the credentials Secret. */
const ACCESS_KEY_ID = 'aws-access-key-id';
const SECRET_ACCESS_KEY = 'aws-secret-access-key';

export const externalDns = defineAddonRenderer<'external-dns', ExternalDnsValues>({
  spec,
  values: (fleet): ValuesLayer<ExternalDnsValues> => {
    const settings = fleet.platform.externalDns!;
    return {
      provider: { name: 'aws' },
      sources: ['service', 'ingress'],
      registry: 'txt',
      policy: settings.policy ?? 'upsert-only',
      domainFilters: [...settings.domainFilters],
    };
  },
  // The owner ID is the cluster's name, templated when Argo CD generates the cluster's Application.
  templatedValues: (): ValuesLayer<ExternalDnsValues> => ({ txtOwnerId: ClusterParam.name }),
  clusterValues: (fleet, cluster): ValuesLayer<ExternalDnsValues> => {
    const monitor: ValuesLayer<Pick<ExternalDnsValues, 'serviceMonitor'>> = serviceMonitorValues(cluster);
    return { ...awsValues(awsAccess(fleet, cluster, spec.name), cluster.region), ...monitor };
  },
  addClusterObjects: (scope, fleet, cluster) => {
    addAwsCredentials(scope, awsAccess(fleet, cluster, spec.name), spec.namespace, ({ accessKeyId, secretAccessKey }) => ({
      [ACCESS_KEY_ID]: accessKeyId,
      [SECRET_ACCESS_KEY]: secretAccessKey,
    }));
  },
});

/** How the chart's pod gets AWS credentials. */
function awsValues(access: AwsAccess, region: string): ValuesLayer<Pick<ExternalDnsValues, 'serviceAccount' | 'env'>> {
  if (access.kind === 'irsa') return { serviceAccount: { annotations: { [IRSA_ANNOTATION]: access.roleArn } } };
  const fromSecret = (key: string) => ({ secretKeyRef: { name: access.secretName, key } });
  return {
    // The AWS SDK's static credentials from the environment.
    env: [
      { name: 'AWS_ACCESS_KEY_ID', valueFrom: fromSecret(ACCESS_KEY_ID) },
      { name: 'AWS_SECRET_ACCESS_KEY', valueFrom: fromSecret(SECRET_ACCESS_KEY) },
      // Route 53 is global, but the SDK needs a region to sign requests.
      { name: 'AWS_DEFAULT_REGION', value: region },
    ],
  };
}

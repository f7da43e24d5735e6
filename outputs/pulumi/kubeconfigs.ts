/**
 * Kubeconfigs the stacks build for clusters they do not create with
 * `EksCluster` (which brings its own):
 *
 * - `existing` clusters with `aws-iam` auth: server and CA from the
 *   definition, a token from `aws eks get-token` (assuming the role Argo CD
 *   uses for the cluster, which the definition guarantees has access; the
 *   hub's is the caller's own identity, as `aws eks update-kubeconfig` writes).
 * - Cluster API clusters: the kubeconfig Cluster API writes on the hub, the
 *   Secret `<cluster>-kubeconfig` (key `value`) in the Cluster API namespace,
 *   read through the hub's provider once the cluster's objects are applied.
 *   Cluster API writes it only when the control plane is up, 10 to 20 minutes
 *   after the objects exist: on the first `pulumi up` of a new cluster the
 *   read fails ("does not exist") after the objects were created; wait until
 *   `kubectl -n <namespace> get secret <cluster>-kubeconfig` finds it (or
 *   `clusterctl describe cluster <cluster>` shows it ready) and run
 *   `pulumi up` again. For EKS clusters (capi-aws-eks) the Secret holds a
 *   token the AWS provider refreshes before it expires (15 minutes): a run
 *   that lasts longer can fail with an expired token; run it again.
 *
 * Kubeconfigs are secrets, even those that carry no credential.
 * @see https://cluster-api.sigs.k8s.io/developer/architecture/controllers/cluster.html#kubeconfig-secret
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { fluxKubeconfigSecret, type Cluster, type Fleet, type HubCluster } from '../../model';
import { kubeconfigYaml } from './eks';

/** Whether Cluster API creates the cluster on the hub. */
export function isClusterApi(cluster: Cluster | HubCluster): boolean {
  return cluster.provider.kind.startsWith('capi-');
}

/** The kubeconfig of an `existing` cluster with `aws-iam` auth; undefined for other providers. */
export function awsIamKubeconfig(cluster: Cluster | HubCluster): string | undefined {
  const provider = cluster.provider;
  if (provider.kind !== 'existing' || provider.auth.kind !== 'aws-iam') return undefined;
  const role = cluster.role === 'spoke' && cluster.registration.kind === 'static' ? cluster.registration.auth.roleArn : undefined;
  return kubeconfigYaml({
    clusterName: provider.auth.eksClusterName,
    region: cluster.region,
    endpoint: provider.server,
    certificateAuthority: provider.auth.caData,
    ...(role !== undefined ? { roleArn: role } : {}),
  });
}

/**
 * The kubeconfig Cluster API writes for `cluster` on the hub, read after
 * `dependsOn` (the cluster's Cluster API objects) are applied. A secret.
 */
export function clusterApiKubeconfig(
  fleet: Pick<Fleet, 'clusterApi'>,
  cluster: Cluster,
  options: { readonly hub: k8s.Provider; readonly parent: pulumi.Resource; readonly dependsOn: readonly pulumi.Resource[] },
): pulumi.Output<string> {
  const { name, namespace, key } = fluxKubeconfigSecret(fleet, cluster.name);
  const secret = k8s.core.v1.Secret.get(`${cluster.name}-kubeconfig`, `${namespace}/${name}`, {
    provider: options.hub,
    parent: options.parent,
    dependsOn: [...options.dependsOn],
  });
  return pulumi.secret(
    secret.data.apply((data) => {
      const value = data?.[key];
      if (value === undefined) throw new Error(`${namespace}/${name} on the hub has no key "${key}"; Cluster API writes the kubeconfig there`);
      return Buffer.from(value, 'base64').toString('utf8');
    }),
  );
}

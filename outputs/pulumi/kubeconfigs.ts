/**
 * Kubeconfigs the stacks build for clusters they do not create with
 * `EksCluster` (which brings its own):
 *
 * - `existing` clusters with `aws-iam` auth: server and CA from the
 *   definition, a token from `aws eks get-token` (assuming the role Argo CD
 *   uses for the cluster, which the definition guarantees has access; the
 *   hub's is the caller's own identity, as `aws eks update-kubeconfig` writes).
 * - Cluster API clusters: the kubeconfig Cluster API writes on the hub, the
 *   Secret `<cluster>-kubeconfig` (key `value`) in the Cluster's namespace,
 *   read through the hub's provider. Cluster API writes it once the control
 *   plane is initialized, 10 to 20 minutes after the objects exist, so the
 *   read waits for the Cluster API `Cluster` resource: the stack applies it
 *   with annotations that make the provider wait for `ControlPlaneInitialized`
 *   (see ./cluster-api), and the read's ID comes from that resource's ID.
 *   A resource being created has no ID during a preview, and Pulumi runs no
 *   read whose ID is unknown: previewing a new cluster lists the read without
 *   running it (its outputs unknown) instead of failing on a Secret that does
 *   not exist yet, and `pulumi up` reads it after the Cluster is created and
 *   its control plane initialized. A Cluster already in the stack's state is
 *   read during previews too (if an earlier `pulumi up` timed out waiting for
 *   its control plane, that preview can fail until Cluster API writes it).
 *   For EKS clusters (capi-aws-eks) the Secret holds a token the AWS
 *   provider refreshes before it expires (15 minutes): a run that lasts
 *   longer can fail with an expired token; run it again.
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
 * The kubeconfig Cluster API writes for `cluster` on the hub: the Secret
 * `<name>-kubeconfig` in the namespace of `options.cluster` (its Cluster API
 * `Cluster` resource), read by an ID derived from that resource's ID, so
 * only once the Cluster exists (unknown while a preview creates it), and
 * after `dependsOn` (the cluster's Cluster API objects). A secret.
 */
export function clusterApiKubeconfig(
  fleet: Pick<Fleet, 'clusterApi'>,
  cluster: Cluster,
  options: {
    readonly hub: k8s.Provider;
    readonly parent: pulumi.Resource;
    /** The resource of the cluster's Cluster API `Cluster`. */
    readonly cluster: k8s.apiextensions.CustomResource;
    readonly dependsOn: readonly pulumi.Resource[];
  },
): pulumi.Output<string> {
  const { key } = fluxKubeconfigSecret(fleet, cluster.name);
  // The ID only gates the read (unknown until the Cluster exists); the Secret's name follows Cluster API's contract.
  const id = pulumi.all([options.cluster.id, options.cluster.metadata]).apply(([, metadata]) => {
    if (metadata.namespace === undefined || metadata.name === undefined) throw new Error(`the Cluster API Cluster of ${cluster.name} has no namespace or name`);
    return `${metadata.namespace}/${metadata.name}-kubeconfig`;
  });
  const secret = k8s.core.v1.Secret.get(`${cluster.name}-kubeconfig`, id, {
    provider: options.hub,
    parent: options.parent,
    dependsOn: [...options.dependsOn],
  });
  return pulumi.secret(
    pulumi.all([id, secret.data]).apply(([read, data]) => {
      const value = data?.[key];
      if (value === undefined) throw new Error(`${read} on the hub has no key "${key}"; Cluster API writes the kubeconfig there`);
      return Buffer.from(value, 'base64').toString('utf8');
    }),
  );
}

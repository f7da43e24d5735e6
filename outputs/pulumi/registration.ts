/**
 * Registration of a `pulumi-eks` cluster of a GitOps-delivered environment
 * with the hub's Argo CD: the cluster Secret in Argo CD's namespace on the
 * hub, with the registration's labels and annotations (what the
 * ApplicationSets select and template on) and `awsAuthConfig` with the
 * role Argo CD assumes, to which `EksCluster` grants access. The server and
 * CA exist once the cluster does: the Secret's `stringData` is built inside
 * an `apply` (only data), the Secret itself registered outside it, and the
 * whole `stringData` is a Pulumi secret. Nothing of it is in Git.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#eks
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { pulumiClusterSecret } from '../../constructs/argocd/cluster-secret';
import type { Cluster, Fleet } from '../../model';
import type { EksCluster } from './eks';

/** The resource name of an object a stack creates on the hub for `cluster`. */
export function hubObjectName(cluster: string, namespace: string, name: string): string {
  return `${cluster}/hub/${namespace}/${name}`;
}

/**
 * The Argo CD cluster Secret of `cluster` on the hub, after the cluster can
 * be synced (Argo CD's access and the node groups exist).
 */
export function argocdRegistration(
  fleet: Pick<Fleet, 'argocd'>,
  cluster: Cluster,
  eks: EksCluster,
  opts: { readonly hub: k8s.Provider; readonly parent: pulumi.Resource },
): k8s.core.v1.Secret {
  const secret = pulumiClusterSecret(cluster, fleet.argocd.namespace);
  const stringData = pulumi.secret(
    pulumi.all([eks.endpoint, eks.certificateAuthority]).apply(([server, caData]) => ({ ...secret.stringData({ server, caData }) })),
  );
  const { metadata } = secret;
  return new k8s.core.v1.Secret(hubObjectName(cluster.name, metadata.namespace, metadata.name), {
    metadata: { name: metadata.name, namespace: metadata.namespace, labels: { ...metadata.labels }, annotations: { ...metadata.annotations } },
    type: secret.type,
    stringData,
  }, {
    parent: opts.parent,
    provider: opts.hub,
    dependsOn: [...(eks.argocdAccess?.ready ?? []), ...eks.nodeGroups],
  });
}

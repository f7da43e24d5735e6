/**
 * A Cluster API cluster of a Pulumi-delivered environment, applied to the
 * hub: the objects of its folder `hub/cluster-api/<cluster>`, which synth
 * renders but leaves out of the hub's `hub/cluster-api` kustomization, so the
 * hub's GitOps never applies them. The Cluster API namespace is the hub's
 * (its tree creates it).
 *
 * The objects are applied as synth renders them, with one exception: the
 * Cluster API `Cluster` gets {@link CONTROL_PLANE_AWAIT_ANNOTATIONS}, which
 * make the Kubernetes provider wait until Cluster API reports the control
 * plane initialized before the stack reads the kubeconfig (see ./kubeconfigs).
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { Layout, type Cluster } from '../../model';
import { folderObjects, isKind } from '../../stacks/delivery';
import type { KubeObject, Unit } from '../../stacks/rendered';
import { planObjects } from './apply-plan';
import { applyObjects } from './kube-objects';
import { holdsProductionData } from './protection';

export const CLUSTER_API_TYPE = 'fleetwright:fleet:ClusterApi';

/**
 * How long `pulumi up` waits for a new cluster's control plane: Cluster API
 * takes 10 to 20 minutes (EKS control planes the longest), so 30 minutes
 * leaves room without hanging for hours on a cluster that will not come up.
 */
export const CONTROL_PLANE_TIMEOUT_SECONDS = 30 * 60;

/**
 * The annotations the stack adds to the Cluster API `Cluster` it applies,
 * for the Kubernetes provider (@pulumi/kubernetes 4.18 or later) and nobody
 * else; the only difference between the objects a stack applies and the
 * objects synth renders (GitOps never sees them):
 *
 * - `pulumi.com/waitFor: condition=ControlPlaneInitialized`: creating or
 *   updating the Cluster completes once its `ControlPlaneInitialized`
 *   condition is `True`, the point from which Cluster API has written the
 *   kubeconfig Secret `<cluster>-kubeconfig` (the API server accepts
 *   requests). Not `Available`/`Ready`: those need working nodes, which
 *   need the CNI this stack installs through that kubeconfig.
 * - `pulumi.com/timeoutSeconds`: {@link CONTROL_PLANE_TIMEOUT_SECONDS}.
 * @see https://www.pulumi.com/blog/improved-kubernetes-await-logic/
 * @see https://cluster-api.sigs.k8s.io/developer/architecture/controllers/cluster.html
 */
export const CONTROL_PLANE_AWAIT_ANNOTATIONS: Readonly<Record<string, string>> = {
  'pulumi.com/waitFor': 'condition=ControlPlaneInitialized',
  'pulumi.com/timeoutSeconds': String(CONTROL_PLANE_TIMEOUT_SECONDS),
};

/** Whether `object` is a Cluster API `Cluster`. */
export function isClusterApiCluster(object: Pick<KubeObject, 'apiVersion' | 'kind'>): boolean {
  return isKind(object, 'cluster.x-k8s.io', 'Cluster');
}

/** `object` as the stack applies it: a Cluster API `Cluster` with {@link CONTROL_PLANE_AWAIT_ANNOTATIONS}, any other object unchanged. */
export function withControlPlaneAwait(object: KubeObject): KubeObject {
  if (!isClusterApiCluster(object)) return object;
  return { ...object, metadata: { ...object.metadata, annotations: { ...object.metadata.annotations, ...CONTROL_PLANE_AWAIT_ANNOTATIONS } } };
}

export class ClusterApiObjects extends pulumi.ComponentResource {
  /** One per object of the folder, in its order: the cluster's kubeconfig is read after them. */
  readonly resources: readonly pulumi.CustomResource[];
  /** The Cluster API `Cluster`: created (or updated) once the control plane is initialized. */
  readonly cluster: k8s.apiextensions.CustomResource;

  /**
   * @param name the cluster's name
   * @param args `hub`: the hub's provider
   */
  constructor(name: string, args: { readonly cluster: Cluster; readonly units: readonly Unit[]; readonly hub: k8s.Provider }, opts?: pulumi.ComponentResourceOptions) {
    super(CLUSTER_API_TYPE, name, {}, opts);
    const folder = Layout.hubClusterApiCluster(args.cluster.name);
    const objects = folderObjects(args.units, folder).map(withControlPlaneAwait);
    this.resources = applyObjects(planObjects(`${args.cluster.name}/hub`, objects, holdsProductionData(args.cluster)), { parent: this, provider: args.hub });
    const clusters = this.resources.filter((_, i) => isClusterApiCluster(objects[i]!));
    if (clusters.length !== 1) throw new Error(`ClusterApiObjects: ${folder} holds ${clusters.length} Cluster API Cluster objects; synth renders exactly one per cluster`);
    // kubeObject registers every kind from a CRD as a CustomResource.
    this.cluster = clusters[0] as k8s.apiextensions.CustomResource;
    this.registerOutputs({});
  }
}

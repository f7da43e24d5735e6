/**
 * What the hub's Argo CD may do on a spoke. On EKS spokes whose access
 * fleetwright grants (`capi-aws-eks`, `pulumi-eks`, with the role Argo CD
 * assumes), `hub.argocd.spokeAccess` decides:
 * - `least-privilege` (default): the access entry maps the role to the
 *   Kubernetes group `fleetwright:argocd`, with no EKS access policy, and a
 *   ClusterRole bound to that group allows the API groups the cluster's
 *   add-ons and services use (`argocdApiGroups`), the core group's
 *   configuration kinds, and read access to the rest of the core group.
 *   The role is put on the cluster by whoever created it, before Argo CD
 *   syncs: a ClusterResourceSet of Cluster API, or the Pulumi stack.
 * - `cluster-admin`: `AmazonEKSClusterAdminPolicy` on the whole cluster.
 * Spokes of Pulumi-delivered environments get no access at all (nothing
 * registers them). Other spokes are reached with the credentials their registration names
 * (Cluster API's kubeconfig, the user's store), which fleetwright does not narrow.
 */
import { GroupAccess } from '../../constructs/rbac/group-access';
import { CATALOG, type Cluster, type Fleet } from '../../model';
import { renderObjects, type KubeObject } from '../rendered';

/** The Kubernetes group the Argo CD role is mapped to on least-privilege spokes. */
export const ARGOCD_SPOKE_GROUP = 'fleetwright:argocd';

/**
 * Name of the ClusterRole of what the fleet's deployers may do on a
 * least-privilege spoke, and of its binding to the Argo CD group (Flux's
 * ServiceAccount on `pulumi-eks` spokes is bound to it too).
 */
export const DEPLOYER_ROLE = 'fleetwright-deployer';

/**
 * Kubernetes API groups (besides the core one) that charts and fleetwright's
 * own objects use whatever the add-on: workloads, jobs, autoscalers,
 * disruption budgets, network policies and ingresses, RBAC, webhooks, CRDs,
 * leases and priority classes.
 */
export const KUBERNETES_API_GROUPS: readonly string[] = [
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apps',
  'autoscaling',
  'batch',
  'coordination.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'scheduling.k8s.io',
];

/** How Argo CD reaches `cluster`: undefined when fleetwright grants no access (see the module). */
export function argocdSpokeAccess(fleet: Fleet, cluster: Cluster): Fleet['argocd']['spokeAccess'] | undefined {
  const provider = cluster.provider;
  if (provider.kind !== 'capi-aws-eks' && provider.kind !== 'pulumi-eks') return undefined;
  // Spokes of Pulumi-delivered environments are registered nowhere: Argo CD gets no access to them.
  if (provider.argocdRoleArn === undefined || cluster.delivery !== 'gitops') return undefined;
  return fleet.argocd.spokeAccess;
}

/** API groups Argo CD manages on `cluster`: the Kubernetes ones, and those of the add-ons it runs. Sorted. */
export function argocdApiGroups(cluster: Pick<Cluster, 'addons'>): string[] {
  const groups = new Set(KUBERNETES_API_GROUPS);
  for (const addon of cluster.addons) for (const group of CATALOG[addon].apiGroups ?? []) groups.add(group);
  return [...groups].sort();
}

/**
 * The ClusterRole and ClusterRoleBinding of a least-privilege spoke, as plain
 * objects (for Cluster API and Pulumi alike). They depend only on the API
 * groups, so clusters running the same add-ons share one rendering (a fleet
 * has a handful of add-on sets, and thousands of clusters); callers must not
 * change them.
 */
export function argocdAccessObjects(cluster: Pick<Cluster, 'addons'>): readonly KubeObject[] {
  const apiGroups = argocdApiGroups(cluster);
  const key = apiGroups.join(',');
  let objects = rendered.get(key);
  if (objects === undefined) {
    objects = renderObjects((chart) => {
      new GroupAccess(chart, 'argocd', { name: DEPLOYER_ROLE, group: ARGOCD_SPOKE_GROUP, apiGroups });
    });
    rendered.set(key, objects);
  }
  return objects;
}

/** Renderings of `argocdAccessObjects` by API groups. */
const rendered = new Map<string, readonly KubeObject[]>();

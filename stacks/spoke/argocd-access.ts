/**
 * What the hub's Argo CD may do on a spoke. On the spokes whose access
 * fleetwright grants, `hub.argocd.spokeAccess` decides:
 * - `least-privilege` (default): a ClusterRole allows the API groups the
 *   cluster's add-ons and services use (`argocdApiGroups`), the core group's
 *   configuration kinds, and read access to the rest of the core group. On
 *   EKS spokes (`capi-aws-eks`, `pulumi-eks`, with the role Argo CD assumes)
 *   the access entry maps the role to the Kubernetes group
 *   `fleetwright:argocd`, with no EKS access policy, and the role is bound to
 *   that group. On kubeadm Cluster API spokes (`capi-aws`, `capi-docker`) it is
 *   bound to the ServiceAccount `kube-system/fleetwright-argocd` too, whose
 *   token Argo CD uses (`argocdIdentityObjects`) instead of the admin client
 *   certificate of the kubeconfig Cluster API writes. Whoever created the
 *   cluster puts these objects on it before Argo CD syncs: a
 *   ClusterResourceSet of Cluster API, or the Pulumi stack.
 * - `cluster-admin`: `AmazonEKSClusterAdminPolicy` on EKS; Cluster API's admin
 *   certificate on kubeadm spokes.
 * Spokes of Pulumi-delivered environments get no access at all (nothing
 * registers them). `existing` spokes are reached with the credentials their
 * registration names (the user's store), which fleetwright does not narrow.
 */
import { k8s } from 'cdk8s-plus-28';
import { GroupAccess } from '../../constructs/rbac/group-access';
import { ARGOCD_SPOKE_IDENTITY, CATALOG, type Cluster, type Fleet } from '../../model';
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
  // Spokes of Pulumi-delivered environments are registered nowhere: Argo CD gets no access to them.
  if (cluster.delivery !== 'gitops') return undefined;
  const provider = cluster.provider;
  if (provider.kind === 'capi-aws' || provider.kind === 'capi-docker') return fleet.argocd.spokeAccess;
  if (provider.kind !== 'capi-aws-eks' && provider.kind !== 'pulumi-eks') return undefined;
  if (provider.argocdRoleArn === undefined) return undefined;
  return fleet.argocd.spokeAccess;
}

/** Whether Argo CD reaches `cluster` with the token of its ServiceAccount (kubeadm spokes), as the model registers it. */
export function usesArgocdServiceAccount(cluster: Pick<Cluster, 'registration'>): boolean {
  return cluster.registration.kind === 'capi-kubeconfig' && cluster.registration.auth.kind === 'service-account-token';
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
export function argocdAccessObjects(cluster: Pick<Cluster, 'addons' | 'registration'>): readonly KubeObject[] {
  const apiGroups = argocdApiGroups(cluster);
  const serviceAccount = usesArgocdServiceAccount(cluster);
  const key = `${serviceAccount ? 'sa:' : ''}${apiGroups.join(',')}`;
  let objects = rendered.get(key);
  if (objects === undefined) {
    objects = renderObjects((chart) => {
      new GroupAccess(chart, 'argocd', {
        name: DEPLOYER_ROLE,
        group: ARGOCD_SPOKE_GROUP,
        apiGroups,
        ...(serviceAccount ? { serviceAccounts: [{ name: ARGOCD_SPOKE_IDENTITY.serviceAccount, namespace: ARGOCD_SPOKE_IDENTITY.namespace }] } : {}),
      });
    });
    rendered.set(key, objects);
  }
  return objects;
}

/**
 * Argo CD's identity on a kubeadm spoke (`ARGOCD_SPOKE_IDENTITY`): its
 * ServiceAccount and the long-lived token Secret the spoke's token controller
 * fills, which the hub reads with Cluster API's admin kubeconfig. They never
 * change, so Cluster API applies them once; the role they are bound to is in
 * `argocdAccessObjects`.
 */
export function argocdIdentityObjects(): readonly KubeObject[] {
  identity ??= renderObjects((chart) => {
    const { namespace, serviceAccount, tokenSecret } = ARGOCD_SPOKE_IDENTITY;
    new k8s.KubeServiceAccount(chart, 'service-account', { metadata: { name: serviceAccount, namespace } });
    new k8s.KubeSecret(chart, 'token', {
      metadata: { name: tokenSecret, namespace, annotations: { 'kubernetes.io/service-account.name': serviceAccount } },
      type: 'kubernetes.io/service-account-token',
    });
  });
  return identity;
}

let identity: readonly KubeObject[] | undefined;

/** Renderings of `argocdAccessObjects` by API groups. */
const rendered = new Map<string, readonly KubeObject[]>();

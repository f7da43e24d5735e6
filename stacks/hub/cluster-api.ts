/**
 * Cluster API definitions on the hub (the management cluster that runs the
 * CAPI controllers): one folder per cluster, under a folder that creates
 * their namespace. The folder of a cluster of a Pulumi-delivered environment
 * is rendered but not included: that environment's stack applies it to the
 * hub, so the hub's engine must not.
 */
import * as kplus from 'cdk8s-plus-28';
import { Layout, type Cluster, type Fleet, type HubCluster } from '../../model';
import { addClusterApiObjects, type ClusterApiOptions } from '../cluster-api/cluster-api-objects';
import { ARGOCD_SPOKE_GROUP, argocdAccessObjects, argocdIdentityObjects, argocdSpokeAccess, usesArgocdServiceAccount } from '../spoke/argocd-access';
import { renderUnit, type Unit } from '../rendered';

/** What `addClusterApiObjects` needs to give the hub's Argo CD its access to `cluster`. */
function argocdAccessOption(fleet: Fleet, cluster: Cluster): ClusterApiOptions['argocdAccess'] {
  const mode = argocdSpokeAccess(fleet, cluster);
  if (mode === undefined) return undefined;
  if (mode === 'cluster-admin') return { mode };
  return { mode, group: ARGOCD_SPOKE_GROUP, objects: argocdAccessObjects(cluster), ...(usesArgocdServiceAccount(cluster) ? { identity: argocdIdentityObjects() } : {}) };
}

/** The folder of `cluster`'s Cluster API objects on the hub, or undefined when it has none (an EKS cluster). */
export function clusterApiUnit(fleet: Fleet, cluster: Cluster | HubCluster): Unit | undefined {
  let rendered = false;
  const unit = renderUnit(Layout.hubClusterApiCluster(cluster.name), { scope: 'hub', cluster: fleet.hub.name }, [], (chart) => {
    rendered = addClusterApiObjects(chart, cluster, {
      namespace: fleet.clusterApi.namespace,
      protect: cluster.role === 'hub' || cluster.protected,
      labels: cluster.labels,
      argocdAccess: cluster.role === 'spoke' ? argocdAccessOption(fleet, cluster) : undefined,
    });
  });
  return rendered ? unit : undefined;
}

/**
 * The parent folder and one folder per cluster that has Cluster API objects (none when no cluster has).
 * @param folders the clusters' folders (`clusterApiUnit`), the hub's first, then the spokes' in fleet order
 */
export function hubClusterApiUnits(fleet: Fleet, folders: readonly Unit[]): Unit[] {
  if (folders.length === 0) return [];
  // A Pulumi-delivered environment's stack applies its clusters' folders: the hub's tree leaves them out.
  const gitops = [fleet.hub, ...fleet.clusters.filter((c) => c.delivery === 'gitops')];
  const synced = new Set(gitops.map((c) => Layout.hubClusterApiCluster(c.name)));
  const included = folders.filter((u) => synced.has(u.dir)).map((u) => u.dir);
  const parent = renderUnit(Layout.hubClusterApi, { scope: 'hub', cluster: fleet.hub.name }, included, (chart) => {
    new kplus.Namespace(chart, 'namespace', { metadata: { name: fleet.clusterApi.namespace } });
  });
  return [parent, ...folders];
}

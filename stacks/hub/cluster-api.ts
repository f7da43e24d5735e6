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

/** The parent folder and one folder per cluster that has Cluster API objects (none when no cluster has). */
export function hubClusterApiUnits(fleet: Fleet): Unit[] {
  const target = { scope: 'hub' as const, cluster: fleet.hub.name };
  const clusters: (Cluster | HubCluster)[] = [fleet.hub, ...fleet.clusters];
  const children: Unit[] = [];
  const included: string[] = [];
  for (const cluster of clusters) {
    let rendered = false;
    const unit = renderUnit(Layout.hubClusterApiCluster(cluster.name), target, [], (chart) => {
      rendered = addClusterApiObjects(chart, cluster, {
        namespace: fleet.clusterApi.namespace,
        protect: cluster.role === 'hub' || cluster.protected,
        labels: cluster.labels,
        argocdAccess: cluster.role === 'spoke' ? argocdAccessOption(fleet, cluster) : undefined,
      });
    });
    if (!rendered) continue;
    children.push(unit);
    if (cluster.role === 'hub' || cluster.delivery === 'gitops') included.push(unit.dir);
  }
  if (children.length === 0) return [];
  const parent = renderUnit(Layout.hubClusterApi, target, included, (chart) => {
    new kplus.Namespace(chart, 'namespace', { metadata: { name: fleet.clusterApi.namespace } });
  });
  return [parent, ...children];
}

/**
 * Cluster API definitions on the hub (the management cluster that runs the
 * CAPI controllers): one folder per cluster, under a folder that creates
 * their namespace.
 */
import * as kplus from 'cdk8s-plus-28';
import { Layout, type Cluster, type Fleet, type HubCluster } from '../../model';
import { addClusterApiObjects } from '../cluster-api/cluster-api-objects';
import { renderUnit, type Unit } from '../rendered';

/** The parent folder and one folder per cluster that has Cluster API objects (none when no cluster has). */
export function hubClusterApiUnits(fleet: Fleet): Unit[] {
  const target = { scope: 'hub' as const, cluster: fleet.hub.name };
  const clusters: (Cluster | HubCluster)[] = [fleet.hub, ...fleet.clusters];
  const children: Unit[] = [];
  for (const cluster of clusters) {
    let rendered = false;
    const unit = renderUnit(Layout.hubClusterApiCluster(cluster.name), target, [], (chart) => {
      rendered = addClusterApiObjects(chart, cluster, {
        namespace: fleet.clusterApi.namespace,
        protect: cluster.role === 'hub' || cluster.protected,
        labels: cluster.labels,
      });
    });
    if (rendered) children.push(unit);
  }
  if (children.length === 0) return [];
  const parent = renderUnit(Layout.hubClusterApi, target, children.map((u) => u.dir), (chart) => {
    new kplus.Namespace(chart, 'namespace', { metadata: { name: fleet.clusterApi.namespace } });
  });
  return [parent, ...children];
}

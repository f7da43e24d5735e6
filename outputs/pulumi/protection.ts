/**
 * Which Kubernetes objects a stack protects, and which it leaves in place
 * when they leave the program.
 *
 * `protect: true` (Pulumi refuses to delete the object, `pulumi up` and
 * `pulumi destroy` fail until it is unprotected):
 * - on production clusters (tier `production`, `protected`, and the hub),
 *   the objects whose deletion loses data: Namespaces (everything in them),
 *   PersistentVolumeClaims (their volumes), StatefulSets (their claims'
 *   owners) and Velero BackupStorageLocations (where the backups are found);
 * - Cluster API `Cluster` objects of protected clusters (deleting one
 *   deletes the cluster), recognised by the sync option synth puts on every
 *   Cluster API object of a protected cluster (`Delete=false`).
 *
 * `retainOnDelete: true` (Pulumi forgets the object instead of deleting it):
 * every object synth marks `argocd.argoproj.io/sync-options: ...Delete=false`,
 * the same promise the GitOps side makes (Argo CD neither prunes nor deletes
 * it): the Cluster API objects of protected clusters, Argo CD's own settings.
 *
 * Helm releases are not protected: a chart's objects can be installed again,
 * and the volumes of a chart's StatefulSets outlive their release.
 * @see https://www.pulumi.com/docs/iac/concepts/options/protect/
 * @see https://www.pulumi.com/docs/iac/concepts/options/retainondelete/
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/
 */
import type { Cluster, HubCluster } from '../../model';
import type { KubeObject } from '../../stacks/rendered';
import { isKind } from '../../stacks/delivery';

/** Kinds whose deletion loses data, by API group. */
export const DATA_BEARING_KINDS: readonly { readonly group: string; readonly kind: string }[] = [
  { group: '', kind: 'Namespace' },
  { group: '', kind: 'PersistentVolumeClaim' },
  { group: 'apps', kind: 'StatefulSet' },
  { group: 'velero.io', kind: 'BackupStorageLocation' },
];

const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';

/** Whether a cluster's data-bearing objects are protected: production and protected spokes, and the hub. */
export function holdsProductionData(cluster: Cluster | HubCluster): boolean {
  return cluster.role === 'hub' || cluster.tier === 'production' || cluster.protected;
}

/** Whether synth tells Argo CD never to delete the object (`Delete=false`). */
export function keptByGitOps(object: KubeObject): boolean {
  const options = object.metadata.annotations?.[SYNC_OPTIONS];
  return options !== undefined && options.split(',').some((o) => o.trim() === 'Delete=false');
}

/** The protection options of an object applied to a cluster whose data is (or is not) production data. */
export function protectionOf(object: KubeObject, productionData: boolean): { readonly protect: boolean; readonly retainOnDelete: boolean } {
  const kept = keptByGitOps(object);
  const dataBearing = DATA_BEARING_KINDS.some((k) => isKind(object, k.group, k.kind));
  return {
    protect: (productionData && dataBearing) || (kept && isKind(object, 'cluster.x-k8s.io', 'Cluster')),
    retainOnDelete: kept,
  };
}

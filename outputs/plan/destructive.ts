/**
 * Changes a reviewer must not miss: what deletes data or clusters, or
 * removes a safety net. Each is flagged with the cluster it hits.
 */
import type { ClusterTable } from './clusters';
import { describeDocument, isRecord, type Document } from './documents';
import type { FieldChange } from './diff';
import { names } from './present';

export type DestructiveKind =
  | 'cluster-removed'
  | 'namespace-removed'
  | 'volume-removed'
  | 'backup-removed'
  | 'prune-disabled'
  | 'cidr-changed';

export interface Destructive {
  readonly kind: DestructiveKind;
  /** The cluster it hits (the hub for the hub's own objects); absent for fleet-wide objects. */
  readonly cluster?: string;
  /** The file, for object changes. */
  readonly file?: string;
  readonly message: string;
}

/** What removing this document destroys, if anything. */
export function removalDanger(doc: Document): { kind: DestructiveKind; what: string } | undefined {
  const o = doc.object;
  if (!o) return undefined;
  const what = describeDocument(doc);
  if (o.group === '' && o.kind === 'Namespace') return { kind: 'namespace-removed', what: `${what} removed (its objects are deleted with it)` };
  if (o.group === '' && o.kind === 'PersistentVolumeClaim') return { kind: 'volume-removed', what: `${what} removed (its volume may be deleted)` };
  if (o.group === 'apps' && o.kind === 'StatefulSet') {
    const spec = isRecord(doc.content) && isRecord(doc.content.spec) ? doc.content.spec : {};
    if (Array.isArray(spec.volumeClaimTemplates) && spec.volumeClaimTemplates.length > 0) {
      return { kind: 'volume-removed', what: `${what} removed, with volume claim templates (its volumes are orphaned)` };
    }
  }
  if (o.group === 'velero.io' && (o.kind === 'BackupStorageLocation' || o.kind === 'Schedule')) {
    return { kind: 'backup-removed', what: `${what} removed (backups stop${o.kind === 'BackupStorageLocation' ? ' going there' : ''})` };
  }
  return undefined;
}

/**
 * Whether the object prunes automatically, and how its setting reads: Argo CD prunes when
 * `syncPolicy.automated` is set, not `enabled: false`, with `prune: true` (default false), for an
 * Application and an ApplicationSet's template alike; Flux when a Kustomization has `spec.prune: true`.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/
 */
function pruning(doc: Document): { on: boolean; setting: string } | undefined {
  const o = doc.object;
  if (!o) return undefined;
  if (o.group === 'kustomize.toolkit.fluxcd.io' && o.kind === 'Kustomization') {
    const prune = valueAt(doc.content, 'spec.prune');
    return { on: prune === true, setting: `spec.prune ${prune === undefined ? '(absent)' : String(prune)}` };
  }
  if (o.group !== 'argoproj.io' || (o.kind !== 'Application' && o.kind !== 'ApplicationSet')) return undefined;
  const policy = o.kind === 'Application' ? 'spec.syncPolicy' : 'spec.template.spec.syncPolicy';
  const automated = valueAt(doc.content, `${policy}.automated`);
  if (!isRecord(automated)) return { on: false, setting: `${policy}.automated (absent)` };
  if (automated.enabled === false) return { on: false, setting: `${policy}.automated.enabled false` };
  return { on: automated.prune === true, setting: `${policy}.automated.prune ${automated.prune === undefined ? '(absent)' : String(automated.prune)}` };
}

/** What a change of this document switches off or moves: pruning, CIDRs. */
export function changeDangers(before: Document, after: Document, fields: readonly FieldChange[]): { kind: DestructiveKind; what: string }[] {
  const out: { kind: DestructiveKind; what: string }[] = [];
  const what = describeDocument(after);
  const [was, now] = [pruning(before), pruning(after)];
  if (was?.on && now && !now.on) {
    out.push({ kind: 'prune-disabled', what: `${what}: automatic pruning switched off (${was.setting} → ${now.setting}); objects removed from Git stay in the cluster` });
  }
  const cidrs = fields.filter((f) => /cidr/i.test(f.path));
  if (cidrs.length > 0) out.push({ kind: 'cidr-changed', what: `${what}: ${cidrs.map((f) => f.path).join(', ')} changed (a network range cannot change in place)` });
  return out;
}

/** Pod and service ranges that differ between the two sides' models, per cluster. */
export function networkChanges(base: ClusterTable, head: ClusterTable): Destructive[] {
  const out: Destructive[] = [];
  for (const [name, after] of head.clusters) {
    const before = base.clusters.get(name);
    if (!before?.network || !after.network) continue;
    for (const [key, label] of [['podCidr', 'pod CIDR'], ['serviceCidr', 'service CIDR']] as const) {
      if (before.network[key] !== after.network[key]) {
        out.push({ kind: 'cidr-changed', cluster: name, message: `cluster ${name}: ${label} ${before.network[key]} → ${after.network[key]} (a network range cannot change in place: the cluster must be rebuilt)` });
      }
    }
  }
  return out;
}

function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * Every destructive change, in report order: clusters removed (each with what its removal
 * destroys, said once), network ranges the models show moving, then the objects' own, in the
 * order `position` gives.
 */
export function destructiveChanges(
  base: ClusterTable,
  head: ClusterTable,
  decommissioned: ReadonlySet<string>,
  objects: readonly Destructive[],
  position: (d: Destructive) => number,
): Destructive[] {
  const byCluster = new Map<string, Destructive[]>();
  for (const d of objects) if (d.cluster !== undefined) byCluster.set(d.cluster, [...(byCluster.get(d.cluster) ?? []), d]);
  const removed: Destructive[] = [];
  for (const [name, facts] of base.clusters) {
    if (head.clusters.has(name)) continue;
    const how = decommissioned.has(name) ? ' (decommission: true)' : '';
    const lost = (byCluster.get(name) ?? []).map((d) => d.message.replace(/ removed.*$/, ''));
    const also = lost.length > 0 ? `; with it ${lost.length} more: ${names(lost, 6)}` : '';
    removed.push({
      kind: 'cluster-removed',
      cluster: name,
      message: `cluster ${name} (${facts.role === 'hub' ? 'hub' : `environment ${facts.environment}`}) removed${how}: its registration, Cluster API objects and folders leave the tree${also}`,
    });
  }
  const networks = networkChanges(base, head);
  const modelled = new Set(networks.map((d) => d.cluster));
  const gone = new Set(removed.map((d) => d.cluster));
  const own = objects
    .filter((d) => d.cluster === undefined || (!gone.has(d.cluster) && !(d.kind === 'cidr-changed' && modelled.has(d.cluster))))
    .sort((x, y) => position(x) - position(y));
  return [...removed, ...networks, ...own];
}

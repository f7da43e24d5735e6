/**
 * A plan: what changing the tree from `base` to `head` does, object by
 * object and cluster by cluster. Linear in the trees: files are matched by
 * path and only those whose text differs are parsed; their documents are
 * then matched by identity in hash maps.
 */
import type { Fleet } from '../../model';
import { attribute, type AttributionSide, type Home } from './attribution';
import { unionTable, type ClusterTable } from './clusters';
import { changeDangers, destructiveChanges, removalDanger, type Destructive } from './destructive';
import { deepEqual, diffValues, type FieldChange } from './diff';
import { describeDocument, parseFile, type Document, type ObjectIdentity } from './documents';
import { refusedRemovals, type PreviousCluster, type RefusedRemoval } from './guard';
import { reportOrder, waveSteps } from './order';
import { refusedVersions, upgradedWaves, versionChanges, wavesWarning, type RefusedVersion, type VersionChange } from './versions';

/** One side of the comparison. */
export interface PlanSide {
  /** How the report names it, e.g. `main`, `gitops/`, `fleet.config.ts`. */
  readonly label: string;
  /** Path → content of every file of the tree (the manifest excluded). */
  readonly files: ReadonlyMap<string, string>;
  readonly table: ClusterTable;
  /** The model, when the side was rendered from a definition. */
  readonly fleet?: Fleet;
  /** The clusters the removal guard compares with: the base model's, or the manifest's. */
  readonly previous?: readonly PreviousCluster[];
}

export type Action = 'added' | 'changed' | 'removed';

export interface Change {
  readonly action: Action;
  /** The file (head's, or base's for removals). */
  readonly file: string;
  /** `Kind namespace/name`, or the file's name. */
  readonly what: string;
  readonly object?: ObjectIdentity;
  readonly home: Home;
  /** The clusters the change reaches, sorted. */
  readonly reach: readonly string[];
  /** Field changes (for `changed`). */
  readonly fields: readonly FieldChange[];
}

export interface ClusterCounts {
  readonly environment: string;
  /** The head's wave (absent for removed clusters). */
  readonly wave?: string;
  /** The base's wave, when the change moves the cluster to another one. */
  readonly previousWave?: string;
  /** `added`/`removed`: the cluster itself; `changed`: changes reach it; `unchanged`: none does. */
  readonly status: 'added' | 'removed' | 'changed' | 'unchanged';
  /** Changes that reach the cluster, by action (its own objects and the shared ones that reach it). */
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
}

export interface WaveStep {
  /** A wave's name, or `hub` for the hub, which RollingSync updates first. */
  readonly name: string;
  /** Affected clusters of the step, sorted. */
  readonly clusters: readonly string[];
}

export interface PlanOptions {
  /**
   * Warn when removals reach more than this share (0..1) of the base's clusters.
   * @default 0.25
   */
  readonly maxRemovalShare?: number;
}

export interface Plan {
  readonly base: string;
  readonly head: string;
  /** In report order: the hub, each environment (its shared folders, then its clusters), the fleet-wide folders. */
  readonly changes: readonly Change[];
  /** Every cluster of either side, sorted by name. */
  readonly clusters: ReadonlyMap<string, ClusterCounts>;
  /** Clusters some change reaches, sorted. */
  readonly affected: readonly string[];
  readonly totals: { readonly added: number; readonly changed: number; readonly removed: number };
  /** The rollout steps the change passes through, in order: the hub, then the head's waves (affected clusters only). */
  readonly waves: readonly WaveStep[];
  /** Affected clusters that are in no wave of the head (the removed ones). */
  readonly outsideWaves: readonly string[];
  readonly destructive: readonly Destructive[];
  /** Removals the guard refuses (the plan is then an error). */
  readonly refused: readonly RefusedRemoval[];
  /** Clusters whose Kubernetes version the change moves, in rollout order (the hub, then the head's waves). */
  readonly upgrades: readonly VersionChange[];
  /** Version changes the version-skew policy forbids (the plan is then an error). */
  readonly refusedVersions: readonly RefusedVersion[];
  /** Clusters removals reach, and the share of the base's clusters that is. */
  readonly removal: { readonly clusters: number; readonly total: number; readonly share: number; readonly max: number };
  readonly warnings: readonly string[];
  /** The table of both sides (head's facts first), for formatters. */
  readonly table: ClusterTable;
  /** The head's model. */
  readonly fleet?: Fleet;
}

export const DEFAULT_MAX_REMOVAL_SHARE = 0.25;

/** A side as attribution reads it: documents parsed once, on demand. */
function attributionSide(side: PlanSide): AttributionSide {
  const cache = new Map<string, readonly Document[]>();
  return {
    table: side.table,
    files: side.files,
    documents(file) {
      let docs = cache.get(file);
      if (!docs) {
        const text = side.files.get(file);
        docs = text === undefined ? [] : parseFile(file, text);
        cache.set(file, docs);
      }
      return docs;
    },
  };
}

export function planChanges(base: PlanSide, head: PlanSide, options: PlanOptions = {}): Plan {
  const b = attributionSide(base);
  const h = attributionSide(head);
  const before = new Map<string, Document>();
  const after = new Map<string, Document>();
  for (const [file, text] of base.files) {
    const other = head.files.get(file);
    if (other === text) continue;
    for (const d of b.documents(file)) before.set(d.key, d);
    if (other !== undefined) for (const d of h.documents(file)) after.set(d.key, d);
  }
  for (const file of head.files.keys()) {
    if (!base.files.has(file)) for (const d of h.documents(file)) after.set(d.key, d);
  }

  const changes: Change[] = [];
  const destructive: Destructive[] = [];
  const flag = (kind: Destructive['kind'], what: string, file: string, home: Home) =>
    destructive.push({ kind, ...(homeCluster(home, head.table, base.table) !== undefined ? { cluster: homeCluster(home, head.table, base.table)! } : {}), file, message: what });
  for (const [key, doc] of after) {
    const old = before.get(key);
    if (old === undefined) {
      const { home, reach } = attribute(doc, h);
      changes.push({ action: 'added', file: doc.file, what: describeDocument(doc), ...objectOf(doc), home, reach: sorted(reach), fields: [] });
    } else if (!deepEqual(old.content, doc.content)) {
      const now = attribute(doc, h);
      const then = attribute(old, b);
      const fields = diffValues(old.content, doc.content);
      changes.push({ action: 'changed', file: doc.file, what: describeDocument(doc), ...objectOf(doc), home: now.home, reach: sorted(new Set([...now.reach, ...then.reach])), fields });
      for (const danger of changeDangers(old, doc, fields)) flag(danger.kind, danger.what, doc.file, now.home);
    }
  }
  for (const [key, doc] of before) {
    if (after.has(key)) continue;
    const { home, reach } = attribute(doc, b);
    changes.push({ action: 'removed', file: doc.file, what: describeDocument(doc), ...objectOf(doc), home, reach: sorted(reach), fields: [] });
    const danger = removalDanger(doc);
    if (danger) flag(danger.kind, danger.what, doc.file, home);
  }

  const table = unionTable(base.table, head.table);
  changes.sort(reportOrder(table));

  const position = new Map(changes.map((c, i) => [c.file, i]));
  const decommissioned = new Set(head.fleet?.decommissioned.map((c) => c.name) ?? []);
  const allDestructive = destructiveChanges(base.table, head.table, decommissioned, destructive, (d) => position.get(d.file!)!);

  const counts = new Map<string, { added: number; changed: number; removed: number }>();
  for (const name of table.clusters.keys()) counts.set(name, { added: 0, changed: 0, removed: 0 });
  for (const change of changes) for (const name of change.reach) {
    const c = counts.get(name);
    if (c) c[change.action]++;
  }
  const clusters = new Map<string, ClusterCounts>();
  for (const name of sorted(table.clusters.keys())) {
    const facts = table.clusters.get(name)!;
    const c = counts.get(name)!;
    const status = !base.table.clusters.has(name) ? 'added' : !head.table.clusters.has(name) ? 'removed' : c.added + c.changed + c.removed > 0 ? 'changed' : 'unchanged';
    const was = base.table.clusters.get(name)?.wave;
    const moved = was !== undefined && facts.wave !== undefined && was !== facts.wave && head.table.clusters.has(name);
    clusters.set(name, {
      environment: facts.environment,
      ...(facts.wave !== undefined && head.table.clusters.has(name) ? { wave: facts.wave } : {}),
      ...(moved ? { previousWave: was } : {}),
      status: moved && status === 'unchanged' ? 'changed' : status,
      ...c,
    });
  }
  const affected = [...clusters].filter(([, c]) => c.status !== 'unchanged').map(([name]) => name);

  const { waves, outsideWaves } = waveSteps(head, new Set(affected));
  const removedFrom = [...clusters].filter(([, c]) => c.removed > 0 || c.status === 'removed').length;
  const total = base.table.clusters.size;
  const max = options.maxRemovalShare ?? DEFAULT_MAX_REMOVAL_SHARE;
  const share = total === 0 ? 0 : removedFrom / total;
  const warnings = share > max
    ? [`this change removes objects from ${removedFrom} of the ${total} clusters (${percent(share)}), more than the ${percent(max)} --max-removal-share allows; make sure this is intended`]
    : [];
  const upgrades = versionChanges(base.table, head.table, head.fleet?.rollout.waves.map((w) => w.name) ?? []);
  const upgradeWaves = upgradedWaves(upgrades);
  if (upgradeWaves.length > 1) warnings.push(wavesWarning(upgradeWaves));

  return {
    base: base.label,
    head: head.label,
    changes,
    clusters,
    affected,
    totals: {
      added: changes.filter((c) => c.action === 'added').length,
      changed: changes.filter((c) => c.action === 'changed').length,
      removed: changes.filter((c) => c.action === 'removed').length,
    },
    waves,
    outsideWaves,
    destructive: allDestructive,
    refused: head.fleet && base.previous ? refusedRemovals(base.previous, head.fleet) : [],
    upgrades,
    refusedVersions: refusedVersions(upgrades, head.table),
    removal: { clusters: removedFrom, total, share, max },
    warnings,
    table,
    ...(head.fleet ? { fleet: head.fleet } : {}),
  };
}

/** Whether the plan changes anything. */
export function hasChanges(plan: Plan): boolean {
  return plan.changes.length > 0;
}

/** `fleetwright plan`'s exit code for the plan: 1 when it refuses something, else 2 for changes, 0 for none. */
export function planExitCode(plan: Plan): 0 | 1 | 2 {
  if (plan.refused.length > 0 || plan.refusedVersions.length > 0) return 1;
  return hasChanges(plan) ? 2 : 0;
}

/** `25%`, `33.3%` */
export function percent(share: number): string {
  const p = Math.round(share * 1000) / 10;
  return `${p}%`;
}

function objectOf(doc: Document): { object?: ObjectIdentity } {
  return doc.object ? { object: doc.object } : {};
}

/** The cluster a home stands for (the hub for the hub's own objects). */
function homeCluster(home: Home, ...tables: ClusterTable[]): string | undefined {
  if (home.kind === 'cluster') return home.cluster;
  if (home.kind === 'hub') return tables.find((t) => t.hub !== undefined)?.hub;
  return undefined;
}

function sorted(list: Iterable<string>): string[] {
  return [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

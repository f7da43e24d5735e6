/**
 * The plan for tools: one JSON document with sorted keys. `clusters` has
 * every cluster of either side with the counts of added, changed and removed
 * objects that reach it; `destructive` the destructive changes; `waves` the
 * rollout steps in order; `upgrades` the clusters whose Kubernetes version
 * changes (`{cluster, from, to, wave}`, in rollout order); `summary` the
 * totals; `changes` every object.
 */
import { sortedJson, type JsonValue } from '../../model';
import type { Plan } from './plan';
import { homeKey } from './present';

/** Strings longer than this are shortened in field changes. */
const STRING_MAX = 1_000;

export function formatJson(plan: Plan): string {
  const document = {
    base: plan.base,
    head: plan.head,
    changed: plan.changes.length > 0,
    summary: {
      clustersAffected: plan.affected.length,
      clustersTotal: plan.clusters.size,
      added: plan.totals.added,
      changed: plan.totals.changed,
      removed: plan.totals.removed,
      destructive: plan.destructive.length,
    },
    affected: plan.affected,
    clusters: Object.fromEntries([...plan.clusters].map(([name, c]) => [name, c])),
    waves: plan.waves.map((w, order) => ({ order, name: w.name, clusters: w.clusters })),
    outsideWaves: plan.outsideWaves,
    upgrades: plan.upgrades,
    destructive: plan.destructive,
    removal: plan.removal,
    warnings: plan.warnings,
    changes: plan.changes.map((c) => ({
      action: c.action,
      file: c.file,
      what: c.what,
      ...(c.object ? { object: c.object } : {}),
      home: homeKey(c.home),
      clusters: c.reach,
      ...(c.action === 'changed' ? { fields: c.fields.map((f) => ({ ...f, ...shorten(f) })) } : {}),
    })),
  };
  return sortedJson(document as unknown as JsonValue);
}


function shorten(f: { before?: unknown; after?: unknown }): { before?: unknown; after?: unknown } {
  const cut = (v: unknown) => (typeof v === 'string' && v.length > STRING_MAX ? `${v.slice(0, STRING_MAX)}…` : v);
  return {
    ...(Object.hasOwn(f, 'before') ? { before: cut(f.before) } : {}),
    ...(Object.hasOwn(f, 'after') ? { after: cut(f.after) } : {}),
  };
}

/**
 * Merging add-on selections: an environment's, then a cluster's. Options
 * merge field by field (nested objects too, `false` replaces); Helm values
 * stay apart per level, because each level is its own values file.
 */
import { formatPath } from '../problems';
import type { AddonName } from './names';
import { ADDON_NAMES } from './names';
import type { AddonSelection, HelmValues } from './options';

export interface MergedAddon {
  readonly enabled: boolean;
  /** Options without `enabled` and `values`, environment then cluster. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Helm values the environment sets (its overlay). */
  readonly environmentValues?: HelmValues;
  /** Helm values the cluster sets (its own file). */
  readonly clusterValues?: HelmValues;
  /** Where the add-on is switched on or off: the cluster's entry if it has one, else the environment's. */
  readonly path: string;
}

/** Selections from least to most specific, with the path each was written at. */
export function mergeSelections(
  levels: readonly { readonly selection?: AddonSelection; readonly segments: readonly PropertyKey[]; readonly level: 'environment' | 'cluster' }[],
): ReadonlyMap<AddonName, MergedAddon> {
  const merged = new Map<AddonName, MergedAddon>();
  for (const name of ADDON_NAMES) {
    let found: MergedAddon | undefined;
    for (const { selection, segments, level } of levels) {
      const raw = selection?.[name];
      if (raw === undefined) continue;
      const entry = (typeof raw === 'boolean' ? { enabled: raw } : raw) as { enabled?: boolean; values?: HelmValues } & Record<string, unknown>;
      const { enabled, values, ...options } = entry;
      found = {
        enabled: enabled ?? true,
        options: mergeObjects(found?.options ?? {}, options),
        environmentValues: level === 'environment' ? values ?? found?.environmentValues : found?.environmentValues,
        clusterValues: level === 'cluster' ? values ?? found?.clusterValues : found?.clusterValues,
        path: formatPath([...segments, 'addons', name]),
      };
    }
    if (found) merged.set(name, found);
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `b` over `a`, recursively for plain objects; anything else in `b` replaces. */
export function mergeObjects(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (value === undefined) continue;
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? mergeObjects(out[key] as Record<string, unknown>, value) : value;
  }
  return out;
}

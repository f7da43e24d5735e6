/**
 * Salvaging a part of the definition that failed its schema: the fields the
 * schema refused are taken out and the part is parsed again, so that one bad
 * label or option does not hide the part from every later rule (which would
 * hide its other problems, and make rules that look for it report it absent).
 *
 * Only what was refused is removed; a part still invalid without it (a
 * required field missing or refused) is not salvaged.
 */
import type { z } from 'zod';

/** Rounds of remove-and-reparse: refusals nested in refused values surface one level per round. */
const MAX_ROUNDS = 4;

export interface Salvaged<T> {
  /** The part without the refused fields; undefined when that does not make it valid. */
  readonly value?: T;
  /** The paths removed (relative to the part), whether or not that made it valid. */
  readonly removed: readonly (readonly PropertyKey[])[];
}

/** `value` parsed by `schema` after removing, round by round, every field an issue points at. */
export function salvage<S extends z.ZodType>(schema: S, value: unknown, issues: readonly z.core.$ZodIssue[]): Salvaged<z.output<S>> {
  let current = value;
  let pending = issues;
  const removed: PropertyKey[][] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const targets = removable(pending);
    if (targets.length === 0) break;
    removed.push(...targets);
    const next = withoutPaths(current, targets);
    const result = schema.safeParse(next);
    if (result.success) return { value: result.data, removed };
    current = next;
    pending = result.error.issues;
  }
  return { removed };
}

/** The paths to remove: the refused values, and unknown keys one by one. A missing field cannot be removed. */
function removable(issues: readonly z.core.$ZodIssue[]): PropertyKey[][] {
  const paths: PropertyKey[][] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) paths.push([...issue.path, key]);
    } else if ((issue as { input?: unknown }).input !== undefined && issue.path.length > 0) {
      paths.push([...issue.path]);
    }
  }
  return paths;
}

/**
 * A copy of `value` (plain objects and arrays copied, everything else shared)
 * without the values at `paths`; array elements are removed from the highest
 * index down so that the others keep their place. A path that no longer
 * leads anywhere (its parent was removed) is skipped.
 */
function withoutPaths(value: unknown, paths: readonly PropertyKey[][]): unknown {
  const copy = copyPlain(value);
  const ordered = [...paths].sort(comparePathsDescending);
  for (const path of ordered) {
    let parent: unknown = copy;
    for (const segment of path.slice(0, -1)) {
      if (!isContainer(parent)) break;
      parent = (parent as Record<PropertyKey, unknown>)[segment];
    }
    const last = path[path.length - 1];
    if (Array.isArray(parent) && typeof last === 'number') {
      if (last < parent.length) parent.splice(last, 1);
    } else if (isContainer(parent)) {
      delete (parent as Record<PropertyKey, unknown>)[last];
    }
  }
  return copy;
}

function comparePathsDescending(a: readonly PropertyKey[], b: readonly PropertyKey[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return y - x;
    return String(y) < String(x) ? -1 : 1;
  }
  // Deeper paths first: removing a parent before its child would lose the child's path.
  return b.length - a.length;
}

function copyPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyPlain);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = copyPlain(v);
    return out;
  }
  return value;
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

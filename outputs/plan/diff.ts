/**
 * Semantic comparison of two parsed documents: values are compared, never
 * their text, so key order and formatting do not count. The result is a
 * compact list of field changes with paths like
 * `spec.sources[0].targetRevision`; lists of objects with a distinct
 * `name` (or `key`, `value`, `id`) are matched on it
 * (`containers[name=web].image`), lists of scalars as sets (`resources[+]`,
 * `resources[-]`), strings holding JSON (dashboards, Argo CD cluster
 * configs) as JSON (`data["x.json"](json).panels`), and other text with
 * several lines line by line (`(line 14)`).
 */
import { isRecord } from './documents';

/** One changed field; `before` or `after` is absent when the field is added or removed. */
export interface FieldChange {
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** Whether two parsed values are equal (objects compared key by key, in any order). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isRecord(a)) {
    if (!isRecord(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** The field changes from `before` to `after`, in path order. */
export function diffValues(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  walk(before, after, '', out);
  return out;
}

function walk(a: unknown, b: unknown, path: string, out: FieldChange[]): void {
  if (deepEqual(a, b)) return;
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const child = joinKey(path, key);
      if (!Object.hasOwn(b, key)) out.push({ path: child, before: a[key] });
      else if (!Object.hasOwn(a, key)) out.push({ path: child, after: b[key] });
      else walk(a[key], b[key], child, out);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    walkArrays(a, b, path, out);
    return;
  }
  if (typeof a === 'string' && typeof b === 'string') {
    const json = [parseJson(a), parseJson(b)];
    if (json[0] !== undefined && json[1] !== undefined) {
      walk(json[0], json[1], `${path}(json)`, out);
      return;
    }
    if (a.includes('\n') || b.includes('\n')) {
      textChanges(a, b, path, out);
      return;
    }
  }
  out.push({ path: path === '' ? '(document)' : path, before: a, after: b });
}

function walkArrays(a: readonly unknown[], b: readonly unknown[], path: string, out: FieldChange[]): void {
  const scalar = (x: unknown) => x === null || typeof x !== 'object';
  if (a.every(scalar) && b.every(scalar)) {
    const inB = new Set(b);
    const inA = new Set(a);
    const removed = a.filter((x) => !inB.has(x));
    const added = b.filter((x) => !inA.has(x));
    if (removed.length === 0 && added.length === 0) {
      out.push({ path: `${path}(order)`, before: a, after: b });
      return;
    }
    for (const x of removed) out.push({ path: `${path}[-]`, before: x });
    for (const x of added) out.push({ path: `${path}[+]`, after: x });
    return;
  }
  const namesA = names(a);
  const namesB = names(b);
  if (namesA && namesB && namesA[0]!.split('=')[0] === namesB[0]!.split('=')[0]) {
    const byName = new Map(b.map((x, i) => [namesB[i]!, x]));
    const seen = new Set<string>();
    a.forEach((x, i) => {
      const name = namesA[i]!;
      seen.add(name);
      const child = `${path}[${name}]`;
      if (!byName.has(name)) out.push({ path: child, before: x });
      else walk(x, byName.get(name), child, out);
    });
    b.forEach((x, i) => {
      if (!seen.has(namesB[i]!)) out.push({ path: `${path}[${namesB[i]}]`, after: x });
    });
    return;
  }
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) walk(a[i], b[i], `${path}[${i}]`, out);
  for (let i = common; i < a.length; i++) out.push({ path: `${path}[${i}]`, before: a[i] });
  for (let i = common; i < b.length; i++) out.push({ path: `${path}[${i}]`, after: b[i] });
}

/** Fields that identify the elements of a list, tried in order. */
const ID_FIELDS = ['name', 'key', 'value', 'id'] as const;

/** `name=<name>` (or `key=`, `value=`, `id=`) of every element, when every element has a distinct one of the same field. */
function names(list: readonly unknown[]): string[] | undefined {
  if (list.length === 0) return undefined;
  for (const field of ID_FIELDS) {
    const out: string[] = [];
    for (const x of list) {
      if (!isRecord(x) || typeof x[field] !== 'string') break;
      out.push(`${field}=${x[field]}`);
    }
    if (out.length === list.length && new Set(out).size === out.length) return out;
  }
  return undefined;
}

/** Longest texts (in lines, after the common start and end) diffed line by line; longer ones are compared pairwise. */
const LINE_DIFF_MAX = 400;

/**
 * The lines that differ between two texts (`(line 14)`, numbered as in `b`, or as in `a` for
 * removed lines): a removed line followed by an added one is one change.
 */
function textChanges(a: string, b: string, path: string, out: FieldChange[]): void {
  const x = a.split('\n');
  const y = b.split('\n');
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let end = 0;
  while (end < x.length - start && end < y.length - start && x[x.length - 1 - end] === y[y.length - 1 - end]) end++;
  const before = x.slice(start, x.length - end);
  const after = y.slice(start, y.length - end);
  const line = (n: number) => `${path}(line ${start + n + 1})`;
  let pending: { at: number; text: string }[] = [];
  const flushRemoved = () => {
    for (const r of pending) out.push({ path: line(r.at), before: r.text });
    pending = [];
  };
  for (const step of lineSteps(before, after)) {
    if (step.op === 'same') flushRemoved();
    else if (step.op === 'removed') pending.push({ at: step.i, text: before[step.i]! });
    else {
      const paired = pending.shift();
      out.push({ path: line(step.j), ...(paired ? { before: paired.text } : {}), after: after[step.j]! });
    }
  }
  flushRemoved();
}

type LineStep = { op: 'same'; i: number; j: number } | { op: 'removed'; i: number } | { op: 'added'; j: number };

/** An edit script from `a` to `b` (longest common subsequence), or pairwise for long texts. */
function lineSteps(a: readonly string[], b: readonly string[]): LineStep[] {
  const steps: LineStep[] = [];
  if (a.length > LINE_DIFF_MAX || b.length > LINE_DIFF_MAX) {
    for (let k = 0; k < Math.max(a.length, b.length); k++) {
      if (k < a.length && k < b.length && a[k] === b[k]) steps.push({ op: 'same', i: k, j: k });
      else {
        if (k < a.length) steps.push({ op: 'removed', i: k });
        if (k < b.length) steps.push({ op: 'added', j: k });
      }
    }
    return steps;
  }
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) steps.push({ op: 'same', i: i++, j: j++ });
    else if (j >= b.length || (i < a.length && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) steps.push({ op: 'removed', i: i++ });
    else steps.push({ op: 'added', j: j++ });
  }
  return steps;
}

function parseJson(text: string): unknown {
  const t = text.trim();
  if (!(t.startsWith('{') && t.endsWith('}')) && !(t.startsWith('[') && t.endsWith(']'))) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

/** `spec` + `source` → `spec.source`; keys that are not identifiers are quoted: `labels["app.kubernetes.io/name"]`. */
function joinKey(path: string, key: string): string {
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/**
 * A fast YAML serializer for JSON-compatible data (Kubernetes objects as
 * produced by cdk8s `chart.toJson()`), writing output that YAML 1.1 readers
 * (kubectl, sigs.k8s.io/yaml) and YAML 1.2 readers parse back to exactly the
 * input. Style follows cdk8s (`yaml` with `lineWidth: 0`): 2-space indentation,
 * block collections, sequences indented under their key, compact mappings in
 * sequences, `{}`/`[]` for empty collections, literal block scalars for
 * multi-line strings, never folded lines. Keys are sorted by UTF-16 code unit
 * order, except that a document's top level starts with apiVersion, kind,
 * metadata.
 *
 * The output is built by string concatenation into one module-level buffer
 * (saved and restored around each document, so nested calls are safe); scalar
 * decisions live in `scalar.ts`.
 */
import { isBlock, renderKey, renderNumber, renderString } from './scalar';

/** Keys written first, in this order, at the top level of a document. */
const TOP_KEYS = ['apiVersion', 'kind', 'metadata'];

/** Keys longer than this (rendered) are written as explicit `? key` entries: YAML limits implicit keys to 1024 characters. */
const MAX_IMPLICIT_KEY = 1000;

/** Path segments that print as `.name` in error messages; others print as `["..."]`. */
const PATH_IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** Indentation strings by nesting level (two spaces per level), grown on demand. */
const INDENTS: string[] = [''];

/** Thrown inside the writer for a value that cannot be serialized; frames add their path segment on the way out. */
class Unserializable extends Error {
  /** Path segments from the offending value outwards (reversed when reported). */
  readonly path: (string | number)[] = [];
  constructor(readonly what: string) {
    super(what);
  }
}

let out = '';
let ancestors: object[] = [];

/**
 * One YAML document for `doc`, ending with '\n' (no '---' line).
 *
 * @param doc JSON-compatible data; keys whose value is `undefined` are skipped.
 * @throws TypeError naming the path, e.g. `cannot serialize NaN at spec.replicas`,
 *   for NaN/±Infinity, bigint, symbols, functions, `undefined` outside an
 *   object property, non-plain objects (Date, Map, class instances) and
 *   circular references.
 */
export function stringifyDocument(doc: unknown): string {
  try {
    return serialize(doc);
  } catch (e) {
    throw toTypeError(e, []);
  }
}

/**
 * A multi-document YAML stream: each document as by {@link stringifyDocument},
 * separated by lines `---`. An empty input gives ''.
 *
 * @throws TypeError as {@link stringifyDocument}, with the path starting at the
 *   document index, e.g. `cannot serialize NaN at [2].spec.replicas`.
 */
export function stringifyDocuments(docs: readonly unknown[]): string {
  let result = '';
  for (let i = 0; i < docs.length; i++) {
    if (i > 0) result += '---\n';
    try {
      result += serialize(docs[i]);
    } catch (e) {
      throw toTypeError(e, [i]);
    }
  }
  return flatten(result);
}

function serialize(doc: unknown): string {
  const savedOut = out;
  const savedAncestors = ancestors;
  out = '';
  ancestors = [];
  try {
    writeRoot(doc);
    return flatten(out);
  } finally {
    out = savedOut;
    ancestors = savedAncestors;
  }
}

/**
 * `s` with its characters in one flat string. Concatenation builds a rope (a
 * tree of cons strings, one per `+=`); left alone, a document's rope survives
 * into the old generation, where collecting it and flattening it later (on the
 * first regex or write) cost more than serializing did: 14,000 documents' ropes
 * cost about 0.2 s that way. Reading one character flattens the rope while it
 * is young; the character is kept in `flattened` so that no optimizer drops
 * the read. The result is the same string.
 */
function flatten(s: string): string {
  flattened.last = s.charCodeAt(s.length >> 1);
  return s;
}

/** See {@link flatten}. */
const flattened = { last: 0 };

function writeRoot(doc: unknown): void {
  if (typeof doc === 'string') {
    // No block scalars at the top level: content at column 0 could form '---' markers.
    out += renderString(doc, undefined) + '\n';
  } else if (typeof doc !== 'object' || doc === null) {
    out += scalar(doc) + '\n';
  } else if (Array.isArray(doc)) {
    if (doc.length === 0) out += '[]\n';
    else writeSequence(doc, 0, false);
  } else {
    const keys = keysOf(doc, true);
    if (keys.length === 0) out += '{}\n';
    else writeMapping(doc as Record<string, unknown>, keys, 0, false);
  }
}

/**
 * Writes `v` after a key's ':' (`afterDash` false: scalars get a leading space,
 * collections start on the next line) or after '- ' (`afterDash` true:
 * collections start on the same line, compact form). `level` is the nesting
 * level of the value's own content.
 */
function writeNode(v: unknown, level: number, afterDash: boolean): void {
  if (typeof v === 'string') {
    if (INDENTS.length <= level) growIndents(level);
    const r = renderString(v, INDENTS[level]);
    out += afterDash ? r : ' ' + r;
    if (!isBlock(r)) out += '\n';
  } else if (typeof v !== 'object' || v === null) {
    out += afterDash ? scalar(v) + '\n' : ' ' + scalar(v) + '\n';
  } else if (Array.isArray(v)) {
    if (v.length === 0) {
      out += afterDash ? '[]\n' : ' []\n';
    } else {
      if (!afterDash) out += '\n';
      writeSequence(v, level, afterDash);
    }
  } else {
    const keys = keysOf(v, false);
    if (keys.length === 0) {
      out += afterDash ? '{}\n' : ' {}\n';
    } else {
      if (!afterDash) out += '\n';
      writeMapping(v as Record<string, unknown>, keys, level, afterDash);
    }
  }
}

/** Entries of a non-empty mapping at `level`; the first one without indentation when `inline` (after '- '). */
function writeMapping(obj: Record<string, unknown>, keys: string[], level: number, inline: boolean): void {
  if (INDENTS.length <= level) growIndents(level);
  const indent = INDENTS[level];
  enter(obj);
  let key = '';
  try {
    for (let i = 0; i < keys.length; i++) {
      key = keys[i];
      if (i > 0 || !inline) out += indent;
      const k = renderKey(key);
      out += k.length > MAX_IMPLICIT_KEY ? '? ' + k + '\n' + indent + ':' : k + ':';
      writeNode(obj[key], level + 1, false);
    }
  } catch (e) {
    if (e instanceof Unserializable) e.path.push(key);
    throw e;
  }
  ancestors.pop();
}

/** Items of a non-empty sequence at `level`; the first one without indentation when `inline` (after '- '). */
function writeSequence(arr: readonly unknown[], level: number, inline: boolean): void {
  if (INDENTS.length <= level) growIndents(level);
  const indent = INDENTS[level];
  enter(arr);
  let i = 0;
  try {
    for (; i < arr.length; i++) {
      out += i > 0 || !inline ? indent + '- ' : '- ';
      writeNode(arr[i], level + 1, true);
    }
  } catch (e) {
    if (e instanceof Unserializable) e.path.push(i);
    throw e;
  }
  ancestors.pop();
}

/** Records `container` as being written; throws on a circular reference. */
function enter(container: object): void {
  if (ancestors.indexOf(container) !== -1) throw new Unserializable('a circular reference');
  ancestors.push(container);
}

/**
 * The sorted keys of `v` whose values are not undefined; throws unless `v` is a
 * plain object. At a document's top level, apiVersion, kind, metadata go first.
 */
function keysOf(v: object, top: boolean): string[] {
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null && !isForeignObjectPrototype(proto)) throw new Unserializable(describe(v));
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj);
  let n = 0;
  for (let i = 0; i < keys.length; i++) {
    if (obj[keys[i]] !== undefined) keys[n++] = keys[i];
  }
  keys.length = n;
  sortKeys(keys);
  if (top) {
    let front = 0;
    for (const k of TOP_KEYS) {
      const i = keys.indexOf(k);
      if (i !== -1) {
        keys.splice(i, 1);
        keys.splice(front++, 0, k);
      }
    }
  }
  return keys;
}

/**
 * Sorts by UTF-16 code unit order (`<`, like the default `Array#sort`). Small
 * arrays, the common case, use an insertion sort: much cheaper than `sort()`
 * for a handful of keys, and linear when the keys are already in order.
 */
function sortKeys(keys: string[]): void {
  const n = keys.length;
  if (n > 16) {
    keys.sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const k = keys[i];
    let j = i - 1;
    if (!(k < keys[j])) continue;
    do {
      keys[j + 1] = keys[j];
      j--;
    } while (j >= 0 && k < keys[j]);
    keys[j + 1] = k;
  }
}

/** `Object.prototype` of another realm (vm context, worker-structured data): its objects are plain too. */
function isForeignObjectPrototype(proto: unknown): boolean {
  const ctor: unknown = (proto as { constructor?: unknown }).constructor;
  return Object.getPrototypeOf(proto) === null && typeof ctor === 'function' && ctor.name === 'Object';
}

/** A non-string scalar: number, boolean or null. */
function scalar(v: unknown): string {
  if (typeof v === 'number') {
    const r = renderNumber(v);
    if (r !== undefined) return r;
  } else if (typeof v === 'boolean') {
    return v ? 'true' : 'false';
  } else if (v === null) {
    return 'null';
  }
  throw new Unserializable(describe(v));
}

function describe(v: unknown): string {
  switch (typeof v) {
    case 'number':
    case 'undefined':
      return String(v);
    case 'bigint':
      return 'a bigint';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default: {
      const name: unknown = (v as { constructor?: { name?: unknown } }).constructor?.name;
      return typeof name === 'string' && name !== '' ? `an instance of ${name}` : 'a non-plain object';
    }
  }
}

function growIndents(level: number): void {
  while (INDENTS.length <= level) INDENTS.push(INDENTS[INDENTS.length - 1] + '  ');
}

function toTypeError(e: unknown, prefix: (string | number)[]): unknown {
  if (!(e instanceof Unserializable)) return e;
  return new TypeError(`cannot serialize ${e.what} at ${formatPath(prefix.concat(e.path.reverse()))}`);
}

function formatPath(path: readonly (string | number)[]): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else if (PATH_IDENTIFIER.test(seg)) s += s === '' ? seg : '.' + seg;
    else s += `[${JSON.stringify(seg)}]`;
  }
  return s === '' ? '(root)' : s;
}

/**
 * The GitOps tree as files: one YAML file per object, named after its kind
 * and name, and a kustomization.yaml per folder listing its files and the
 * folders it includes. Pure: the writer puts the result on disk. In two
 * steps, so the benchmark can compare serialization with `JSON.stringify` of
 * the same documents: the documents (`treeDocuments`), then their text
 * (`serializeDocuments`).
 */
import * as path from 'node:path';
import type { RenderedFleet } from '../../stacks/fleet';
import type { Unit, UnitFile } from '../../stacks/rendered';
import { stringifyDocument } from '../yaml/stringify';

export const KUSTOMIZATION = 'kustomization.yaml';

/** Path (relative to the tree root, '/'-separated) → file content. Sorted by path. */
export type TreeFiles = ReadonlyMap<string, string>;

export function treeFiles(rendered: RenderedFleet): TreeFiles {
  return serializeDocuments(treeDocuments(rendered));
}

/** One file of the tree before serialization: YAML data, or text written as it is (ending with a newline). */
export type TreeDocument = { readonly path: string; readonly data: unknown } | { readonly path: string; readonly text: string };

/** Every file of the tree as a document, in the units' order. */
export function treeDocuments(rendered: RenderedFleet): TreeDocument[] {
  const documents: TreeDocument[] = [];
  for (const unit of rendered.units) {
    const names = objectFileNames(unit);
    const prefix = `${unit.dir}/`;
    for (let i = 0; i < names.length; i++) documents.push({ path: prefix + names[i], data: unit.objects[i] });
    for (const file of unit.files) documents.push(fileDocument(unit, file));
    if (unit.kustomization) documents.push({ path: prefix + KUSTOMIZATION, data: kustomization(unit, names) });
  }
  return documents;
}

/**
 * The documents as text, sorted by path.
 * @param sink called with each file as soon as it is serialized, in the documents' order
 */
export function serializeDocuments(documents: readonly TreeDocument[], sink?: (file: string, content: string) => void): TreeFiles {
  const files = new Map<string, string>();
  for (const d of documents) {
    const content = 'text' in d ? d.text : stringifyDocument(d.data);
    files.set(d.path, content);
    sink?.(d.path, content);
  }
  // The default sort compares UTF-16 code units, as `<` does, without a comparator call per comparison.
  const sorted = new Map<string, string>();
  for (const file of [...files.keys()].sort()) sorted.set(file, files.get(file)!);
  return sorted;
}

/** A unit's file: YAML data, or text that ends with a newline. */
function fileDocument(unit: Unit, file: UnitFile): TreeDocument {
  const path = `${unit.dir}/${file.name}`;
  if (file.format !== 'text') return { path, data: file.content };
  if (typeof file.content !== 'string') throw new Error(`${path} is a text file, but its content is not a string`);
  return { path, text: file.content.endsWith('\n') ? file.content : `${file.content}\n` };
}

/** `<kind>-<name>.yaml`, with the namespace when two objects would share a name. */
function objectFileNames(unit: Unit): string[] {
  const bases = unit.objects.map((o) => `${lowerKind(o.kind)}-${o.metadata.name}`);
  const counts = new Map<string, number>();
  let shared = false;
  for (const base of bases) {
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    if (n > 1) shared = true;
  }
  // Distinct bases give distinct names, none of them the kustomization (every base holds a '-').
  if (!shared) return bases.map((base) => `${base}.yaml`);
  const names = unit.objects.map((o, i) => (counts.get(bases[i])! > 1 ? `${lowerKind(o.kind)}-${o.metadata.namespace ?? 'cluster'}-${o.metadata.name}.yaml` : `${bases[i]}.yaml`));
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name) || name === KUSTOMIZATION) {
      throw new Error(`two objects in ${unit.dir} would be written to ${name}; objects in one folder need distinct kinds, names or namespaces`);
    }
    seen.add(name);
  }
  return names;
}

/** Kinds in lower case; a fleet has a few dozen. */
const lowerKinds = new Map<string, string>();
function lowerKind(kind: string): string {
  let lower = lowerKinds.get(kind);
  if (lower === undefined) lowerKinds.set(kind, (lower = kind.toLowerCase()));
  return lower;
}

function kustomization(unit: Unit, files: readonly string[]): object {
  const includes = unit.includes.map((dir) => relativeFolder(unit.dir, dir));
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    // Named after its folder, so schema tools that expect every document to be named accept it.
    metadata: { name: unit.dir.replaceAll('/', '-') },
    resources: [...includes, ...[...files].sort()],
  };
}

/** A '/'-separated relative path with no empty, `.` or `..` segment. */
const SIMPLE_PATH = /^(?!\.\.?(?:\/|$))[^/]+(?:\/(?!\.\.?(?:\/|$))[^/]+)*$/;

/**
 * `to` relative to `from`, both relative to the tree root: what `path.posix.relative`
 * gives, computed by segments for the simple paths folders have (it resolves both first).
 */
export function relativeFolder(from: string, to: string): string {
  if (!SIMPLE_PATH.test(from) || !SIMPLE_PATH.test(to)) return path.posix.relative(from, to);
  const a = from.split('/');
  const b = to.split('/');
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const up: string[] = [];
  for (let i = common; i < a.length; i++) up.push('..');
  return up.concat(b.slice(common)).join('/');
}

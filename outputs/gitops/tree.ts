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
import type { KubeObject, Unit, UnitFile } from '../../stacks/rendered';
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
    unit.objects.forEach((object, i) => documents.push({ path: `${unit.dir}/${names[i]}`, data: object }));
    for (const file of unit.files) documents.push(fileDocument(unit, file));
    if (unit.kustomization) documents.push({ path: `${unit.dir}/${KUSTOMIZATION}`, data: kustomization(unit, names) });
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
  const base = (o: KubeObject) => `${o.kind.toLowerCase()}-${o.metadata.name}`;
  const counts = new Map<string, number>();
  for (const o of unit.objects) counts.set(base(o), (counts.get(base(o)) ?? 0) + 1);
  const names = unit.objects.map((o) =>
    counts.get(base(o))! > 1 ? `${o.kind.toLowerCase()}-${o.metadata.namespace ?? 'cluster'}-${o.metadata.name}.yaml` : `${base(o)}.yaml`,
  );
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name) || name === KUSTOMIZATION) {
      throw new Error(`two objects in ${unit.dir} would be written to ${name}; objects in one folder need distinct kinds, names or namespaces`);
    }
    seen.add(name);
  }
  return names;
}

function kustomization(unit: Unit, files: readonly string[]): object {
  const includes = unit.includes.map((dir) => path.posix.relative(unit.dir, dir));
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    // Named after its folder, so schema tools that expect every document to be named accept it.
    metadata: { name: unit.dir.replaceAll('/', '-') },
    resources: [...includes, ...[...files].sort()],
  };
}

/**
 * The GitOps tree as files: one YAML file per object, named after its kind
 * and name, and a kustomization.yaml per folder listing its files and the
 * folders it includes. Pure: the writer puts the result on disk.
 */
import * as path from 'node:path';
import type { RenderedFleet } from '../../stacks/fleet';
import type { KubeObject, Unit, UnitFile } from '../../stacks/rendered';
import { stringifyDocument } from '../yaml/stringify';

export const KUSTOMIZATION = 'kustomization.yaml';

/** Path (relative to the tree root, '/'-separated) → file content. Sorted by path. */
export type TreeFiles = ReadonlyMap<string, string>;

export function treeFiles(rendered: RenderedFleet): TreeFiles {
  const files = new Map<string, string>();
  for (const unit of rendered.units) {
    const names = objectFileNames(unit);
    unit.objects.forEach((object, i) => files.set(`${unit.dir}/${names[i]}`, stringifyDocument(object)));
    for (const file of unit.files) files.set(`${unit.dir}/${file.name}`, fileContent(unit, file));
    if (unit.kustomization) files.set(`${unit.dir}/${KUSTOMIZATION}`, kustomization(unit, names));
  }
  // The default sort compares UTF-16 code units, as `<` does, without a comparator call per comparison.
  const sorted = new Map<string, string>();
  for (const file of [...files.keys()].sort()) sorted.set(file, files.get(file)!);
  return sorted;
}

/** YAML data as YAML; text as it is, ending with a newline. */
function fileContent(unit: Unit, file: UnitFile): string {
  if (file.format !== 'text') return stringifyDocument(file.content);
  if (typeof file.content !== 'string') throw new Error(`${unit.dir}/${file.name} is a text file, but its content is not a string`);
  return file.content.endsWith('\n') ? file.content : `${file.content}\n`;
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

function kustomization(unit: Unit, files: readonly string[]): string {
  const includes = unit.includes.map((dir) => path.posix.relative(unit.dir, dir));
  return stringifyDocument({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    // Named after its folder, so schema tools that expect every document to be named accept it.
    metadata: { name: unit.dir.replaceAll('/', '-') },
    resources: [...includes, ...[...files].sort()],
  });
}

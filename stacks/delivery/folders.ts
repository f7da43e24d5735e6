/**
 * The objects a folder of the tree stands for: what `kubectl kustomize
 * <folder>` builds. The GitOps writer (`outputs/gitops/tree.ts`) gives every
 * kustomization `resources` and nothing else: the folder's own object files
 * and the folders it includes (`Unit.includes`) — no patches, generators,
 * transformers, namespace or name prefixes. Building a folder is therefore
 * collecting objects: those of each included folder, depth first in include
 * order, then the folder's own, unchanged.
 *
 * Like kustomize (v5), this refuses a folder without a kustomization, an
 * include that names no folder, a cycle of includes ("cycle detected") and
 * an object that reaches one build twice, e.g. a base included through two
 * overlays ("may not add resource with an already registered id"). Kustomize
 * keys objects by apiVersion, kind, namespace (unset = `default`) and name;
 * this keys them by API group instead of apiVersion, since the API server
 * stores one object for every version of a group.
 *
 * Cost: each folder is built once per units array (kept in a WeakMap), so
 * building the entry folder of every cluster stays linear in the fleet.
 */
import type { KubeObject, Unit } from '../rendered';

/**
 * Every field of a unit. A unit that gains one (patches, a namespace,
 * generators, …) no longer compiles here, and a unit that carries one at run
 * time is refused, until `folderObjects` reproduces what it means.
 */
const UNIT_FIELDS = {
  dir: true,
  target: true,
  objects: true,
  includes: true,
  files: true,
  kustomization: true,
} as const satisfies { readonly [K in keyof Unit]-?: true };

/** An object of a build and the folder whose file holds it. */
export interface FolderObject {
  readonly object: KubeObject;
  /** The folder the object's file is in (the built folder or one it includes). */
  readonly folder: string;
}

interface FolderIndex {
  readonly units: ReadonlyMap<string, Unit>;
  readonly built: Map<string, readonly FolderObject[]>;
}

const indexes = new WeakMap<readonly Unit[], FolderIndex>();

/** The objects `kubectl kustomize <folder>` builds from the rendered units, in include order. */
export function folderObjects(units: readonly Unit[], folder: string): KubeObject[] {
  return folderBuild(units, folder).map((entry) => entry.object);
}

/** As {@link folderObjects}, with the folder each object comes from. */
export function folderBuild(units: readonly Unit[], folder: string): readonly FolderObject[] {
  let index = indexes.get(units);
  if (!index) {
    index = { units: new Map(units.map((u) => [u.dir, u])), built: new Map() };
    indexes.set(units, index);
  }
  return build(index, folder, []);
}

/** The API group of an apiVersion (`''` for the core group). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Whether `object` is of `kind` in API group `group` (`''` for the core group), whatever its version. */
export function isKind(object: Pick<KubeObject, 'apiVersion' | 'kind'>, group: string, kind: string): boolean {
  return object.kind === kind && apiGroup(object.apiVersion) === group;
}

/** An object as messages name it: `<apiVersion> <kind> <namespace>/<name>` (or `<name>` without a namespace). */
export function objectLabel(object: KubeObject): string {
  const { namespace, name } = object.metadata;
  return `${object.apiVersion} ${object.kind} ${namespace === undefined ? name : `${namespace}/${name}`}`;
}

function build(index: FolderIndex, dir: string, stack: readonly string[]): readonly FolderObject[] {
  const done = index.built.get(dir);
  if (done) return done;
  if (stack.includes(dir)) {
    const cycle = [...stack.slice(stack.indexOf(dir)), dir].join(' → ');
    throw new Error(`folderObjects: the includes ${cycle} form a cycle, which kustomize refuses ("cycle detected"); remove one of them`);
  }
  const unit = index.units.get(dir);
  if (!unit) {
    throw new Error(
      stack.length === 0
        ? `folderObjects: "${dir}" is not a folder of the rendered tree; pass a folder the stacks render (a Unit's dir)`
        : `folderObjects: ${stack[stack.length - 1]} includes "${dir}", which is not a folder of the rendered tree; render that folder or drop the include`,
    );
  }
  checkUnit(unit, stack);
  const entries = [...unit.includes.flatMap((include) => build(index, include, [...stack, dir])), ...unit.objects.map((object) => ({ object, folder: dir }))];
  refuseDuplicates(dir, entries);
  index.built.set(dir, entries);
  return entries;
}

function checkUnit(unit: Unit, stack: readonly string[]): void {
  const unknown = Object.keys(unit).filter((key) => !(key in UNIT_FIELDS));
  if (unknown.length > 0) {
    throw new Error(
      `folderObjects: ${unit.dir} has ${unknown.map((k) => `"${k}"`).join(', ')}, which the build does not reproduce (it follows resources and includes only); ` +
        'teach folderObjects (stacks/delivery/folders.ts) what the field does to the objects before rendering it',
    );
  }
  if (!unit.kustomization) {
    const why = stack.length === 0 ? 'is' : `is included by ${stack[stack.length - 1]}, but is`;
    throw new Error(`folderObjects: ${unit.dir} ${why} a folder of value files without a kustomization.yaml, which kustomize cannot build; build a folder that has one`);
  }
}

function refuseDuplicates(dir: string, entries: readonly FolderObject[]): void {
  const seen = new Map<string, FolderObject>();
  for (const entry of entries) {
    const { metadata, kind, apiVersion } = entry.object;
    const key = `${apiGroup(apiVersion)}|${kind}|${metadata.namespace ?? 'default'}|${metadata.name}`;
    const first = seen.get(key);
    if (first) {
      const from = first.folder === entry.folder ? `twice in ${entry.folder}` : `from ${first.folder} and from ${entry.folder}`;
      throw new Error(
        `folderObjects: building ${dir} reaches ${objectLabel(entry.object)} ${from}; kustomize refuses an object that reaches a build twice ` +
          '("may not add resource with an already registered id"): include the folder that holds it once, or give the objects distinct names',
      );
    }
    seen.set(key, entry);
  }
}

/**
 * The add-on dependency graph: cycles (a catalog error), and the sync wave
 * of each add-on (its depth: an add-on syncs after everything it depends on).
 */
import type { Catalog } from './catalog';
import type { AddonName } from './names';

/** A dependency cycle as a list of names (first = last), or undefined. */
export function findCycle(catalog: Catalog): AddonName[] | undefined {
  const state = new Map<AddonName, 'visiting' | 'done'>();
  const stack: AddonName[] = [];
  const visit = (name: AddonName): AddonName[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'visiting') return [...stack.slice(stack.indexOf(name)), name];
    state.set(name, 'visiting');
    stack.push(name);
    for (const dep of catalog[name].dependsOn) {
      const cycle = visit(dep.name);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of Object.keys(catalog).sort() as AddonName[]) {
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return undefined;
}

/**
 * Sync wave per add-on: 0 for add-ons without dependencies, else one more
 * than the highest wave among its dependencies. Call only on an acyclic catalog.
 */
export function syncWaves(catalog: Catalog): ReadonlyMap<AddonName, number> {
  const waves = new Map<AddonName, number>();
  const wave = (name: AddonName): number => {
    const known = waves.get(name);
    if (known !== undefined) return known;
    const deps = catalog[name].dependsOn;
    const w = deps.length === 0 ? 0 : 1 + Math.max(...deps.map((d) => wave(d.name)));
    waves.set(name, w);
    return w;
  };
  for (const name of Object.keys(catalog) as AddonName[]) wave(name);
  return waves;
}

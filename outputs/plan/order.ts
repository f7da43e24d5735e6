/** The order of a plan: the report's (hub, environments, fleet-wide) and the rollout's (hub, then waves). */
import type { Home } from './attribution';
import type { ClusterTable } from './clusters';
import type { Action, Change, PlanSide, WaveStep } from './plan';

/** The hub first, then the head's waves in order, with the affected clusters of each. */
export function waveSteps(head: PlanSide, affected: ReadonlySet<string>): { waves: WaveStep[]; outsideWaves: string[] } {
  const waves: WaveStep[] = [];
  const placed = new Set<string>();
  const hub = head.table.hub;
  if (hub !== undefined && affected.has(hub)) {
    waves.push({ name: 'hub', clusters: [hub] });
    placed.add(hub);
  }
  for (const wave of head.fleet?.rollout.waves ?? []) {
    const clusters = wave.clusters.filter((c) => affected.has(c));
    clusters.forEach((c) => placed.add(c));
    if (clusters.length > 0) waves.push({ name: wave.name, clusters });
  }
  return { waves, outsideWaves: sorted([...affected].filter((c) => !placed.has(c))) };
}

/** The hub, then environments in order (their shared folders, then their clusters by name), then the fleet-wide folders; by file within. */
export function reportOrder(table: ClusterTable): (a: Change, b: Change) => number {
  const envIndex = (env: string) => {
    const i = table.environments.indexOf(env);
    return i === -1 ? table.environments.length : i;
  };
  const rank = (home: Home): [number, number, string, string] => {
    switch (home.kind) {
      case 'hub':
        return [0, 0, '', ''];
      case 'environment':
        return [1, envIndex(home.environment), home.environment, ''];
      case 'cluster': {
        const env = table.clusters.get(home.cluster)?.environment ?? '';
        return [1, envIndex(env), env, home.cluster];
      }
      case 'fleet':
        return [2, 0, '', ''];
    }
  };
  const order: Record<Action, number> = { added: 0, changed: 1, removed: 2 };
  return (a, b) => {
    const x = rank(a.home);
    const y = rank(b.home);
    for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
    if (a.file !== b.file) return a.file < b.file ? -1 : 1;
    if (a.what !== b.what) return a.what < b.what ? -1 : 1;
    return order[a.action] - order[b.action];
  };
}

function sorted(list: Iterable<string>): string[] {
  return [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Rollout waves: which clusters each wave holds. Used both by the rules
 * (every cluster in exactly one wave) and to build the model.
 */
import type { MergedCluster } from '../merge';
import type { ParsedDefinition } from '../parse';
import type { WaveDefinition } from './definition';

export interface PlannedWave {
  readonly def: WaveDefinition;
  readonly index: number;
  /** Field path of the wave, e.g. `rollout.waves[1]`, or `environments` for the default waves. */
  readonly path: string;
  readonly clusters: readonly MergedCluster[];
}

export interface WavePlan {
  readonly by: 'environment' | 'rollout-tier';
  readonly waves: readonly PlannedWave[];
  /** Cluster path (e.g. `clusters[3]`) → indexes of the waves it is in. */
  readonly membership: ReadonlyMap<string, readonly number[]>;
}

/** The value of a cluster on the rollout dimension. */
export function rolloutValue(cluster: MergedCluster, by: 'environment' | 'rollout-tier'): string {
  return by === 'environment' ? cluster.def.environment : cluster.rolloutTier;
}

export function planWaves(parsed: ParsedDefinition, clusters: readonly MergedCluster[]): WavePlan {
  const by = parsed.rollout?.by ?? 'environment';
  const defs: readonly WaveDefinition[] = parsed.rollout?.waves ?? parsed.environmentNames.map((env) => ({ name: env, values: [env] }));
  const waves = defs.map((def, index) => ({
    def,
    index,
    path: parsed.rollout?.waves ? `rollout.waves[${index}]` : 'environments',
    clusters: clusters.filter((c) => def.values.includes(rolloutValue(c, by))),
  }));
  const membership = new Map<string, number[]>();
  for (const wave of waves) for (const c of wave.clusters) membership.set(c.path, [...(membership.get(c.path) ?? []), wave.index]);
  return { by, waves, membership };
}

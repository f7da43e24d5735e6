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
  /** False when the waves are the default ones (one per environment). */
  readonly declared: boolean;
  readonly waves: readonly PlannedWave[];
  /** Cluster path (e.g. `clusters[3]`) → indexes of the waves it is in. */
  readonly membership: ReadonlyMap<string, readonly number[]>;
}

/** The value of a cluster on the rollout dimension. */
export function rolloutValue(cluster: MergedCluster, by: 'environment' | 'rollout-tier'): string {
  return by === 'environment' ? cluster.def.environment : cluster.rolloutTier;
}

/**
 * The field a cluster's value on the rollout dimension comes from: its
 * `environment`, or the `rolloutTier` it or its environment sets (the
 * cluster's own field when neither does and the default applies).
 */
export function rolloutValuePath(cluster: MergedCluster, by: 'environment' | 'rollout-tier'): string {
  if (by === 'environment') return `${cluster.path}.environment`;
  if (cluster.def.rolloutTier === undefined && cluster.env?.rolloutTier !== undefined) return `${cluster.envPath}.rolloutTier`;
  return `${cluster.path}.rolloutTier`;
}

/**
 * The waves and their clusters. Without `rollout.waves`, one wave per
 * environment in the order of `environments` when waves go by environment;
 * rollout tiers have no order of their own, so waves by rollout tier have no
 * default (the rules ask for them).
 */
export function planWaves(parsed: ParsedDefinition, clusters: readonly MergedCluster[]): WavePlan {
  const by = parsed.rollout?.by ?? 'environment';
  const declared = parsed.rollout?.waves !== undefined;
  const defaults: readonly WaveDefinition[] = by === 'environment' ? parsed.environmentNames.map((env) => ({ name: env, values: [env] })) : [];
  const defs = parsed.rollout?.waves ?? defaults;
  const waves = defs.map((def, index) => ({
    def,
    index,
    path: declared ? `rollout.waves[${index}]` : 'environments',
    clusters: clusters.filter((c) => def.values.includes(rolloutValue(c, by))),
  }));
  const membership = new Map<string, number[]>();
  for (const wave of waves) for (const c of wave.clusters) membership.set(c.path, [...(membership.get(c.path) ?? []), wave.index]);
  return { by, declared, waves, membership };
}

/**
 * Environment defaults merged into each cluster. The result still carries
 * where every value came from, so the rules can point at the right field.
 */
import { mergeSelections, type MergedAddon } from './addons/merge';
import type { AddonName } from './addons/names';
import type { ClusterDefinition, EnvironmentDefinition, NodePoolDefinition } from './definition';
import type { Indexed, ParsedDefinition } from './parse';
import { formatPath } from './problems';

/** A value and the field path it was written at. */
export interface Sourced<T> {
  readonly value: T;
  readonly path: string;
}

export interface MergedCluster {
  readonly index: number;
  /** `clusters[3]` */
  readonly path: string;
  readonly def: ClusterDefinition;
  /** Undefined when the cluster names an unknown environment, or one whose settings are broken. */
  readonly env?: EnvironmentDefinition;
  /**
   * False when the environment is unknown or failed to parse: its defaults
   * are unknown, so missing values are not reported (the environment's own
   * problem is).
   */
  readonly envResolved: boolean;
  /** Path of the environment, e.g. `environments.prod`. */
  readonly envPath: string;
  readonly region?: Sourced<string>;
  readonly kubernetesVersion?: Sourced<string>;
  readonly nodePools: Sourced<readonly NodePoolDefinition[]>;
  readonly tier: 'production' | 'non-production';
  readonly rolloutTier: string;
  /** Merged free-form labels with the path each came from. */
  readonly labels: ReadonlyMap<string, Sourced<string>>;
  /** Every add-on the environment or the cluster mentions, merged. */
  readonly addons: ReadonlyMap<AddonName, MergedAddon>;
  readonly protected: boolean;
  /** Who applies the cluster's objects: its environment's `delivery`. */
  readonly delivery: 'gitops' | 'pulumi';
}

export function mergeClusters(parsed: ParsedDefinition): MergedCluster[] {
  return parsed.clusters.map((cluster) => mergeCluster(cluster, parsed));
}

function mergeCluster(cluster: Indexed<ClusterDefinition>, parsed: ParsedDefinition): MergedCluster {
  const { def, path } = cluster;
  const env = parsed.environments?.get(def.environment);
  const envPath = formatPath(['environments', def.environment]);
  const pick = <K extends 'region' | 'kubernetesVersion' | 'nodePools'>(key: K) => {
    if (def[key] !== undefined) return { value: def[key]!, path: `${path}.${key}` };
    if (env?.[key] !== undefined) return { value: env[key]!, path: `${envPath}.${key}` };
    return undefined;
  };
  const labels = new Map<string, Sourced<string>>();
  const sources = [
    [env?.labels, ['environments', def.environment]],
    [def.labels, ['clusters', cluster.index]],
  ] as const;
  for (const [source, segments] of sources) {
    for (const [key, value] of Object.entries(source ?? {})) {
      labels.set(key, { value, path: formatPath([...segments, 'labels', key]) });
    }
  }
  const tier = def.tier ?? env?.tier ?? 'non-production';
  return {
    index: cluster.index,
    path,
    def,
    env,
    envPath,
    envResolved: env !== undefined,
    region: pick('region'),
    kubernetesVersion: pick('kubernetesVersion'),
    nodePools: pick('nodePools') ?? { value: [], path: `${path}.nodePools` },
    tier,
    rolloutTier: def.rolloutTier ?? env?.rolloutTier ?? 'general',
    labels,
    addons: mergeSelections([
      { selection: env?.addons, segments: ['environments', def.environment], level: 'environment' },
      { selection: def.addons, segments: ['clusters', cluster.index], level: 'cluster' },
    ]),
    protected: def.protected ?? env?.protected ?? tier === 'production',
    delivery: env?.delivery ?? 'gitops',
  };
}

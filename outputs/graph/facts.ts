/**
 * What the pictures of the fleet say about each cluster, computed once from
 * the model so that the Mermaid source and the SVG always agree.
 */
import { formatVersion, type Cluster, type Fleet, type Wave } from '../../model';

/** One line per fact of a spoke, in the order they are shown. */
export interface SpokeFacts {
  readonly name: string;
  readonly environment: string;
  readonly region: string;
  readonly provider: string;
  /** `1.35.1 (from 1.34.2)` during an upgrade. */
  readonly version: string;
  /** Tier, then `protected` and `DR standby` when they apply. */
  readonly flags: readonly string[];
  /** `wave 3 canary` */
  readonly wave: string;
  /** Enabled add-ons, sorted. */
  readonly addons: readonly string[];
}

/** A region of an environment, with its clusters sorted by name. */
export interface RegionGroup {
  readonly region: string;
  readonly clusters: readonly Cluster[];
}

/** An environment (in rollout order) with its regions sorted by name. */
export interface EnvironmentGroup {
  readonly name: string;
  readonly tier: 'production' | 'non-production';
  /** Who applies the environment's clusters: the hub's GitOps engine, or its Pulumi stack. */
  readonly delivery: 'gitops' | 'pulumi';
  readonly regions: readonly RegionGroup[];
  readonly size: number;
}

export function kubernetesVersionText(cluster: Pick<Cluster, 'kubernetesVersion' | 'upgradedFrom'>): string {
  const now = formatVersion(cluster.kubernetesVersion);
  return cluster.upgradedFrom ? `${now} (from ${formatVersion(cluster.upgradedFrom)})` : now;
}

/** `1 dev`: the wave's position, from 1, and its name. */
export function waveTitle(wave: Wave): string {
  return `${wave.index + 1} ${wave.name}`;
}

export function spokeFacts(fleet: Fleet, cluster: Cluster): SpokeFacts {
  const wave = fleet.rollout.waves.find((w) => w.name === cluster.wave);
  const flags = [cluster.tier, ...(cluster.protected ? ['protected'] : []), ...(cluster.standby ? ['DR standby'] : [])];
  return {
    name: cluster.name,
    environment: cluster.environment,
    region: cluster.region,
    provider: cluster.provider.kind,
    version: kubernetesVersionText(cluster),
    flags,
    wave: wave ? `wave ${waveTitle(wave)}` : `wave ${cluster.wave}`,
    addons: [...cluster.addons],
  };
}

export function hubSummary(fleet: Fleet): string {
  const hub = fleet.hub;
  return `${hub.region} · ${hub.provider.kind} · ${formatVersion(hub.kubernetesVersion)}`;
}

/** Name of the engine that syncs GitOps-delivered clusters. */
export function engineName(fleet: Fleet): string {
  return fleet.engine === 'argocd' ? 'Argo CD' : fleet.engine === 'flux' ? 'Flux' : 'Argo CD + Flux';
}

/** Spokes grouped by environment (rollout order), then region (sorted), clusters sorted by name. */
export function environmentGroups(fleet: Fleet): readonly EnvironmentGroup[] {
  const byEnv = new Map<string, Map<string, Cluster[]>>();
  for (const c of fleet.clusters) {
    const regions = byEnv.get(c.environment) ?? new Map<string, Cluster[]>();
    byEnv.set(c.environment, regions);
    const list = regions.get(c.region) ?? [];
    regions.set(c.region, list);
    list.push(c);
  }
  return fleet.environments.map((env) => {
    const regions = [...(byEnv.get(env.name) ?? new Map<string, Cluster[]>())]
      .sort(([a], [b]) => compare(a, b))
      .map(([region, clusters]) => ({ region, clusters: [...clusters].sort((a, b) => compare(a.name, b.name)) }));
    return { name: env.name, tier: env.tier, delivery: env.delivery, regions, size: regions.reduce((n, r) => n + r.clusters.length, 0) };
  });
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

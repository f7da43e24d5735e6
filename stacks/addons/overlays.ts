/**
 * Overlays: the groups an add-on's values and objects vary by. Every
 * environment is one; the hub is one of its own (named `hub`), since it
 * belongs to no environment.
 */
import { HUB_ENVIRONMENT, type AddonName, type AddonSettings, type AddonValues, type Fleet } from '../../model';
import type { AddonCluster } from './spi';

export interface Overlay {
  /** Environment name, or `hub`. */
  readonly name: string;
  readonly tier: 'production' | 'non-production';
  /** Options set at this level (the environment's, or the hub's). */
  readonly addonOptions: AddonSettings;
  /** Helm values set at this level (the environment's; none for the hub, whose values are its own file). */
  readonly addonValues: AddonValues;
  /** The clusters of the overlay. */
  readonly clusters: readonly AddonCluster[];
}

export function overlays(fleet: Fleet): Overlay[] {
  const byEnv = (env: string) => fleet.clusters.filter((c) => c.environment === env);
  return [
    ...fleet.environments.map((env) => ({
      name: env.name,
      tier: env.tier,
      addonOptions: env.addonOptions,
      addonValues: env.addonValues,
      clusters: byEnv(env.name),
    })),
    { name: HUB_ENVIRONMENT, tier: 'production' as const, addonOptions: fleet.hub.addonOptions, addonValues: {}, clusters: [fleet.hub] },
  ];
}

/** The overlay a cluster belongs to. */
export function overlayName(cluster: AddonCluster): string {
  return cluster.role === 'hub' ? HUB_ENVIRONMENT : cluster.environment;
}

/** Clusters (hub included) that run `addon`, in name order with the hub first. */
export function clustersRunning(fleet: Fleet, addon: AddonName): AddonCluster[] {
  return [fleet.hub, ...fleet.clusters].filter((c) => c.addons.includes(addon));
}

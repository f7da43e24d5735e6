/**
 * Metrics facts derived from the fleet: which clusters the hub's Thanos Query
 * reads, and which clusters the fleet overview offers. Nothing here is listed
 * by hand: adding a cluster to the definition adds it here.
 */
import type { Cluster, Fleet } from '../../model';
import { HUB_SIDECAR_ENDPOINT, sidecarEndpoint } from './conventions';

/** Spokes whose sidecar the hub's Query reads: every spoke running thanos (which needs kube-prometheus-stack), by name. */
export function thanosSpokes(fleet: Fleet): readonly Cluster[] {
  return fleet.clusters.filter((c) => c.addons.includes('thanos'));
}

/**
 * Every StoreAPI of the hub's Thanos Query: the hub's own sidecar (when the hub runs
 * thanos), the store gateway over the bucket, then one sidecar per spoke running thanos.
 */
export function thanosStoreEndpoints(fleet: Fleet, storeGateway: string): string[] {
  return [
    ...(fleet.hub.addons.includes('thanos') ? [HUB_SIDECAR_ENDPOINT] : []),
    storeGateway,
    ...thanosSpokes(fleet).map((c) => sidecarEndpoint(fleet, c.name)),
  ];
}

/** The clusters the fleet overview offers: the hub and every spoke, by name. */
export function overviewClusters(fleet: Fleet): string[] {
  return [fleet.hub.name, ...fleet.clusters.map((c) => c.name)].sort();
}

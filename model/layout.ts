/**
 * Folder layout of the synthesized GitOps tree, relative to its root. Shared by
 * the stacks (which name the folders) and the registration annotations (which
 * point Argo CD at them).
 */
import type { Fleet } from './types';

export const Layout = {
  /** Every cluster's entry point (the hub's too). */
  cluster: (name: string) => `clusters/${name}`,
  /** The hub's own objects. */
  hub: 'hub',
  hubArgocd: 'hub/argocd',
  hubRegistration: 'hub/registration',
  hubClusterApi: 'hub/cluster-api',
  hubClusterApiCluster: (name: string) => `hub/cluster-api/${name}`,
  /** A platform component shared by all clusters, and its per-environment overlay. */
  platformBase: (component: string) => `platform/${component}/base`,
  platformOverlay: (component: string, env: string) => `platform/${component}/overlays/${env}`,
  /** A cluster's own values and objects of an add-on. */
  clusterAddon: (cluster: string, addon: string) => `clusters/${cluster}/addons/${addon}`,
  /** The add-ons' ApplicationSets, and per add-on its objects on the hub. */
  hubAddons: 'hub/addons',
  hubAddon: (addon: string) => `hub/addons/${addon}`,
  /** Application teams' workloads. */
  apps: 'apps',
  app: (name: string) => `apps/${name}`,
  /** An app's per-pull-request preview namespace, renamed per pull request by Argo CD. */
  appPreview: (name: string) => `apps/${name}/preview`,
  /** An app's default-deny NetworkPolicy, without a namespace: each Application (or Flux Kustomization) of the app applies it to its own. */
  appNetworkPolicy: (name: string) => `apps/${name}/network-policy`,
  /** Services fleetwright renders itself: the ApplicationSets, and per service its base and environment overlays. */
  services: 'services',
  serviceBase: (name: string) => `services/${name}/base`,
  serviceOverlay: (name: string, env: string) => `services/${name}/overlays/${env}`,
  /** Objects the hub's Argo CD applies to Karmada's API server (services Karmada propagates). */
  hubKarmada: 'hub/karmada',
  /** Flux on the hub: sources and wave gates, and per cluster its Kustomizations and HelmReleases. */
  hubFlux: 'hub/flux',
  hubFluxCluster: (name: string) => `hub/flux/clusters/${name}`,
} as const;

/** A folder of the tree as a path in the fleet repository (what Argo CD's `source.path` takes). */
export function repoPath(fleet: Pick<Fleet, 'repo'>, folder: string): string {
  return fleet.repo.path === '' ? folder : `${fleet.repo.path}/${folder}`;
}

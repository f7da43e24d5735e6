/**
 * Where the fleet's Flux objects live and how they are labelled.
 *
 * Namespaces on the hub: Flux's own (`flux.namespace`) holds the sources,
 * the root, the wave gates and every Kustomization that applies to the hub
 * itself (the add-ons' HelmRelease wrappers, Cluster API, hub objects).
 * Everything that reaches a cluster — its Kustomizations and HelmReleases —
 * lives where the cluster's kubeconfig Secret is (`fluxKubeconfigSecret`),
 * since Flux reads a secretRef from the object's own namespace; the hub's own
 * objects live there too, without a kubeconfig. All of them build from the
 * one fleet GitRepository across namespaces, which Flux allows unless
 * `--no-cross-namespace-refs` is set on its controllers.
 *
 * Folders: `hub/flux` (sources, root, gates), `hub/flux/clusters/<cluster>`
 * (the cluster's Kustomizations, included by `hub/flux`), and, applied only
 * by the Kustomizations that point at them, `hub/flux/clusters/<cluster>/addons/<addon>`
 * (one HelmRelease), `hub/flux/clusters/<cluster>/namespaces` (the
 * namespaces of its apps, services and add-ons, labelled for Pod Security
 * admission) and `hub/flux/gate` (empty).
 */
import type { FluxObjectRef, KubeconfigSecretRef } from '../../constructs/flux/api';
import { fluxKubeconfigSecret, Layout, type Fleet } from '../../model';
import { FluxNames } from '../../model/delivery/engine-rules';
import type { AddonCluster } from '../addons/spi';
import { HUB_STEP } from './waves';

/** Labels of every per-cluster Flux object: which component, on which cluster, in which wave. */
export const FluxLabel = {
  /** The component: the name of the Argo CD ApplicationSet that delivers the same thing. */
  component: 'fleetwright.io/component',
  cluster: 'fleetwright.io/cluster',
  /** The cluster's wave, `hub` for the hub; on gates, the step they close. */
  wave: 'fleetwright.io/wave',
} as const;

/** Labels of `cluster`'s objects of `component`. */
export function clusterLabels(component: string, cluster: AddonCluster): Record<string, string> {
  return { [FluxLabel.component]: component, [FluxLabel.cluster]: cluster.name, [FluxLabel.wave]: cluster.role === 'hub' ? HUB_STEP : cluster.wave };
}

/** Namespace on the hub of the objects that reach `cluster`. */
export function clusterNamespace(fleet: Fleet, cluster: AddonCluster): string {
  return fluxKubeconfigSecret(fleet, cluster.name).namespace;
}

/** The kubeconfig of a spoke; none for the hub, which Flux reaches in-cluster. */
export function kubeConfigOf(fleet: Fleet, cluster: AddonCluster): KubeconfigSecretRef | undefined {
  if (cluster.role === 'hub') return undefined;
  const secret = fluxKubeconfigSecret(fleet, cluster.name);
  return { name: secret.name, key: secret.key };
}

export const FluxFolder = {
  /** The empty folder gates apply. */
  gate: `${Layout.hubFlux}/gate`,
  cluster: (cluster: string) => Layout.hubFluxCluster(cluster),
  /** The HelmRelease of an add-on on a cluster, applied by its wrapper Kustomization. */
  helmRelease: (cluster: string, addon: string) => `${Layout.hubFluxCluster(cluster)}/addons/${addon}`,
  /** Namespaces of a cluster's apps, services and add-ons, with their Pod Security labels. */
  namespaces: (cluster: string) => `${Layout.hubFluxCluster(cluster)}/namespaces`,
} as const;

/** A reference to a Flux object by name and namespace. */
export function refOf(name: string, namespace: string): FluxObjectRef {
  return { name, namespace };
}

/** The Kustomization that creates `cluster`'s namespaces (`FluxFolder.namespaces`), which whatever installs into them depends on. */
export function namespacesRef(fleet: Fleet, cluster: AddonCluster): FluxObjectRef {
  return refOf(FluxNames.namespaces(cluster.name), clusterNamespace(fleet, cluster));
}

/**
 * Kustomizations that apply to a spoke keep what they applied when they are
 * deleted (a cluster or app leaves the definition), as Argo CD's
 * ApplicationSets here keep the resources of the Applications they delete
 * (`preserveResourcesOnDeletion`). Removing a file from a folder still prunes
 * its object. HelmReleases have no such policy: switching an add-on off
 * uninstalls its chart.
 */
export const PRESERVE_ON_DELETION = { deletionPolicy: 'Orphan' } as const;

/**
 * The add-on extension point: what every add-on implements. Its `spec` (the
 * model half: chart, namespace, dependencies, checks) is pure data; the
 * methods say what the add-on renders at each level of the tree. Every method
 * is optional: an add-on that is only a chart with its own values implements
 * `values` and nothing else.
 */
import type { Construct } from 'constructs';
import type { AddonName, AddonSpec, Cluster, Fleet, HelmValues, HubCluster } from '../../model';
import type { Overlay } from './overlays';

/** A cluster that runs add-ons: a spoke or the hub. */
export type AddonCluster = Cluster | HubCluster;

export interface Addon<K extends AddonName = AddonName> {
  readonly spec: AddonSpec<K>;
  /** Helm values for every cluster: `platform/<addon>/base/values.yaml`. */
  values?(fleet: Fleet): HelmValues;
  /** Helm values for one overlay (an environment, or the hub): its `values.yaml`, under the environment's own values. */
  overlayValues?(fleet: Fleet, overlay: Overlay): HelmValues;
  /** Helm values for one cluster: `clusters/<name>/addons/<addon>/values.yaml`, under the cluster's own values. */
  clusterValues?(fleet: Fleet, cluster: AddonCluster): HelmValues;
  /**
   * Values templated from the cluster's registration when Argo CD generates the
   * Application (ApplicationSet Go templates such as `{{ .name }}`): per-cluster
   * values that need no file of their own.
   */
  templatedValues?(fleet: Fleet): HelmValues;
  /** Objects every cluster running the add-on gets: `platform/<addon>/base`. */
  addBaseObjects?(scope: Construct, fleet: Fleet): void;
  /** Objects per overlay: `platform/<addon>/overlays/<overlay>`. */
  addOverlayObjects?(scope: Construct, fleet: Fleet, overlay: Overlay): void;
  /** Objects per cluster: `clusters/<name>/addons/<addon>`. */
  addClusterObjects?(scope: Construct, fleet: Fleet, cluster: AddonCluster): void;
  /** Objects on the hub, synced with the hub's own tree: `hub/addons/<addon>`. */
  addHubObjects?(scope: Construct, fleet: Fleet): void;
}

/** Builds an add-on, keeping its name's type (so `spec` and options line up). */
export function defineAddonRenderer<K extends AddonName>(addon: Addon<K>): Addon<K> {
  return addon;
}

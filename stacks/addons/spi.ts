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

/** Part of a chart's values: every level sets only some keys. */
export type ValuesLayer<V> = V extends readonly unknown[] ? V : V extends object ? { readonly [K in keyof V]?: ValuesLayer<V[K]> } : V;

/**
 * An add-on of name `K` whose chart takes values of type `V` (the part of the
 * chart's values.yaml fleetwright sets, typed so a misspelt key fails to compile).
 */
export interface Addon<K extends AddonName = AddonName, V extends object = HelmValues> {
  readonly spec: AddonSpec<K>;
  /** Helm values for every cluster: `platform/<addon>/base/values.yaml`. */
  values?(fleet: Fleet): ValuesLayer<V>;
  /** Helm values for one overlay (an environment, or the hub): its `values.yaml`, under the environment's own values. */
  overlayValues?(fleet: Fleet, overlay: Overlay): ValuesLayer<V>;
  /** Helm values for one cluster: `clusters/<name>/addons/<addon>/values.yaml`, under the cluster's own values. */
  clusterValues?(fleet: Fleet, cluster: AddonCluster): ValuesLayer<V>;
  /**
   * Values templated from the cluster's registration when Argo CD generates the
   * Application (ApplicationSet Go templates such as `{{ .name }}`): per-cluster
   * values that need no file of their own.
   */
  templatedValues?(fleet: Fleet): ValuesLayer<V>;
  /** Objects every cluster running the add-on gets: `platform/<addon>/base`. */
  addBaseObjects?(scope: Construct, fleet: Fleet): void;
  /** Objects per overlay: `platform/<addon>/overlays/<overlay>`. */
  addOverlayObjects?(scope: Construct, fleet: Fleet, overlay: Overlay): void;
  /** Objects per cluster: `clusters/<name>/addons/<addon>`. */
  addClusterObjects?(scope: Construct, fleet: Fleet, cluster: AddonCluster): void;
  /** Objects on the hub, synced with the hub's own tree: `hub/addons/<addon>`. */
  addHubObjects?(scope: Construct, fleet: Fleet): void;
}

/** Builds an add-on, keeping its name's and values' types (so `spec`, options and values line up). */
export function defineAddonRenderer<K extends AddonName, V extends object = HelmValues>(addon: Addon<K, NoInfer<V>>): Addon<K, V> {
  return addon;
}

/** Values of any add-on as plain JSON data, for the files they are written to. */
export function asHelmValues(values: object | undefined): HelmValues {
  return (values ?? {}) as HelmValues;
}

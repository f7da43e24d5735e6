/**
 * Add-ons with Flux, per cluster running one: a HelmRelease of the pinned
 * chart with the values Argo CD would use (see ./values), installed into the
 * add-on's namespace on the cluster; the add-on's own objects (the folder its
 * ApplicationSet syncs) as a Kustomization applied after the chart is Ready;
 * and the catalog's dependencies as `dependsOn` between the same cluster's
 * HelmReleases (and objects).
 *
 * helm-controller would create an add-on's namespace unlabelled
 * (`install.createNamespace`): a namespace fleetwright labels for Pod Security
 * admission (`Fleet.podSecurity`) is instead one of the cluster's namespaces
 * (see ./workloads `namespaceSpecs`), which the wrapper and the objects
 * Kustomization depend on, so helm installs into a namespace that already
 * carries its labels, as under Argo CD's `managedNamespaceMetadata`.
 *
 * A HelmRelease cannot depend on a Kustomization, and helm-controller's
 * `dependsOn` compares no revisions, so HelmReleases cannot follow the waves
 * by themselves: each is applied to the hub by a wrapper Kustomization of its
 * own folder (same name, in Flux's namespace) that health-checks it. The
 * wrapper builds from the fleet repository like the gates, so a commit reaches
 * a wave's HelmReleases only after the previous wave's wrappers applied that
 * commit and their HelmReleases became Ready with it.
 * @see https://fluxcd.io/flux/components/kustomize/kustomizations/#dependencies
 */
import { HELM_API_VERSION, type FluxObjectRef } from '../../constructs/flux/api';
import type { HelmChartSource } from '../../constructs/flux/helm-chart-source';
import { KustomizationHealth } from '../../constructs/flux/kustomization';
import { ADDON_NAMES, CATALOG, Layout, namespaceLabels, repoPath, type AddonName, type Fleet } from '../../model';
import { FluxComponent, FluxNames } from '../../model/delivery/engine-rules';
import { clustersRunning } from '../addons/overlays';
import type { AddonCluster } from '../addons/spi';
import { addonObjectsFolder } from '../delivery/placements';
import type { MergedValues } from '../delivery/values';
import { clusterLabels, clusterNamespace, FluxFolder, kubeConfigOf, namespacesRef, PRESERVE_ON_DELETION, refOf } from './conventions';
import { optional, type ComponentPlan, type FluxSpec } from './plan';
import { fleetSource } from './sources';

/** Add-ons some cluster (the hub included) runs, in catalog order. */
export function usedAddons(fleet: Fleet): AddonName[] {
  return ADDON_NAMES.filter((name) => clustersRunning(fleet, name).length > 0);
}

/** The add-on's namespace when fleetwright labels it for Pod Security admission (`namespaceLabels`), else undefined (e.g. `kube-system`). */
export function labelledAddonNamespace(fleet: Fleet, addon: AddonName): string | undefined {
  const namespace = CATALOG[addon].namespace;
  return namespaceLabels(fleet, namespace) === undefined ? undefined : namespace;
}

/** Per cluster (the hub too), the labelled namespaces of the add-ons of `addons` it runs: its namespaces Kustomization creates them. */
export function addonNamespaces(fleet: Fleet, addons: readonly AddonName[]): Map<string, string[]> {
  const byCluster = new Map<string, string[]>();
  for (const addon of addons) {
    const namespace = labelledAddonNamespace(fleet, addon);
    if (namespace === undefined) continue;
    for (const cluster of clustersRunning(fleet, addon)) byCluster.set(cluster.name, [...(byCluster.get(cluster.name) ?? []), namespace]);
  }
  return byCluster;
}

/** The Kustomizations of an add-on on a cluster. */
export interface AddonRefs {
  /** The hub Kustomization that applies and health-checks the HelmRelease (add-ons with a chart). */
  readonly wrapper?: FluxObjectRef;
  /** The Kustomization of the add-on's objects on the cluster (add-ons with objects). */
  readonly objects?: FluxObjectRef;
  /** What waits for the step before. */
  readonly first: FluxObjectRef;
  /** What Ready means for the add-on on the cluster. */
  readonly last: FluxObjectRef;
}

export function addonRefs(fleet: Fleet, addon: AddonName, cluster: AddonCluster): AddonRefs {
  const name = FluxNames.addon(addon, cluster.name);
  const wrapper = CATALOG[addon].chart ? refOf(name, fleet.flux.namespace) : undefined;
  const objects = addonObjectsFolder(addon, cluster) ? refOf(name, clusterNamespace(fleet, cluster)) : undefined;
  return { wrapper, objects, first: (wrapper ?? objects)!, last: (objects ?? wrapper)! };
}

export function addonPlan(fleet: Fleet, addon: AddonName, values: MergedValues, chart: HelmChartSource | undefined): ComponentPlan {
  const spec = CATALOG[addon];
  const running = clustersRunning(fleet, addon);
  const { interval, timeout, retryInterval } = fleet.flux;
  const source = fleetSource(fleet);
  const component = FluxComponent.addon(addon);
  return {
    component,
    runsOn: new Map(running.map((c) => [c.name, [addonRefs(fleet, addon, c).last]])),
    specs: (after) =>
      running.flatMap((cluster): FluxSpec[] => {
        const refs = addonRefs(fleet, addon, cluster);
        const namespace = clusterNamespace(fleet, cluster);
        const kubeConfig = kubeConfigOf(fleet, cluster);
        const labels = clusterLabels(component, cluster);
        const deps = spec.dependsOn.map((d) => d.name).filter((d) => cluster.addons.includes(d));
        // The labelled namespace exists before helm installs into it (see above).
        const namespaces = labelledAddonNamespace(fleet, addon) === undefined ? [] : [namespacesRef(fleet, cluster)];
        const specs: FluxSpec[] = [];
        if (refs.wrapper && chart) {
          const release = refOf(FluxNames.addon(addon, cluster.name), namespace);
          const folder = FluxFolder.helmRelease(cluster.name, addon);
          specs.push({
            folder,
            kind: 'HelmRelease',
            props: {
              ...release,
              labels,
              interval,
              timeout,
              retryInterval,
              chart,
              releaseName: addon,
              targetNamespace: spec.namespace,
              kubeConfig,
              dependsOn: deps.filter((d) => CATALOG[d].chart).map((d) => refOf(FluxNames.addon(d, cluster.name), namespace)),
              values: values(addon, cluster),
            },
          });
          specs.push({
            folder: FluxFolder.cluster(cluster.name),
            kind: 'Kustomization',
            props: {
              ...refs.wrapper,
              labels,
              interval,
              timeout,
              retryInterval,
              source,
              path: repoPath(fleet, folder),
              dependsOn: [
                ...optional(after(cluster.name)),
                // Dependencies without a chart have no HelmRelease to depend on.
                ...deps.filter((d) => !CATALOG[d].chart).map((d) => addonRefs(fleet, d, cluster).last),
                ...namespaces,
              ],
              health: KustomizationHealth.check([{ apiVersion: HELM_API_VERSION, kind: 'HelmRelease', ...release }]),
            },
          });
        }
        const objectsFolder = addonObjectsFolder(addon, cluster);
        if (refs.objects && objectsFolder) {
          specs.push({
            folder: FluxFolder.cluster(cluster.name),
            kind: 'Kustomization',
            props: {
              ...refs.objects,
              labels,
              interval,
              timeout,
              retryInterval,
              source,
              path: repoPath(fleet, objectsFolder),
              kubeConfig,
              // The objects need the chart's CRDs, and what they depend on.
              dependsOn: [...(refs.wrapper ? [refs.wrapper] : optional(after(cluster.name))), ...deps.map((d) => addonRefs(fleet, d, cluster).last), ...namespaces],
              health: KustomizationHealth.waitForAll(),
              ...PRESERVE_ON_DELETION,
            },
          });
        }
        return specs;
      }),
  };
}

/**
 * With engine 'flux', the objects add-ons put on the hub (`hub/addons/<addon>`,
 * synced with the hub's tree under Argo CD): a Kustomization each, after the
 * add-on is Ready on the hub (they use its CRDs).
 */
export function hubAddonSpecs(fleet: Fleet, folders: ReadonlySet<string>): FluxSpec[] {
  return usedAddons(fleet)
    .filter((addon) => folders.has(Layout.hubAddon(addon)))
    .map((addon) => ({
      folder: Layout.hubFlux,
      kind: 'Kustomization' as const,
      props: {
        name: FluxNames.hubAddon(addon),
        namespace: fleet.flux.namespace,
        labels: clusterLabels(FluxNames.hubAddon(addon), fleet.hub),
        interval: fleet.flux.interval,
        timeout: fleet.flux.timeout,
        retryInterval: fleet.flux.retryInterval,
        source: fleetSource(fleet),
        path: repoPath(fleet, Layout.hubAddon(addon)),
        dependsOn: fleet.hub.addons.includes(addon) ? [addonRefs(fleet, addon, fleet.hub).last] : [],
        health: KustomizationHealth.waitForAll(),
      },
    }));
}

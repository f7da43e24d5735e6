/**
 * An add-on on one cluster, as its Application delivers it: the pinned chart
 * (release named after the add-on, in the add-on's namespace, created on
 * sync; server-side apply and ignored fields where the catalog asks for them;
 * values merged as Argo CD merges them), and the folder of the fleet's own
 * objects for the add-on.
 */
import { CATALOG, namespaceLabels, Names, type AddonName, type Fleet, type HelmChart } from '../../model';
import type { AddonCluster } from '../addons/spi';
import type { Unit } from '../rendered';
import type { ChartComponent } from './components';
import { folderObjects } from './folders';
import type { Unordered } from './order';
import { addonObjectsFolder } from './placements';
import type { MergedValues } from './values';

/** Whether a catalog chart lives in an OCI registry (the catalog writes those without `oci://`, as Argo CD takes them). */
export function isOciChart(chart: HelmChart): boolean {
  return !/^https?:\/\//.test(chart.repoUrl);
}

/** What Argo CD leaves to an HPA: a Deployment's replicas (the Application's `ignoreDifferences`). */
export const HPA_MANAGED_REPLICAS: ChartComponent['ignoreDifferences'][number] = { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] };

/** Component id of an add-on's chart on a cluster. */
export const addonChartId = (addon: AddonName) => `addon/${addon}/chart`;
/** Component id of an add-on's objects on a cluster. */
export const addonObjectsId = (addon: AddonName) => `addon/${addon}/objects`;

/** `{ namespaceLabels }` of a component that creates `namespace`, when fleetwright labels it (see `namespaceLabels`); else nothing. */
export function createdNamespaceLabels(fleet: Pick<Fleet, 'podSecurity'>, namespace: string): { readonly namespaceLabels?: Readonly<Record<string, string>> } {
  const labels = namespaceLabels(fleet, namespace);
  return labels === undefined ? {} : { namespaceLabels: labels };
}

/** The components of `addons` (those the cluster runs, in delivery order) on `cluster`. */
export function addonComponents(fleet: Fleet, units: readonly Unit[], cluster: AddonCluster, addons: readonly AddonName[], values: MergedValues): Unordered[] {
  return addons.flatMap((addon): Unordered[] => {
    const spec = CATALOG[addon];
    const application = Names.addonApplication(addon, cluster.name);
    const components: Unordered[] = [];
    if (spec.chart) {
      components.push({
        kind: 'chart',
        id: addonChartId(addon),
        application,
        addon,
        repoUrl: spec.chart.repoUrl,
        chart: spec.chart.chart,
        version: spec.chart.version,
        oci: isOciChart(spec.chart),
        releaseName: addon,
        namespace: spec.namespace,
        createNamespace: true,
        ...createdNamespaceLabels(fleet, spec.namespace),
        serverSideApply: spec.serverSideApply ?? false,
        ignoreDifferences: spec.hpaManagedReplicas ? [HPA_MANAGED_REPLICAS] : [],
        values: values(addon, cluster),
      });
    }
    const folder = addonObjectsFolder(addon, cluster);
    if (folder) {
      components.push({
        kind: 'folder',
        id: addonObjectsId(addon),
        application,
        role: 'addon-objects',
        folder,
        namespace: spec.namespace,
        createNamespace: true,
        ...createdNamespaceLabels(fleet, spec.namespace),
        addon,
        objects: folderObjects(units, folder),
      });
    }
    return components;
  });
}

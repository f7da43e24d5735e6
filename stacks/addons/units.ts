/**
 * The folders of every add-on: `platform/<addon>/base` and
 * `overlays/<overlay>` (values and objects shared by many clusters),
 * `clusters/<name>/addons/<addon>` (a cluster's own), and `hub/addons`
 * (the ApplicationSets, and objects the add-ons put on the hub).
 */
import { ADDON_NAMES, CATALOG, Layout, mergeObjects, syncWaves, type AddonName, type Fleet, type HelmValues } from '../../model';
import { renderUnit, type Unit } from '../rendered';
import { addAddonApplicationSet } from './application-set';
import { ADDONS } from './catalog';
import { clustersRunning, overlayName, overlays } from './overlays';
import { asHelmValues, type AddonCluster } from './spi';

const VALUES_FILE = 'values.yaml';

/** The folders every cluster running an add-on shares: its base and overlays, and the hub's ApplicationSets and objects. */
export function sharedAddonUnits(fleet: Fleet): Unit[] {
  const hubTarget = { scope: 'hub' as const, cluster: fleet.hub.name };
  const used = ADDON_NAMES.filter((name) => clustersRunning(fleet, name).length > 0);
  if (used.length === 0) return [];
  const units = used.flatMap((name) => sharedUnitsOf(fleet, name));
  const hubObjects = used
    .filter((name) => ADDONS[name].addHubObjects)
    .map((name) => renderUnit(Layout.hubAddon(name), hubTarget, [], (chart) => ADDONS[name].addHubObjects!(chart, fleet)));
  const waves = syncWaves(CATALOG);
  const sets = renderUnit(Layout.hubAddons, hubTarget, hubObjects.map((u) => u.dir), (chart) => {
    for (const name of used) addAddonApplicationSet(chart, fleet, ADDONS[name], waves.get(name)!);
  });
  return [...units, sets, ...hubObjects];
}

/** Whether an add-on's folders are kustomizations: only when an Application syncs objects from them. */
function hasObjects(name: AddonName): boolean {
  const addon = ADDONS[name];
  return addon.addBaseObjects !== undefined || addon.addOverlayObjects !== undefined || addon.addClusterObjects !== undefined;
}

function sharedUnitsOf(fleet: Fleet, name: AddonName): Unit[] {
  const addon = ADDONS[name];
  const base = Layout.platformBase(name);
  const kustomization = hasObjects(name);
  const units: Unit[] = [
    renderUnit(base, { scope: 'shared' }, [], (chart) => addon.addBaseObjects?.(chart, fleet), {
      files: [{ name: VALUES_FILE, content: asHelmValues(addon.values?.(fleet)) }],
      kustomization,
    }),
  ];
  for (const overlay of overlays(fleet)) {
    if (!overlay.clusters.some((c) => c.addons.includes(name))) continue;
    const values = mergeObjects(asHelmValues(addon.overlayValues?.(fleet, overlay)), overlay.addonValues[name] ?? {}) as HelmValues;
    units.push(
      renderUnit(Layout.platformOverlay(name, overlay.name), { scope: 'shared', environment: overlay.name }, kustomization ? [base] : [], (chart) => addon.addOverlayObjects?.(chart, fleet, overlay), {
        files: [{ name: VALUES_FILE, content: values }],
        kustomization,
      }),
    );
  }
  return units;
}

/** `cluster`'s own add-on folders (`clusters/<name>/addons/<addon>`), in catalog order: those with objects or values of the cluster's own. */
export function clusterAddonUnits(fleet: Fleet, cluster: AddonCluster): Unit[] {
  const units: Unit[] = [];
  for (const name of ADDON_NAMES) {
    if (!cluster.addons.includes(name)) continue;
    const addon = ADDONS[name];
    const values = mergeObjects(asHelmValues(addon.clusterValues?.(fleet, cluster)), cluster.addonValues[name] ?? {}) as HelmValues;
    const hasValues = Object.keys(values).length > 0;
    if (!addon.addClusterObjects && !hasValues) continue;
    const overlay = overlayName(cluster);
    const target = { scope: cluster.role === 'hub' ? ('hub' as const) : ('cluster' as const), cluster: cluster.name, environment: overlay };
    units.push(
      renderUnit(
        Layout.clusterAddon(cluster.name, name),
        target,
        addon.addClusterObjects ? [Layout.platformOverlay(name, overlay)] : [],
        (chart) => addon.addClusterObjects?.(chart, fleet, cluster),
        { files: hasValues ? [{ name: VALUES_FILE, content: values }] : [], kustomization: addon.addClusterObjects !== undefined },
      ),
    );
  }
  return units;
}

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
import { asHelmValues } from './spi';

const VALUES_FILE = 'values.yaml';

export function addonUnits(fleet: Fleet): Unit[] {
  const units: Unit[] = [];
  const hubTarget = { scope: 'hub' as const, cluster: fleet.hub.name };
  const used = ADDON_NAMES.filter((name) => clustersRunning(fleet, name).length > 0);
  for (const name of used) units.push(...unitsOf(fleet, name));

  const hubObjects = used
    .filter((name) => ADDONS[name].addHubObjects)
    .map((name) => renderUnit(Layout.hubAddon(name), hubTarget, [], (chart) => ADDONS[name].addHubObjects!(chart, fleet)));
  const waves = syncWaves(CATALOG);
  const sets = renderUnit(Layout.hubAddons, hubTarget, hubObjects.map((u) => u.dir), (chart) => {
    for (const name of used) addAddonApplicationSet(chart, fleet, ADDONS[name], waves.get(name)!);
  });
  return used.length > 0 ? [...units, sets, ...hubObjects] : [];
}

function unitsOf(fleet: Fleet, name: AddonName): Unit[] {
  const addon = ADDONS[name];
  const base = Layout.platformBase(name);
  // Folders are kustomizations only when an Application syncs objects from them.
  const kustomization = addon.addBaseObjects !== undefined || addon.addOverlayObjects !== undefined || addon.addClusterObjects !== undefined;
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
  for (const cluster of clustersRunning(fleet, name)) {
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

/**
 * An add-on's Helm values on one cluster, as every engine gets them: the
 * layers Argo CD's Application reads, merged the way Argo CD merges them —
 * the value files `platform/<addon>/base`, `platform/<addon>/overlays/<overlay>`
 * and `clusters/<cluster>/addons/<addon>` (later files win, maps merge), then
 * the ApplicationSet's templated values (`valuesObject`, which Argo CD puts
 * over the files) with the cluster's registration parameters filled in.
 * The files are read from the rendered folders, so Argo CD, Flux (inline in
 * its HelmReleases) and a direct apply get exactly the same data. Argo CD's
 * precedence is parameters > valuesObject > values > valueFiles, later value
 * files winning over earlier ones.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/helm/#values-files
 */
import { Layout, mergeObjects, type AddonName, type Fleet, type HelmValues } from '../../model';
import { ADDONS } from '../addons/catalog';
import { overlayName } from '../addons/overlays';
import { asHelmValues, type AddonCluster } from '../addons/spi';
import type { Unit } from '../rendered';

const VALUES_FILE = 'values.yaml';

/** An add-on's merged values on a cluster. */
export type MergedValues = (addon: AddonName, cluster: AddonCluster) => HelmValues;

/**
 * The values of every add-on on every cluster, from the value files of the
 * rendered folders. The layers shared by an overlay's clusters are merged once.
 */
export function addonValues(fleet: Fleet, units: readonly Unit[]): MergedValues {
  const files = new Map<string, HelmValues>();
  for (const unit of units) {
    const file = unit.files.find((f) => f.name === VALUES_FILE);
    if (file) files.set(unit.dir, file.content as HelmValues);
  }
  const shared = new Map<string, HelmValues>();
  return (addon, cluster) => {
    const overlay = Layout.platformOverlay(addon, overlayName(cluster));
    let merged = shared.get(overlay);
    if (!merged) {
      merged = merge(merge({}, files.get(Layout.platformBase(addon))), files.get(overlay));
      shared.set(overlay, merged);
    }
    return merge(merge(merged, files.get(Layout.clusterAddon(cluster.name, addon))), resolveClusterParams(asHelmValues(ADDONS[addon].templatedValues?.(fleet)), cluster));
  };
}

function merge(values: HelmValues, layer: HelmValues | undefined): HelmValues {
  return layer ? (mergeObjects(values, layer) as HelmValues) : values;
}

/**
 * Fills in the ApplicationSet parameters (`ClusterParam`) a value holds, from
 * the cluster's registration: its name, labels and annotations. Any other
 * template is an error, so a new kind of parameter cannot reach Flux or a
 * direct apply unfilled.
 */
export function resolveClusterParams<T>(value: T, cluster: AddonCluster): T {
  if (typeof value === 'string') return resolveText(value, cluster) as T;
  if (Array.isArray(value)) return value.map((v) => resolveClusterParams(v, cluster)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveClusterParams(v, cluster)])) as T;
  }
  return value;
}

const PARAM = /\{\{ *(\.name|index \.metadata\.(labels|annotations) ("(?:[^"\\]|\\.)*")) *\}\}/g;

function resolveText(text: string, cluster: AddonCluster): string {
  const resolved = text.replace(PARAM, (_all, expr: string, map: string | undefined, key: string | undefined) => {
    if (expr === '.name') return cluster.name;
    const values = map === 'labels' ? cluster.labels : cluster.annotations;
    const name = JSON.parse(key!) as string;
    const found = values[name];
    if (found === undefined) throw new Error(`resolveClusterParams: ${cluster.name} has no registration ${map === 'labels' ? 'label' : 'annotation'} ${name} for ${JSON.stringify(text)}`);
    return found;
  });
  if (resolved.includes('{{')) throw new Error(`resolveClusterParams: ${JSON.stringify(text)} holds a template Flux cannot fill in; use ClusterParam.name, ClusterParam.label or ClusterParam.annotation`);
  return resolved;
}

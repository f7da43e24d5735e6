/**
 * The whole fleet as folders of Kubernetes objects: what `synth` writes and
 * what the Pulumi program applies.
 *
 * Most of a big fleet's folders belong to one spoke each (`spokeUnits`): its
 * Cluster API folder on the hub, its add-on folders and its entry folder.
 * They depend on the fleet and that spoke only; `renderFleet` adds the
 * folders of the fleet as a whole, some of which (the hub's Argo CD
 * projects, the Cluster API parent folder) are derived from the spokes'.
 */
import { Layout, type Cluster, type Fleet } from '../model';
import { clusterAddonUnits, sharedAddonUnits } from './addons/units';
import { appsUnit, appUnit, previewUnits } from './apps';
import { appNetworkPolicyUnits } from './apps/network-policy';
import { hubArgocdUnit } from './hub/argocd';
import { clusterApiUnit, hubClusterApiUnits } from './hub/cluster-api';
import { hubRegistrationUnit } from './hub/registration';
import { karmadaUnits } from './karmada/units';
import { engineUnits } from './flux/engine';
import { renderUnit, type Unit } from './rendered';
import { serviceUnits } from './services/units';
import { clusterConfigBaseUnit, clusterConfigOverlayUnit, clusterEntryUnit } from './spoke/cluster-config';

export interface RenderedFleet {
  /** Every folder, sorted by path. */
  readonly units: readonly Unit[];
}

/** The folders of one spoke. */
interface SpokeUnits {
  /** Its Cluster API folder on the hub (none for a cluster Cluster API does not create). */
  readonly clusterApi?: Unit;
  /** Its own add-on folders, in catalog order. */
  readonly addons: readonly Unit[];
  /** Its entry folder, `clusters/<name>`. */
  readonly entry: Unit;
}

function spokeUnits(fleet: Fleet, cluster: Cluster): SpokeUnits {
  const clusterApi = clusterApiUnit(fleet, cluster);
  return { ...(clusterApi ? { clusterApi } : {}), addons: clusterAddonUnits(fleet, cluster), entry: clusterEntryUnit(fleet, cluster) };
}

export function renderFleet(fleet: Fleet): RenderedFleet {
  const hubTarget = { scope: 'hub' as const, cluster: fleet.hub.name };
  const registration = hubRegistrationUnit(fleet);
  const apps = fleet.apps.length > 0 ? [appsUnit(fleet), ...fleet.apps.map((app) => appUnit(fleet, app))] : [];
  const sharedAddons = sharedAddonUnits(fleet);
  const hubAddons = sharedAddons.filter((u) => u.target.scope === 'hub' && u.dir.startsWith(`${Layout.hubAddons}`));
  const services = serviceUnits(fleet);
  const hubServices = services.filter((u) => u.dir === Layout.services);
  const hubClusterApi = clusterApiUnit(fleet, fleet.hub);
  const others = [...previewUnits(fleet), ...appNetworkPolicyUnits(fleet), ...karmadaUnits(fleet)];
  const environments = fleet.environments.filter((env) => env.clusters.length > 0);
  const spokeConfig = environments.length > 0 ? [clusterConfigBaseUnit(), ...environments.map((env) => clusterConfigOverlayUnit(fleet, env))] : [];
  const hubOwnAddons = clusterAddonUnits(fleet, fleet.hub);

  const spokes = fleet.clusters.map((c) => spokeUnits(fleet, c));
  const clusterApi = hubClusterApiUnits(fleet, [...(hubClusterApi ? [hubClusterApi] : []), ...spokes.flatMap((s) => (s.clusterApi ? [s.clusterApi] : []))]);
  const addons = [...sharedAddons, ...hubOwnAddons, ...spokes.flatMap((s) => s.addons)];
  const argocd = hubArgocdUnit(fleet, [...clusterApi, registration, ...apps, ...hubAddons, ...hubServices].flatMap((u) => u.objects));
  const hubIncludes = [
    argocd.dir,
    registration.dir,
    ...(clusterApi.length > 0 ? [Layout.hubClusterApi] : []),
    ...(hubAddons.length > 0 ? [Layout.hubAddons] : []),
    ...(apps.length > 0 ? [Layout.apps] : []),
    ...(hubServices.length > 0 ? [Layout.services] : []),
  ];
  const hub = renderUnit(Layout.hub, hubTarget, hubIncludes, () => {});
  const hubEntry = renderUnit(Layout.cluster(fleet.hub.name), hubTarget, [Layout.hub], () => {});
  const entries = [...spokeConfig, ...spokes.map((s) => s.entry)];

  const units = [hubEntry, hub, argocd, registration, ...clusterApi, ...apps, ...others, ...addons, ...services, ...entries];
  return { units: engineUnits(fleet, units).sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0)) };
}

/**
 * The whole fleet as folders of Kubernetes objects: what `synth` writes and
 * what the Pulumi program applies.
 */
import { Layout, type Fleet } from '../model';
import { addonUnits } from './addons/units';
import { appsUnit, appUnit, previewUnits } from './apps';
import { appNetworkPolicyUnits } from './apps/network-policy';
import { hubArgocdUnit } from './hub/argocd';
import { hubClusterApiUnits } from './hub/cluster-api';
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

export function renderFleet(fleet: Fleet): RenderedFleet {
  const hubTarget = { scope: 'hub' as const, cluster: fleet.hub.name };
  const clusterApi = hubClusterApiUnits(fleet);
  const registration = hubRegistrationUnit(fleet);
  const apps = fleet.apps.length > 0 ? [appsUnit(fleet), ...fleet.apps.map((app) => appUnit(fleet, app))] : [];
  const addons = addonUnits(fleet);
  const hubAddons = addons.filter((u) => u.target.scope === 'hub' && u.dir.startsWith(`${Layout.hubAddons}`));
  const services = serviceUnits(fleet);
  const hubServices = services.filter((u) => u.dir === Layout.services);
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

  const environments = fleet.environments.filter((env) => env.clusters.length > 0);
  const spokes = environments.length > 0
    ? [
      clusterConfigBaseUnit(),
      ...environments.map((env) => clusterConfigOverlayUnit(fleet, env)),
      ...fleet.clusters.map((cluster) => clusterEntryUnit(fleet, cluster)),
    ]
    : [];

  const units = [hubEntry, hub, argocd, registration, ...clusterApi, ...apps, ...previewUnits(fleet), ...appNetworkPolicyUnits(fleet), ...addons, ...services, ...karmadaUnits(fleet), ...spokes];
  return { units: engineUnits(fleet, units).sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0)) };
}

/**
 * The fleet's folders for its engine. 'argocd': as rendered. 'both': plus
 * the Flux folders (`hub/flux`), which the hub's tree does not include, so
 * Argo CD never applies them. 'flux': the Flux folders instead of Argo CD's —
 * no Argo CD configuration, registration, ApplicationSets or Applications —
 * and the hub's tree includes `hub/flux` alone (Flux applies the Cluster API
 * and hub add-on folders with Kustomizations of their own).
 */
import { Layout, type Fleet } from '../../model';
import { isAppNetworkPolicyFolder } from '../apps/network-policy';
import type { Unit } from '../rendered';
import { fluxUnits } from './units';

/**
 * Folders only Argo CD reads: its configuration and registrations, and folders of
 * ApplicationSets and Applications (not the apps' policy folders, which Flux applies too).
 */
export function isArgoOnly(dir: string): boolean {
  return (
    dir === Layout.hubArgocd ||
    dir === Layout.hubRegistration ||
    dir === Layout.hubAddons ||
    dir === Layout.services ||
    dir === Layout.apps ||
    (dir.startsWith(`${Layout.apps}/`) && !isAppNetworkPolicyFolder(dir))
  );
}

export function engineUnits(fleet: Fleet, units: readonly Unit[]): Unit[] {
  if (fleet.engine === 'argocd') return [...units];
  const flux = fluxUnits(fleet, units);
  if (fleet.engine === 'both') return [...units, ...flux];
  return [...units.filter((u) => !isArgoOnly(u.dir)).map((u) => (u.dir === Layout.hub ? { ...u, includes: [Layout.hubFlux] } : u)), ...flux];
}

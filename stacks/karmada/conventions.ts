/**
 * What the Karmada part of the tree agrees on: which services Karmada
 * delivers, the name the hub's Argo CD gives Karmada's API server and where
 * its credentials are, and the order in which Argo CD applies the objects of
 * `hub/karmada` to Karmada.
 */
import { KARMADA_ARGOCD_CLUSTER } from '../../model/delivery/karmada-rules';
import { Names, type Fleet, type Service } from '../../model';
import { SYNC_WAVE } from '../addons/application-set';

export { KARMADA_ARGOCD_CLUSTER };

/** The Application on the hub that syncs `hub/karmada` to Karmada's API server. */
export const KARMADA_APPLICATION = 'fleet-karmada';

/**
 * Argo CD sync waves of the objects on Karmada's API server: member clusters,
 * namespaces and their placement first, then the policies, then the
 * workloads; the failover taint policies last, since Karmada refuses them
 * until its installation allows NoExecute taint policies (a refusal then
 * holds nothing else back).
 */
export const KarmadaWave = {
  setup: -1,
  policies: 0,
  workloads: 1,
  failover: 2,
} as const;

/** The sync-wave annotation of `wave`. */
export function wave(w: (typeof KarmadaWave)[keyof typeof KarmadaWave]): Readonly<Record<string, string>> {
  return { [SYNC_WAVE]: String(w) };
}

/** Services Karmada propagates, sorted by name. */
export function karmadaServices(fleet: Pick<Fleet, 'services'>): Service[] {
  return fleet.services.filter((s) => s.delivery === 'karmada');
}

export function usesKarmada(fleet: Pick<Fleet, 'services'>): boolean {
  return fleet.services.some((s) => s.delivery === 'karmada');
}

/** Key in the fleet's registration store of Argo CD's connection to Karmada: `<fleet>/karmada/argocd-cluster`. */
export function karmadaRegistrationKey(fleet: Pick<Fleet, 'name'>): string {
  return Names.secretKey(fleet.name, KARMADA_ARGOCD_CLUSTER, 'argocd-cluster');
}

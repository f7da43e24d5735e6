/**
 * Karmada's API server registered with the hub's Argo CD as the cluster
 * `karmada`, so an Application can sync `hub/karmada` to it. Like the
 * `secret-store` registrations of spokes, an ExternalSecret templates the
 * Argo CD cluster Secret: the server URL comes from the definition
 * (`karmada.server`), the connection (`config`, Argo CD's JSON with the
 * credentials Karmada gave Argo CD) from the fleet's registration store at
 * `<fleet>/karmada/argocd-cluster`, property `config`. Nothing secret in Git.
 */
import type { Construct } from 'constructs';
import { ARGOCD_SECRET_TYPE_LABEL } from '../../constructs/argocd/cluster-secret';
import { ExternalSecret } from '../../constructs/external-secrets/external-secret';
import { Names, type Fleet } from '../../model';
import { KARMADA_ARGOCD_CLUSTER, karmadaRegistrationKey, usesKarmada } from './conventions';

/** Adds the registration when a service is delivered by Karmada. */
export function addKarmadaRegistration(scope: Construct, fleet: Fleet): void {
  if (!usesKarmada(fleet)) return;
  new ExternalSecret(scope, 'registration-karmada', {
    metadata: { name: Names.registrationSecret(KARMADA_ARGOCD_CLUSTER), namespace: fleet.argocd.namespace },
    clusterSecretStore: fleet.registration.secretStore,
    data: [{ secretKey: 'config', key: karmadaRegistrationKey(fleet), property: 'config' }],
    template: {
      // No fleet or role label: the fleet's ApplicationSets must never select Karmada.
      labels: { [ARGOCD_SECRET_TYPE_LABEL]: 'cluster' },
      data: { name: KARMADA_ARGOCD_CLUSTER, server: fleet.karmada.server, config: '{{ .config }}' },
    },
  });
}

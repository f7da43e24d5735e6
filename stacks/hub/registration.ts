/**
 * Cluster registration on the hub: the hub itself (in-cluster), one
 * registration per spoke the tree registers, plus, when such spokes include
 * Cluster API clusters, a ClusterSecretStore that reads the kubeconfig
 * Secrets CAPI writes, with a ServiceAccount allowed to get exactly those,
 * usable only from Argo CD's namespace; and per kubeadm spoke Argo CD reaches
 * with its ServiceAccount's token, a ClusterSecretStore that reads that token
 * on the spoke with CAPI's kubeconfig (External Secrets' controller reads the
 * kubeconfig Secret itself, with its own rights to Secrets).
 *
 * The tree registers the spokes of environments delivered by GitOps, except
 * `pulumi-eks` clusters, which the Pulumi stack that creates them registers
 * (see `pulumiClusterSecret`). Spokes of Pulumi-delivered environments are
 * registered nowhere: no ApplicationSet or Flux object may reach them, since
 * their stack applies their objects.
 */
import * as kplus from 'cdk8s-plus-28';
import { ClusterRegistration, HubRegistration } from '../../constructs/argocd/cluster-registration';
import { KubernetesSecretStore } from '../../constructs/external-secrets/cluster-secret-store';
import { Layout, Names, type Cluster, type Fleet } from '../../model';
import { renderUnit, type Unit } from '../rendered';
import { addKarmadaRegistration } from '../karmada/registration';

/** The ClusterSecretStore that reads Cluster API's kubeconfig Secrets on the hub. */
export const KUBECONFIG_STORE = 'fleet-capi-kubeconfigs';

/** The spokes whose registration is in the tree. */
export function registeredInTree(fleet: Fleet): Cluster[] {
  return fleet.clusters.filter((c) => c.delivery === 'gitops' && c.registration.kind !== 'pulumi');
}

export function hubRegistrationUnit(fleet: Fleet): Unit {
  return renderUnit(Layout.hubRegistration, { scope: 'hub', cluster: fleet.hub.name }, [], (chart) => {
    const registered = registeredInTree(fleet);
    const kubeconfigSecrets = registered.flatMap((c) => (c.registration.kind === 'capi-kubeconfig' ? [c.registration.kubeconfigSecret] : []));
    if (kubeconfigSecrets.length > 0) {
      const esoNamespace = fleet.registration.externalSecretsNamespace;
      const reader = new kplus.ServiceAccount(chart, 'kubeconfig-reader', {
        metadata: { name: KUBECONFIG_STORE, namespace: esoNamespace },
      });
      const role = new kplus.Role(chart, 'kubeconfig-reader-role', {
        metadata: { name: KUBECONFIG_STORE, namespace: fleet.clusterApi.namespace },
      });
      for (const secret of kubeconfigSecrets) {
        role.allow(['get'], kplus.Secret.fromSecretName(chart, `kubeconfig-${secret}`, secret));
      }
      new kplus.RoleBinding(chart, 'kubeconfig-reader-binding', {
        metadata: { name: KUBECONFIG_STORE, namespace: fleet.clusterApi.namespace },
        role,
      }).addSubjects(reader);
      new KubernetesSecretStore(chart, 'kubeconfig-store', {
        name: KUBECONFIG_STORE,
        remoteNamespace: fleet.clusterApi.namespace,
        auth: { serviceAccount: { name: KUBECONFIG_STORE, namespace: esoNamespace } },
        // Admin kubeconfigs: only the registrations in Argo CD's namespace may read them.
        namespaces: [fleet.argocd.namespace],
      });
    }
    for (const cluster of registered) {
      const reg = cluster.registration;
      if (reg.kind !== 'capi-kubeconfig' || reg.auth.kind !== 'service-account-token') continue;
      // Reads Argo CD's token on the spoke with CAPI's admin kubeconfig, which Argo CD itself never gets.
      new KubernetesSecretStore(chart, `token-store-${cluster.name}`, {
        name: Names.spokeTokenStore(cluster.name),
        remoteNamespace: reg.auth.namespace,
        auth: { kubeconfig: { name: reg.kubeconfigSecret, namespace: fleet.clusterApi.namespace, key: 'value' } },
        namespaces: [fleet.argocd.namespace],
      });
    }
    // A Pulumi-delivered hub gets its add-ons from the management stack, so the
    // ApplicationSets must not select it: it is not registered.
    if (fleet.hub.delivery === 'gitops') new HubRegistration(chart, 'registration-hub', { hub: fleet.hub, namespace: fleet.argocd.namespace });
    for (const cluster of registered) {
      new ClusterRegistration(chart, `registration-${cluster.name}`, {
        cluster,
        namespace: fleet.argocd.namespace,
        registrationStore: fleet.registration.secretStore,
        kubeconfigStore: KUBECONFIG_STORE,
      });
    }
    addKarmadaRegistration(chart, fleet);
  });
}

/**
 * cilium: the cluster's only CNI, with IPAM in cluster-pool mode over the
 * cluster's pod range, and ClusterMesh when `platform.cilium.clusterMesh` is
 * on: a LoadBalancer ClusterMesh API server per cluster, every other cluster
 * running cilium as a peer, and one CA shared by the mesh, read from the
 * fleet's secret store into the `cilium-ca` Secret the chart's certgen signs
 * the ClusterMesh certificates with. Nothing secret is in Git.
 * @see https://docs.cilium.io/en/stable/network/clustermesh/clustermesh/
 */
import { ExternalSecret } from '../../constructs/external-secrets/external-secret';
import type { Fleet } from '../../model';
import { cilium as spec, clusterMeshAddress, clusterMeshEnabled } from '../../model/addons/catalog/cilium';
import { clusterSecretKey, FLEET_SECRET_STORE } from './conventions';
import { clustersRunning } from './overlays';
import { defineAddonRenderer, type AddonCluster, type ValuesLayer } from './spi';
import { ResourceSyncOption, syncOptions } from '../../constructs/argocd/resource-sync-options';
import type { CiliumCertgenValues, CiliumClusterMeshValues, CiliumClusterValues, CiliumValues } from './values/cilium';

/** The Secret Cilium's certgen reads its CA from (keys `ca.crt`, `ca.key`). */
export const CILIUM_CA_SECRET = 'cilium-ca';

/** Name of the mesh CA in each cluster's part of the fleet's store; properties `ca_crt` and `ca_key`. */
export const CLUSTERMESH_CA_KEY = 'cilium-clustermesh-ca';

/** Prefix length of the pod range each node gets from the cluster's pool. */
const NODE_MASK_SIZE = 24;

/** Argo CD may apply the ExternalSecret before External Secrets' CRDs exist (Cilium syncs first: it is the network). */
const SKIP_DRY_RUN = syncOptions(ResourceSyncOption.skipDryRunOnMissingResource);

/**
 * The chart's certgen Jobs delete themselves after they finish, which Argo CD
 * would see as drift and re-create; as post-sync hooks they run after every
 * sync instead (once the CA Secret is there) and are not tracked.
 */
const CERTGEN_JOB_HOOK = { 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' };

export const cilium = defineAddonRenderer<'cilium', CiliumValues>({
  spec,
  values: (fleet): ValuesLayer<CiliumValues> => {
    const mesh = clusterMeshEnabled(fleet.platform);
    return {
      ipam: { mode: 'cluster-pool' },
      // Argo CD renders the chart on every refresh: certificates Helm generated would change each time.
      hubble: { tls: { auto: { method: 'cronJob' } } },
      // With ClusterMesh the CA is the fleet's (see addClusterObjects): certgen must not make one of its own.
      certgen: { annotations: { job: { ...CERTGEN_JOB_HOOK } }, ...(mesh ? ({ generateCA: false } satisfies ValuesLayer<CiliumCertgenValues>) : {}) },
      ...(mesh
        ? ({
          clustermesh: {
            useAPIServer: true,
            apiserver: {
              service: { type: 'LoadBalancer' },
              // Every cluster's certificates come from the one CA in cilium-ca, so clusters authenticate by name.
              tls: { authMode: 'cluster', auto: { enabled: true, method: 'cronJob' } },
            },
            config: { enabled: true },
          },
        } satisfies ValuesLayer<CiliumValues>)
        : {}),
    };
  },
  overlayValues: (_fleet, overlay): ValuesLayer<CiliumValues> => ({ operator: { replicas: overlay.tier === 'production' ? 2 : 1 } }),
  clusterValues: (fleet, cluster): ValuesLayer<CiliumValues> => {
    const id = cluster.addonOptions.cilium?.clusterId;
    return {
      cluster: { name: cluster.name, ...(id !== undefined ? ({ id } satisfies ValuesLayer<CiliumClusterValues>) : {}) },
      ipam: { operator: { clusterPoolIPv4PodCIDRList: [cluster.network.podCidr], clusterPoolIPv4MaskSize: NODE_MASK_SIZE } },
      ...(clusterMeshEnabled(fleet.platform) ? ({ clustermesh: clusterMeshValues(fleet, cluster) } satisfies ValuesLayer<CiliumValues>) : {}),
    };
  },
  addClusterObjects: (scope, fleet, cluster) => {
    if (!clusterMeshEnabled(fleet.platform)) return;
    const key = clusterSecretKey(fleet, cluster, CLUSTERMESH_CA_KEY);
    new ExternalSecret(scope, 'ClusterMeshCa', {
      metadata: { name: CILIUM_CA_SECRET, namespace: spec.namespace, annotations: SKIP_DRY_RUN },
      clusterSecretStore: FLEET_SECRET_STORE,
      data: [
        { secretKey: 'ca.crt', key, property: 'ca_crt' },
        { secretKey: 'ca.key', key, property: 'ca_key' },
      ],
    });
  },
});

/** The cluster's peers, and its own address in its ClusterMesh API server's certificate. */
function clusterMeshValues(fleet: Fleet, cluster: AddonCluster): ValuesLayer<CiliumClusterMeshValues> {
  // The model checked the pattern: present, with {cluster}, a DNS name with an optional port.
  const address = (name: string) => clusterMeshAddress(fleet.platform.cilium!.clusterMeshEndpoint!, name)!;
  const peers = clustersRunning(fleet, 'cilium').filter((c) => c.name !== cluster.name);
  return {
    apiserver: { tls: { server: { extraDnsNames: [address(cluster.name).address] } } },
    // The chart's dict form of clustermesh.config.clusters, keyed by cluster name.
    config: { clusters: Object.fromEntries(peers.map((peer) => [peer.name, { ...address(peer.name) }])) },
  };
}

/**
 * The part of the cilium chart's values fleetwright sets (chart 1.20.2, the
 * version `model/addons/catalog/cilium.ts` pins).
 * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
 * @see https://docs.cilium.io/en/v1.20/helm-reference/
 */

/** Top-level values of the cilium chart. */
export interface CiliumValues {
  /**
   * The cluster's identity in a ClusterMesh.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly cluster: CiliumClusterValues;
  /**
   * IP address management: where pod addresses come from.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly ipam: CiliumIpamValues;
  /**
   * Hubble, the flow observability layer.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly hubble: CiliumHubbleValues;
  /**
   * The certgen Job (and CronJob) that writes Hubble's and ClusterMesh's certificates when their `tls.auto.method` is `cronJob`.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly certgen: CiliumCertgenValues;
  /**
   * The cilium-operator Deployment.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly operator: CiliumOperatorValues;
  /**
   * ClusterMesh: the ClusterMesh API server and the peers this cluster connects to.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   * @see https://docs.cilium.io/en/v1.20/network/clustermesh/clustermesh/
   */
  readonly clustermesh: CiliumClusterMeshValues;
}

/** `cluster`: the cluster's name and ID in the mesh. */
export interface CiliumClusterValues {
  /**
   * Name of the cluster: at most 32 characters, lower-case alphanumerics and dashes, unique in the mesh.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly name: string;
  /**
   * Cluster ID, unique in the mesh: 1 to 255 (0 outside a mesh).
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly id: number;
}

/**
 * An IPAM mode.
 * @see https://docs.cilium.io/en/v1.20/network/concepts/ipam/
 */
export type CiliumIpamMode = 'cluster-pool' | 'kubernetes' | 'multi-pool' | 'crd' | 'eni' | 'azure' | 'alibabacloud' | 'delegated-plugin';

/** `ipam`: IP address management. */
export interface CiliumIpamValues {
  /**
   * How pod addresses are allocated (`cluster-pool`: the operator hands each node a range of the pool).
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly mode: CiliumIpamMode;
  /**
   * The operator's side of IPAM: the cluster pool.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly operator: CiliumIpamOperatorValues;
}

/** `ipam.operator`: the cluster pool the operator splits between nodes. */
export interface CiliumIpamOperatorValues {
  /**
   * IPv4 CIDRs of the pool, from which each node gets a range.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly clusterPoolIPv4PodCIDRList: readonly string[];
  /**
   * Prefix length of the range each node gets from the IPv4 pool.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly clusterPoolIPv4MaskSize: number;
}

/**
 * How the chart generates certificates: `helm` at render time, `cronJob` by
 * the certgen Job in the cluster, `certmanager` through cert-manager.
 * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
 */
export type CiliumCertificateMethod = 'helm' | 'cronJob' | 'certmanager';

/** `hubble`: Hubble. */
export interface CiliumHubbleValues {
  /**
   * Hubble's mutual TLS.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly tls: CiliumHubbleTlsValues;
}

/** `hubble.tls`. */
export interface CiliumHubbleTlsValues {
  /**
   * Generation of Hubble's certificates.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly auto: CiliumHubbleTlsAutoValues;
}

/** `hubble.tls.auto`. */
export interface CiliumHubbleTlsAutoValues {
  /**
   * How Hubble's certificates are generated.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly method: CiliumCertificateMethod;
}

/** `certgen`: the certgen Job. */
export interface CiliumCertgenValues {
  /**
   * Annotations of the certgen objects.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly annotations: CiliumCertgenAnnotationsValues;
  /**
   * Whether certgen creates the CA (Secret `cilium-ca`); when false it signs with the CA already in that Secret.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly generateCA: boolean;
}

/** `certgen.annotations`. */
export interface CiliumCertgenAnnotationsValues {
  /**
   * Annotations of the one-shot certgen Jobs.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly job: Readonly<Record<string, string>>;
}

/** `operator`: the cilium-operator. */
export interface CiliumOperatorValues {
  /**
   * Number of operator pods (one is active at a time, by leader election).
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly replicas: number;
}

/** `clustermesh`: ClusterMesh. */
export interface CiliumClusterMeshValues {
  /**
   * Whether the chart deploys the ClusterMesh API server, which the other clusters' agents connect to.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly useAPIServer: boolean;
  /**
   * The ClusterMesh API server.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly apiserver: CiliumClusterMeshApiServerValues;
  /**
   * The peers, written by the chart into the agents' ClusterMesh configuration.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly config: CiliumClusterMeshConfigValues;
}

/** `clustermesh.apiserver`: the ClusterMesh API server. */
export interface CiliumClusterMeshApiServerValues {
  /**
   * The Service the other clusters reach the API server through.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly service: CiliumClusterMeshServiceValues;
  /**
   * The API server's TLS: authentication of remote clusters and certificates.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly tls: CiliumClusterMeshTlsValues;
}

/** `clustermesh.apiserver.service`. */
export interface CiliumClusterMeshServiceValues {
  /**
   * Type of the API server's Service.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
}

/** `clustermesh.apiserver.tls`. */
export interface CiliumClusterMeshTlsValues {
  /**
   * How remote clusters authenticate: `legacy` (one shared `remote` user), `migration` (between the two), or
   * `cluster` (a user per remote cluster name; meaningful only when every cluster shares one CA).
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly authMode: 'legacy' | 'migration' | 'cluster';
  /**
   * Generation of the API server's certificates.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly auto: CiliumClusterMeshTlsAutoValues;
  /**
   * The API server's own certificate.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly server: CiliumClusterMeshTlsServerValues;
}

/** `clustermesh.apiserver.tls.auto`. */
export interface CiliumClusterMeshTlsAutoValues {
  /**
   * Whether the chart generates the certificates (rather than taking them from values).
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly enabled: boolean;
  /**
   * How the certificates are generated.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly method: CiliumCertificateMethod;
}

/** `clustermesh.apiserver.tls.server`. */
export interface CiliumClusterMeshTlsServerValues {
  /**
   * DNS names added to the generated server certificate (the name peers dial).
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly extraDnsNames: readonly string[];
}

/** `clustermesh.config`: the explicit ClusterMesh configuration. */
export interface CiliumClusterMeshConfigValues {
  /**
   * Whether the chart writes the ClusterMesh configuration from `clusters`.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly enabled: boolean;
  /**
   * The peers in the chart's dict form (since 1.19; a list before), keyed by cluster name, so values
   * files merge per peer.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly clusters: Readonly<Record<string, CiliumClusterMeshPeerValues>>;
}

/** `clustermesh.config.clusters.<name>`: one peer. */
export interface CiliumClusterMeshPeerValues {
  /**
   * DNS name of the peer's ClusterMesh API server.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly address: string;
  /**
   * Port of the peer's ClusterMesh API server.
   * @see https://github.com/cilium/cilium/blob/v1.20.2/install/kubernetes/cilium/values.yaml
   */
  readonly port: number;
}

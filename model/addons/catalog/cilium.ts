import type { Problems } from '../../problems';
import { defineAddon, type AddonFleetCheckContext } from '../spec';

/** Longest `cluster.name` Cilium accepts. */
export const CILIUM_CLUSTER_NAME_MAX = 32;

/** Port of a ClusterMesh API server when `platform.cilium.clusterMeshEndpoint` names none. */
export const CLUSTERMESH_DEFAULT_PORT = 2379;

/** Where one cluster's ClusterMesh API server is reached. */
export interface ClusterMeshAddress {
  /** DNS name: the peers' `address`, and a name in the server's certificate. */
  readonly address: string;
  readonly port: number;
}

/**
 * The address of `cluster`'s ClusterMesh API server from the fleet's pattern
 * (`{cluster}` replaced), or undefined when it is not a DNS name with an optional `:port`.
 */
export function clusterMeshAddress(pattern: string, cluster: string): ClusterMeshAddress | undefined {
  const match = /^([a-z0-9]([a-z0-9.-]*[a-z0-9])?)(?::(\d{1,5}))?$/i.exec(pattern.replaceAll('{cluster}', cluster));
  if (!match) return undefined;
  const port = match[3] === undefined ? CLUSTERMESH_DEFAULT_PORT : Number(match[3]);
  return port >= 1 && port <= 65535 ? { address: match[1]!, port } : undefined;
}

/** Whether the fleet meshes its Cilium clusters. */
export function clusterMeshEnabled(platform: { readonly cilium?: { readonly clusterMesh?: boolean } }): boolean {
  return platform.cilium?.clusterMesh === true;
}

/**
 * Cilium as the CNI, with ClusterMesh when the fleet asks for it.
 *
 * fleetwright runs Cilium only as a cluster's sole CNI: cluster-pool IPAM over
 * the cluster's `network.podCidr`, which is what kubeadm clusters (capi-aws,
 * capi-docker) need. EKS clusters are refused: their pods are networked by the
 * AWS VPC CNI, which the providers install. Cilium documents two ways onto
 * EKS, and fleetwright takes neither: chaining on top of the VPC CNI
 * (`cni.chainingMode=aws-cni`) gives policy and visibility only — the VPC CNI
 * already enforces NetworkPolicies, pod addresses come from the VPC, not the
 * fleet's pod range, and ClusterMesh needs the same datapath mode in every
 * cluster, so chained EKS clusters cannot mesh with tunnelled kubeadm ones;
 * ENI mode replaces the VPC CNI, which must be decided when the cluster is
 * created (no aws-node DaemonSet, nodes tainted until Cilium runs), a
 * provider setting fleetwright does not have.
 */
export const cilium = defineAddon({
  name: 'cilium',
  description: 'Cilium as the CNI (pod range from the fleet), with ClusterMesh between clusters when platform.cilium.clusterMesh is on',
  namespace: 'kube-system',
  chart: { repoUrl: 'https://helm.cilium.io', chart: 'cilium', version: '1.20.2' },
  // The operator's own CRDs; ClusterMesh settings.
  apiGroups: ['cilium.io'],
  dependsOn: [],
  check({ options, path, cluster, platform, problems }) {
    if (cluster.irsa) {
      // Clusters with IRSA are EKS clusters (capi-aws-eks, pulumi-eks, existing with aws-iam auth).
      problems.add(
        path,
        `${path} is enabled on ${cluster.name}, an EKS cluster (provider "${cluster.providerKind}") whose pods are networked by the AWS VPC CNI, ` +
          "but fleetwright runs Cilium only as a cluster's sole CNI (cluster-pool IPAM over network.podCidr, ClusterMesh); " +
          'disable cilium for this cluster (the VPC CNI enforces NetworkPolicies itself)',
      );
      return;
    }
    if (cluster.name.length > CILIUM_CLUSTER_NAME_MAX) {
      problems.add(
        path,
        `${path} is enabled on "${cluster.name}", a name of ${cluster.name.length} characters, over the ${CILIUM_CLUSTER_NAME_MAX} Cilium accepts as cluster.name; ` +
          `shorten the cluster's name to at most ${CILIUM_CLUSTER_NAME_MAX} characters`,
      );
    }
    if (!clusterMeshEnabled(platform)) return;
    if (options.clusterId === undefined) {
      problems.add(
        `${path}.clusterId`,
        `${path}.clusterId is missing for ${cluster.name}, but platform.cilium.clusterMesh is on and every cluster in the mesh needs its own ID; ` +
          `set clusterId in ${cluster.name}'s cilium options to a number from 1 to 255 that no other cluster uses`,
      );
    }
    if (!cluster.addons.has('external-secrets')) {
      problems.add(
        path,
        `${path} puts ${cluster.name} in the ClusterMesh (platform.cilium.clusterMesh), whose shared CA comes through External Secrets, which ${cluster.name} does not run; ` +
          'enable "external-secrets" there too',
      );
    }
  },
  checkFleet(context) {
    checkClusterIds(context);
    if (clusterMeshEnabled(context.platform)) checkEndpoint(context.platform.cilium?.clusterMeshEndpoint, context.problems);
  },
});

/** No two clusters may share a ClusterMesh ID. */
function checkClusterIds({ clusters, problems }: AddonFleetCheckContext<'cilium'>): void {
  const owners = new Map<number, { readonly name: string; readonly path: string }>();
  for (const { name, path, options } of clusters) {
    const id = options.clusterId;
    if (id === undefined) continue;
    const owner = owners.get(id);
    if (owner) {
      problems.at(`${path}.clusterId`, id, `(${name}) is already the clusterId of ${owner.name} (${owner.path}.clusterId)`, 'give every cluster running cilium its own clusterId from 1 to 255');
    } else {
      owners.set(id, { name, path });
    }
  }
}

/** The endpoint pattern must exist, tell clusters apart and be a DNS name with an optional port. */
function checkEndpoint(endpoint: string | undefined, problems: Problems): void {
  const path = 'platform.cilium.clusterMeshEndpoint';
  const example = `"{cluster}.mesh.acme.io:${CLUSTERMESH_DEFAULT_PORT}"`;
  if (endpoint === undefined) {
    problems.add(path, `${path} is missing, but platform.cilium.clusterMesh is on, so clusters cannot reach each other's ClusterMesh API server; set an address pattern such as ${example}`);
  } else if (!endpoint.includes('{cluster}')) {
    problems.at(path, endpoint, 'has no {cluster} placeholder, so every cluster would get the same address', `include {cluster}, e.g. ${example}`);
  } else if (clusterMeshAddress(endpoint, 'c') === undefined) {
    problems.at(path, endpoint, 'is not a DNS name with an optional port (1 to 65535)', `write it like ${example}`);
  }
}

/** `capi-docker`: a kubeadm cluster of kind node containers (Cluster API's Docker provider), for local and CI use. */
import type { Construct } from 'constructs';
import { DockerCluster, DockerMachineTemplate, type DockerMachineTemplateContent } from '../../constructs/cluster-api';
import { formatVersion, type Cluster as ClusterModel, type HubCluster, type Provider } from '../../model';
import type { ClusterApiContext } from './cluster-api-objects';
import { addKubeadmCluster } from './kubeadm-cluster';

type CapiDockerProvider = Extract<Provider, { kind: 'capi-docker' }>;

/**
 * Names the API server certificate must also carry so that it can be reached
 * through the load balancer's port on the Docker host (as CAPD's own templates do).
 */
const DOCKER_HOST_CERT_SANS = ['localhost', '127.0.0.1', '0.0.0.0', 'host.docker.internal'];

/**
 * Node containers share the host's disk, whose fill level says nothing about
 * the node: turn off disk-pressure eviction, as CAPD's own templates do.
 * @see https://cluster-api.sigs.k8s.io/user/quick-start
 */
const DOCKER_KUBELET_ARGS = { 'eviction-hard': 'nodefs.available<0%,nodefs.inodesFree<0%,imagefs.available<0%' } as const;

export function addCapiDocker(scope: Construct, cluster: ClusterModel | HubCluster, provider: CapiDockerProvider, context: ClusterApiContext): void {
  // Every machine runs the kind node image of the cluster's version.
  const content: DockerMachineTemplateContent = { kubernetesVersion: `v${formatVersion(cluster.kubernetesVersion)}` };
  const machine = (machineScope: Construct, id: string, owner: string) =>
    new DockerMachineTemplate(machineScope, id, { ...context.templateIdentity(owner, DockerMachineTemplate.renderSpec(content)), ...content });
  addKubeadmCluster(scope, cluster, context, {
    infrastructure: new DockerCluster(scope, 'DockerCluster', context.identity(cluster.name)),
    controlPlaneReplicas: provider.controlPlane.replicas,
    controlPlaneMachine: (s, owner) => machine(s, 'ControlPlaneMachineTemplate', owner),
    poolMachine: (s, _pool, owner) => machine(s, 'DockerMachineTemplate', owner),
    kubeletArgs: DOCKER_KUBELET_ARGS,
    apiServerCertSans: DOCKER_HOST_CERT_SANS,
  });
}

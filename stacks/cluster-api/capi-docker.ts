/** `capi-docker`: a kubeadm cluster of kind node containers (Cluster API's Docker provider), for local and CI use. */
import { Construct } from 'constructs';
import { formatVersion, Names, type Cluster as ClusterModel, type HubCluster, type Provider } from '../../model';
import {
  Cluster,
  DockerCluster,
  DockerMachineTemplate,
  KubeadmConfigTemplate,
  KubeadmControlPlane,
  MachineDeployment,
  splitNodeLabels,
  type DockerMachineTemplateContent,
  type KubeadmConfigTemplateContent,
} from '../../constructs/cluster-api';
import type { ClusterApiContext } from './cluster-api-objects';
import { contentName } from './content-name';

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
  const identity = (name: string) => ({ name, namespace: context.namespace, labels: context.labels, annotations: context.annotations });
  // Templates are named after their content: a change makes a new template, and moving the reference to it rolls the machines.
  const templateIdentity = (owner: string, spec: unknown) => ({
    name: contentName(owner, spec),
    namespace: context.namespace,
    labels: context.labels,
    annotations: context.templateAnnotations,
  });
  const version = `v${formatVersion(cluster.kubernetesVersion)}`;

  const infrastructure = new DockerCluster(scope, 'DockerCluster', identity(cluster.name));
  const machine: DockerMachineTemplateContent = { kubernetesVersion: version };
  const machineName = (owner: string) => templateIdentity(owner, DockerMachineTemplate.renderSpec(machine));
  const controlPlaneTemplate = new DockerMachineTemplate(scope, 'ControlPlaneMachineTemplate', { ...machineName(Names.controlPlane(cluster.name)), ...machine });
  const controlPlane = new KubeadmControlPlane(scope, 'KubeadmControlPlane', {
    ...identity(Names.controlPlane(cluster.name)),
    replicas: provider.controlPlane.replicas,
    version,
    machineTemplate: controlPlaneTemplate,
    kubeletArgs: DOCKER_KUBELET_ARGS,
    apiServerCertSans: DOCKER_HOST_CERT_SANS,
  });
  const capiCluster = new Cluster(scope, 'Cluster', {
    ...identity(cluster.name),
    labels: context.clusterLabels,
    infrastructure,
    controlPlane,
    podCidrs: [cluster.network.podCidr],
    serviceCidrs: [cluster.network.serviceCidr],
  });

  for (const pool of cluster.nodePools) {
    const poolScope = new Construct(scope, `NodePool-${pool.name}`);
    const name = Names.nodePool(cluster.name, pool.name);
    const labels = splitNodeLabels(pool.labels);
    const machineTemplate = new DockerMachineTemplate(poolScope, 'DockerMachineTemplate', { ...machineName(name), ...machine });
    const bootstrap: KubeadmConfigTemplateContent = {
      kubeletArgs: DOCKER_KUBELET_ARGS,
      nodeLabels: labels.kubelet,
      nodeTaints: pool.taints,
    };
    const bootstrapConfig = new KubeadmConfigTemplate(poolScope, 'KubeadmConfigTemplate', {
      ...templateIdentity(name, KubeadmConfigTemplate.renderSpec(bootstrap)),
      ...bootstrap,
    });
    new MachineDeployment(poolScope, 'MachineDeployment', {
      ...identity(name),
      cluster: capiCluster,
      version,
      replicas: pool.replicas,
      autoscaling: pool.autoscaling && { minReplicas: pool.autoscaling.min, maxReplicas: pool.autoscaling.max },
      bootstrapConfig,
      machineTemplate,
      machineLabels: labels.machine,
    });
  }
}

/**
 * What the two kubeadm providers (`capi-aws`, `capi-docker`) share: a Cluster,
 * a KubeadmControlPlane and, per node pool, a MachineDeployment with a
 * KubeadmConfigTemplate. The provider supplies the infrastructure cluster, its
 * machine templates and the kubelet settings its machines need.
 */
import { Construct } from 'constructs';
import {
  Cluster,
  KubeadmConfigTemplate,
  KubeadmControlPlane,
  MachineDeployment,
  splitNodeLabels,
  type KubeadmConfigTemplateContent,
  type RefSource,
} from '../../constructs/cluster-api';
import { formatVersion, Names, type Cluster as ClusterModel, type HubCluster, type NodePool } from '../../model';
import { addArgocdAccessSets, clusterLabelsFor } from './argocd-access-sets';
import type { ClusterApiContext } from './cluster-api-objects';

export interface KubeadmClusterParts {
  /** The infrastructure cluster (`AWSCluster`, `DockerCluster`). */
  readonly infrastructure: RefSource;
  readonly controlPlaneReplicas: number;
  /** Creates the control plane's machine template, given the name to build it from. */
  controlPlaneMachine(scope: Construct, owner: string): RefSource;
  /** Creates a node pool's machine template, given the name to build it from. */
  poolMachine(scope: Construct, pool: NodePool, owner: string): RefSource;
  /** Kubelet flags of every machine. */
  readonly kubeletArgs: Readonly<Record<string, string>>;
  /** @default - kubeadm's default (the hostname) */
  readonly nodeName?: string;
  /** @default {} */
  readonly controllerManagerArgs?: Readonly<Record<string, string>>;
  /** @default [] */
  readonly apiServerCertSans?: readonly string[];
}

export function addKubeadmCluster(scope: Construct, cluster: ClusterModel | HubCluster, context: ClusterApiContext, parts: KubeadmClusterParts): void {
  const version = `v${formatVersion(cluster.kubernetesVersion)}`;
  const controlPlane = new KubeadmControlPlane(scope, 'KubeadmControlPlane', {
    ...context.identity(Names.controlPlane(cluster.name)),
    replicas: parts.controlPlaneReplicas,
    version,
    machineTemplate: parts.controlPlaneMachine(scope, Names.controlPlane(cluster.name)),
    kubeletArgs: parts.kubeletArgs,
    ...(parts.controllerManagerArgs ? { controllerManagerArgs: parts.controllerManagerArgs } : {}),
    ...(parts.apiServerCertSans ? { apiServerCertSans: parts.apiServerCertSans } : {}),
    ...(parts.nodeName ? { nodeName: parts.nodeName } : {}),
  });
  const access = context.argocdAccess?.mode === 'least-privilege' ? context.argocdAccess : undefined;
  const capiCluster = new Cluster(scope, 'Cluster', {
    ...context.identity(cluster.name),
    labels: clusterLabelsFor(cluster.name, context, access),
    infrastructure: parts.infrastructure,
    controlPlane,
    podCidrs: [cluster.network.podCidr],
    serviceCidrs: [cluster.network.serviceCidr],
  });
  // Argo CD's ServiceAccount and its rights, instead of the admin certificate of CAPI's kubeconfig.
  if (access) addArgocdAccessSets(scope, cluster.name, context, access);

  for (const pool of cluster.nodePools) {
    const poolScope = new Construct(scope, `NodePool-${pool.name}`);
    const name = Names.nodePool(cluster.name, pool.name);
    const labels = splitNodeLabels(pool.labels);
    const machineTemplate = parts.poolMachine(poolScope, pool, name);
    const bootstrap: KubeadmConfigTemplateContent = {
      kubeletArgs: parts.kubeletArgs,
      nodeLabels: labels.kubelet,
      nodeTaints: pool.taints,
      ...(parts.nodeName ? { nodeName: parts.nodeName } : {}),
    };
    const bootstrapConfig = new KubeadmConfigTemplate(poolScope, 'KubeadmConfigTemplate', {
      ...context.templateIdentity(name, KubeadmConfigTemplate.renderSpec(bootstrap)),
      ...bootstrap,
    });
    new MachineDeployment(poolScope, 'MachineDeployment', {
      ...context.identity(name),
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

/** `capi-aws`: a kubeadm cluster on EC2 (Cluster API Provider AWS). */
import { Construct } from 'constructs';
import { formatVersion, Names, type Cluster as ClusterModel, type HubCluster, type Provider } from '../../model';
import {
  AWSCluster,
  AWSMachineTemplate,
  CapaInstanceProfile,
  Cluster,
  KubeadmConfigTemplate,
  KubeadmControlPlane,
  MachineDeployment,
  splitNodeLabels,
  type AWSMachineTemplateContent,
  type KubeadmConfigTemplateContent,
} from '../../constructs/cluster-api';
import type { ClusterApiContext } from './cluster-api-objects';
import { contentName } from './content-name';

type CapiAwsProvider = Extract<Provider, { kind: 'capi-aws' }>;

/**
 * Kubelet and controller manager flags for the external AWS cloud controller
 * manager, which CAPA clusters need (the in-tree provider is gone).
 * @see https://cluster-api-aws.sigs.k8s.io/topics/external-cloud-provider-with-ebs-csi-driver
 */
const EXTERNAL_CLOUD_PROVIDER = { 'cloud-provider': 'external' } as const;

/** Nodes register as their EC2 private DNS name, which the AWS cloud controller manager expects. */
const EC2_NODE_NAME = '{{ ds.meta_data.local_hostname }}';

export function addCapiAws(scope: Construct, cluster: ClusterModel | HubCluster, provider: CapiAwsProvider, context: ClusterApiContext): void {
  const identity = (name: string) => ({ name, namespace: context.namespace, labels: context.labels, annotations: context.annotations });
  // Templates are named after their content: a change makes a new template, and moving the reference to it rolls the machines.
  const templateIdentity = (owner: string, spec: unknown) => ({
    name: contentName(owner, spec),
    namespace: context.namespace,
    labels: context.labels,
    annotations: context.templateAnnotations,
  });
  const version = `v${formatVersion(cluster.kubernetesVersion)}`;

  const infrastructure = new AWSCluster(scope, 'AWSCluster', {
    ...identity(cluster.name),
    region: cluster.region,
    vpcCidr: provider.vpcCidr,
    sshKeyName: provider.sshKeyName,
  });
  const controlPlaneMachine: AWSMachineTemplateContent = {
    instanceType: provider.controlPlane.instanceType,
    iamInstanceProfile: CapaInstanceProfile.controlPlane,
    sshKeyName: provider.sshKeyName,
  };
  const controlPlaneTemplate = new AWSMachineTemplate(scope, 'ControlPlaneMachineTemplate', {
    ...templateIdentity(Names.controlPlane(cluster.name), AWSMachineTemplate.renderSpec(controlPlaneMachine)),
    ...controlPlaneMachine,
  });
  const controlPlane = new KubeadmControlPlane(scope, 'KubeadmControlPlane', {
    ...identity(Names.controlPlane(cluster.name)),
    replicas: provider.controlPlane.replicas,
    version,
    machineTemplate: controlPlaneTemplate,
    kubeletArgs: EXTERNAL_CLOUD_PROVIDER,
    controllerManagerArgs: EXTERNAL_CLOUD_PROVIDER,
    nodeName: EC2_NODE_NAME,
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
    const machine: AWSMachineTemplateContent = {
      // The model requires it on AWS; an empty value is reported by the construct.
      instanceType: pool.instanceType ?? '',
      iamInstanceProfile: CapaInstanceProfile.nodes,
      rootVolumeSizeGiB: pool.diskSizeGiB,
      sshKeyName: provider.sshKeyName,
    };
    const machineTemplate = new AWSMachineTemplate(poolScope, 'AWSMachineTemplate', {
      ...templateIdentity(name, AWSMachineTemplate.renderSpec(machine)),
      ...machine,
    });
    const bootstrap: KubeadmConfigTemplateContent = {
      kubeletArgs: EXTERNAL_CLOUD_PROVIDER,
      nodeLabels: labels.kubelet,
      nodeTaints: pool.taints,
      nodeName: EC2_NODE_NAME,
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

/** `capi-aws`: a kubeadm cluster on EC2 (Cluster API Provider AWS). */
import type { Construct } from 'constructs';
import { AWSCluster, AWSMachineTemplate, CapaInstanceProfile, type AWSMachineTemplateContent } from '../../constructs/cluster-api';
import type { Cluster as ClusterModel, HubCluster, Provider } from '../../model';
import type { ClusterApiContext } from './cluster-api-objects';
import { addKubeadmCluster } from './kubeadm-cluster';

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
  const machine = (machineScope: Construct, id: string, owner: string, content: AWSMachineTemplateContent) =>
    new AWSMachineTemplate(machineScope, id, { ...context.templateIdentity(owner, AWSMachineTemplate.renderSpec(content)), ...content });
  addKubeadmCluster(scope, cluster, context, {
    infrastructure: new AWSCluster(scope, 'AWSCluster', {
      ...context.identity(cluster.name),
      region: cluster.region,
      vpcCidr: provider.vpcCidr,
      sshKeyName: provider.sshKeyName,
    }),
    controlPlaneReplicas: provider.controlPlane.replicas,
    controlPlaneMachine: (s, owner) =>
      machine(s, 'ControlPlaneMachineTemplate', owner, {
        instanceType: provider.controlPlane.instanceType,
        iamInstanceProfile: CapaInstanceProfile.controlPlane,
        sshKeyName: provider.sshKeyName,
      }),
    poolMachine: (s, pool, owner) =>
      machine(s, 'AWSMachineTemplate', owner, {
        // The model requires it on AWS; an empty value is reported by the construct.
        instanceType: pool.instanceType ?? '',
        iamInstanceProfile: CapaInstanceProfile.nodes,
        rootVolumeSizeGiB: pool.diskSizeGiB,
        sshKeyName: provider.sshKeyName,
      }),
    kubeletArgs: EXTERNAL_CLOUD_PROVIDER,
    controllerManagerArgs: EXTERNAL_CLOUD_PROVIDER,
    nodeName: EC2_NODE_NAME,
  });
}

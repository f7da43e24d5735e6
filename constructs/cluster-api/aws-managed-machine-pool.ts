import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { instanceType } from '../../model/rules/syntax';
import { PropsCheck } from '../errors';
import { checkAutoscaling, checkIdentity, checkLabelMap, checkTaints, expectSyntax } from './checks';
import { isKubeletSettableLabel } from './node-labels';
import { nonEmpty, objectMetadata, type Autoscaling, type ClusterApiObjectProps, type NodeTaint, type TaintEffect } from './props';
import { ApiGroup, type ObjectRef } from './refs';

/**
 * EKS-optimized AMI families a managed node group can run (a subset of CAPA's
 * enum: the supported Amazon Linux 2023 and Bottlerocket images).
 * @see https://docs.aws.amazon.com/eks/latest/APIReference/API_Nodegroup.html#AmazonEKS-Type-Nodegroup-amiType
 */
export type EksAmiType =
  | 'AL2023_x86_64_STANDARD'
  | 'AL2023_ARM_64_STANDARD'
  | 'AL2023_x86_64_NVIDIA'
  | 'AL2023_ARM_64_NVIDIA'
  | 'AL2023_x86_64_NEURON'
  | 'BOTTLEROCKET_x86_64'
  | 'BOTTLEROCKET_ARM_64'
  | 'BOTTLEROCKET_x86_64_NVIDIA'
  | 'BOTTLEROCKET_ARM_64_NVIDIA';

export interface AWSManagedMachinePoolProps extends ClusterApiObjectProps {
  /**
   * EC2 instance type, e.g. `m6i.xlarge`.
   * @see https://aws.amazon.com/ec2/instance-types/
   */
  readonly instanceType: string;
  /**
   * Size bounds of the node group. A fixed-size pool has equal bounds; the
   * MachinePool's replicas set the desired size within them.
   * @see https://docs.aws.amazon.com/eks/latest/APIReference/API_NodegroupScalingConfig.html
   */
  readonly scaling: Autoscaling;
  /**
   * Root volume size in GiB.
   * @default 80
   * @see https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html
   */
  readonly diskSizeGiB?: number;
  /**
   * AMI family of the nodes.
   * @default - Amazon Linux 2023 standard, for ARM on Graviton instance types (`m7g`, `c7gn`, `t4g`, …) and x86_64 otherwise
   * @see https://docs.aws.amazon.com/eks/latest/userguide/eks-optimized-amis.html
   */
  readonly amiType?: EksAmiType;
  /**
   * On-demand or spot instances.
   * @default 'onDemand'
   * @see https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html#managed-node-group-capacity-types
   */
  readonly capacityType?: 'onDemand' | 'spot';
  /**
   * Kubernetes labels of the nodes. EKS hands them to the kubelet, which may
   * not set keys in the `kubernetes.io` / `k8s.io` namespaces (except its own).
   * @default {}
   * @see https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html
   */
  readonly nodeLabels?: Readonly<Record<string, string>>;
  /**
   * Taints of the nodes; EKS keeps them in sync.
   * @default []
   * @see https://docs.aws.amazon.com/eks/latest/userguide/node-taints-managed-node-groups.html
   */
  readonly nodeTaints?: readonly NodeTaint[];
  /**
   * Name of the node group in AWS.
   * @default - the object's name
   * @see https://cluster-api-aws.sigs.k8s.io/topics/machinepools.html
   */
  readonly eksNodegroupName?: string;
}

type EksTaintEffect = 'no-schedule' | 'prefer-no-schedule' | 'no-execute';

const EKS_TAINT_EFFECT: Readonly<Record<TaintEffect, EksTaintEffect>> = {
  NoSchedule: 'no-schedule',
  PreferNoSchedule: 'prefer-no-schedule',
  NoExecute: 'no-execute',
};

interface AWSManagedMachinePoolSpec {
  readonly eksNodegroupName: string;
  readonly instanceType: string;
  readonly amiType: EksAmiType;
  readonly capacityType: 'onDemand' | 'spot';
  readonly diskSize: number;
  readonly scaling: { readonly minSize: number; readonly maxSize: number };
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly { readonly key: string; readonly value: string; readonly effect: EksTaintEffect }[];
}

/** EKS-optimized AMIs have 20 GiB root volumes. */
const MIN_DISK_GIB = 20;
const EKS_NODEGROUP_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]*$/;

/**
 * An `AWSManagedMachinePool` (infrastructure.cluster.x-k8s.io/v1beta2): an
 * EKS managed node group, backing a MachinePool.
 * @see https://cluster-api-aws.sigs.k8s.io/topics/machinepools.html
 */
export class AWSManagedMachinePool extends Construct {
  readonly name: string;
  readonly ref: ObjectRef;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: AWSManagedMachinePoolProps) {
    super(scope, id);
    const diskSizeGiB = props.diskSizeGiB ?? 80;
    const amiType = props.amiType ?? defaultAmiType(props.instanceType);
    const capacityType = props.capacityType ?? 'onDemand';
    const nodeLabels = props.nodeLabels ?? {};
    const nodeTaints = props.nodeTaints ?? [];
    const eksNodegroupName = props.eksNodegroupName ?? props.name;

    const check = new PropsCheck('AWSManagedMachinePool', props.name);
    checkIdentity(check, props, 253);
    expectSyntax(check, 'instanceType', props.instanceType, instanceType);
    checkAutoscaling(check, 'scaling', props.scaling, undefined);
    check.expect(
      Number.isInteger(diskSizeGiB) && diskSizeGiB >= MIN_DISK_GIB,
      'diskSizeGiB',
      diskSizeGiB,
      `is not a whole number of at least ${MIN_DISK_GIB} (the size of EKS-optimized AMIs)`,
      'use 80 or more for nodes that pull images',
    );
    check.expect(
      EKS_NODEGROUP_NAME.test(eksNodegroupName) && eksNodegroupName.length <= 63,
      'eksNodegroupName',
      eksNodegroupName,
      'is not a valid EKS node group name',
      "use at most 63 letters, digits, '-' and '_', starting with a letter or digit",
    );
    checkLabelMap(check, 'nodeLabels', nodeLabels);
    for (const key of Object.keys(nodeLabels)) {
      check.expect(
        isKubeletSettableLabel(key),
        `nodeLabels["${key}"]`,
        key,
        'is in a namespace the kubelet may not set (NodeRestriction), so the nodes would not register',
        'use your own prefix, e.g. "example.com/role"',
      );
    }
    checkTaints(check, 'nodeTaints', nodeTaints);
    check.done();

    const spec: AWSManagedMachinePoolSpec = {
      eksNodegroupName,
      instanceType: props.instanceType,
      amiType,
      capacityType,
      diskSize: diskSizeGiB,
      scaling: { minSize: props.scaling.minReplicas, maxSize: props.scaling.maxReplicas },
      ...nonEmpty('labels', nodeLabels),
      ...(nodeTaints.length > 0
        ? { taints: nodeTaints.map((t) => ({ key: t.key, value: t.value ?? '', effect: EKS_TAINT_EFFECT[t.effect] })) }
        : {}),
    };

    this.name = props.name;
    this.ref = { apiGroup: ApiGroup.infrastructure, kind: 'AWSManagedMachinePool', name: props.name };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: `${ApiGroup.infrastructure}/v1beta2`,
      kind: 'AWSManagedMachinePool',
      metadata: objectMetadata(props),
      spec,
    });
  }
}

/**
 * Amazon Linux 2023 for the instance type's architecture: Graviton families
 * carry a `g` after the generation (`m7g`, `c7gn`, `t4g`, `r8gd`), plus `a1`.
 */
function defaultAmiType(instanceType: string): EksAmiType {
  const family = instanceType.split('.')[0];
  const graviton = family === 'a1' || /^[a-z]+\d+g/.test(family);
  return graviton ? 'AL2023_ARM_64_STANDARD' : 'AL2023_x86_64_STANDARD';
}

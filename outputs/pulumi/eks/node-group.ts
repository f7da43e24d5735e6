/**
 * One EKS managed node group per node pool of the fleet model, in the
 * private subnets.
 *
 * - Scaling: a pool with `autoscaling` gets its bounds and starts at
 *   `replicas`; the cluster autoscaler then owns the desired size, so Pulumi
 *   ignores changes to it (`ignoreChanges: scalingConfig.desiredSize`). A pool
 *   without has exactly `replicas` nodes.
 * - Name: `<cluster>-<pool>` (the model's `Names.nodePool`, as Cluster API
 *   names its pools). Changes EKS cannot make in place (instance type, disk,
 *   subnets) replace the group: on unprotected clusters Pulumi deletes the
 *   old group first (the fixed name cannot exist twice); on protected
 *   clusters the replacement is refused, and the way is a new pool under a
 *   new name, then the old one removed.
 * - Version: the cluster's, so node groups follow the control plane on
 *   upgrades (after it: they depend on it).
 * @see https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { Names } from '../../../model/names';
import type { NodePool, Taint } from '../../../model/types';
import type { ResolvedEksCluster } from './args';
import type { ChildOptions } from './child-options';

/** EKS's names of the Kubernetes taint effects. */
export const EKS_TAINT_EFFECT: Readonly<Record<Taint['effect'], string>> = {
  NoSchedule: 'NO_SCHEDULE',
  PreferNoSchedule: 'PREFER_NO_SCHEDULE',
  NoExecute: 'NO_EXECUTE',
};

/**
 * Amazon Linux 2023 for the instance type's architecture: Graviton families
 * carry a `g` after the generation (`m7g`, `c7gn`, `t4g`, `r8gd`), plus `a1`.
 * @see https://docs.aws.amazon.com/eks/latest/APIReference/API_Nodegroup.html#AmazonEKS-Type-Nodegroup-amiType
 */
export function amiTypeFor(instanceType: string): string {
  const family = instanceType.split('.')[0]!;
  const graviton = family === 'a1' || /^[a-z]+\d+g/.test(family);
  return graviton ? 'AL2023_ARM_64_STANDARD' : 'AL2023_x86_64_STANDARD';
}

/** `scalingConfig` of a pool: autoscaler bounds, or exactly `replicas`. */
export function scalingOf(pool: NodePool): { minSize: number; maxSize: number; desiredSize: number } {
  return pool.autoscaling
    ? { minSize: pool.autoscaling.min, maxSize: pool.autoscaling.max, desiredSize: pool.replicas }
    : { minSize: pool.replicas, maxSize: pool.replicas, desiredSize: pool.replicas };
}

export interface NodeGroupInputs {
  readonly clusterName: pulumi.Input<string>;
  readonly version: pulumi.Input<string>;
  readonly nodeRoleArn: pulumi.Input<string>;
  readonly subnetIds: pulumi.Input<string[]>;
  /** What the nodes need before they can join (node role permissions, egress routes). */
  readonly dependsOn: readonly pulumi.Resource[];
}

export function nodeGroup(name: string, pool: NodePool, config: ResolvedEksCluster, inputs: NodeGroupInputs, options: ChildOptions): aws.eks.NodeGroup {
  const instanceType = pool.instanceType!; // checked at construction
  return new aws.eks.NodeGroup(`${name}-${pool.name}`, {
    region: config.cluster.region,
    clusterName: inputs.clusterName,
    nodeGroupName: Names.nodePool(config.cluster.name, pool.name),
    version: inputs.version,
    nodeRoleArn: inputs.nodeRoleArn,
    subnetIds: inputs.subnetIds,
    instanceTypes: [instanceType],
    amiType: amiTypeFor(instanceType),
    capacityType: 'ON_DEMAND',
    diskSize: pool.diskSizeGiB,
    scalingConfig: scalingOf(pool),
    labels: { ...pool.labels },
    taints: pool.taints.map((t) => ({ key: t.key, ...(t.value !== '' ? { value: t.value } : {}), effect: EKS_TAINT_EFFECT[t.effect] })),
    tags: { ...config.tags, 'fleetwright.io/node-pool': pool.name },
  }, options('kept', {
    dependsOn: [...inputs.dependsOn],
    ...(pool.autoscaling ? { ignoreChanges: ['scalingConfig.desiredSize'] } : {}),
    ...(config.protect ? {} : { deleteBeforeReplace: true }),
  }));
}

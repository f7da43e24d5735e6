/**
 * The cluster's IAM roles: the cluster role EKS assumes to run the control
 * plane, and the node role of the managed node groups, each with its
 * AWS-managed policies (see `policies.ts`). Role names are left to Pulumi's
 * auto-naming: nothing refers to them by name, and IAM's 64-character limit
 * would otherwise constrain the EKS cluster name.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ResolvedEksCluster } from './args';
import type { ChildOptions } from './child-options';
import { clusterRolePolicies, nodeRolePolicies, partitionOf, serviceTrustPolicy } from './policies';

export interface EksRole {
  readonly role: aws.iam.Role;
  readonly arn: pulumi.Output<string>;
  /** The policy attachments: what depends on the role's permissions depends on these. */
  readonly attachments: readonly aws.iam.RolePolicyAttachment[];
}

function role(name: string, description: string, service: string, policies: Readonly<Record<string, string>>, config: ResolvedEksCluster, options: ChildOptions): EksRole {
  const created = new aws.iam.Role(name, {
    description,
    assumeRolePolicy: serviceTrustPolicy(service),
    tags: { ...config.tags },
  }, options('throwaway'));
  const attachments = Object.entries(policies).map(([key, policyArn]) =>
    new aws.iam.RolePolicyAttachment(`${name}-${key}`, { role: created.name, policyArn }, options('throwaway')));
  return { role: created, arn: created.arn, attachments };
}

/**
 * The role EKS assumes for the control plane.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/cluster-iam-role.html
 */
export function clusterRole(name: string, config: ResolvedEksCluster, options: ChildOptions): EksRole {
  const eksName = config.provider.eksClusterName;
  return role(`${name}-cluster-role`, `EKS control plane of ${eksName}`, 'eks.amazonaws.com', clusterRolePolicies(partitionOf(config.cluster.region)), config, options);
}

/**
 * The role of the nodes of every managed node group.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/create-node-role.html
 */
export function nodeRole(name: string, config: ResolvedEksCluster, options: ChildOptions): EksRole {
  const eksName = config.provider.eksClusterName;
  return role(`${name}-node-role`, `Nodes of EKS cluster ${eksName}`, 'ec2.amazonaws.com', nodeRolePolicies(partitionOf(config.cluster.region)), config, options);
}

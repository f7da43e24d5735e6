/**
 * Access for the hub's Argo CD to a spoke: an EKS access entry for the IAM
 * role Argo CD assumes (`awsAuthConfig.roleARN` of the spoke's cluster
 * Secret), with `AmazonEKSClusterAdminPolicy` on the whole cluster (Argo CD
 * syncs CRDs and cluster-scoped objects). The hub needs none: its Argo CD
 * talks to its own API server in-cluster, with its service account.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#eks
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ResolvedEksCluster } from './args';
import type { ChildOptions } from './child-options';
import { clusterAdminAccessPolicy, partitionOf } from './policies';

export interface ArgocdAccess {
  readonly entry: aws.eks.AccessEntry;
  /** Argo CD can sync once this exists. */
  readonly policy: aws.eks.AccessPolicyAssociation;
}

export function argocdAccess(name: string, roleArn: string, clusterName: pulumi.Output<string>, config: ResolvedEksCluster, options: ChildOptions): ArgocdAccess {
  const region = config.cluster.region;
  const entry = new aws.eks.AccessEntry(`${name}-argocd`, {
    region,
    clusterName,
    principalArn: roleArn,
    type: 'STANDARD',
    tags: { ...config.tags },
  }, options('throwaway'));
  const policy = new aws.eks.AccessPolicyAssociation(`${name}-argocd`, {
    region,
    clusterName,
    // From the entry, so the association waits for it.
    principalArn: entry.principalArn,
    policyArn: clusterAdminAccessPolicy(partitionOf(region)),
    accessScope: { type: 'cluster' },
  }, options('throwaway'));
  return { entry, policy };
}

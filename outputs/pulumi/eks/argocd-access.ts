/**
 * Access for the hub's Argo CD to a spoke: an EKS access entry for the IAM
 * role Argo CD assumes (`awsAuthConfig.roleARN` of the spoke's cluster
 * Secret). With `groupAccess` (least privilege, the fleet's default), the
 * entry maps the role to Kubernetes groups and carries no EKS access policy;
 * the component applies the objects that give the groups their rights (a
 * ClusterRole and its binding, the same objects Cluster API clusters get
 * from a ClusterResourceSet) with the stack's own admin access, through a
 * Kubernetes provider of the new cluster. Without it, the entry gets
 * `AmazonEKSClusterAdminPolicy` on the whole cluster. The hub needs none:
 * its Argo CD talks to its own API server in-cluster, with its service account.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#eks
 */
import * as aws from '@pulumi/aws';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { KubeObject } from '../../../stacks/rendered';
import { kubeObject } from '../kube-objects';
import type { ResolvedEksCluster } from './args';
import type { ChildOptions } from './child-options';
import { clusterAdminAccessPolicy, partitionOf } from './policies';

/** Least-privilege access: the groups the role is mapped to, and the objects that give them their rights. */
export interface GroupAccessArgs {
  readonly kubernetesGroups: readonly string[];
  /** Cluster-scoped RBAC objects (plain JSON, as rendered for Git). */
  readonly objects: readonly KubeObject[];
}

export interface ArgocdAccess {
  readonly entry: aws.eks.AccessEntry;
  /** Argo CD can sync once these exist: the policy association, or the groups' RBAC objects. */
  readonly ready: readonly pulumi.Resource[];
}

export interface ArgocdAccessInputs {
  readonly roleArn: string;
  readonly clusterName: pulumi.Output<string>;
  /** The new cluster's kubeconfig (the stack's admin access), for the groups' RBAC objects. */
  readonly kubeconfig: pulumi.Output<string>;
  readonly groupAccess?: GroupAccessArgs;
}

export function argocdAccess(name: string, inputs: ArgocdAccessInputs, config: ResolvedEksCluster, options: ChildOptions): ArgocdAccess {
  const region = config.cluster.region;
  const groups = inputs.groupAccess;
  const entry = new aws.eks.AccessEntry(`${name}-argocd`, {
    region,
    clusterName: inputs.clusterName,
    principalArn: inputs.roleArn,
    type: 'STANDARD',
    ...(groups ? { kubernetesGroups: [...new Set(groups.kubernetesGroups)].sort() } : {}),
    tags: { ...config.tags },
  }, options('throwaway'));
  if (!groups) {
    const policy = new aws.eks.AccessPolicyAssociation(`${name}-argocd`, {
      region,
      clusterName: inputs.clusterName,
      // From the entry, so the association waits for it.
      principalArn: entry.principalArn,
      policyArn: clusterAdminAccessPolicy(partitionOf(region)),
      accessScope: { type: 'cluster' },
    }, options('throwaway'));
    return { entry, ready: [policy] };
  }
  // The cluster stays the same cluster whatever its kubeconfig holds (a refreshed token): never replace the provider.
  const provider = new k8s.Provider(`${name}-argocd-access`, { kubeconfig: inputs.kubeconfig, clusterIdentifier: name }, options('throwaway'));
  const objects = groups.objects.map((o) => kubeObject(`${name}/argocd-access/${o.kind}/${o.metadata.name}`, o, options('throwaway', { provider })));
  return { entry, ready: [entry, ...objects] };
}

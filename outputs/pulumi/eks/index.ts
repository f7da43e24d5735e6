/**
 * EKS clusters of the fleet (provider `pulumi-eks`) as Pulumi components on
 * @pulumi/aws. The Pulumi program creates one `EksCluster` per such cluster
 * of its environment (the hub's in the `management` stack).
 */
export { EKS_LOG_TYPES, resolveArgs } from './args';
export type { EksAuthenticationMode, EksClusterArgs, EksLogType, NatGatewayLayout, PulumiEksProvider, ResolvedEksCluster } from './args';
export type { ArgocdAccess, GroupAccessArgs } from './argocd-access';
export { EKS_CLUSTER_TYPE, EksCluster, type EksClusterOutputs } from './eks-cluster';
export { EXEC_API_VERSION, getTokenArgs, kubeconfigYaml, type KubeconfigInput } from './kubeconfig';
export { clusterAdminAccessPolicy, partitionOf } from './policies';

/**
 * AWS-managed IAM and EKS access policies the component attaches, and the
 * trust policies of its roles. ARNs carry the partition of the cluster's
 * region (`aws`, `aws-cn`, `aws-us-gov`, …).
 */

/** The partition of a region: `cn-north-1` → `aws-cn`, `us-gov-west-1` → `aws-us-gov`. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}

const managedPolicy = (partition: string, name: string) => `arn:${partition}:iam::aws:policy/${name}`;

/**
 * Policies of the cluster role: what EKS needs to manage the control plane's
 * network interfaces and the nodes.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/cluster-iam-role.html
 */
export function clusterRolePolicies(partition: string): Readonly<Record<string, string>> {
  return { cluster: managedPolicy(partition, 'AmazonEKSClusterPolicy') };
}

/**
 * Policies of the node role, keyed by a short name (part of each attachment's
 * resource name): the kubelet describes EC2 resources (`worker`), pulls images
 * from ECR (`ecr`, pull-only as AWS now recommends over read-only), and the
 * VPC CNI, which runs with the node's identity unless it gets a role of its
 * own, assigns pod addresses (`cni`).
 * @see https://docs.aws.amazon.com/eks/latest/userguide/create-node-role.html
 */
export function nodeRolePolicies(partition: string): Readonly<Record<string, string>> {
  return {
    cni: managedPolicy(partition, 'AmazonEKS_CNI_Policy'),
    ecr: managedPolicy(partition, 'AmazonEC2ContainerRegistryPullOnly'),
    worker: managedPolicy(partition, 'AmazonEKSWorkerNodePolicy'),
  };
}

/**
 * The EKS access policy that makes a principal cluster-admin (the hub's Argo
 * CD syncs CRDs and cluster-scoped objects).
 * @see https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html
 */
export function clusterAdminAccessPolicy(partition: string): string {
  return `arn:${partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`;
}

/** A trust policy that lets an AWS service assume the role. */
export function serviceTrustPolicy(service: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: service } }],
  });
}

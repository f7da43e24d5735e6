/** `capi-aws-eks`: an EKS cluster with managed node groups (Cluster API Provider AWS). */
import { Construct } from 'constructs';
import { Names, type Cluster as ClusterModel, type HubCluster, type Provider } from '../../model';
import { AWSManagedCluster, AWSManagedControlPlane, AWSManagedMachinePool, Cluster, MachinePool } from '../../constructs/cluster-api';
import { addArgocdAccessSets, clusterLabelsFor } from './argocd-access-sets';
import type { ClusterApiContext } from './cluster-api-objects';

type CapiAwsEksProvider = Extract<Provider, { kind: 'capi-aws-eks' }>;

export function addCapiAwsEks(scope: Construct, cluster: ClusterModel | HubCluster, provider: CapiAwsEksProvider, context: ClusterApiContext): void {
  const identity = context.identity;
  const minor = cluster.kubernetesVersion.minor;

  const roleArn = provider.argocdRoleArn;
  const access = context.argocdAccess;
  const infrastructure = new AWSManagedCluster(scope, 'AWSManagedCluster', identity(cluster.name));
  const controlPlane = new AWSManagedControlPlane(scope, 'AWSManagedControlPlane', {
    ...identity(cluster.name),
    region: cluster.region,
    version: `v1.${minor}`,
    eksClusterName: provider.eksClusterName,
    vpcCidr: provider.vpcCidr,
    publicEndpoint: provider.publicEndpoint,
    associateOidcProvider: true,
    // Argo CD on the hub authenticates with this role (awsAuthConfig): as cluster-admin, or as a
    // member of a group whose rights the ClusterResourceSet below puts on the cluster.
    clusterAdminRoleArns: roleArn !== undefined && access?.mode === 'cluster-admin' ? [roleArn] : [],
    groupAccess: roleArn !== undefined && access?.mode === 'least-privilege' ? [{ roleArn, kubernetesGroups: [access.group] }] : [],
  });
  const leastPrivilege = roleArn !== undefined && access?.mode === 'least-privilege' ? access : undefined;
  const capiCluster = new Cluster(scope, 'Cluster', {
    ...identity(cluster.name),
    labels: clusterLabelsFor(cluster.name, context, leastPrivilege),
    infrastructure,
    controlPlane,
    // CAPA creates the EKS cluster with the first service range of the Cluster as its service CIDR
    // (the model checks that EKS accepts it).
    // No pod range: the VPC CNI gives pods addresses from the VPC's subnets.
    serviceCidrs: [cluster.network.serviceCidr],
  });

  // Cluster API applies the group's rights with its own admin access once the API server answers.
  if (leastPrivilege) addArgocdAccessSets(scope, cluster.name, context, leastPrivilege);

  for (const pool of cluster.nodePools) {
    const poolScope = new Construct(scope, `NodePool-${pool.name}`);
    const name = Names.nodePool(cluster.name, pool.name);
    const autoscaling = pool.autoscaling && { minReplicas: pool.autoscaling.min, maxReplicas: pool.autoscaling.max };
    const nodeGroup = new AWSManagedMachinePool(poolScope, 'AWSManagedMachinePool', {
      ...identity(name),
      // The model requires it on AWS; an empty value is reported by the construct.
      instanceType: pool.instanceType ?? '',
      scaling: autoscaling ?? { minReplicas: pool.replicas, maxReplicas: pool.replicas },
      diskSizeGiB: pool.diskSizeGiB,
      nodeLabels: pool.labels,
      nodeTaints: pool.taints,
    });
    new MachinePool(poolScope, 'MachinePool', {
      ...identity(name),
      cluster: capiCluster,
      // Cluster API wants a patch release; CAPA upgrades the node group by minor version.
      version: `v1.${minor}.0`,
      replicas: pool.replicas,
      autoscaling,
      infrastructure: nodeGroup,
    });
  }
}

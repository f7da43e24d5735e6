/** `capi-aws-eks`: an EKS cluster with managed node groups (Cluster API Provider AWS). */
import { Construct } from 'constructs';
import { PropsCheck } from '../../constructs/errors';
import { Names, type Cluster as ClusterModel, type HubCluster, type Provider } from '../../model';
import { AWSManagedCluster, AWSManagedControlPlane, AWSManagedMachinePool, Cluster, MachinePool } from '../../constructs/cluster-api';
import type { ClusterApiContext } from './cluster-api-objects';

type CapiAwsEksProvider = Extract<Provider, { kind: 'capi-aws-eks' }>;

export function addCapiAwsEks(scope: Construct, cluster: ClusterModel | HubCluster, provider: CapiAwsEksProvider, context: ClusterApiContext): void {
  const identity = (name: string) => ({ name, namespace: context.namespace, labels: context.labels, annotations: context.annotations });
  const minor = cluster.kubernetesVersion.minor;
  checkEksServiceCidr(cluster.name, cluster.network.serviceCidr);

  const infrastructure = new AWSManagedCluster(scope, 'AWSManagedCluster', identity(cluster.name));
  const controlPlane = new AWSManagedControlPlane(scope, 'AWSManagedControlPlane', {
    ...identity(cluster.name),
    region: cluster.region,
    version: `v1.${minor}`,
    eksClusterName: provider.eksClusterName,
    vpcCidr: provider.vpcCidr,
    publicEndpoint: provider.publicEndpoint,
    associateOidcProvider: true,
    // Argo CD on the hub authenticates with this role (awsAuthConfig) and manages everything in the cluster.
    clusterAdminRoleArns: provider.argocdRoleArn !== undefined ? [provider.argocdRoleArn] : [],
  });
  const capiCluster = new Cluster(scope, 'Cluster', {
    ...identity(cluster.name),
    labels: context.clusterLabels,
    infrastructure,
    controlPlane,
    // CAPA creates the EKS cluster with the first service range of the Cluster as its service CIDR.
    // No pod range: the VPC CNI gives pods addresses from the VPC's subnets.
    serviceCidrs: [cluster.network.serviceCidr],
  });

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

/** EKS service ranges must be private and /12 to /24. */
const EKS_SERVICE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

/**
 * EKS only accepts a service range inside a private block, from /12 to /24
 * (the model checks the size and overlaps, not the block).
 * @see https://docs.aws.amazon.com/eks/latest/APIReference/API_KubernetesNetworkConfigRequest.html
 */
function checkEksServiceCidr(clusterName: string, cidr: string): void {
  const check = new PropsCheck('Cluster', clusterName);
  const inside = EKS_SERVICE_RANGES.some((range) => cidrContains(range, cidr));
  const prefix = Number(cidr.split('/')[1]);
  check.expect(
    inside && prefix >= 12 && prefix <= 24,
    'network.serviceCidr',
    cidr,
    `is not a range EKS accepts for services (a /12 to /24 inside ${EKS_SERVICE_RANGES.join(', ')})`,
    'pick a private service range, e.g. "172.20.0.0/16"',
  );
  check.done();
}

function cidrContains(outer: string, inner: string): boolean {
  const [outerIp, outerBits] = parse(outer);
  const [innerIp, innerBits] = parse(inner);
  if (innerBits < outerBits) return false;
  const mask = outerBits === 0 ? 0 : (~0 << (32 - outerBits)) >>> 0;
  return ((outerIp & mask) >>> 0) === ((innerIp & mask) >>> 0);
}

function parse(cidr: string): [number, number] {
  const [ip, bits] = cidr.split('/');
  const value = ip.split('.').reduce((acc, octet) => ((acc << 8) >>> 0) + Number(octet), 0);
  return [value >>> 0, Number(bits)];
}

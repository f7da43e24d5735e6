/**
 * The cluster's network: a VPC over N availability zones with a public and a
 * private subnet in each, an internet gateway, NAT gateways and route tables
 * (see `subnets.ts` for the layout); or the existing VPC of the provider's
 * `existingVpc`, used as it is.
 *
 * Subnets carry the tags the AWS Load Balancer Controller and the in-tree
 * cloud provider use to place load balancers: `kubernetes.io/role/elb` on the
 * public ones, `kubernetes.io/role/internal-elb` on the private ones, and
 * `kubernetes.io/cluster/<eks name>: shared`. Existing subnets are not
 * tagged: whoever owns them does.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/network-load-balancing.html
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ResolvedEksCluster } from './args';
import type { ChildOptions } from './child-options';
import { pickZones, subnetLayout } from './subnets';

export interface EksNetwork {
  readonly vpcId: pulumi.Output<string>;
  /** One per zone: nodes and the control plane's network interfaces. */
  readonly privateSubnetIds: pulumi.Output<string[]>;
  /** One per zone: NAT gateways and internet-facing load balancers. */
  readonly publicSubnetIds: pulumi.Output<string[]>;
  /** What nodes need before they can join: the private subnets' routes to the internet. Empty for an existing VPC. */
  readonly egress: readonly pulumi.Resource[];
}

const ANYWHERE = '0.0.0.0/0';

export function createNetwork(name: string, config: ResolvedEksCluster, options: ChildOptions, parent: pulumi.Resource): EksNetwork {
  const existing = config.provider.existingVpc;
  if (existing) {
    return {
      vpcId: pulumi.output(existing.vpcId),
      privateSubnetIds: pulumi.output([...existing.privateSubnetIds]),
      publicSubnetIds: pulumi.output([...existing.publicSubnetIds]),
      egress: [],
    };
  }
  const region = config.cluster.region;
  const eksName = config.provider.eksClusterName;
  const layout = subnetLayout(config.provider.vpcCidr, config.zoneCount);
  const zones = zonesOf(name, config, parent);
  const tagged = (resourceName: string, extra: Record<string, string> = {}) => ({ ...config.tags, Name: resourceName, ...extra });
  const clusterTag = { [`kubernetes.io/cluster/${eksName}`]: 'shared' };

  const vpc = new aws.ec2.Vpc(`${name}-vpc`, {
    region,
    cidrBlock: config.provider.vpcCidr,
    // The private API endpoint resolves through the VPC's DNS.
    enableDnsHostnames: true,
    enableDnsSupport: true,
    tags: tagged(`${eksName}-vpc`),
  }, options('kept'));
  const gateway = new aws.ec2.InternetGateway(`${name}-igw`, { region, vpcId: vpc.id, tags: tagged(`${eksName}-igw`) }, options('throwaway'));

  const subnet = (kind: 'public' | 'private', i: number) => new aws.ec2.Subnet(`${name}-${kind}-${i}`, {
    region,
    vpcId: vpc.id,
    cidrBlock: layout[kind][i]!,
    availabilityZone: zones.apply((z) => z[i]!),
    tags: tagged(`${eksName}-${kind}-${i}`, { ...clusterTag, [kind === 'public' ? 'kubernetes.io/role/elb' : 'kubernetes.io/role/internal-elb']: '1' }),
  }, options('throwaway'));
  const indexes = Array.from({ length: config.zoneCount }, (_, i) => i);
  const publicSubnets = indexes.map((i) => subnet('public', i));
  const privateSubnets = indexes.map((i) => subnet('private', i));

  const publicTable = new aws.ec2.RouteTable(`${name}-public`, { region, vpcId: vpc.id, tags: tagged(`${eksName}-public`) }, options('throwaway'));
  new aws.ec2.Route(`${name}-public-internet`, { region, routeTableId: publicTable.id, destinationCidrBlock: ANYWHERE, gatewayId: gateway.id }, options('throwaway'));
  publicSubnets.forEach((s, i) => {
    new aws.ec2.RouteTableAssociation(`${name}-public-${i}`, { region, routeTableId: publicTable.id, subnetId: s.id }, options('throwaway'));
  });

  // NAT gateways in the public subnets: one per zone, or one in the first zone.
  const natCount = config.natGateways === 'one-per-zone' ? config.zoneCount : 1;
  const nats = indexes.slice(0, natCount).map((i) => {
    const address = new aws.ec2.Eip(`${name}-nat-${i}`, { region, domain: 'vpc', tags: tagged(`${eksName}-nat-${i}`) }, options('throwaway'));
    return new aws.ec2.NatGateway(`${name}-nat-${i}`, {
      region,
      allocationId: address.id,
      subnetId: publicSubnets[i]!.id,
      tags: tagged(`${eksName}-nat-${i}`),
    }, options('throwaway', { dependsOn: [gateway] }));
  });

  // A private route table per zone, so moving between one NAT and one per zone only changes routes.
  const egress = privateSubnets.flatMap((s, i) => {
    const table = new aws.ec2.RouteTable(`${name}-private-${i}`, { region, vpcId: vpc.id, tags: tagged(`${eksName}-private-${i}`) }, options('throwaway'));
    const route = new aws.ec2.Route(`${name}-private-${i}-internet`, {
      region,
      routeTableId: table.id,
      destinationCidrBlock: ANYWHERE,
      natGatewayId: nats[i % natCount]!.id,
    }, options('throwaway'));
    const association = new aws.ec2.RouteTableAssociation(`${name}-private-${i}`, { region, routeTableId: table.id, subnetId: s.id }, options('throwaway'));
    return [route, association];
  });

  return {
    vpcId: vpc.id,
    privateSubnetIds: pulumi.all(privateSubnets.map((s) => s.id)),
    publicSubnetIds: pulumi.all(publicSubnets.map((s) => s.id)),
    egress,
  };
}

/** The zones as given, or the region's first ones by name (zones needing no opt-in: no Local or Wavelength Zones). */
function zonesOf(name: string, config: ResolvedEksCluster, parent: pulumi.Resource): pulumi.Output<string[]> {
  if (config.zones) return pulumi.output([...config.zones]);
  const region = config.cluster.region;
  return aws
    .getAvailabilityZonesOutput({ region, filters: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }] }, { parent })
    .names.apply((names) => pickZones(names, config.zoneCount, region, name));
}

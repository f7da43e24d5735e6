/**
 * The EKS cluster component on mocked Pulumi: what it creates for the hub, a
 * production spoke, a development spoke and a spoke in an existing VPC, all
 * taken from a resolved fleet definition, and how it refuses bad arguments.
 */
import type { Output } from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConstructPropsError } from '../../constructs/errors';
import { resolveFleet, type Cluster, type Fleet, type HubCluster } from '../../model';
import { mutableDefinition } from '../helpers/definitions';
import { mockPulumi, promiseOf, settled, urnOf, type RecordedResource } from '../helpers/pulumi';

// Mocks first, then the code under test (as in Pulumi's testing-unit-ts example).
const recorder = mockPulumi();
const pulumi = await import('@pulumi/pulumi');
const { EksCluster } = await import('../../outputs/pulumi/eks');
const { pickZones, subnetLayout, largestVpcPrefix } = await import('../../outputs/pulumi/eks/subnets');
type EksClusterT = InstanceType<typeof EksCluster>;

const HUB_ROLE = 'arn:aws:iam::111122223333:role/fleet-argocd';

/**
 * The test fleet plus two `pulumi-eks` spokes: `dev-pulumi` (non-production,
 * public endpoint, an autoscaled pool and a tainted Graviton pool) and
 * `prod-byo` (production, in an existing VPC). The fleet already has the hub
 * `management` and the production spoke `prod-pulumi` on `pulumi-eks`.
 */
function eksFleet(): Fleet {
  const d = mutableDefinition();
  d.clusters.push(
    {
      name: 'dev-pulumi',
      environment: 'dev',
      kubernetesVersion: '1.34',
      provider: { kind: 'pulumi-eks', vpcCidr: '10.7.0.0/16', publicEndpoint: true },
      network: { podCidr: '10.107.0.0/16', serviceCidr: '172.20.112.0/20' },
      addons: { cilium: false },
      nodePools: [
        { name: 'general', instanceType: 'm6i.large', replicas: 2, autoscaling: { min: 1, max: 4 } },
        {
          name: 'arm',
          instanceType: 'm7g.xlarge',
          replicas: 1,
          diskSizeGiB: 120,
          labels: { 'acme.io/arch': 'arm64' },
          taints: [{ key: 'acme.io/arch', value: 'arm64', effect: 'NoSchedule' }, { key: 'acme.io/dedicated', effect: 'NoExecute' }],
        },
      ],
    },
    {
      name: 'prod-byo',
      environment: 'prod',
      region: 'us-west-2',
      provider: {
        kind: 'pulumi-eks',
        vpcCidr: '10.8.0.0/16',
        existingVpc: {
          vpcId: 'vpc-0a1b2c3d4e5f60718',
          privateSubnetIds: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
          publicSubnetIds: ['subnet-0a1b2c3d4e5f60003'],
        },
      },
      network: { podCidr: '10.108.0.0/16', serviceCidr: '172.20.128.0/20' },
    },
  );
  return resolveFleet(d);
}

const fleet = eksFleet();
const spokeNamed = (name: string): Cluster => fleet.clusters.find((c) => c.name === name)!;

interface Built {
  readonly component: EksClusterT;
  readonly urn: string;
  /** Every resource of the component but the component itself. */
  readonly children: RecordedResource[];
  readonly ofType: (type: string) => RecordedResource[];
  readonly one: (type: string, name?: string) => RecordedResource;
}

const built: Record<string, Built> = {};

async function build(name: string, args: ConstructorParameters<typeof EksCluster>[1]): Promise<Built> {
  const component = new EksCluster(name, args);
  await settled();
  const urn = await urnOf(component);
  const children = recorder.descendantsOf(urn);
  const ofType = (type: string) => children.filter((r) => r.type === type).sort((a, b) => (a.name < b.name ? -1 : 1));
  const one = (type: string, resource?: string) => {
    const found = ofType(type).filter((r) => resource === undefined || r.name === resource);
    if (found.length !== 1) throw new Error(`expected one ${type} ${resource ?? ''} in ${name}, found ${found.length}`);
    return found[0]!;
  };
  return { component, urn, children, ofType, one };
}

beforeAll(async () => {
  built.hub = await build('management', { cluster: fleet.hub });
  built.prod = await build('prod-pulumi', { cluster: spokeNamed('prod-pulumi') });
  built.dev = await build('dev-pulumi', { cluster: spokeNamed('dev-pulumi'), kubeconfigRoleArn: 'arn:aws:iam::111122223333:role/fleet-deployer' });
  built.byo = await build('prod-byo', { cluster: spokeNamed('prod-byo') });
  built.pinned = await build('pinned', {
    cluster: spokeNamed('dev-pulumi'),
    availabilityZones: ['us-east-1d', 'us-east-1b'],
    natGateways: 'one-per-zone',
    logTypes: ['scheduler', 'api', 'api'],
    authenticationMode: 'API_AND_CONFIG_MAP',
    tags: { 'acme.io/team': 'platform' },
  });
});

const NETWORK = {
  'aws:ec2/internetGateway:InternetGateway': 1,
  'aws:ec2/route:Route': 4,
  'aws:ec2/routeTable:RouteTable': 4,
  'aws:ec2/routeTableAssociation:RouteTableAssociation': 6,
  'aws:ec2/subnet:Subnet': 6,
  'aws:ec2/vpc:Vpc': 1,
};
const CLUSTER = {
  'aws:eks/cluster:Cluster': 1,
  'aws:iam/openIdConnectProvider:OpenIdConnectProvider': 1,
  'aws:iam/role:Role': 2,
  'aws:iam/rolePolicyAttachment:RolePolicyAttachment': 4,
};
const ARGOCD_ACCESS = { 'aws:eks/accessEntry:AccessEntry': 1, 'aws:eks/accessPolicyAssociation:AccessPolicyAssociation': 1 };

describe('EksCluster: what it creates', () => {
  it('GIVEN the production spoke over 3 zones WHEN built THEN a NAT gateway per zone, one node group per pool and Argo CD access', () => {
    expect(recorder.countsByType(built.prod!.children)).toEqual({
      ...NETWORK,
      ...CLUSTER,
      ...ARGOCD_ACCESS,
      'aws:ec2/eip:Eip': 3,
      'aws:ec2/natGateway:NatGateway': 3,
      'aws:eks/nodeGroup:NodeGroup': 1,
    });
  });

  it('GIVEN the development spoke WHEN built THEN a single NAT gateway and two node groups', () => {
    expect(recorder.countsByType(built.dev!.children)).toEqual({
      ...NETWORK,
      ...CLUSTER,
      ...ARGOCD_ACCESS,
      'aws:ec2/eip:Eip': 1,
      'aws:ec2/natGateway:NatGateway': 1,
      'aws:eks/nodeGroup:NodeGroup': 2,
    });
  });

  it('GIVEN the hub WHEN built THEN production-grade networking and no access entry (its Argo CD runs in-cluster)', () => {
    expect(recorder.countsByType(built.hub!.children)).toEqual({
      ...NETWORK,
      ...CLUSTER,
      'aws:ec2/eip:Eip': 3,
      'aws:ec2/natGateway:NatGateway': 3,
      'aws:eks/nodeGroup:NodeGroup': 1,
    });
    expect(built.hub!.component.argocdAccess).toBeUndefined();
  });

  it('GIVEN a spoke in an existing VPC WHEN built THEN no network resource and the given subnets', async () => {
    const byo = built.byo!;
    expect(recorder.countsByType(byo.children)).toEqual({ ...CLUSTER, ...ARGOCD_ACCESS, 'aws:eks/nodeGroup:NodeGroup': 1 });
    expect(byo.one('aws:eks/cluster:Cluster').inputs.vpcConfig.subnetIds).toEqual(['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002']);
    expect(byo.one('aws:eks/nodeGroup:NodeGroup').inputs.subnetIds).toEqual(['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002']);
    expect(await promiseOf(byo.component.vpcId)).toBe('vpc-0a1b2c3d4e5f60718');
    expect(await promiseOf(byo.component.publicSubnetIds)).toEqual(['subnet-0a1b2c3d4e5f60003']);
  });

  it('GIVEN every cluster WHEN built THEN the component is typed fleetwright:eks:Cluster and is the direct parent of every resource', () => {
    for (const b of Object.values(built)) {
      expect(recorder.byUrn(b.urn)!.type).toBe('fleetwright:eks:Cluster');
      expect(b.children.length).toBeGreaterThan(0);
      for (const child of b.children) expect({ child: child.name, parent: child.parent }).toEqual({ child: child.name, parent: b.urn });
    }
  });

  it('GIVEN the production spoke WHEN built THEN exactly the VPC, the cluster and the node groups are protected', () => {
    const names = (b: Built) => b.children.filter((r) => r.protect).map((r) => `${r.type} ${r.name}`).sort();
    expect(names(built.prod!)).toEqual([
      'aws:ec2/vpc:Vpc prod-pulumi-vpc',
      'aws:eks/cluster:Cluster prod-pulumi-cluster',
      'aws:eks/nodeGroup:NodeGroup prod-pulumi-general',
    ]);
    expect(names(built.hub!)).toEqual([
      'aws:ec2/vpc:Vpc management-vpc',
      'aws:eks/cluster:Cluster management-cluster',
      'aws:eks/nodeGroup:NodeGroup management-system',
    ]);
    expect(recorder.byUrn(built.prod!.urn)!.protect).toBe(false);
  });

  it('GIVEN the development spoke WHEN built THEN nothing is protected and EKS deletion protection is off', () => {
    expect(built.dev!.children.filter((r) => r.protect)).toEqual([]);
    expect(built.dev!.one('aws:eks/cluster:Cluster').inputs.deletionProtection).toBe(false);
    expect(built.prod!.one('aws:eks/cluster:Cluster').inputs.deletionProtection).toBe(true);
  });
});

describe('EksCluster: the EKS cluster', () => {
  it('GIVEN the production spoke WHEN built THEN the cluster has the fleet version, a private endpoint, access entries and the service range', () => {
    const { inputs, dependencies } = built.prod!.one('aws:eks/cluster:Cluster');
    expect(inputs).toEqual({
      region: 'us-east-1',
      name: 'acme-prod-pulumi',
      version: '1.34',
      roleArn: expect.stringMatching(/^arn:aws:iam::123456789012:role\/prod-pulumi-cluster-role-/),
      vpcConfig: {
        subnetIds: ['prod-pulumi-private-0-id', 'prod-pulumi-private-1-id', 'prod-pulumi-private-2-id'],
        endpointPrivateAccess: true,
        endpointPublicAccess: false,
      },
      kubernetesNetworkConfig: { serviceIpv4Cidr: '172.20.64.0/20', ipFamily: 'ipv4' },
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: true },
      enabledClusterLogTypes: ['audit', 'authenticator'],
      deletionProtection: true,
      tags: { 'fleetwright.io/cluster': 'prod-pulumi', 'fleetwright.io/environment': 'prod', 'fleetwright.io/role': 'spoke' },
    });
    expect(dependencies).toContain(built.prod!.one('aws:iam/rolePolicyAttachment:RolePolicyAttachment', 'prod-pulumi-cluster-role-cluster').urn);
  });

  it('GIVEN options WHEN built THEN the authentication mode, log types (deduplicated, sorted), public endpoint and extra tags follow them', () => {
    const { inputs } = built.pinned!.one('aws:eks/cluster:Cluster');
    expect(inputs.accessConfig).toEqual({ authenticationMode: 'API_AND_CONFIG_MAP', bootstrapClusterCreatorAdminPermissions: true });
    expect(inputs.enabledClusterLogTypes).toEqual(['api', 'scheduler']);
    expect(inputs.vpcConfig.endpointPublicAccess).toBe(true);
    expect(inputs.tags).toEqual({
      'acme.io/team': 'platform',
      'fleetwright.io/cluster': 'dev-pulumi',
      'fleetwright.io/environment': 'dev',
      'fleetwright.io/role': 'spoke',
    });
  });

  it('GIVEN the cluster and node roles WHEN built THEN EKS and EC2 trust them with the managed policies EKS documents', () => {
    const prod = built.prod!;
    const trust = (role: string) => JSON.parse(prod.one('aws:iam/role:Role', role).inputs.assumeRolePolicy);
    expect(trust('prod-pulumi-cluster-role').Statement).toEqual([{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' } }]);
    expect(trust('prod-pulumi-node-role').Statement).toEqual([{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' } }]);
    expect(prod.ofType('aws:iam/rolePolicyAttachment:RolePolicyAttachment').map((r) => [r.name, r.inputs.policyArn])).toEqual([
      ['prod-pulumi-cluster-role-cluster', 'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy'],
      ['prod-pulumi-node-role-cni', 'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy'],
      ['prod-pulumi-node-role-ecr', 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly'],
      ['prod-pulumi-node-role-worker', 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy'],
    ]);
  });

  it('GIVEN the cluster WHEN built THEN the OIDC provider trusts its issuer for STS, without a thumbprint', async () => {
    const oidc = built.prod!.one('aws:iam/openIdConnectProvider:OpenIdConnectProvider');
    const issuer = await promiseOf(built.prod!.component.oidcIssuerUrl);
    expect(issuer).toMatch(/^https:\/\/oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
    expect(oidc.inputs).toEqual({ url: issuer, clientIdLists: ['sts.amazonaws.com'], tags: expect.any(Object) });
    expect(await promiseOf(built.prod!.component.oidcProviderArn)).toBe(`arn:aws:iam::123456789012:oidc-provider/${issuer.slice('https://'.length)}`);
  });
});

describe('EksCluster: node groups', () => {
  it('GIVEN a fixed-size pool WHEN built THEN min, max and desired are its replicas and Pulumi owns the size', () => {
    const group = built.prod!.one('aws:eks/nodeGroup:NodeGroup');
    expect(group.inputs).toEqual({
      region: 'us-east-1',
      clusterName: 'acme-prod-pulumi',
      nodeGroupName: 'prod-pulumi-general',
      version: '1.34',
      nodeRoleArn: expect.stringMatching(/^arn:aws:iam::123456789012:role\/prod-pulumi-node-role-/),
      subnetIds: ['prod-pulumi-private-0-id', 'prod-pulumi-private-1-id', 'prod-pulumi-private-2-id'],
      instanceTypes: ['m6i.xlarge'],
      amiType: 'AL2023_x86_64_STANDARD',
      capacityType: 'ON_DEMAND',
      diskSize: 80,
      scalingConfig: { minSize: 3, maxSize: 3, desiredSize: 3 },
      labels: {},
      taints: [],
      tags: { 'fleetwright.io/cluster': 'prod-pulumi', 'fleetwright.io/environment': 'prod', 'fleetwright.io/node-pool': 'general', 'fleetwright.io/role': 'spoke' },
    });
    expect({ ignoreChanges: group.ignoreChanges, deleteBeforeReplace: group.deleteBeforeReplace }).toEqual({ ignoreChanges: [], deleteBeforeReplace: false });
  });

  it('GIVEN an autoscaled pool WHEN built THEN its bounds, replicas as the first size, and the autoscaler owns the desired size', () => {
    const group = built.dev!.one('aws:eks/nodeGroup:NodeGroup', 'dev-pulumi-general');
    expect(group.inputs.scalingConfig).toEqual({ minSize: 1, maxSize: 4, desiredSize: 2 });
    expect(group.ignoreChanges).toEqual(['scalingConfig.desiredSize']);
    expect(group.deleteBeforeReplace).toBe(true);
  });

  it('GIVEN a Graviton pool with labels and taints WHEN built THEN ARM AMIs, its disk, labels and taints in EKS effect names', () => {
    const group = built.dev!.one('aws:eks/nodeGroup:NodeGroup', 'dev-pulumi-arm');
    expect(group.inputs).toMatchObject({
      nodeGroupName: 'dev-pulumi-arm',
      instanceTypes: ['m7g.xlarge'],
      amiType: 'AL2023_ARM_64_STANDARD',
      diskSize: 120,
      scalingConfig: { minSize: 1, maxSize: 1, desiredSize: 1 },
      labels: { 'acme.io/arch': 'arm64' },
      taints: [{ key: 'acme.io/arch', value: 'arm64', effect: 'NO_SCHEDULE' }, { key: 'acme.io/dedicated', effect: 'NO_EXECUTE' }],
    });
    expect(group.ignoreChanges).toEqual([]);
  });

  it('GIVEN node groups WHEN built THEN they wait for the node role policies and the private routes to the internet', () => {
    const prod = built.prod!;
    const group = prod.one('aws:eks/nodeGroup:NodeGroup');
    const needed = [
      ...prod.ofType('aws:iam/rolePolicyAttachment:RolePolicyAttachment').filter((r) => r.name.startsWith('prod-pulumi-node-role-')),
      ...prod.ofType('aws:ec2/route:Route').filter((r) => r.name.startsWith('prod-pulumi-private-')),
      ...prod.ofType('aws:ec2/routeTableAssociation:RouteTableAssociation').filter((r) => r.name.startsWith('prod-pulumi-private-')),
    ].map((r) => r.urn);
    expect(needed).toHaveLength(9);
    expect(group.dependencies).toEqual(expect.arrayContaining(needed));
  });
});

describe('EksCluster: network', () => {
  it('GIVEN a /16 over 3 zones WHEN built THEN private /19s and public /21s in the first three zones, tagged for load balancers', () => {
    const subnets = built.prod!.ofType('aws:ec2/subnet:Subnet').map((s) => ({ name: s.name, cidr: s.inputs.cidrBlock, zone: s.inputs.availabilityZone, tags: s.inputs.tags }));
    const tags = (name: string, role: string) => ({
      'fleetwright.io/cluster': 'prod-pulumi',
      'fleetwright.io/environment': 'prod',
      'fleetwright.io/role': 'spoke',
      Name: name,
      'kubernetes.io/cluster/acme-prod-pulumi': 'shared',
      [role]: '1',
    });
    expect(subnets).toEqual([
      { name: 'prod-pulumi-private-0', cidr: '10.4.0.0/19', zone: 'us-east-1a', tags: tags('acme-prod-pulumi-private-0', 'kubernetes.io/role/internal-elb') },
      { name: 'prod-pulumi-private-1', cidr: '10.4.32.0/19', zone: 'us-east-1b', tags: tags('acme-prod-pulumi-private-1', 'kubernetes.io/role/internal-elb') },
      { name: 'prod-pulumi-private-2', cidr: '10.4.64.0/19', zone: 'us-east-1c', tags: tags('acme-prod-pulumi-private-2', 'kubernetes.io/role/internal-elb') },
      { name: 'prod-pulumi-public-0', cidr: '10.4.128.0/21', zone: 'us-east-1a', tags: tags('acme-prod-pulumi-public-0', 'kubernetes.io/role/elb') },
      { name: 'prod-pulumi-public-1', cidr: '10.4.136.0/21', zone: 'us-east-1b', tags: tags('acme-prod-pulumi-public-1', 'kubernetes.io/role/elb') },
      { name: 'prod-pulumi-public-2', cidr: '10.4.144.0/21', zone: 'us-east-1c', tags: tags('acme-prod-pulumi-public-2', 'kubernetes.io/role/elb') },
    ]);
    expect(built.prod!.one('aws:ec2/vpc:Vpc').inputs).toMatchObject({ region: 'us-east-1', cidrBlock: '10.4.0.0/16', enableDnsHostnames: true, enableDnsSupport: true });
  });

  it('GIVEN one NAT gateway per zone WHEN built THEN each zone routes through its own; GIVEN a single one THEN every zone routes through it', () => {
    const routes = (b: Built) => b.ofType('aws:ec2/route:Route').map((r) => [r.name, r.inputs.destinationCidrBlock, r.inputs.natGatewayId ?? r.inputs.gatewayId]);
    expect(routes(built.prod!)).toEqual([
      ['prod-pulumi-private-0-internet', '0.0.0.0/0', 'prod-pulumi-nat-0-id'],
      ['prod-pulumi-private-1-internet', '0.0.0.0/0', 'prod-pulumi-nat-1-id'],
      ['prod-pulumi-private-2-internet', '0.0.0.0/0', 'prod-pulumi-nat-2-id'],
      ['prod-pulumi-public-internet', '0.0.0.0/0', 'prod-pulumi-igw-id'],
    ]);
    expect(routes(built.dev!)).toEqual([
      ['dev-pulumi-private-0-internet', '0.0.0.0/0', 'dev-pulumi-nat-0-id'],
      ['dev-pulumi-private-1-internet', '0.0.0.0/0', 'dev-pulumi-nat-0-id'],
      ['dev-pulumi-private-2-internet', '0.0.0.0/0', 'dev-pulumi-nat-0-id'],
      ['dev-pulumi-public-internet', '0.0.0.0/0', 'dev-pulumi-igw-id'],
    ]);
    const nat = built.dev!.one('aws:ec2/natGateway:NatGateway');
    expect(nat.inputs).toMatchObject({ allocationId: 'dev-pulumi-nat-0-id', subnetId: 'dev-pulumi-public-0-id' });
    expect(nat.dependencies).toContain(built.dev!.one('aws:ec2/internetGateway:InternetGateway').urn);
    expect(built.dev!.one('aws:ec2/eip:Eip').inputs.domain).toBe('vpc');
  });

  it('GIVEN pinned zones WHEN built THEN the subnets use them in the order given, over as many zones', () => {
    const zones = built.pinned!.ofType('aws:ec2/subnet:Subnet').map((s) => [s.name, s.inputs.availabilityZone, s.inputs.cidrBlock]);
    expect(zones).toEqual([
      ['pinned-private-0', 'us-east-1d', '10.7.0.0/18'],
      ['pinned-private-1', 'us-east-1b', '10.7.64.0/18'],
      ['pinned-public-0', 'us-east-1d', '10.7.128.0/20'],
      ['pinned-public-1', 'us-east-1b', '10.7.144.0/20'],
    ]);
    expect(built.pinned!.ofType('aws:ec2/natGateway:NatGateway')).toHaveLength(2);
  });

  it('GIVEN the zones a region offers WHEN picked THEN the first ones by name; too few gives the named error', () => {
    expect(pickZones(['us-west-2c', 'us-west-2a', 'us-west-2d', 'us-west-2b'], 3, 'us-west-2', 'prod')).toEqual(['us-west-2a', 'us-west-2b', 'us-west-2c']);
    expect(() => pickZones(['us-west-1c', 'us-west-1b'], 3, 'us-west-1', 'prod-west')).toThrow(
      'EksCluster "prod-west": availabilityZoneCount 3 is more than the 2 availability zones region us-west-1 offers this account (us-west-1b, us-west-1c); use 2 or fewer, or list the zones in availabilityZones',
    );
  });

  it('GIVEN VPC sizes WHEN laid out THEN halves for private and public subnets, and a /21 is the smallest VPC for 3 zones', () => {
    expect(subnetLayout('10.20.0.0/20', 2)).toEqual({ private: ['10.20.0.0/22', '10.20.4.0/22'], public: ['10.20.8.0/24', '10.20.9.0/24'] });
    expect(subnetLayout('10.30.0.0/21', 3)).toEqual({
      private: ['10.30.0.0/24', '10.30.1.0/24', '10.30.2.0/24'],
      public: ['10.30.4.0/26', '10.30.4.64/26', '10.30.4.128/26'],
    });
    expect([2, 3, 4, 5, 6].map(largestVpcPrefix)).toEqual([22, 21, 21, 20, 20]);
  });
});

describe('EksCluster: access and outputs', () => {
  it('GIVEN a spoke with the hub Argo CD role WHEN built THEN an access entry with cluster-admin on the whole cluster', () => {
    const prod = built.prod!;
    expect(prod.one('aws:eks/accessEntry:AccessEntry').inputs).toEqual({
      region: 'us-east-1',
      clusterName: 'acme-prod-pulumi',
      principalArn: HUB_ROLE,
      type: 'STANDARD',
      tags: { 'fleetwright.io/cluster': 'prod-pulumi', 'fleetwright.io/environment': 'prod', 'fleetwright.io/role': 'spoke' },
    });
    const association = prod.one('aws:eks/accessPolicyAssociation:AccessPolicyAssociation');
    expect(association.inputs).toEqual({
      region: 'us-east-1',
      clusterName: 'acme-prod-pulumi',
      principalArn: HUB_ROLE,
      policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
      accessScope: { type: 'cluster' },
    });
    expect(association.dependencies).toContain(prod.one('aws:eks/accessEntry:AccessEntry').urn);
  });

  it('GIVEN a cluster WHEN built THEN the kubeconfig is a secret that runs aws eks get-token for it', async () => {
    const { component } = built.prod!;
    expect(await pulumi.isSecret(component.kubeconfig)).toBe(true);
    const kubeconfig = parse(await promiseOf(component.kubeconfig));
    expect(kubeconfig).toEqual({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'acme-prod-pulumi', cluster: { server: await promiseOf(component.endpoint), 'certificate-authority-data': await promiseOf(component.certificateAuthority) } }],
      contexts: [{ name: 'acme-prod-pulumi', context: { cluster: 'acme-prod-pulumi', user: 'acme-prod-pulumi' } }],
      'current-context': 'acme-prod-pulumi',
      preferences: {},
      users: [{
        name: 'acme-prod-pulumi',
        user: {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1beta1',
            command: 'aws',
            args: ['eks', 'get-token', '--cluster-name', 'acme-prod-pulumi', '--region', 'us-east-1', '--output', 'json'],
          },
        },
      }],
    });
  });

  it('GIVEN a kubeconfig role WHEN built THEN get-token assumes it', async () => {
    const kubeconfig = parse(await promiseOf(built.dev!.component.kubeconfig));
    expect(kubeconfig.users[0].user.exec.args).toEqual([
      'eks', 'get-token', '--cluster-name', 'acme-dev-pulumi', '--region', 'us-east-1', '--role-arn', 'arn:aws:iam::111122223333:role/fleet-deployer', '--output', 'json',
    ]);
  });

  it('GIVEN a cluster WHEN built THEN its outputs are the cluster\'s, and only the kubeconfig is secret', async () => {
    const { component } = built.prod!;
    const outputs = {
      clusterName: component.clusterName,
      endpoint: component.endpoint,
      certificateAuthority: component.certificateAuthority,
      nodeRoleArn: component.nodeRoleArn,
      vpcId: component.vpcId,
      privateSubnetIds: component.privateSubnetIds,
    };
    expect(await promiseOf(pulumi.output(outputs))).toEqual({
      clusterName: 'acme-prod-pulumi',
      endpoint: expect.stringMatching(/^https:\/\/[0-9A-F]{32}\.gr7\.us-east-1\.eks\.amazonaws\.com$/),
      certificateAuthority: Buffer.from('CA of acme-prod-pulumi').toString('base64'),
      nodeRoleArn: expect.stringMatching(/^arn:aws:iam::123456789012:role\/prod-pulumi-node-role-/),
      vpcId: 'prod-pulumi-vpc-id',
      privateSubnetIds: ['prod-pulumi-private-0-id', 'prod-pulumi-private-1-id', 'prod-pulumi-private-2-id'],
    });
    for (const output of Object.values(outputs) as Output<unknown>[]) expect(await pulumi.isSecret(output)).toBe(false);
  });

  it('GIVEN the production spoke WHEN built THEN its resources match the snapshot', () => {
    const picture = built.prod!.children
      .map((r) => ({ type: r.type, name: r.name, protect: r.protect, ignoreChanges: r.ignoreChanges, inputs: r.inputs }))
      .sort((a, b) => (`${a.type} ${a.name}` < `${b.type} ${b.name}` ? -1 : 1));
    expect(picture).toMatchSnapshot();
  });
});

describe('EksCluster: invalid arguments', () => {
  const problemsOf = (name: string, args: ConstructorParameters<typeof EksCluster>[1]): readonly string[] => {
    try {
      new EksCluster(name, args);
    } catch (error) {
      if (error instanceof ConstructPropsError) return error.problems;
      throw error;
    }
    throw new Error('expected a ConstructPropsError');
  };
  const prod = spokeNamed('prod-pulumi');

  it('GIVEN a cluster on another provider WHEN built THEN refused by name', () => {
    expect(problemsOf('wrong', { cluster: spokeNamed('prod-eks') })).toEqual([
      'EksCluster "wrong": cluster.provider.kind "capi-aws-eks" is not "pulumi-eks", the only provider EksCluster provisions; pass only clusters whose provider is "pulumi-eks"',
    ]);
  });

  it('GIVEN a patch version, a small VPC and broken node pools WHEN built THEN every problem at once, and nothing is created', async () => {
    const cluster: Cluster = {
      ...prod,
      kubernetesVersion: { major: 1, minor: 34, patch: 2 },
      provider: { ...(prod.provider as Extract<Cluster['provider'], { kind: 'pulumi-eks' }>), vpcCidr: '10.4.0.0/24' },
      nodePools: [
        { name: 'general', replicas: 0, diskSizeGiB: 80, labels: {}, taints: [] },
        { name: 'big', instanceType: 'm6i.xlarge', replicas: 5, autoscaling: { min: 1, max: 4 }, diskSizeGiB: 10, labels: { 'node-role.kubernetes.io/worker': '' }, taints: [] },
      ],
    };
    expect(problemsOf('broken', { cluster })).toEqual([
      'EksCluster "broken": cluster.kubernetesVersion "1.34.2" has a patch release, but EKS picks the patch itself; use "1.34"',
      'EksCluster "broken": cluster.provider.vpcCidr "10.4.0.0/24" is too small for 3 availability zones: each private subnet would be a /27, but nodes and pods (VPC CNI) take their addresses from them and need at least a /24 each; use a /21 or larger VPC, or fewer zones',
      'EksCluster "broken": cluster.nodePools[0].instanceType (missing) is needed by an EKS managed node group; set an EC2 instance type like "m6i.xlarge"',
      'EksCluster "broken": cluster.nodePools[0].replicas 0 is not a whole number of at least 1, and a node group without autoscaling has exactly that many nodes (EKS needs a maximum of 1 or more); use 1 or more, or set autoscaling',
      'EksCluster "broken": cluster.nodePools[1].replicas 5 lies outside autoscaling 1..4; use a value from 1 to 4',
      'EksCluster "broken": cluster.nodePools[1].diskSizeGiB 10 is not a whole number of at least 20 (the size of EKS-optimized AMIs); use 80 or more for nodes that pull images',
      'EksCluster "broken": cluster.nodePools[1].labels["node-role.kubernetes.io/worker"] "node-role.kubernetes.io/worker" is in a namespace the kubelet may not set (NodeRestriction), so the nodes would not register; use your own prefix, e.g. "example.com/role"',
    ]);
    await settled();
    expect(recorder.resources.filter((r) => r.name.startsWith('broken'))).toEqual([]);
  });

  it('GIVEN zones that do not fit the region WHEN built THEN the zone settings are named', () => {
    expect(problemsOf('zones', { cluster: prod, availabilityZones: ['us-east-1a', 'eu-west-1b', 'us-east-1a'] })).toEqual([
      'EksCluster "zones": availabilityZones[1] "eu-west-1b" is not an availability zone of region us-east-1 (cluster.region); use a zone like "us-east-1a"',
      'EksCluster "zones": availabilityZones[2] "us-east-1a" is listed twice; list each zone once',
    ]);
    expect(problemsOf('zones', { cluster: prod, availabilityZones: ['us-east-1a'] })).toEqual([
      'EksCluster "zones": availabilityZones ["us-east-1a"] lists 1 zone (EKS needs subnets in at least 2 zones, and no AWS region has more than 6); list 2 to 6 zones',
    ]);
    expect(problemsOf('zones', { cluster: prod, availabilityZoneCount: 7 })).toEqual([
      'EksCluster "zones": availabilityZoneCount 7 is not a whole number from 2 to 6 (EKS needs subnets in at least 2 zones, and no AWS region has more than 6); use 2 to 6',
    ]);
  });

  it('GIVEN a broken existing VPC WHEN built THEN its IDs are named', () => {
    const byo = spokeNamed('prod-byo');
    const cluster: Cluster = {
      ...byo,
      provider: {
        ...(byo.provider as Extract<Cluster['provider'], { kind: 'pulumi-eks' }>),
        existingVpc: { vpcId: 'vpc-123', privateSubnetIds: ['subnet-0a1b2c3d4e5f60001'], publicSubnetIds: ['subnet-0a1b2c3d4e5f60001'] },
      },
    };
    expect(problemsOf('byo', { cluster })).toEqual([
      'EksCluster "byo": cluster.provider.existingVpc.vpcId "vpc-123" is not a VPC ID; use an ID like "vpc-0123456789abcdef0"',
      'EksCluster "byo": cluster.provider.existingVpc.privateSubnetIds ["subnet-0a1b2c3d4e5f60001"] has fewer than 2 subnets, but EKS needs subnets in at least two availability zones; list a private subnet in each of two or more zones',
      'EksCluster "byo": cluster.provider.existingVpc.publicSubnetIds[0] "subnet-0a1b2c3d4e5f60001" is listed twice; list each subnet once, as private or as public',
    ]);
  });

  it('GIVEN bad options WHEN built THEN log types, the kubeconfig role and tags are named', () => {
    expect(problemsOf('opts', { cluster: prod, logTypes: ['audit', 'kubelet' as never], kubeconfigRoleArn: 'admin', tags: { 'aws:owner': 'me' } })).toEqual([
      'EksCluster "opts": logTypes[1] "kubelet" is not an EKS control plane log type; use one of api, audit, authenticator, controllerManager, scheduler',
      'EksCluster "opts": kubeconfigRoleArn "admin" is not an IAM role ARN; use "arn:aws:iam::<12-digit account>:role/<name>"',
      'EksCluster "opts": tags["aws:owner"] "aws:owner" is not a tag key AWS accepts (1 to 128 characters, not starting with "aws:"); use another key',
    ]);
  });

});

describe('EksCluster: the hub', () => {
  it('GIVEN a hub whose provider names an Argo CD role WHEN built THEN still no access entry (its Argo CD runs in-cluster)', async () => {
    const provider = fleet.hub.provider as Extract<HubCluster['provider'], { kind: 'pulumi-eks' }>;
    const hub = await build('hub-with-role', { cluster: { ...fleet.hub, provider: { ...provider, argocdRoleArn: HUB_ROLE } } });
    expect(hub.ofType('aws:eks/accessEntry:AccessEntry')).toEqual([]);
    expect(hub.ofType('aws:eks/accessPolicyAssociation:AccessPolicyAssociation')).toEqual([]);
    expect(hub.component.argocdAccess).toBeUndefined();
  });

  it('GIVEN the hub WHEN built THEN its resources are tagged with the hub role and no environment', () => {
    expect(built.hub!.one('aws:eks/cluster:Cluster').inputs.tags).toEqual({ 'fleetwright.io/cluster': 'management', 'fleetwright.io/role': 'hub' });
  });
});

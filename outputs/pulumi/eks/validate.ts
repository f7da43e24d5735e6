/**
 * Checks of {@link EksClusterArgs} at construction, before any resource
 * exists: every problem at once, each naming the argument, the value and
 * the fix. The fleet's rules check most of the model already; what is
 * checked here is what an EKS cluster built by this component needs on top
 * (and what a caller building a model by hand could get wrong).
 */
import { isKubeletSettableLabel } from '../../../constructs/cluster-api/node-labels';
import { PropsCheck } from '../../../constructs/errors';
import { Names } from '../../../model/names';
import { isCidr, parseCidr } from '../../../model/rules/cidr';
import { awsRegion, eksClusterName, iamRoleArn, instanceType, type SyntaxIssue } from '../../../model/rules/syntax';
import { formatVersion } from '../../../model/rules/version';
import type { NodePool } from '../../../model/types';
import { EKS_LOG_TYPES, DEFAULT_ZONE_COUNT, type EksClusterArgs, type PulumiEksProvider } from './args';
import { largestVpcPrefix, MAX_PRIVATE_PREFIX, MAX_ZONES, MIN_ZONES, privatePrefix } from './subnets';

/** EKS-optimized AMIs have 20 GiB root volumes. */
const MIN_DISK_GIB = 20;
/** EKS refuses more taints per node group. */
const MAX_TAINTS = 50;
const NODEGROUP_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]*$/;
const VPC_ID = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;
const SUBNET_ID = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;

function expectSyntax(check: PropsCheck, prop: string, value: string, rule: (value: string) => SyntaxIssue): void {
  const issue = rule(value);
  if (issue !== undefined) check.expect(false, prop, value, ...issue);
}

/** Throws a `ConstructPropsError` listing every problem with `args`. */
export function validateArgs(name: string, args: EksClusterArgs): void {
  const check = new PropsCheck('EksCluster', name);
  const { cluster } = args;
  const provider = cluster.provider;
  check.expect(
    provider.kind === 'pulumi-eks',
    'cluster.provider.kind',
    provider.kind,
    'is not "pulumi-eks", the only provider EksCluster provisions',
    'pass only clusters whose provider is "pulumi-eks"',
  );
  expectSyntax(check, 'cluster.region', cluster.region, awsRegion);
  const version = cluster.kubernetesVersion;
  check.expect(
    version.patch === undefined,
    'cluster.kubernetesVersion',
    formatVersion(version),
    'has a patch release, but EKS picks the patch itself',
    `use "1.${version.minor}"`,
  );
  if (provider.kind === 'pulumi-eks') checkProvider(check, provider, args);
  checkNodePools(check, cluster.name, cluster.nodePools);
  (args.logTypes ?? []).forEach((type, i) => {
    check.expect(EKS_LOG_TYPES.includes(type), `logTypes[${i}]`, type, 'is not an EKS control plane log type', `use one of ${EKS_LOG_TYPES.join(', ')}`);
  });
  if (args.kubeconfigRoleArn !== undefined) expectSyntax(check, 'kubeconfigRoleArn', args.kubeconfigRoleArn, iamRoleArn);
  for (const [key, value] of Object.entries(args.tags ?? {})) {
    check.expect(key.length >= 1 && key.length <= 128 && !key.startsWith('aws:'), `tags["${key}"]`, key, 'is not a tag key AWS accepts (1 to 128 characters, not starting with "aws:")', 'use another key');
    check.expect(value.length <= 256, `tags["${key}"]`, value, 'is longer than the 256 characters AWS allows in a tag value', 'shorten it');
  }
  check.done();
}

function checkProvider(check: PropsCheck, provider: PulumiEksProvider, args: EksClusterArgs): void {
  expectSyntax(check, 'cluster.provider.eksClusterName', provider.eksClusterName, eksClusterName);
  if (provider.argocdRoleArn !== undefined) expectSyntax(check, 'cluster.provider.argocdRoleArn', provider.argocdRoleArn, iamRoleArn);
  if (provider.existingVpc) {
    const { vpcId, privateSubnetIds, publicSubnetIds } = provider.existingVpc;
    check.expect(VPC_ID.test(vpcId), 'cluster.provider.existingVpc.vpcId', vpcId, 'is not a VPC ID', 'use an ID like "vpc-0123456789abcdef0"');
    check.expect(
      new Set(privateSubnetIds).size >= MIN_ZONES,
      'cluster.provider.existingVpc.privateSubnetIds',
      privateSubnetIds,
      `has fewer than ${MIN_ZONES} subnets, but EKS needs subnets in at least two availability zones`,
      'list a private subnet in each of two or more zones',
    );
    const seen = new Set<string>();
    const subnets = [
      ...privateSubnetIds.map((id, i) => ({ id, prop: `cluster.provider.existingVpc.privateSubnetIds[${i}]` })),
      ...publicSubnetIds.map((id, i) => ({ id, prop: `cluster.provider.existingVpc.publicSubnetIds[${i}]` })),
    ];
    for (const { id, prop } of subnets) {
      check.expect(SUBNET_ID.test(id), prop, id, 'is not a subnet ID', 'use an ID like "subnet-0123456789abcdef0"');
      check.expect(!seen.has(id), prop, id, 'is listed twice', 'list each subnet once, as private or as public');
      seen.add(id);
    }
    return; // the component creates no VPC: zones and vpcCidr do not matter
  }
  const zones = checkZones(check, args);
  checkVpcCidr(check, provider.vpcCidr, zones);
}

/** Checks the zone settings; returns the zone count when it is usable. */
function checkZones(check: PropsCheck, args: EksClusterArgs): number | undefined {
  const region = args.cluster.region;
  const inRange = (n: number) => Number.isInteger(n) && n >= MIN_ZONES && n <= MAX_ZONES;
  const why = `EKS needs subnets in at least ${MIN_ZONES} zones, and no AWS region has more than ${MAX_ZONES}`;
  if (args.availabilityZones !== undefined) {
    const zones = args.availabilityZones;
    check.expect(inRange(zones.length), 'availabilityZones', zones, `lists ${zones.length} zone${zones.length === 1 ? '' : 's'} (${why})`, `list ${MIN_ZONES} to ${MAX_ZONES} zones`);
    const seen = new Set<string>();
    zones.forEach((zone, i) => {
      check.expect(
        new RegExp(`^${region}[a-z]$`).test(zone),
        `availabilityZones[${i}]`,
        zone,
        `is not an availability zone of region ${region} (cluster.region)`,
        `use a zone like "${region}a"`,
      );
      check.expect(!seen.has(zone), `availabilityZones[${i}]`, zone, 'is listed twice', 'list each zone once');
      seen.add(zone);
    });
    return inRange(zones.length) ? zones.length : undefined;
  }
  const count = args.availabilityZoneCount ?? DEFAULT_ZONE_COUNT;
  check.expect(inRange(count), 'availabilityZoneCount', count, `is not a whole number from ${MIN_ZONES} to ${MAX_ZONES} (${why})`, `use ${MIN_ZONES} to ${MAX_ZONES}`);
  return inRange(count) ? count : undefined;
}

function checkVpcCidr(check: PropsCheck, vpcCidr: string, zones: number | undefined): void {
  const parsed = parseCidr(vpcCidr);
  if (!isCidr(parsed)) {
    check.expect(false, 'cluster.provider.vpcCidr', vpcCidr, ...parsed!);
    return;
  }
  if (zones === undefined) return;
  const largest = largestVpcPrefix(zones);
  check.expect(
    parsed.prefix <= largest,
    'cluster.provider.vpcCidr',
    vpcCidr,
    `is too small for ${zones} availability zones: each private subnet would be a /${privatePrefix(parsed.prefix, zones)}, ` +
      `but nodes and pods (VPC CNI) take their addresses from them and need at least a /${MAX_PRIVATE_PREFIX} each`,
    `use a /${largest} or larger VPC, or fewer zones`,
  );
}

function checkNodePools(check: PropsCheck, clusterName: string, pools: readonly NodePool[]): void {
  check.expect(pools.length > 0, 'cluster.nodePools', pools, 'has no node pool, so the cluster would have no nodes', 'add a node pool');
  const names = new Set<string>();
  pools.forEach((pool, i) => {
    const at = `cluster.nodePools[${i}]`;
    check.expect(!names.has(pool.name), `${at}.name`, pool.name, 'is the name of another node pool', 'give each node pool a unique name');
    names.add(pool.name);
    const groupName = Names.nodePool(clusterName, pool.name);
    check.expect(
      NODEGROUP_NAME.test(groupName) && groupName.length <= 63,
      `${at}.name`,
      pool.name,
      `makes node group name "${groupName}", which EKS refuses (at most 63 letters, digits, '-' and '_', starting with a letter or digit)`,
      'shorten the cluster or node pool name',
    );
    if (pool.instanceType === undefined) {
      check.expect(false, `${at}.instanceType`, undefined, 'is needed by an EKS managed node group', 'set an EC2 instance type like "m6i.xlarge"');
    } else {
      expectSyntax(check, `${at}.instanceType`, pool.instanceType, instanceType);
    }
    checkScaling(check, at, pool);
    check.expect(
      Number.isInteger(pool.diskSizeGiB) && pool.diskSizeGiB >= MIN_DISK_GIB,
      `${at}.diskSizeGiB`,
      pool.diskSizeGiB,
      `is not a whole number of at least ${MIN_DISK_GIB} (the size of EKS-optimized AMIs)`,
      'use 80 or more for nodes that pull images',
    );
    for (const key of Object.keys(pool.labels)) {
      check.expect(
        isKubeletSettableLabel(key),
        `${at}.labels["${key}"]`,
        key,
        'is in a namespace the kubelet may not set (NodeRestriction), so the nodes would not register',
        'use your own prefix, e.g. "example.com/role"',
      );
    }
    check.expect(pool.taints.length <= MAX_TAINTS, `${at}.taints`, pool.taints.length, `are more than the ${MAX_TAINTS} taints EKS allows per node group`, `keep ${MAX_TAINTS} or fewer`);
  });
}

function checkScaling(check: PropsCheck, at: string, pool: NodePool): void {
  const { replicas, autoscaling } = pool;
  if (!autoscaling) {
    check.expect(
      Number.isInteger(replicas) && replicas >= 1,
      `${at}.replicas`,
      replicas,
      'is not a whole number of at least 1, and a node group without autoscaling has exactly that many nodes (EKS needs a maximum of 1 or more)',
      'use 1 or more, or set autoscaling',
    );
    return;
  }
  const { min, max } = autoscaling;
  const bounds = Number.isInteger(min) && Number.isInteger(max) && min >= 0 && max >= 1 && min <= max;
  check.expect(bounds, `${at}.autoscaling`, autoscaling, 'is not a range EKS accepts (whole numbers, 0 ≤ min ≤ max, max ≥ 1)', 'fix min and max');
  if (bounds) {
    check.expect(replicas >= min && replicas <= max, `${at}.replicas`, replicas, `lies outside autoscaling ${min}..${max}`, `use a value from ${min} to ${max}`);
  }
}

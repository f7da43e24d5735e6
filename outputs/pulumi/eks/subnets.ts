/**
 * The subnet layout of a VPC the component creates, and the choice of its
 * availability zones: pure functions, so a layout is known (and checked)
 * before anything is created.
 *
 * The VPC's lower half holds the private subnets (nodes, and pods: the VPC
 * CNI gives pods VPC addresses), the upper half the public ones (NAT gateways
 * and internet-facing load balancers), each public subnet a quarter of a
 * private one. With `n` zones each half is cut into the next power of two
 * at or above `n`, so a /16 over 3 zones gives private /19s
 * (10.0.0.0/19, 10.0.32.0/19, 10.0.64.0/19) and public /21s from
 * 10.0.128.0/21; the rest stays free for later subnets.
 */
import { isCidr, parseCidr } from '../../../model/rules/cidr';

export interface SubnetLayout {
  /** Per zone, in zone order. */
  readonly private: readonly string[];
  readonly public: readonly string[];
}

/** Pods take their addresses from the private subnets: smaller than a /24 per zone leaves room for a handful of nodes. */
export const MAX_PRIVATE_PREFIX = 24;

/** Most availability zones any AWS region has (us-east-1). */
export const MAX_ZONES = 6;

/** EKS needs subnets in at least two zones. */
export const MIN_ZONES = 2;

function formatAddress(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Bits that number `zones` subnets inside a half of the VPC. */
function zoneBits(zones: number): number {
  return Math.ceil(Math.log2(zones));
}

/** Prefix length of each private subnet for a VPC of `vpcPrefix` over `zones` zones. */
export function privatePrefix(vpcPrefix: number, zones: number): number {
  return vpcPrefix + 1 + zoneBits(zones);
}

/** The largest VPC prefix length (smallest VPC) whose private subnets are still a /24 over `zones` zones. */
export function largestVpcPrefix(zones: number): number {
  return MAX_PRIVATE_PREFIX - 1 - zoneBits(zones);
}

/** The subnets of `vpcCidr` over `zones` zones. `vpcCidr` must be valid and large enough (see `largestVpcPrefix`). */
export function subnetLayout(vpcCidr: string, zones: number): SubnetLayout {
  const vpc = parseCidr(vpcCidr);
  if (!isCidr(vpc)) throw new Error(`subnetLayout: "${vpcCidr}" is not an IPv4 CIDR`);
  const privateLength = privatePrefix(vpc.prefix, zones);
  const publicLength = privateLength + 2;
  const half = 2 ** (32 - vpc.prefix - 1);
  const cut = (start: number, prefix: number) =>
    Array.from({ length: zones }, (_, i) => `${formatAddress(start + i * 2 ** (32 - prefix))}/${prefix}`);
  return { private: cut(vpc.first, privateLength), public: cut(vpc.first + half, publicLength) };
}

/**
 * The first `count` zones by name. Sorting keeps the choice stable from one
 * `pulumi up` to the next (AWS adds zones with later letters), so subnets
 * are never moved (which would replace them). Throws, naming the setting,
 * when the region offers fewer zones than asked for.
 */
export function pickZones(available: readonly string[], count: number, region: string, component: string): string[] {
  const sorted = [...new Set(available)].sort();
  if (sorted.length < count) {
    throw new Error(
      `EksCluster "${component}": availabilityZoneCount ${count} is more than the ${sorted.length} availability zones ` +
        `region ${region} offers this account (${sorted.join(', ')}); use ${sorted.length} or fewer, or list the zones in availabilityZones`,
    );
  }
  return sorted.slice(0, count);
}

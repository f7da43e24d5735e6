/**
 * IPv4 CIDR parsing and fleet-wide overlap detection (sort and sweep, so the
 * cost stays O(n log n) for thousands of clusters).
 */
import type { SyntaxIssue } from './syntax';

export interface Cidr {
  readonly text: string;
  /** First address as an unsigned 32-bit number. */
  readonly first: number;
  /** Last address. */
  readonly last: number;
  readonly prefix: number;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns the issue when malformed or when host bits are set. */
export function parseCidr(text: string): Cidr | SyntaxIssue {
  const m = CIDR.exec(text);
  if (!m) return ['is not an IPv4 CIDR', 'write it like "10.20.0.0/16"'];
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return ['is not an IPv4 CIDR', 'write it like "10.20.0.0/16"'];
  const address = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  const size = 2 ** (32 - prefix);
  const first = Math.floor(address / size) * size;
  if (first !== address) {
    return ['has host bits set', `use the network address "${formatAddress(first)}/${prefix}"`];
  }
  return { text, first, last: first + size - 1, prefix };
}

export function isCidr(value: Cidr | SyntaxIssue): value is Cidr {
  return value !== undefined && !Array.isArray(value);
}

function formatAddress(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Whether `inner` lies entirely inside `outer`. */
export function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  return inner.first >= outer.first && inner.last <= outer.last;
}

/** Checks a prefix length against the sizes Kubernetes and EKS accept for a range. */
export function cidrSize(cidr: Cidr, min: number, max: number, what: string): SyntaxIssue {
  if (cidr.prefix < min || cidr.prefix > max) {
    return [`is a /${cidr.prefix}, outside the /${min} to /${max} allowed for ${what}`, `use a prefix length between ${min} and ${max}`];
  }
  return undefined;
}

/** A range owned by a cluster, with where it was written. */
export interface OwnedRange {
  readonly cidr: Cidr;
  /** Field path, e.g. `clusters[2].network.podCidr`. */
  readonly path: string;
  /** Cluster name. */
  readonly owner: string;
  /** Path of the owning cluster, e.g. `clusters[2]` (names may repeat in an invalid definition). */
  readonly ownerPath: string;
  /** `pod`, `service` or `vpc`. */
  readonly role: 'pod' | 'service' | 'vpc';
}

export interface Overlap {
  readonly a: OwnedRange;
  readonly b: OwnedRange;
}

/**
 * Every pair of overlapping ranges, each pair once, `a` written before `b`
 * in `ranges` order. A cluster's pod range may sit inside its own VPC (pods
 * get VPC addresses with the AWS VPC CNI); every other overlap is reported.
 */
export function findOverlaps(ranges: readonly OwnedRange[]): Overlap[] {
  const order = new Map(ranges.map((r, i) => [r, i] as const));
  const sorted = [...ranges].sort((x, y) => x.cidr.first - y.cidr.first || y.cidr.last - x.cidr.last);
  const overlaps: Overlap[] = [];
  // Sweep: `open` holds ranges that may still overlap what comes next. Nested
  // CIDRs can stay open for long, so the sweep is O(n log n + overlaps) in practice.
  let open: OwnedRange[] = [];
  for (const range of sorted) {
    open = open.filter((o) => o.cidr.last >= range.cidr.first);
    for (const other of open) {
      if (!allowed(other, range)) {
        const [a, b] = order.get(other)! < order.get(range)! ? [other, range] : [range, other];
        overlaps.push({ a, b });
      }
    }
    open.push(range);
  }
  return overlaps.sort((x, y) => order.get(x.b)! - order.get(y.b)! || order.get(x.a)! - order.get(y.a)!);
}

function allowed(x: OwnedRange, y: OwnedRange): boolean {
  if (x.owner !== y.owner) return false;
  const roles = new Set([x.role, y.role]);
  return roles.has('pod') && roles.has('vpc');
}

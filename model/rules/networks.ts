/** Network ranges: sizes Kubernetes accepts, and disjoint across the whole fleet. */
import type { Problems } from '../problems';
import { cidrSize, cidrWithin, findOverlaps, isCidr, parseCidr, type Cidr, type OwnedRange } from './cidr';
import type { RuleContext } from './context';

/** Prefix lengths accepted per role. The API server refuses service ranges larger than /12. */
const SIZES = {
  pod: { min: 8, max: 24, what: 'a pod range' },
  service: { min: 12, max: 24, what: 'a service range' },
  vpc: { min: 16, max: 28, what: 'a VPC (AWS allows /16 to /28)' },
} as const;

/** Blocks EKS takes a service range from. */
const EKS_SERVICE_BLOCKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((b) => parseCidr(b) as Cidr);

export function checkNetworks({ parsed, problems }: RuleContext): void {
  const all = [...(parsed.hub ? [{ path: 'hub', def: parsed.hub }] : []), ...parsed.clusters];
  for (const c of all) {
    const kind = c.def.provider.kind;
    const service = parseCidr(c.def.network.serviceCidr);
    if ((kind === 'capi-aws-eks' || kind === 'pulumi-eks') && isCidr(service) && !EKS_SERVICE_BLOCKS.some((b) => cidrWithin(service, b))) {
      problems.at(
        `${c.path}.network.serviceCidr`,
        service.text,
        `is not a range EKS accepts for services (provider "${kind}"): it must lie inside ${EKS_SERVICE_BLOCKS.map((b) => b.text).join(', ')}`,
        'pick a private range, e.g. "172.20.0.0/16"',
      );
    }
  }
  const ranges: OwnedRange[] = [];
  for (const cluster of parsed.identities) {
    const add = (role: OwnedRange['role'], text: string | undefined, path: string) => {
      const cidr = text === undefined ? undefined : parseCidr(text);
      if (cidr === undefined || !isCidr(cidr)) return; // missing or malformed: reported by the schema
      const size = cidrSize(cidr, SIZES[role].min, SIZES[role].max, SIZES[role].what);
      if (size) problems.at(path, text, size[0], size[1]);
      ranges.push({ cidr, path, owner: cluster.name ?? cluster.path, ownerPath: cluster.path, role });
    };
    add('pod', cluster.podCidr, `${cluster.path}.network.podCidr`);
    add('service', cluster.serviceCidr, `${cluster.path}.network.serviceCidr`);
    add('vpc', cluster.vpcCidr, `${cluster.path}.provider.vpcCidr`);
  }
  reportOverlaps(ranges, problems);
}

function reportOverlaps(ranges: readonly OwnedRange[], problems: Problems): void {
  for (const { a, b } of findOverlaps(ranges)) {
    const same = a.ownerPath === b.ownerPath;
    problems.at(
      b.path,
      b.cidr.text,
      `overlaps ${a.path} "${a.cidr.text}" (${same ? 'the same cluster' : a.owner})`,
      same
        ? 'give pods, services and the VPC separate ranges'
        : 'give each cluster its own ranges (cross-cluster networking such as Cilium ClusterMesh and Submariner needs them disjoint)',
    );
  }
}

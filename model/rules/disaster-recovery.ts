/**
 * Disaster-recovery partners: another cluster of the fleet, marked as a
 * standby. The hub alerts when a primary's API server is down, so a fleet
 * with partners needs metrics on the hub, the primaries and their partners.
 */
import { mergeSelections } from '../addons/merge';
import type { AddonName } from '../addons/names';
import type { MergedCluster } from '../merge';
import type { RuleContext } from './context';

export function checkDisasterRecovery(context: RuleContext): void {
  const { clusters, problems } = context;
  const byName = new Map(clusters.map((c) => [c.def.name, c]));
  for (const c of clusters) {
    const partner = c.def.drPartner;
    if (partner === undefined) continue;
    const path = `${c.path}.drPartner`;
    const target = byName.get(partner);
    if (partner === c.def.name) problems.at(path, partner, 'is the cluster itself', 'name another cluster, marked standby: true');
    else if (!target) {
      // A partner marked decommission: true is reported by checkDecommissioned.
      if (!context.parsed.decommissioned.some((d) => d.def.name === partner)) problems.at(path, partner, 'is not a cluster of the fleet', `use one of the standby clusters${standbys(clusters)}`);
    }
    else if (!target.def.standby) problems.at(path, partner, `is not a standby cluster, so it would run ${c.def.name}'s apps twice`, `set standby: true on ${target.path} (${partner}), or name a standby cluster${standbys(clusters)}`);
    if (c.def.standby) problems.at(path, partner, 'is set on a standby cluster', 'a standby takes over for others; remove drPartner here');
  }
  checkFailoverMetrics(context, byName);
}

function standbys(clusters: RuleContext['clusters']): string {
  const names = clusters.filter((c) => c.def.standby).map((c) => `"${c.def.name}"`);
  return names.length > 0 ? ` (${names.join(', ')})` : '';
}

/** What the failover alerts need on every cluster involved: a Prometheus, and a Thanos sidecar the hub's Query reads. */
const METRICS: readonly AddonName[] = ['kube-prometheus-stack', 'thanos'];

/**
 * The failover alert of a primary is evaluated on the hub (a ThanosRuler
 * querying the hub's Thanos Query), from the API-server metrics of the
 * primary's Prometheus; after a failover the partner is watched the same way.
 * Only valid pairs are checked: a broken partner is reported above.
 */
function checkFailoverMetrics({ parsed, problems }: RuleContext, byName: ReadonlyMap<string, MergedCluster>): void {
  const pairs = [...byName.values()].flatMap((c) => {
    const partner = c.def.drPartner === undefined ? undefined : byName.get(c.def.drPartner);
    return partner && partner !== c && partner.def.standby && !c.def.standby ? [{ primary: c, partner }] : [];
  });
  if (pairs.length === 0) return;

  if (parsed.hub) {
    const hubAddons = mergeSelections([{ selection: parsed.hub.addons, segments: ['hub'], level: 'cluster' }]);
    const missing = METRICS.filter((name) => !hubAddons.get(name)?.enabled);
    if (missing.length > 0) {
      const [{ primary, partner }] = pairs as [(typeof pairs)[number]];
      const more = pairs.length > 1 ? ` (and ${pairs.length - 1} more cluster${pairs.length > 2 ? 's have' : ' has'} one)` : '';
      problems.add(
        'hub.addons',
        `hub.addons does not enable ${list(missing)}, but ${primary.path} (${primary.def.name}) has the disaster-recovery partner "${partner.def.name}"${more}: the hub raises the alert when a primary's API server is down, evaluating it through its Thanos Query; enable ${missing.length > 1 ? 'them' : 'it'} on the hub`,
      );
    }
  }

  const partnerOf = new Map<MergedCluster, string>();
  const primariesOf = new Map<MergedCluster, string[]>();
  for (const { primary, partner } of pairs) {
    partnerOf.set(primary, partner.def.name);
    primariesOf.set(partner, [...(primariesOf.get(partner) ?? []), primary.def.name]);
  }
  const involved = [...new Set([...partnerOf.keys(), ...primariesOf.keys()])].sort((a, b) => a.index - b.index);
  for (const cluster of involved) {
    if (!cluster.envResolved) continue;
    const missing = METRICS.filter((name) => !cluster.addons.get(name)?.enabled);
    if (missing.length === 0) continue;
    const name = cluster.def.name;
    const why =
      partnerOf.has(cluster)
        ? `${name} has the disaster-recovery partner "${partnerOf.get(cluster)}": the hub watches a primary's API server through its Prometheus and Thanos sidecar`
        : `${name} is the disaster-recovery partner of ${primariesOf.get(cluster)!.join(' and ')}: after a failover the hub watches it the same way`;
    problems.add(
      `${cluster.path}.addons`,
      `${cluster.path}.addons does not enable ${list(missing)}, but ${why}; enable ${missing.length > 1 ? 'them' : 'it'} for ${name} (${cluster.path}.addons) or its environment (${cluster.envPath}.addons)`,
    );
  }
}

function list(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(' and ');
}

/** Disaster-recovery partners: another cluster of the fleet, marked as a standby. */
import type { RuleContext } from './context';

export function checkDisasterRecovery({ clusters, problems }: RuleContext): void {
  const byName = new Map(clusters.map((c) => [c.def.name, c]));
  for (const c of clusters) {
    const partner = c.def.drPartner;
    if (partner === undefined) continue;
    const path = `${c.path}.drPartner`;
    const target = byName.get(partner);
    if (partner === c.def.name) problems.at(path, partner, 'is the cluster itself', 'name another cluster, marked standby: true');
    else if (!target) problems.at(path, partner, 'is not a cluster of the fleet', `use one of the standby clusters${standbys(clusters)}`);
    else if (!target.def.standby) problems.at(path, partner, `is not a standby cluster, so it would run ${c.def.name}'s apps twice`, `set standby: true on ${target.path} (${partner}), or name a standby cluster${standbys(clusters)}`);
    if (c.def.standby) problems.at(path, partner, 'is set on a standby cluster', 'a standby takes over for others; remove drPartner here');
  }
}

function standbys(clusters: RuleContext['clusters']): string {
  const names = clusters.filter((c) => c.def.standby).map((c) => `"${c.def.name}"`);
  return names.length > 0 ? ` (${names.join(', ')})` : '';
}

/**
 * Clusters marked `decommission: true` leave the tree: nothing is rendered for
 * them, so nothing may still refer to them by name.
 */
import type { RuleContext } from './context';

export function checkDecommissioned({ parsed, problems }: RuleContext): void {
  const leaving = new Map(parsed.decommissioned.map((c) => [c.def.name, c.path]));
  if (leaving.size === 0) return;
  const issue = (name: string) => `is being decommissioned (${leaving.get(name)}.decommission is true), so nothing is rendered for it`;
  for (const c of parsed.clusters) {
    const partner = c.def.drPartner;
    if (partner !== undefined && leaving.has(partner)) {
      problems.at(`${c.path}.drPartner`, partner, issue(partner), 'name another standby cluster, or remove drPartner');
    }
  }
  for (const app of parsed.apps) {
    app.def.clusters?.forEach((name, i) => {
      if (leaving.has(name)) problems.at(`${app.path}.clusters[${i}]`, name, issue(name), 'remove it from the list');
    });
    const previews = app.def.previews?.cluster;
    if (previews !== undefined && leaving.has(previews)) {
      problems.at(`${app.path}.previews.cluster`, previews, issue(previews), 'name another cluster for the previews');
    }
  }
}

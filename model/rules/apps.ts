/** Application teams' workloads: unique names, known environments, DR copies that do not collide. */
import { isAddonName } from '../addons/names';
import type { RuleContext } from './context';

export function checkApps({ parsed, problems }: RuleContext): void {
  const seen = new Map<string, string>();
  for (const app of parsed.apps) {
    const first = seen.get(app.def.name);
    if (first) problems.at(`${app.path}.name`, app.def.name, `is already the name of ${first}`, 'give every app a unique name');
    else seen.set(app.def.name, app.path);
    if (isAddonName(app.def.name)) {
      problems.at(`${app.path}.name`, app.def.name, 'is the name of an add-on, so their Applications would clash', 'rename the app');
    }
    const names = new Set(parsed.identities.map((c) => c.name));
    app.def.clusters?.forEach((cluster, i) => {
      if (!names.has(cluster)) problems.at(`${app.path}.clusters[${i}]`, cluster, 'is not a cluster of the fleet', 'name a cluster of clusters');
    });
    if (app.def.clusters && app.def.clusterSelector) {
      problems.at(`${app.path}.clusterSelector`, app.def.clusterSelector, 'is set together with clusters, which already names them', 'keep one of the two');
    }
    if (app.def.services && app.def.serviceDirectories) {
      problems.at(`${app.path}.serviceDirectories`, app.def.serviceDirectories, 'is set together with services', 'list the services, or let the folders name them, not both');
    }
    if (app.def.previews && !names.has(app.def.previews.cluster)) {
      problems.at(`${app.path}.previews.cluster`, app.def.previews.cluster, 'is not a cluster of the fleet', 'name the cluster previews run on');
    }
    if (!parsed.environments) continue;
    app.def.environments?.forEach((env, i) => {
      if (!parsed.environmentNames.includes(env)) {
        problems.at(`${app.path}.environments[${i}]`, env, 'is not a declared environment', `use one of ${parsed.environmentNames.map((n) => JSON.stringify(n)).join(', ')}`);
      }
    });
  }
}

/**
 * A standby runs one DR copy of each app per primary: two primaries of the
 * same standby both running an app would deploy the same objects twice.
 */
export function checkDrCopies({ parsed, clusters, problems }: RuleContext): void {
  const envs = (app: (typeof parsed.apps)[number]) => app.def.environments ?? parsed.environmentNames;
  for (const app of parsed.apps) {
    const byStandby = new Map<string, string[]>();
    for (const c of clusters) {
      if (c.def.drPartner === undefined || c.def.standby || !envs(app).includes(c.def.environment)) continue;
      byStandby.set(c.def.drPartner, [...(byStandby.get(c.def.drPartner) ?? []), c.def.name]);
    }
    for (const [standby, primaries] of byStandby) {
      if (primaries.length < 2) continue;
      problems.at(
        `${app.path}.name`,
        app.def.name,
        `runs on ${primaries.join(' and ')}, which share the standby ${standby}: their DR copies would deploy the same objects to namespace ${app.def.namespace} there`,
        'give these primaries different standbys, or limit the app\'s environments',
      );
    }
  }
}

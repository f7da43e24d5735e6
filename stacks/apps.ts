/**
 * Application teams' workloads: one ApplicationSet per app on the hub,
 * generating an Application per cluster of the app's environments from the
 * team's own repository.
 */
import { ApplicationSet } from '../constructs/argocd/application-set';
import { ClusterGenerator } from '../constructs/argocd/cluster-generator';
import { Destination } from '../constructs/argocd/destination';
import { Source } from '../constructs/argocd/source';
import { automatedSync } from '../constructs/argocd/sync-policy';
import { Application } from '../constructs/argocd/application';
import { ClusterLabel, ClusterParam, Layout, Names, type App, type Cluster, type Fleet } from '../model';
import { renderUnit, type Unit } from './rendered';
import { fleetRollingSync, keepApplications, waveLabels } from './rollout/argocd-waves';

export function appsUnit(fleet: Fleet): Unit {
  return renderUnit(Layout.apps, { scope: 'hub', cluster: fleet.hub.name }, fleet.apps.map((a) => Layout.app(a.name)), () => {});
}

export function appUnit(fleet: Fleet, app: App): Unit {
  return renderUnit(Layout.app(app.name), { scope: 'hub', cluster: fleet.hub.name }, [], (chart) => {
    new ApplicationSet(chart, 'app', {
      metadata: { name: app.name, namespace: fleet.argocd.namespace },
      generators: [
        ClusterGenerator.select({
          matchLabels: { [ClusterLabel.fleet]: fleet.name, [ClusterLabel.role]: 'spoke' },
          matchExpressions: [
            { key: ClusterLabel.env, operator: 'In', values: app.environments },
            // Standbys run their primaries' apps only, at a low replica count.
            { key: ClusterLabel.standby, operator: 'DoesNotExist' },
          ],
        }),
      ],
      strategy: fleetRollingSync(fleet, { includeHub: false }),
      keepApplications: keepApplications(fleet, fleet.clusters.filter((c) => app.environments.includes(c.environment))),
      template: {
        name: Names.appApplication(app.name, ClusterParam.name),
        labels: { 'fleetwright.io/app': app.name, ...waveLabels(fleet) },
        project: ClusterParam.label(ClusterLabel.env),
        sources: [Source.git({ repoUrl: app.repoUrl, revision: app.revision, path: app.path.replaceAll('{env}', ClusterParam.label(ClusterLabel.env)) })],
        destination: Destination.cluster(ClusterParam.name, app.namespace),
        syncPolicy: automatedSync({ createNamespace: true }),
      },
    });
    for (const { primary, standby } of drCopies(fleet, app)) {
      new Application(chart, `dr-${primary.name}`, {
        metadata: {
          name: Names.drApplication(app.name, primary.name),
          namespace: fleet.argocd.namespace,
          labels: { 'fleetwright.io/app': app.name, 'fleetwright.io/dr-primary': primary.name },
        },
        project: standby.environment,
        sources: [
          Source.git({
            repoUrl: app.repoUrl,
            revision: app.revision,
            // The primary's configuration, scaled down: the standby is warm, not cold.
            path: app.path.replaceAll('{env}', primary.environment),
            kustomizePatches: [{ target: { group: 'apps', kind: 'Deployment' }, patch: drReplicasPatch(fleet) }],
          }),
        ],
        destination: Destination.cluster(standby.name, app.namespace),
        syncPolicy: automatedSync({ createNamespace: true }),
      });
    }
  });
}

/** The primaries that run `app` and have a standby, with that standby. */
export function drCopies(fleet: Fleet, app: App): { primary: Cluster; standby: Cluster }[] {
  const byName = new Map(fleet.clusters.map((c) => [c.name, c]));
  return fleet.clusters
    .filter((c) => !c.standby && c.drPartner !== undefined && app.environments.includes(c.environment))
    .map((primary) => ({ primary, standby: byName.get(primary.drPartner!)! }));
}

/** A JSON patch setting every Deployment's replicas to the fleet's DR count. */
function drReplicasPatch(fleet: Fleet): string {
  return JSON.stringify([{ op: 'add', path: '/spec/replicas', value: fleet.platform.disasterRecovery?.replicas ?? 1 }]);
}

/**
 * Application teams' workloads: one ApplicationSet per app on the hub,
 * generating Applications from the team's own repository for the app's
 * clusters (and services), synced wave by wave; its DR copies; and its
 * pull-request previews. The generator of each shape is in `apps/shapes.ts`.
 *
 * Guard rails: every ApplicationSet but the previews' keeps what its
 * Applications deployed when it deletes one (`preserveResourcesOnDeletion`), and
 * those reaching production clusters (per `rollout.keepApplications`) never
 * delete Applications, so a generator that transiently returns nothing cannot
 * remove a production workload. The namespaces Argo CD creates for them carry
 * the app's Pod Security level (`apps/pod-security.ts`), and every Application
 * brings the app's default-deny NetworkPolicy from the fleet repository
 * (`apps/network-policy.ts`).
 */
import { ApplicationSet } from '../constructs/argocd/application-set';
import { Destination } from '../constructs/argocd/destination';
import { Source } from '../constructs/argocd/source';
import { automatedSync } from '../constructs/argocd/sync-policy';
import { AppNames } from '../model';
import { ClusterParam, Layout, type App, type Fleet } from '../model';
import { addDrCopies } from './apps/dr';
import { appNetworkPolicySources } from './apps/network-policy';
import { appNamespaceLabels, appNamespaces } from './apps/pod-security';
import { addPreviews, previewUnit } from './apps/previews';
import { appShape, ENVIRONMENT } from './apps/shapes';
import { appClusters } from './apps/targets';
import { renderUnit, type Unit } from './rendered';
import { fleetRollingSync, keepApplications, waveLabels } from './rollout/argocd-waves';

export { drCopies } from './apps/dr';

export function appsUnit(fleet: Fleet): Unit {
  return renderUnit(Layout.apps, { scope: 'hub', cluster: fleet.hub.name }, fleet.apps.map((a) => Layout.app(a.name)), () => {});
}

/** The hub's objects of `app`: its ApplicationSet, DR copies and previews ApplicationSet. */
export function appUnit(fleet: Fleet, app: App): Unit {
  return renderUnit(Layout.app(app.name), { scope: 'hub', cluster: fleet.hub.name }, [], (chart) => {
    const shape = appShape(fleet, app);
    new ApplicationSet(chart, 'app', {
      metadata: { name: AppNames.applicationSet(app.name), namespace: fleet.argocd.namespace },
      generators: [shape.generator],
      strategy: fleetRollingSync(fleet, { includeHub: false }),
      keepApplications: keepApplications(fleet, appClusters(fleet, app)),
      template: {
        name: shape.name,
        labels: { 'fleetwright.io/app': app.name, ...waveLabels(fleet) },
        project: ENVIRONMENT,
        sources: [Source.git({ repoUrl: app.repoUrl, revision: app.revision, path: shape.path }), ...appNetworkPolicySources(fleet, app)],
        destination: Destination.cluster(ClusterParam.name, shape.namespace),
        syncPolicy: automatedSync({ createNamespace: true, namespaceLabels: appNamespaceLabels(fleet, app, appNamespaces(app)) }),
      },
    });
    addDrCopies(chart, fleet, app);
    if (app.previews) addPreviews(chart, fleet, app);
  });
}

/** The folders the previews' Applications read from the fleet repository (applied to the preview clusters, not the hub). */
export function previewUnits(fleet: Fleet): Unit[] {
  return fleet.apps.filter((app) => app.previews).map((app) => previewUnit(fleet, app));
}

/**
 * Disaster-recovery copies of an app: each primary it reaches that has a
 * standby gets a warm copy there (the primary's configuration, scaled down to
 * the fleet's DR replica count). Known services give one Application per
 * primary and service; service folders are only known to Argo CD, so their
 * copies come from an ApplicationSet over the (primary, standby) pairs and the
 * folders. Their namespaces get the same Pod Security labels as the app's,
 * and the app's default-deny NetworkPolicy.
 */
import type { Chart } from 'cdk8s';
import { Application } from '../../constructs/argocd/application';
import { ApplicationSet } from '../../constructs/argocd/application-set';
import { Destination } from '../../constructs/argocd/destination';
import { GitGenerator } from '../../constructs/argocd/git-generator';
import { ListGenerator } from '../../constructs/argocd/list-generator';
import { MatrixGenerator } from '../../constructs/argocd/matrix-generator';
import { Source } from '../../constructs/argocd/source';
import { automatedSync } from '../../constructs/argocd/sync-policy';
import { AppNames } from '../../model';
import type { App, Cluster, Fleet } from '../../model';
import { keepApplications } from '../rollout/argocd-waves';
import { appNetworkPolicySources } from './network-policy';
import { appNamespaceLabels } from './pod-security';
import { appPath } from './shapes';
import { appClusters } from './targets';

/** The primaries that run `app` and have a standby, with that standby. */
export function drCopies(fleet: Fleet, app: App): { primary: Cluster; standby: Cluster }[] {
  const byName = new Map(fleet.clusters.map((c) => [c.name, c]));
  return appClusters(fleet, app)
    .filter((c) => c.drPartner !== undefined)
    .map((primary) => ({ primary, standby: byName.get(primary.drPartner!)! }));
}

/** Adds the DR copies of `app` to the chart of its folder. */
export function addDrCopies(chart: Chart, fleet: Fleet, app: App): void {
  const copies = drCopies(fleet, app);
  if (copies.length === 0) return;
  if (app.serviceDirectories) {
    addFolderCopies(chart, fleet, app, copies);
    return;
  }
  const services: (string | undefined)[] = app.services ? [...app.services] : [undefined];
  for (const { primary, standby } of copies) {
    for (const service of services) {
      new Application(chart, service === undefined ? `dr-${primary.name}` : `dr-${primary.name}-${service}`, {
        metadata: {
          name: AppNames.drCopy(app.name, primary.name, service),
          namespace: fleet.argocd.namespace,
          labels: { 'fleetwright.io/app': app.name, 'fleetwright.io/dr-primary': primary.name },
        },
        project: standby.environment,
        sources: [
          Source.git({
            repoUrl: app.repoUrl,
            revision: app.revision,
            // The primary's configuration, scaled down: the standby is warm, not cold.
            path: appPath(app.path, primary.environment, service === undefined ? undefined : { pathValue: service }),
            kustomizePatches: [drReplicasPatch(fleet)],
          }),
          ...appNetworkPolicySources(fleet, app),
        ],
        destination: Destination.cluster(standby.name, service ?? app.namespace),
        syncPolicy: automatedSync({ createNamespace: true, namespaceLabels: appNamespaceLabels(fleet, app, [service ?? app.namespace]) }),
      });
    }
  }
}

function addFolderCopies(chart: Chart, fleet: Fleet, app: App, copies: readonly { primary: Cluster; standby: Cluster }[]): void {
  const pairs = ListGenerator.elements(
    copies.map(({ primary, standby }) => ({ primary: primary.name, environment: primary.environment, standby: standby.name, project: standby.environment })),
  );
  const folders = GitGenerator.directories({ repoUrl: app.repoUrl, revision: app.revision, include: [app.serviceDirectories!] });
  const service = folders.param.basenameNormalized;
  new ApplicationSet(chart, 'dr', {
    metadata: { name: AppNames.drApplicationSet(app.name), namespace: fleet.argocd.namespace },
    generators: [MatrixGenerator.of(pairs, folders)],
    keepApplications: keepApplications(fleet, copies.map((c) => c.standby)),
    template: {
      name: AppNames.drCopy(app.name, '{{ .primary }}', service),
      labels: { 'fleetwright.io/app': app.name, 'fleetwright.io/dr-primary': '{{ .primary }}' },
      project: '{{ .project }}',
      sources: [
        Source.git({
          repoUrl: app.repoUrl,
          revision: app.revision,
          path: appPath(app.path, '{{ .environment }}', { pathValue: folders.param.basename, root: folders.param.path }),
          kustomizePatches: [drReplicasPatch(fleet)],
        }),
        ...appNetworkPolicySources(fleet, app),
      ],
      destination: Destination.cluster('{{ .standby }}', service),
      // Folder names are only known to Argo CD: the app's level.
      syncPolicy: automatedSync({ createNamespace: true, namespaceLabels: appNamespaceLabels(fleet, app, undefined) }),
    },
  });
}

/** A JSON patch setting every Deployment's replicas to the fleet's DR count. */
function drReplicasPatch(fleet: Fleet): { target: { group: string; kind: string }; patch: string } {
  return { target: { group: 'apps', kind: 'Deployment' }, patch: JSON.stringify([{ op: 'add', path: '/spec/replicas', value: fleet.platform.disasterRecovery?.replicas ?? 1 }]) };
}

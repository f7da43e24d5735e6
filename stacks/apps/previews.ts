/**
 * Pull-request previews of an app: an ApplicationSet whose pull request
 * generator makes one Application per open pull request (with the chosen
 * labels), deploying the pull request's head commit to its own namespace
 * `<app>-pr-<number>` on the preview cluster.
 *
 * The namespace is one of the Application's own objects (a `Namespace` from
 * the fleet repository that Argo CD renames per pull request with a kustomize
 * patch), not a `CreateNamespace` side effect, which Argo CD never deletes.
 * When the pull request closes, the generator stops producing it and the
 * ApplicationSet deletes the Application; its resources finalizer deletes
 * what it deployed, the namespace included. So previews, unlike every other
 * ApplicationSet of the fleet, neither preserve resources on deletion nor keep
 * their Applications, and they are in no rollout wave. The Namespace carries
 * the app's Pod Security labels (`<app>-pr-<number>` is no add-on's or
 * service's namespace, so the app's level alone), and the app's default-deny
 * NetworkPolicy comes as a third source (`./network-policy`).
 */
import type { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { ApplicationSet } from '../../constructs/argocd/application-set';
import { Destination } from '../../constructs/argocd/destination';
import { PullRequestGenerator, PullRequestParam } from '../../constructs/argocd/pull-request-generator';
import { Source } from '../../constructs/argocd/source';
import { automatedSync } from '../../constructs/argocd/sync-policy';
import { AppNames } from '../../model';
import { Layout, podSecurityLabels, repoPath, type App, type Fleet } from '../../model';
import { renderUnit, type Unit } from '../rendered';
import { appNetworkPolicySources } from './network-policy';
import { appPath } from './shapes';

/** Name of the preview folder's Namespace before Argo CD renames it for a pull request. */
export function previewNamespacePlaceholder(app: string): string {
  return AppNames.preview(app, 'number');
}

/** Adds the previews ApplicationSet of `app` (which has `previews`) to the chart of its folder. */
export function addPreviews(chart: Chart, fleet: Fleet, app: App): void {
  const previews = app.previews!;
  const cluster = fleet.clusters.find((c) => c.name === previews.cluster)!;
  const namespace = AppNames.preview(app.name, PullRequestParam.number);
  new ApplicationSet(chart, 'previews', {
    metadata: { name: AppNames.previewApplicationSet(app.name), namespace: fleet.argocd.namespace },
    generators: [
      PullRequestGenerator.github({
        owner: previews.github.owner,
        repo: previews.github.repo,
        tokenSecret: previews.github.tokenSecret,
        labels: previews.github.labels ?? [],
      }),
    ],
    // A closed pull request must take its Application and everything it deployed with it.
    preserveResourcesOnDeletion: false,
    keepApplications: false,
    template: {
      name: AppNames.preview(app.name, PullRequestParam.number),
      labels: { 'fleetwright.io/app': app.name, 'fleetwright.io/pull-request': PullRequestParam.number },
      cascadeDelete: true,
      project: cluster.environment,
      sources: [
        Source.git({ repoUrl: app.repoUrl, revision: PullRequestParam.headSha, path: appPath(previews.path ?? app.path, cluster.environment) }),
        Source.git({
          repoUrl: fleet.repo.url,
          revision: fleet.repo.revision,
          path: repoPath(fleet, Layout.appPreview(app.name)),
          kustomizePatches: [{ target: { kind: 'Namespace' }, patch: JSON.stringify([{ op: 'replace', path: '/metadata/name', value: namespace }]) }],
        }),
        ...appNetworkPolicySources(fleet, app),
      ],
      destination: Destination.cluster(cluster.name, namespace),
      syncPolicy: automatedSync(),
    },
  });
}

/** The folder holding the Namespace every preview of `app` renames. */
export function previewUnit(fleet: Fleet, app: App): Unit {
  const cluster = fleet.clusters.find((c) => c.name === app.previews!.cluster)!;
  return renderUnit(Layout.appPreview(app.name), { scope: 'cluster', cluster: cluster.name, environment: cluster.environment }, [], (chart) => {
    new k8s.KubeNamespace(chart, 'namespace', {
      metadata: { name: previewNamespacePlaceholder(app.name), labels: { 'fleetwright.io/app': app.name, 'fleetwright.io/preview': 'true', ...podSecurityLabels(app.podSecurity) } },
    });
  });
}

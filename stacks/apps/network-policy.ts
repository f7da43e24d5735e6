/**
 * The default-deny NetworkPolicy of an app's namespaces (`App.networkPolicy`,
 * see `NamespaceDefaultDeny`): one folder per app in the fleet repository,
 * `apps/<app>/network-policy`, holding the policy without a namespace. Every
 * Application of the app (per cluster or service, its DR copies, its
 * previews) takes the folder as a second source, so the policy lands in the
 * Application's destination namespace beside the team's manifests and leaves
 * with them; Flux applies the same folder with one Kustomization per
 * placement and `targetNamespace`. Pods of the ingress controller's and
 * Prometheus' namespaces may connect, as to services.
 */
import { NamespaceDefaultDeny } from '../../constructs/network/namespace-default-deny';
import { Source } from '../../constructs/argocd/source';
import { Layout, repoPath, type App, type Fleet } from '../../model';
import { renderUnit, type Unit } from '../rendered';
import { SERVICE_CLIENT_NAMESPACES } from '../services/workload';

/** Name of the app's policy: its own, so that apps sharing a namespace never write one object twice. */
export function appNetworkPolicyName(app: string): string {
  return `${app}-default-deny`;
}

/** The policy folders of the apps that have one. */
export function appNetworkPolicyUnits(fleet: Fleet): Unit[] {
  return fleet.apps
    .filter((app) => app.networkPolicy)
    .map((app) =>
      renderUnit(Layout.appNetworkPolicy(app.name), { scope: 'shared' }, [], (chart) => {
        new NamespaceDefaultDeny(chart, 'default-deny', { name: appNetworkPolicyName(app.name), allowFromNamespaces: SERVICE_CLIENT_NAMESPACES, labels: { 'fleetwright.io/app': app.name } });
      }),
    );
}

/** Whether `dir` is an app's policy folder (which Flux reads too). */
export function isAppNetworkPolicyFolder(dir: string): boolean {
  const parts = dir.split('/');
  return parts.length === 3 && Layout.appNetworkPolicy(parts[1]!) === dir;
}

/** The second source of the app's Applications: its policy folder, or none. */
export function appNetworkPolicySources(fleet: Fleet, app: App): Source[] {
  if (!app.networkPolicy) return [];
  return [Source.git({ repoUrl: fleet.repo.url, revision: fleet.repo.revision, path: repoPath(fleet, Layout.appNetworkPolicy(app.name)) })];
}

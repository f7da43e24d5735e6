/**
 * The hub's Argo CD objects: one AppProject per environment plus the hub's
 * own, the root app-of-apps Application, and the ApplicationSet that syncs
 * each spoke's entry folder (the first platform component, proving the
 * registration → selection → sync chain).
 */
import type { Chart } from 'cdk8s';
import { AppProject, type ResourceKind } from '../../constructs/argocd/app-project';
import { Application } from '../../constructs/argocd/application';
import { ApplicationSet } from '../../constructs/argocd/application-set';
import { ClusterGenerator } from '../../constructs/argocd/cluster-generator';
import { Destination } from '../../constructs/argocd/destination';
import { Source } from '../../constructs/argocd/source';
import { automatedSync } from '../../constructs/argocd/sync-policy';
import { ServiceMonitor } from '../../constructs/prometheus/service-monitor';
import { ResourceSyncOption, syncOptions } from '../../constructs/argocd/resource-sync-options';
import * as kplus from 'cdk8s-plus-28';
import { CATALOG, ClusterAnnotation, ClusterLabel, ClusterParam, HUB_PLATFORM_PROJECT, kubePrometheusStack, Layout, Names, repoPath, type AddonName, type Fleet } from '../../model';
import { drCopies } from '../apps';
import { apiGroup } from '../delivery/folders';
import { fleetRollingSync, keepApplications, waveLabels } from '../rollout/argocd-waves';
import { renderUnit, type KubeObject, type Unit } from '../rendered';
import { addKarmadaApplication, karmadaProjectDestinations } from '../karmada/application';
import { argocdSpokeAccess } from '../spoke/argocd-access';
import { CLUSTER_CONFIG, FLEET_NAMESPACE } from '../spoke/cluster-config';

/** Name of the hub's AppProject; environment projects are named after their environment. */
export const HUB_PROJECT = 'hub';

/** Name of the root Application the user applies once to bootstrap the hub (none when Pulumi delivers the hub). */
export const ROOT_APPLICATION = 'fleet-root';

/**
 * @param hubObjects every other object the hub's tree syncs: the hub project
 *   allows exactly their namespaces and cluster-scoped kinds.
 */
export function hubArgocdUnit(fleet: Fleet, hubObjects: readonly KubeObject[]): Unit {
  const namespace = fleet.argocd.namespace;
  return renderUnit(Layout.hubArgocd, { scope: 'hub', cluster: fleet.hub.name }, [], (chart) => {
    addProjects(chart, fleet, hubObjects);
    // A Pulumi-delivered hub's tree is applied by the management stack: nothing in it reconciles it too.
    if (fleet.hub.delivery === 'gitops') {
      new Application(chart, 'root', {
        metadata: { name: ROOT_APPLICATION, namespace },
        project: HUB_PROJECT,
        sources: [Source.git({ repoUrl: fleet.repo.url, revision: fleet.repo.revision, path: repoPath(fleet, Layout.cluster(fleet.hub.name)) })],
        destination: Destination.inCluster(namespace),
        syncPolicy: automatedSync(),
      });
    }
    addKarmadaApplication(chart, fleet);
    new ApplicationSet(chart, 'cluster-config', {
      metadata: { name: CLUSTER_CONFIG, namespace },
      generators: [ClusterGenerator.select({ matchLabels: { [ClusterLabel.fleet]: fleet.name, [ClusterLabel.role]: 'spoke' } })],
      strategy: fleetRollingSync(fleet, { includeHub: false }),
      keepApplications: keepApplications(fleet, fleet.clusters),
      template: {
        name: Names.clusterConfigApplication(ClusterParam.name),
        labels: { 'fleetwright.io/component': CLUSTER_CONFIG, ...waveLabels(fleet) },
        project: ClusterParam.label(ClusterLabel.env),
        sources: [Source.git({ repoUrl: fleet.repo.url, revision: fleet.repo.revision, path: ClusterParam.annotation(ClusterAnnotation.clusterPath) })],
        destination: Destination.cluster(ClusterParam.name, FLEET_NAMESPACE),
        syncPolicy: automatedSync({ createNamespace: true }),
      },
    });
    // The ApplicationSet controller's switches the fleet relies on: RollingSync needs progressive
    // syncs; applicationsSync: create-update needs policy overrides.
    addArgocdSettings(chart, 'cmd-params', namespace, 'argocd-cmd-params-cm', {
      'applicationsetcontroller.enable.progressive.syncs': 'true',
      'applicationsetcontroller.enable.policy.override': 'true',
    });
    if (fleet.clusters.some((c) => argocdSpokeAccess(fleet, c) === 'least-privilege')) {
      // On least-privilege spokes Argo CD may not list every API group: it must watch only
      // what it may list, or its cluster cache never syncs.
      addArgocdSettings(chart, 'argocd-cm', namespace, 'argocd-cm', { 'resource.respectRBAC': 'normal' });
    }
    if (fleet.hub.addons.includes(kubePrometheusStack.name)) {
      // Argo CD's application metrics (argocd_app_info, argocd_cluster_info) feed the fleet dashboard.
      new ServiceMonitor(chart, 'argocd-metrics', {
        name: 'argocd-metrics',
        namespace,
        labels: { release: kubePrometheusStack.name },
        selector: { 'app.kubernetes.io/name': 'argocd-metrics' },
        port: 'metrics',
      });
    }
  });
}

/**
 * Keys of one of Argo CD's settings ConfigMaps. Applied server-side so only
 * these keys are ours, and never pruned: the ConfigMap belongs to the Argo CD installation.
 */
function addArgocdSettings(chart: Chart, id: string, namespace: string, name: string, data: Record<string, string>): void {
  new kplus.ConfigMap(chart, id, {
    metadata: {
      name,
      namespace,
      labels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'argocd' },
      annotations: syncOptions(ResourceSyncOption.serverSideApply, ResourceSyncOption.noPrune, ResourceSyncOption.noDelete),
    },
    data,
  });
}

function addProjects(chart: Chart, fleet: Fleet, hubObjects: readonly KubeObject[]): void {
  const namespace = fleet.argocd.namespace;
  const hubNamespaces = new Set([namespace]);
  const clusterScoped = new Map<string, ResourceKind>();
  for (const o of hubObjects) {
    if (o.metadata.namespace) hubNamespaces.add(o.metadata.namespace);
    else {
      const group = apiGroup(o.apiVersion);
      clusterScoped.set(`${group}/${o.kind}`, { group, kind: o.kind });
    }
  }
  new AppProject(chart, 'project-hub', {
    metadata: { name: HUB_PROJECT, namespace },
    description: `The hub ${fleet.hub.name}: Argo CD configuration, cluster registration and Cluster API clusters of fleet ${fleet.name}`,
    sourceRepos: [fleet.repo.url, ...fleet.argocd.additionalSourceRepos],
    destinations: [...hubNamespaces].sort().map((ns) => ({ inCluster: true as const, namespace: ns })),
    clusterResources: [...clusterScoped.keys()].sort().map((k) => clusterScoped.get(k)!),
  });
  const karmada = karmadaProjectDestinations(fleet);
  if (fleet.hub.addons.length > 0 || karmada.length > 0) {
    new AppProject(chart, 'project-hub-platform', {
      metadata: { name: HUB_PLATFORM_PROJECT, namespace },
      description: `Add-ons of the hub ${fleet.hub.name}${karmada.length > 0 ? ', and the services Karmada propagates' : ''}`,
      sourceRepos: [fleet.repo.url, ...chartRepos(fleet.hub.addons), ...fleet.argocd.additionalSourceRepos],
      destinations: [{ inCluster: true, namespace: '*' }, ...karmada],
      clusterResources: [{ group: '*', kind: '*' }],
    });
  }
  for (const env of fleet.environments) {
    if (env.clusters.length === 0) continue;
    const clusters = fleet.clusters.filter((c) => c.environment === env.name);
    const standbys = new Set(clusters.filter((c) => c.standby).map((c) => c.name));
    const appRepos = fleet.apps
      .filter((a) => a.environments.includes(env.name) || drCopies(fleet, a).some((copy) => standbys.has(copy.standby.name)))
      .map((a) => a.repoUrl);
    new AppProject(chart, `project-${env.name}`, {
      metadata: { name: env.name, namespace },
      description: `Clusters of environment ${env.name} in fleet ${fleet.name}`,
      sourceRepos: [fleet.repo.url, ...appRepos, ...chartRepos(clusters.flatMap((c) => c.addons)), ...fleet.argocd.additionalSourceRepos],
      destinations: env.clusters.map((cluster) => ({ cluster, namespace: '*' })),
      // Platform components install CRDs, namespaces and cluster roles.
      clusterResources: [{ group: '*', kind: '*' }],
    });
  }
}

/** Chart repositories of the given add-ons. */
function chartRepos(addons: readonly AddonName[]): string[] {
  return addons.flatMap((name) => (CATALOG[name].chart ? [CATALOG[name].chart!.repoUrl] : []));
}

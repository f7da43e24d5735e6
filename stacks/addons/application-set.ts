/**
 * The ApplicationSet that delivers one add-on: a cluster generator selecting
 * every registration labelled `addons.fleetwright.io/<addon>: "true"`, and an
 * Application per cluster combining the pinned chart, the value files of the
 * add-on's levels (base, overlay, cluster) and the fleet's own objects.
 */
import type { Construct } from 'constructs';
import { ApplicationSet } from '../../constructs/argocd/application-set';
import { ClusterGenerator } from '../../constructs/argocd/cluster-generator';
import { Destination } from '../../constructs/argocd/destination';
import { Source } from '../../constructs/argocd/source';
import { automatedSync, Retry } from '../../constructs/argocd/sync-policy';
import { addonLabel, ClusterLabel, ClusterParam, Layout, Names, namespaceLabels, repoPath, type AddonName, type Fleet } from '../../model';
import { fleetRollingSync, keepApplications, waveLabels } from '../rollout/argocd-waves';
import { clustersRunning } from './overlays';
import { asHelmValues, type Addon } from './spi';

/** The argument of `$<ref>/…` in value file paths. */
const VALUES_REF = 'values';

/** Argo CD's sync-wave annotation. */
export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

export function addAddonApplicationSet(scope: Construct, fleet: Fleet, addon: Addon<AddonName, object>, wave: number): void {
  const spec = addon.spec;
  const name = spec.name;
  const repo = { repoUrl: fleet.repo.url, revision: fleet.repo.revision };
  const overlayPath = `${repoPath(fleet, Layout.platformOverlay(name, ''))}${ClusterParam.label(ClusterLabel.env)}`;
  const clusterPath = repoPath(fleet, Layout.clusterAddon(ClusterParam.name, name));
  const objectsPath = addon.addClusterObjects ? clusterPath : addon.addOverlayObjects || addon.addBaseObjects ? overlayPath : undefined;
  const sources = [
    ...(spec.chart
      ? [
        Source.helmChart({
          repoUrl: spec.chart.repoUrl,
          chart: spec.chart.chart,
          version: spec.chart.version,
          releaseName: name,
          valueFiles: [
            `$${VALUES_REF}/${repoPath(fleet, Layout.platformBase(name))}/values.yaml`,
            `$${VALUES_REF}/${overlayPath}/values.yaml`,
            `$${VALUES_REF}/${clusterPath}/values.yaml`,
          ],
          // Only clusters with values of their own have the last file.
          ignoreMissingValueFiles: true,
          valuesObject: addon.templatedValues ? asHelmValues(addon.templatedValues(fleet)) : undefined,
        }),
        Source.valuesRef({ ...repo, ref: VALUES_REF }),
      ]
      : []),
    ...(objectsPath ? [Source.git({ ...repo, path: objectsPath })] : []),
  ];
  const annotations = { [SYNC_WAVE]: String(wave) };
  const running = clustersRunning(fleet, name);
  new ApplicationSet(scope, name, {
    metadata: { name: Names.addonApplicationSet(name), namespace: fleet.argocd.namespace, annotations },
    generators: [ClusterGenerator.select({ matchLabels: { [ClusterLabel.fleet]: fleet.name, [addonLabel(name)]: 'true' } })],
    strategy: fleetRollingSync(fleet, { includeHub: running.some((c) => c.role === 'hub') }),
    keepApplications: keepApplications(fleet, running),
    template: {
      name: Names.addonApplication(name, ClusterParam.name),
      labels: { 'fleetwright.io/addon': name, ...waveLabels(fleet) },
      annotations,
      project: ClusterParam.label(ClusterLabel.project),
      sources,
      destination: Destination.cluster(ClusterParam.name, spec.namespace),
      syncPolicy: automatedSync({
        createNamespace: true,
        // Pod Security admission levels of the namespace it creates (none for kube-system).
        namespaceLabels: namespaceLabels(fleet, spec.namespace),
        serverSideApply: spec.serverSideApply ?? false,
        respectIgnoreDifferences: spec.hpaManagedReplicas ?? false,
        // An add-on's objects may need another's CRDs (ServiceMonitor, ExternalSecret) or
        // webhooks: Argo CD orders no Applications against each other, so it retries until they exist.
        retry: Retry.untilSynced(),
      }),
      ignoreDifferences: spec.hpaManagedReplicas ? [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }] : [],
    },
  });
}

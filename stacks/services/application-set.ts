/**
 * One ApplicationSet per service delivered by Argo CD: an Application per
 * spoke of the service's environments (DR standbys left out, as for apps),
 * syncing the environment's overlay of the service into its namespace, in the
 * environment's project, wave by wave.
 *
 * The waves follow the fleet's RollingSync steps: a wave starts once the
 * previous one's Applications are Healthy, and Argo CD reports a Rollout
 * Healthy only once it is fully promoted, so a canary finishes (or aborts) on
 * one wave's clusters before the next wave starts.
 */
import type { Chart } from 'cdk8s';
import { ApplicationSet } from '../../constructs/argocd/application-set';
import { ClusterGenerator } from '../../constructs/argocd/cluster-generator';
import { Destination } from '../../constructs/argocd/destination';
import { Source } from '../../constructs/argocd/source';
import { automatedSync } from '../../constructs/argocd/sync-policy';
import { ClusterLabel, ClusterParam, Layout, namespaceLabels, repoPath, type Cluster, type Fleet, type Service } from '../../model';
import { serviceApplicationName } from '../../model/delivery/service-rules';
import { fleetRollingSync, keepApplications, waveLabels } from '../rollout/argocd-waves';

/** Label of every Application a service's ApplicationSet generates. */
export const SERVICE_APPLICATION_LABEL = 'fleetwright.io/service';

/** The spokes a service runs on: its environments' clusters, standbys excepted. */
export function serviceClusters(fleet: Fleet, service: Service): Cluster[] {
  return fleet.clusters.filter((c) => !c.standby && service.environments.includes(c.environment));
}

export function addServiceApplicationSet(chart: Chart, fleet: Fleet, service: Service): void {
  new ApplicationSet(chart, service.name, {
    metadata: { name: service.name, namespace: fleet.argocd.namespace },
    generators: [
      ClusterGenerator.select({
        matchLabels: { [ClusterLabel.fleet]: fleet.name, [ClusterLabel.role]: 'spoke' },
        matchExpressions: [
          { key: ClusterLabel.env, operator: 'In', values: service.environments },
          { key: ClusterLabel.standby, operator: 'DoesNotExist' },
        ],
      }),
    ],
    strategy: fleetRollingSync(fleet, { includeHub: false }),
    keepApplications: keepApplications(fleet, serviceClusters(fleet, service)),
    template: {
      name: serviceApplicationName(service.name, ClusterParam.name),
      labels: { [SERVICE_APPLICATION_LABEL]: service.name, ...waveLabels(fleet) },
      project: ClusterParam.label(ClusterLabel.env),
      sources: [
        Source.git({
          repoUrl: fleet.repo.url,
          revision: fleet.repo.revision,
          path: repoPath(fleet, Layout.serviceOverlay(service.name, ClusterParam.label(ClusterLabel.env))),
        }),
      ],
      destination: Destination.cluster(ClusterParam.name, service.namespace),
      syncPolicy: automatedSync({ createNamespace: true, namespaceLabels: namespaceLabels(fleet, service.namespace) }),
    },
  });
}

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
import { addonNamespacePodSecurity, ClusterLabel, ClusterParam, Layout, podSecurityLabels, repoPath, SYSTEM_NAMESPACES, type Cluster, type Fleet, type PodSecurityLevel, type Service } from '../../model';
import { serviceApplicationName } from '../../model/delivery/service-rules';
import { fleetRollingSync, keepApplications, waveLabels } from '../rollout/argocd-waves';

/** Label of every Application a service's ApplicationSet generates. */
export const SERVICE_APPLICATION_LABEL = 'fleetwright.io/service';

/** The spokes a service runs on: its environments' clusters, standbys excepted. */
export function serviceClusters(fleet: Fleet, service: Service): Cluster[] {
  return fleet.clusters.filter((c) => !c.standby && service.environments.includes(c.environment));
}

/**
 * The Pod Security level of a service's namespace: `restricted`, which every web service's
 * pods pass (non-root, seccomp RuntimeDefault, no privilege escalation, no capabilities), or
 * an add-on's level when the service shares that add-on's namespace (both Applications then
 * write the same labels); none for the namespaces every cluster has (`kube-system`, …).
 */
export function serviceNamespacePodSecurity(service: Service): PodSecurityLevel | undefined {
  if (SYSTEM_NAMESPACES.includes(service.namespace)) return undefined;
  return addonNamespacePodSecurity(service.namespace) ?? 'restricted';
}

export function addServiceApplicationSet(chart: Chart, fleet: Fleet, service: Service): void {
  const podSecurity = serviceNamespacePodSecurity(service);
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
      syncPolicy: automatedSync({ createNamespace: true, namespaceLabels: podSecurity ? podSecurityLabels(podSecurity) : undefined }),
    },
  });
}

/**
 * The fleet's rollout waves for Argo CD: a RollingSync strategy whose steps
 * are the waves (the hub first, when the ApplicationSet reaches it), the
 * labels the generated Applications need for the steps to select them, and
 * which ApplicationSets keep their Applications when a generator returns nothing.
 */
import { RollingSync, type RollingSyncStep } from '../../constructs/argocd/rolling-sync';
import { ClusterLabel, ClusterParam, type Cluster, type Fleet, type HubCluster } from '../../model';

export function fleetRollingSync(fleet: Fleet, options: { readonly includeHub: boolean }): RollingSync {
  const hub: RollingSyncStep = { matchExpressions: [{ key: ClusterLabel.role, operator: 'In', values: ['hub'] }] };
  return RollingSync.steps([
    ...(options.includeHub ? [hub] : []),
    ...fleet.rollout.waves.map((wave): RollingSyncStep => ({
      matchExpressions: [{ key: fleet.rollout.label, operator: 'In', values: wave.values }],
      maxUpdate: wave.maxUpdate,
    })),
  ]);
}

/** Labels of every generated Application, copied from its cluster's registration, that the steps select on. */
export function waveLabels(fleet: Fleet): Readonly<Record<string, string>> {
  return {
    [fleet.rollout.label]: ClusterParam.label(fleet.rollout.label),
    [ClusterLabel.role]: ClusterParam.label(ClusterLabel.role),
  };
}

/** Whether an ApplicationSet generating Applications for `clusters` keeps them when its generator returns nothing. */
export function keepApplications(fleet: Fleet, clusters: readonly (Cluster | HubCluster)[]): boolean {
  switch (fleet.rollout.keepApplications) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'production':
      return clusters.some((c) => c.role === 'hub' || c.tier === 'production');
  }
}

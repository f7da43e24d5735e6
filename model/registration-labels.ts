/** The labels a spoke is registered with (Argo CD cluster Secret, Karmada `Cluster`). */
import { addonLabel, ClusterLabel } from './contract';
import type { MergedCluster } from './merge';

/**
 * The registration labels of a spoke: what ApplicationSets, RollingSync steps
 * and Karmada placements select on. Used to build the model and by rules that
 * must see them before it is built.
 */
export function registrationLabels(c: MergedCluster, fleet: string): Readonly<Record<string, string>> {
  const labels: Record<string, string> = {};
  for (const [key, source] of c.labels) labels[key] = source.value;
  Object.assign(labels, {
    [ClusterLabel.env]: c.def.environment,
    ...(c.region ? { [ClusterLabel.region]: c.region.value } : {}),
    [ClusterLabel.tier]: c.tier,
    [ClusterLabel.rolloutTier]: c.rolloutTier,
    [ClusterLabel.fleet]: fleet,
    [ClusterLabel.provider]: c.def.provider.kind,
    [ClusterLabel.role]: 'spoke',
    [ClusterLabel.project]: c.def.environment,
    ...(c.protected ? { [ClusterLabel.protected]: 'true' } : {}),
    ...(c.def.standby ? { [ClusterLabel.standby]: 'true' } : {}),
  });
  for (const [addon, merged] of c.addons) if (merged.enabled) labels[addonLabel(addon)] = 'true';
  return labels;
}

/**
 * Which clusters an app reaches, worked out from the model: the registration
 * labels the cluster generator selects on are exactly each cluster's
 * `labels`, so the guard rails (keep Applications reaching production) and the
 * DR copies follow the same clusters Argo CD will generate Applications for.
 */
import type { LabelSelector } from '../../constructs/argocd/cluster-generator';
import type { App, Cluster, Fleet } from '../../model';

/** The spokes `app`'s ApplicationSet generates Applications for, sorted by name. */
export function appClusters(fleet: Fleet, app: App): Cluster[] {
  if (app.clusters) {
    const listed = new Set(app.clusters);
    return fleet.clusters.filter((c) => listed.has(c.name));
  }
  return fleet.clusters.filter((c) => app.environments.includes(c.environment) && !c.standby && selects(c.labels, app.clusterSelector ?? {}));
}

/** Whether labels match a selector, with Kubernetes' semantics (`NotIn` matches a missing key). */
export function selects(labels: Readonly<Record<string, string>>, selector: LabelSelector): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every((e) => {
    const value = labels[e.key];
    switch (e.operator) {
      case 'In':
        return value !== undefined && (e.values ?? []).includes(value);
      case 'NotIn':
        return value === undefined || !(e.values ?? []).includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
    }
  });
}

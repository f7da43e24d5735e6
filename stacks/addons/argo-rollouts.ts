/**
 * argo-rollouts: the controller with its CRDs (installed by the chart and
 * never deleted or pruned by Argo CD, which would take every Rollout with
 * them), metrics on (scraped where Prometheus runs), two replicas with a
 * disruption budget on production (leader election keeps one active), and
 * no dashboard.
 * @see https://argo-rollouts.readthedocs.io/en/stable/installation/
 */
import { argoRollouts as spec } from '../../model';
import { defineAddonRenderer, type ValuesLayer } from './spi';
import { serviceMonitorValues } from './conventions';
import { ResourceSyncOption, syncOptions } from '../../constructs/argocd/resource-sync-options';
import type { ArgoRolloutsMetricsValues, ArgoRolloutsValues } from './values/argo-rollouts';

export const argoRollouts = defineAddonRenderer<'argo-rollouts', ArgoRolloutsValues>({
  spec,
  values: (): ValuesLayer<ArgoRolloutsValues> => ({
    installCRDs: true,
    keepCRDs: true,
    crdAnnotations: syncOptions(ResourceSyncOption.noPrune, ResourceSyncOption.noDelete),
    dashboard: { enabled: false },
    controller: { metrics: { enabled: true } },
  }),
  overlayValues: (_fleet, overlay): ValuesLayer<ArgoRolloutsValues> =>
    overlay.tier === 'production'
      ? { controller: { replicas: 2, pdb: { enabled: true, minAvailable: 1 } } }
      : { controller: { replicas: 1 } },
  clusterValues: (_fleet, cluster): ValuesLayer<ArgoRolloutsValues> => {
    const monitor: ValuesLayer<Pick<ArgoRolloutsMetricsValues, 'serviceMonitor'>> = serviceMonitorValues(cluster);
    return Object.keys(monitor).length > 0 ? { controller: { metrics: monitor } } : {};
  },
});

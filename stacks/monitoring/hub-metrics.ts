/**
 * The hub's view of the fleet's metrics, in `hub/addons/thanos`: Thanos Query
 * over every sidecar and the bucket, a store gateway reading the bucket
 * through the hub's own `thanos-objstore` Secret, Grafana's datasource and
 * fleet overview, and (when clusters have DR partners) the failover alerts
 * with the ThanosRuler that evaluates them against Query.
 */
import type { Construct } from 'constructs';
import { FleetOverviewDashboard } from '../../constructs/grafana/fleet-overview-dashboard';
import { PrometheusDatasource } from '../../constructs/grafana/prometheus-datasource';
import { PrometheusRule } from '../../constructs/prometheus/prometheus-rule';
import { ThanosRuler } from '../../constructs/prometheus/thanos-ruler';
import { ThanosQuery } from '../../constructs/thanos/query';
import { ThanosStoreGateway } from '../../constructs/thanos/store-gateway';
import type { Fleet } from '../../model';
import { THANOS_IMAGE } from '../../model/addons/catalog/thanos';
import { CLUSTER_LABEL, KubePrometheusStackNames, MONITORING_NAMESPACE, PROMETHEUS_REPLICA_LABEL, THANOS_OBJSTORE } from './conventions';
import { failoverAlerts } from './failover-alerts';
import { overviewClusters, thanosStoreEndpoints } from './fleet-metrics';

/** uid of the Thanos Query datasource the fleet overview reads. */
export const THANOS_DATASOURCE_UID = 'thanos-query';

/** Label of the PrometheusRules the hub's ThanosRuler evaluates (and the hub's Prometheus does not: it selects `release`). */
export const FLEET_RULES_SELECTOR = { 'fleetwright.io/evaluated-by': 'thanos-ruler' } as const;

export function addHubMetrics(scope: Construct, fleet: Fleet): void {
  const namespace = MONITORING_NAMESPACE;
  const store = new ThanosStoreGateway(scope, 'store-gateway', {
    namespace,
    image: THANOS_IMAGE,
    objstoreSecret: { name: THANOS_OBJSTORE.secret, key: THANOS_OBJSTORE.key },
  });
  const query = new ThanosQuery(scope, 'query', {
    namespace,
    image: THANOS_IMAGE,
    endpoints: thanosStoreEndpoints(fleet, store.grpcEndpoint),
    replicaLabels: [PROMETHEUS_REPLICA_LABEL],
  });
  new PrometheusDatasource(scope, 'datasource', {
    name: 'thanos-query-datasource',
    namespace,
    datasourceName: 'Thanos Query',
    uid: THANOS_DATASOURCE_UID,
    url: query.url,
    isDefault: true,
  });
  new FleetOverviewDashboard(scope, 'fleet-overview', {
    namespace,
    clusters: overviewClusters(fleet),
    datasourceUid: THANOS_DATASOURCE_UID,
    clusterLabel: CLUSTER_LABEL,
  });

  const alerts = failoverAlerts(fleet);
  if (alerts.length === 0) return;
  new PrometheusRule(scope, 'failover-rules', {
    metadata: { name: 'disaster-recovery', namespace, labels: { ...FLEET_RULES_SELECTOR } },
    // With "abort" (Thanos' default) an unreachable sidecar fails the whole evaluation, and the
    // alert about a cluster that is down could never fire.
    groups: [{ name: 'disaster-recovery', partialResponse: 'warn', rules: alerts }],
  });
  new ThanosRuler(scope, 'ruler', {
    name: 'fleet',
    namespace,
    image: THANOS_IMAGE,
    queryEndpoints: [query.httpAddress],
    alertmanagerUrls: [`http://${KubePrometheusStackNames.alertmanagerService}.${namespace}.svc:${KubePrometheusStackNames.alertmanagerPort}`],
    ruleSelector: FLEET_RULES_SELECTOR,
  });
}

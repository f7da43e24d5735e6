/**
 * thanos: per cluster, the object-store configuration of the Thanos sidecar,
 * read from the fleet's secret store (`<fleet>/<cluster>/thanos-objstore`)
 * into the Secret kube-prometheus-stack mounts (the sidecar itself is
 * configured in kube-prometheus-stack's values). On the hub, which must run
 * thanos too, the same Secret feeds the store gateway, and the hub gets
 * Thanos Query over every cluster, Grafana's datasource and fleet overview,
 * and the disaster-recovery alerts (see stacks/monitoring/hub-metrics.ts).
 */
import { ExternalSecret } from '../../constructs/external-secrets/external-secret';
import { thanos as spec } from '../../model';
import { THANOS_OBJSTORE } from '../monitoring/conventions';
import { addHubMetrics } from '../monitoring/hub-metrics';
import { clusterSecretKey, FLEET_SECRET_STORE } from './conventions';
import { defineAddonRenderer } from './spi';

export { THANOS_OBJSTORE };

export const thanos = defineAddonRenderer({
  spec,
  addClusterObjects: (scope, fleet, cluster) => {
    new ExternalSecret(scope, 'objstore', {
      metadata: { name: THANOS_OBJSTORE.secret, namespace: spec.namespace },
      clusterSecretStore: FLEET_SECRET_STORE,
      data: [{ secretKey: THANOS_OBJSTORE.key, key: clusterSecretKey(fleet, cluster, THANOS_OBJSTORE.secret), property: THANOS_OBJSTORE.key }],
    });
  },
  addHubObjects: (scope, fleet) => addHubMetrics(scope, fleet),
});

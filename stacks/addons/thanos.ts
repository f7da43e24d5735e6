/**
 * thanos: per cluster, the object-store configuration of the Thanos sidecar,
 * read from the fleet's secret store (`<fleet>/<cluster>/thanos-objstore`)
 * into the Secret kube-prometheus-stack mounts.
 */
import { ExternalSecret } from '../../constructs/external-secrets/external-secret';
import { thanos as spec } from '../../model';
import { clusterSecretKey, FLEET_SECRET_STORE } from './conventions';
import { defineAddonRenderer } from './spi';

/** Secret (and key) holding the sidecar's `objstore.yml`. */
export const THANOS_OBJSTORE = { secret: 'thanos-objstore', key: 'objstore.yml' } as const;

export const thanos = defineAddonRenderer({
  spec,
  addClusterObjects: (scope, fleet, cluster) => {
    new ExternalSecret(scope, 'objstore', {
      metadata: { name: THANOS_OBJSTORE.secret, namespace: spec.namespace },
      clusterSecretStore: FLEET_SECRET_STORE,
      data: [{ secretKey: THANOS_OBJSTORE.key, key: clusterSecretKey(fleet, cluster, THANOS_OBJSTORE.secret), property: THANOS_OBJSTORE.key }],
    });
  },
});

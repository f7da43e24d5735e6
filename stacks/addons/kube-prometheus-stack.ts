/**
 * kube-prometheus-stack: every cluster's Prometheus carries the external
 * label `cluster=<name>` (templated by the ApplicationSet); clusters running
 * thanos get the Thanos sidecar, uploading with the bucket configuration of
 * the `thanos-objstore` Secret and serving its gRPC StoreAPI to the hub
 * (spokes through a LoadBalancer at `platform.thanos.sidecarEndpoint`, the
 * hub in-cluster); Grafana runs only on the hub.
 * Values checked against the chart's values.yaml (prometheus.prometheusSpec.*,
 * prometheus.thanosService / thanosServiceExternal, grafana.*).
 */
import { ClusterParam, HUB_ENVIRONMENT, kubePrometheusStack as spec, type Fleet } from '../../model';
import { THANOS_IMAGE, THANOS_VERSION } from '../../model/addons/catalog/thanos';
import { CLUSTER_LABEL, PROMETHEUS_REPLICA_LABEL, sidecarEndpoint, THANOS_OBJSTORE } from '../monitoring/conventions';
import { defineAddonRenderer, type AddonCluster, type ValuesLayer } from './spi';
import type { KubePrometheusStackGrafanaValues, KubePrometheusStackThanosValues, KubePrometheusStackValues } from './values/kube-prometheus-stack';

/** external-dns publishes a Service under this annotation's hostname. */
const EXTERNAL_DNS_HOSTNAME = 'external-dns.alpha.kubernetes.io/hostname';
/** An internal load balancer on AWS: the sidecar's gRPC has no authentication, so it stays in the fleet's networks. */
const AWS_INTERNAL_LB = 'service.beta.kubernetes.io/aws-load-balancer-internal';

export const kubePrometheusStack = defineAddonRenderer<'kube-prometheus-stack', KubePrometheusStackValues>({
  spec,
  values: (): ValuesLayer<KubePrometheusStackValues> => ({
    // Grafana only on the hub (its overlay turns it on).
    grafana: { enabled: false },
    // The operator's default, written out: the hub's Thanos Query deduplicates along it.
    prometheus: { prometheusSpec: { replicaExternalLabelName: PROMETHEUS_REPLICA_LABEL } },
  }),
  templatedValues: (): ValuesLayer<KubePrometheusStackValues> => ({
    prometheus: { prometheusSpec: { externalLabels: { [CLUSTER_LABEL]: ClusterParam.name } } },
  }),
  overlayValues: (fleet, overlay): ValuesLayer<KubePrometheusStackValues> => {
    if (overlay.name !== HUB_ENVIRONMENT) return {};
    // With Thanos Query as the default datasource (a ConfigMap of the thanos add-on), the
    // chart's own datasource for the hub's Prometheus must not claim to be the default too.
    const thanosDefault: ValuesLayer<Pick<KubePrometheusStackGrafanaValues, 'sidecar'>> = fleet.hub.addons.includes('thanos')
      ? { sidecar: { datasources: { isDefaultDatasource: false } } }
      : {};
    return { grafana: { enabled: true, ...thanosDefault } };
  },
  clusterValues: (fleet, cluster): ValuesLayer<KubePrometheusStackValues> => (cluster.addons.includes('thanos') ? thanosSidecarValues(fleet, cluster) : {}),
});

/** The sidecar of a cluster running thanos, and the Service the hub reaches its gRPC through. */
function thanosSidecarValues(fleet: Fleet, cluster: AddonCluster): ValuesLayer<KubePrometheusStackValues> {
  const sidecar: ValuesLayer<KubePrometheusStackThanosValues> = {
    image: THANOS_IMAGE,
    version: THANOS_VERSION,
    // The chart turns existingSecret into the Prometheus' spec.thanos.objectStorageConfig reference.
    objectStorageConfig: { existingSecret: { name: THANOS_OBJSTORE.secret, key: THANOS_OBJSTORE.key } },
  };
  if (cluster.role === 'hub') {
    // The hub's Query reads its own sidecar in-cluster, through the headless discovery Service.
    return { prometheus: { prometheusSpec: { thanos: sidecar }, thanosService: { enabled: true } } };
  }
  const endpoint = sidecarEndpoint(fleet, cluster.name);
  const separator = endpoint.lastIndexOf(':');
  const annotations: Record<string, string> = {
    ...(cluster.addons.includes('external-dns') ? { [EXTERNAL_DNS_HOSTNAME]: endpoint.slice(0, separator) } : {}),
    ...(onAws(cluster) ? { [AWS_INTERNAL_LB]: 'true' } : {}),
  };
  return {
    prometheus: {
      prometheusSpec: { thanos: sidecar },
      thanosServiceExternal: { enabled: true, port: Number(endpoint.slice(separator + 1)), annotations },
    },
  };
}

function onAws(cluster: AddonCluster): boolean {
  const provider = cluster.provider;
  return provider.kind === 'capi-aws' || provider.kind === 'capi-aws-eks' || provider.kind === 'pulumi-eks' || (provider.kind === 'existing' && provider.auth.kind === 'aws-iam');
}

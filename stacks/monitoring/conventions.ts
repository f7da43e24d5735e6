/**
 * What the metrics add-ons (kube-prometheus-stack, thanos) and the hub's
 * Thanos / Grafana objects agree on: the namespace, the external labels, the
 * Secret holding the bucket configuration, the names of the Services the
 * kube-prometheus-stack release creates, and each cluster's sidecar address.
 */
import { kubePrometheusStack, type Fleet } from '../../model';
import { THANOS_PORTS } from '../../constructs/thanos/component';

/** Where Prometheus, the sidecar, Grafana and the hub's Thanos components run. */
export const MONITORING_NAMESPACE = kubePrometheusStack.namespace;

/** External label naming the cluster on every series and alert of its Prometheus. */
export const CLUSTER_LABEL = 'cluster';

/**
 * External label the Prometheus Operator gives each Prometheus replica (its default,
 * set explicitly in the values): Thanos Query deduplicates along it.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PrometheusSpec
 */
export const PROMETHEUS_REPLICA_LABEL = 'prometheus_replica';

/** Secret (and key) holding `objstore.yml` on every cluster running thanos, the hub included. */
export const THANOS_OBJSTORE = { secret: 'thanos-objstore', key: 'objstore.yml' } as const;

/**
 * Objects of the kube-prometheus-stack release (named after the add-on, so the chart's
 * "fullname" is the release name itself).
 */
const RELEASE = kubePrometheusStack.name;
export const KubePrometheusStackNames = {
  /** Headless Service in front of the sidecars (`prometheus.thanosService`). */
  thanosDiscoveryService: `${RELEASE}-thanos-discovery`,
  /** LoadBalancer Service exposing the sidecar's gRPC (`prometheus.thanosServiceExternal`). */
  thanosExternalService: `${RELEASE}-thanos-external`,
  /** Alertmanager's Service, on port 9093. */
  alertmanagerService: `${RELEASE}-alertmanager`,
  alertmanagerPort: 9093,
} as const;

/** The address the hub's Thanos Query reaches a spoke's sidecar at: `platform.thanos.sidecarEndpoint` for the cluster. */
export function sidecarEndpoint(fleet: Fleet, cluster: string): string {
  // The model requires platform.thanos whenever a cluster runs thanos.
  return fleet.platform.thanos!.sidecarEndpoint.replaceAll('{cluster}', cluster);
}

/** The hub's own sidecar, in-cluster: every replica behind the headless discovery Service. */
export const HUB_SIDECAR_ENDPOINT = `dns+${KubePrometheusStackNames.thanosDiscoveryService}.${MONITORING_NAMESPACE}.svc:${THANOS_PORTS.grpc}`;

/**
 * The part of the kube-prometheus-stack chart's values fleetwright sets
 * (chart 88.0.0, the version `model/addons/catalog/kube-prometheus-stack.ts`
 * pins). `prometheus.prometheusSpec` is passed to the Prometheus resource, so
 * its keys are the Prometheus Operator's, except where the chart rewrites
 * them (`thanos.objectStorageConfig.existingSecret`).
 * @see https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-88.0.0/charts/kube-prometheus-stack/values.yaml
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PrometheusSpec
 */

/** Top-level values of the kube-prometheus-stack chart. */
export interface KubePrometheusStackValues {
  /**
   * The Grafana subchart.
   * @see https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-88.0.0/charts/kube-prometheus-stack/values.yaml
   */
  readonly grafana: KubePrometheusStackGrafanaValues;
  /**
   * The Prometheus the operator runs, and its Services.
   * @see https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-88.0.0/charts/kube-prometheus-stack/values.yaml
   */
  readonly prometheus: KubePrometheusStackPrometheusValues;
}

/** `grafana`. */
export interface KubePrometheusStackGrafanaValues {
  /**
   * Whether Grafana is deployed.
   * @see https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-88.0.0/charts/kube-prometheus-stack/values.yaml
   */
  readonly enabled: boolean;
  /**
   * Grafana's sidecar, which loads dashboards and datasources from ConfigMaps.
   * @see https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-88.0.0/charts/kube-prometheus-stack/values.yaml
   */
  readonly sidecar: KubePrometheusStackGrafanaSidecarValues;
}

/** `grafana.sidecar`. */
export interface KubePrometheusStackGrafanaSidecarValues {
  /**
   * The datasources the chart provisions.
   * @see https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-88.0.0/charts/kube-prometheus-stack/values.yaml
   */
  readonly datasources: KubePrometheusStackGrafanaDatasourcesValues;
}

/** `grafana.sidecar.datasources`. */
export interface KubePrometheusStackGrafanaDatasourcesValues {
  /**
   * Whether the chart's datasource for its own Prometheus is Grafana's default one.
   * @see https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-88.0.0/charts/kube-prometheus-stack/values.yaml
   */
  readonly isDefaultDatasource: boolean;
}

/** `prometheus`. */
export interface KubePrometheusStackPrometheusValues {
  /**
   * The spec of the Prometheus resource.
   * @see https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-88.0.0/charts/kube-prometheus-stack/values.yaml
   */
  readonly prometheusSpec: KubePrometheusStackPrometheusSpecValues;
  /**
   * The headless `thanos-discovery` Service in front of the Thanos sidecars' gRPC, for a Thanos Query in the same cluster.
   * @see https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-88.0.0/charts/kube-prometheus-stack/values.yaml
   */
  readonly thanosService: KubePrometheusStackThanosServiceValues;
  /**
   * A Service (a LoadBalancer unless its `type` says otherwise) in front of the Thanos sidecars' gRPC, for a Thanos Query outside the cluster.
   * @see https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-88.0.0/charts/kube-prometheus-stack/values.yaml
   */
  readonly thanosServiceExternal: KubePrometheusStackThanosServiceExternalValues;
}

/** `prometheus.prometheusSpec`. */
export interface KubePrometheusStackPrometheusSpecValues {
  /**
   * Name of the external label carrying the replica's name (Thanos Query deduplicates along it).
   * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PrometheusSpec
   */
  readonly replicaExternalLabelName: string;
  /**
   * Labels added to every series and alert leaving this Prometheus (remote write, federation, Thanos).
   * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PrometheusSpec
   */
  readonly externalLabels: Readonly<Record<string, string>>;
  /**
   * The Thanos sidecar next to Prometheus.
   * @see https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-88.0.0/charts/kube-prometheus-stack/values.yaml
   * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ThanosSpec
   */
  readonly thanos: KubePrometheusStackThanosValues;
}

/** `prometheus.prometheusSpec.thanos`. */
export interface KubePrometheusStackThanosValues {
  /**
   * Container image of the sidecar (takes precedence over the operator's default image).
   * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ThanosSpec
   */
  readonly image: string;
  /**
   * Thanos version of the image, which the operator needs even with `image` set.
   * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ThanosSpec
   */
  readonly version: string;
  /**
   * The bucket the sidecar uploads blocks to.
   * @see https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-88.0.0/charts/kube-prometheus-stack/values.yaml
   */
  readonly objectStorageConfig: KubePrometheusStackObjectStorageConfigValues;
}

/** `prometheus.prometheusSpec.thanos.objectStorageConfig`, in the chart's form. */
export interface KubePrometheusStackObjectStorageConfigValues {
  /**
   * A Secret key holding the Thanos objstore configuration, which the chart turns into the ThanosSpec's `objectStorageConfig`.
   * @see https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-88.0.0/charts/kube-prometheus-stack/values.yaml
   */
  readonly existingSecret: KubePrometheusStackSecretKeyValues;
}

/** `prometheus.prometheusSpec.thanos.objectStorageConfig.existingSecret`. */
export interface KubePrometheusStackSecretKeyValues {
  /**
   * Name of the Secret, in the release's namespace.
   * @see https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-88.0.0/charts/kube-prometheus-stack/values.yaml
   */
  readonly name: string;
  /**
   * Key in the Secret.
   * @see https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-88.0.0/charts/kube-prometheus-stack/values.yaml
   */
  readonly key: string;
}

/** `prometheus.thanosService`. */
export interface KubePrometheusStackThanosServiceValues {
  /**
   * Whether the chart creates the Service.
   * @see https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-88.0.0/charts/kube-prometheus-stack/values.yaml
   */
  readonly enabled: boolean;
}

/** `prometheus.thanosServiceExternal`. */
export interface KubePrometheusStackThanosServiceExternalValues {
  /**
   * Whether the chart creates the Service.
   * @see https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-88.0.0/charts/kube-prometheus-stack/values.yaml
   */
  readonly enabled: boolean;
  /**
   * The Service's gRPC port.
   * @see https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-88.0.0/charts/kube-prometheus-stack/values.yaml
   */
  readonly port: number;
  /**
   * Annotations of the Service (load balancer settings, external-dns hostname).
   * @see https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-88.0.0/charts/kube-prometheus-stack/values.yaml
   */
  readonly annotations: Readonly<Record<string, string>>;
}

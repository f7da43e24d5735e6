/**
 * The part of the ingress-nginx chart's values fleetwright sets (chart
 * 4.15.1, the version `model/addons/catalog/ingress-nginx.ts` pins).
 * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
 */

/** Top-level values of the ingress-nginx chart. */
export interface IngressNginxValues {
  /**
   * The ingress-nginx controller.
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly controller: IngressNginxControllerValues;
}

/** `controller`. */
export interface IngressNginxControllerValues {
  /**
   * The IngressClass the chart creates and the controller serves.
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly ingressClassResource: IngressNginxIngressClassResourceValues;
  /**
   * Value of the legacy `kubernetes.io/ingress.class` annotation the controller also serves.
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly ingressClass: string;
  /**
   * The controller's Prometheus metrics.
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly metrics: IngressNginxMetricsValues;
  /**
   * Number of controller pods when autoscaling is off (above 1, the chart adds a PodDisruptionBudget).
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly replicaCount: number;
  /**
   * A HorizontalPodAutoscaler for the controller.
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly autoscaling: IngressNginxAutoscalingValues;
  /**
   * The controller's Service, through which traffic enters the cluster.
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly service: IngressNginxServiceValues;
}

/** `controller.ingressClassResource`. */
export interface IngressNginxIngressClassResourceValues {
  /**
   * Name of the IngressClass.
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly name: string;
  /**
   * Whether the chart creates the IngressClass.
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly enabled: boolean;
  /**
   * Whether the IngressClass is the cluster's default (Ingresses without a class get it).
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly default: boolean;
  /**
   * The IngressClass's `spec.controller`, which this controller instance claims.
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly controllerValue: string;
}

/** `controller.metrics`. */
export interface IngressNginxMetricsValues {
  /**
   * Whether the controller exposes metrics (and the chart a Service for them).
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly enabled: boolean;
  /**
   * A Prometheus Operator ServiceMonitor for the metrics Service.
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly serviceMonitor: IngressNginxServiceMonitorValues;
}

/** `controller.metrics.serviceMonitor`. */
export interface IngressNginxServiceMonitorValues {
  /**
   * Whether the chart creates the ServiceMonitor (needs the Prometheus Operator's CRDs).
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly enabled: boolean;
  /**
   * Labels added to the ServiceMonitor (a Prometheus selects ServiceMonitors by label).
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly additionalLabels: Readonly<Record<string, string>>;
}

/** `controller.autoscaling`. */
export interface IngressNginxAutoscalingValues {
  /**
   * Whether the chart creates the HorizontalPodAutoscaler (with `minReplicas` above 1, also a PodDisruptionBudget).
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly enabled: boolean;
  /**
   * Fewest controller pods.
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly minReplicas: number;
  /**
   * Most controller pods.
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly maxReplicas: number;
  /**
   * Average CPU utilization (percent of requests) the autoscaler aims for.
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly targetCPUUtilizationPercentage: number;
  /**
   * Average memory utilization (percent of requests) the autoscaler aims for.
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly targetMemoryUtilizationPercentage: number;
}

/** `controller.service`. */
export interface IngressNginxServiceValues {
  /**
   * Type of the Service.
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /**
   * `Local` keeps clients' source addresses (traffic goes only to nodes running a controller pod); `Cluster` spreads it.
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  /**
   * Annotations of the Service (a cloud's load balancer settings).
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly annotations: Readonly<Record<string, string>>;
  /**
   * Fixed node ports, for a `NodePort` Service.
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly nodePorts: IngressNginxNodePortsValues;
}

/** `controller.service.nodePorts`. */
export interface IngressNginxNodePortsValues {
  /**
   * Node port of HTTP (within the cluster's node port range).
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly http: number;
  /**
   * Node port of HTTPS (within the cluster's node port range).
   * @see https://github.com/kubernetes/ingress-nginx/blob/helm-chart-4.15.1/charts/ingress-nginx/values.yaml
   */
  readonly https: number;
}

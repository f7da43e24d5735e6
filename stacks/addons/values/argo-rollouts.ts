/**
 * The part of the argo-rollouts chart's values fleetwright sets (chart 2.41.1,
 * the version `model/addons/catalog/argo-rollouts.ts` pins).
 * @see https://github.com/argoproj/argo-helm/blob/argo-rollouts-2.41.1/charts/argo-rollouts/values.yaml
 */

/** Top-level values of the argo-rollouts chart. */
export interface ArgoRolloutsValues {
  /**
   * Whether the chart installs and upgrades the Argo Rollouts CRDs.
   * @see https://github.com/argoproj/argo-helm/blob/argo-rollouts-2.41.1/charts/argo-rollouts/values.yaml
   */
  readonly installCRDs: boolean;
  /**
   * Whether the CRDs stay when the release is uninstalled (Helm's `resource-policy: keep`).
   * @see https://github.com/argoproj/argo-helm/blob/argo-rollouts-2.41.1/charts/argo-rollouts/values.yaml
   */
  readonly keepCRDs: boolean;
  /**
   * Annotations on every CRD the chart installs.
   * @see https://github.com/argoproj/argo-helm/blob/argo-rollouts-2.41.1/charts/argo-rollouts/values.yaml
   */
  readonly crdAnnotations: Readonly<Record<string, string>>;
  /**
   * The Rollouts dashboard server.
   * @see https://github.com/argoproj/argo-helm/blob/argo-rollouts-2.41.1/charts/argo-rollouts/values.yaml
   */
  readonly dashboard: ArgoRolloutsDashboardValues;
  /**
   * The Rollouts controller Deployment.
   * @see https://github.com/argoproj/argo-helm/blob/argo-rollouts-2.41.1/charts/argo-rollouts/values.yaml
   */
  readonly controller: ArgoRolloutsControllerValues;
}

/** `dashboard`: the dashboard server. */
export interface ArgoRolloutsDashboardValues {
  /**
   * Whether the dashboard server is deployed.
   * @see https://github.com/argoproj/argo-helm/blob/argo-rollouts-2.41.1/charts/argo-rollouts/values.yaml
   */
  readonly enabled: boolean;
}

/** `controller`: the Rollouts controller. */
export interface ArgoRolloutsControllerValues {
  /**
   * Number of controller pods (one is active at a time, by leader election).
   * @see https://github.com/argoproj/argo-helm/blob/argo-rollouts-2.41.1/charts/argo-rollouts/values.yaml
   */
  readonly replicas: number;
  /**
   * The controller's metrics Service and its ServiceMonitor.
   * @see https://github.com/argoproj/argo-helm/blob/argo-rollouts-2.41.1/charts/argo-rollouts/values.yaml
   */
  readonly metrics: ArgoRolloutsMetricsValues;
  /**
   * The controller's PodDisruptionBudget.
   * @see https://github.com/argoproj/argo-helm/blob/argo-rollouts-2.41.1/charts/argo-rollouts/values.yaml
   */
  readonly pdb: ArgoRolloutsPdbValues;
}

/** `controller.metrics`: the controller's metrics. */
export interface ArgoRolloutsMetricsValues {
  /**
   * Whether the chart deploys the controller's metrics Service.
   * @see https://github.com/argoproj/argo-helm/blob/argo-rollouts-2.41.1/charts/argo-rollouts/values.yaml
   */
  readonly enabled: boolean;
  /**
   * A Prometheus Operator ServiceMonitor for the metrics Service.
   * @see https://github.com/argoproj/argo-helm/blob/argo-rollouts-2.41.1/charts/argo-rollouts/values.yaml
   */
  readonly serviceMonitor: ArgoRolloutsServiceMonitorValues;
}

/** `controller.metrics.serviceMonitor`. */
export interface ArgoRolloutsServiceMonitorValues {
  /**
   * Whether the chart creates the ServiceMonitor (needs the Prometheus Operator's CRDs).
   * @see https://github.com/argoproj/argo-helm/blob/argo-rollouts-2.41.1/charts/argo-rollouts/values.yaml
   */
  readonly enabled: boolean;
  /**
   * Labels added to the ServiceMonitor (a Prometheus selects ServiceMonitors by label).
   * @see https://github.com/argoproj/argo-helm/blob/argo-rollouts-2.41.1/charts/argo-rollouts/values.yaml
   */
  readonly additionalLabels: Readonly<Record<string, string>>;
}

/** `controller.pdb`: the controller's PodDisruptionBudget. */
export interface ArgoRolloutsPdbValues {
  /**
   * Whether the chart creates the PodDisruptionBudget.
   * @see https://github.com/argoproj/argo-helm/blob/argo-rollouts-2.41.1/charts/argo-rollouts/values.yaml
   */
  readonly enabled: boolean;
  /**
   * Pods that must stay available during a voluntary disruption: a number, or a percentage such as `50%`.
   * @see https://github.com/argoproj/argo-helm/blob/argo-rollouts-2.41.1/charts/argo-rollouts/values.yaml
   */
  readonly minAvailable: number | `${number}%`;
}

/**
 * The part of the cert-manager chart's values fleetwright sets (chart v1.21.1,
 * the version `model/addons/catalog/cert-manager.ts` pins).
 * @see https://github.com/cert-manager/cert-manager/blob/v1.21.1/deploy/charts/cert-manager/values.yaml
 * @see https://cert-manager.io/docs/installation/helm/
 */

/** Top-level values of the cert-manager chart. */
export interface CertManagerValues {
  /**
   * The cert-manager CRDs.
   * @see https://github.com/cert-manager/cert-manager/blob/v1.21.1/deploy/charts/cert-manager/values.yaml
   */
  readonly crds: CertManagerCrdsValues;
  /**
   * Prometheus metrics of the controller.
   * @see https://github.com/cert-manager/cert-manager/blob/v1.21.1/deploy/charts/cert-manager/values.yaml
   */
  readonly prometheus: CertManagerPrometheusValues;
  /**
   * Number of controller pods (one is active at a time, by leader election).
   * @see https://github.com/cert-manager/cert-manager/blob/v1.21.1/deploy/charts/cert-manager/values.yaml
   */
  readonly replicaCount: number;
  /**
   * The controller's PodDisruptionBudget.
   * @see https://github.com/cert-manager/cert-manager/blob/v1.21.1/deploy/charts/cert-manager/values.yaml
   */
  readonly podDisruptionBudget: CertManagerPodDisruptionBudgetValues;
  /**
   * The admission webhook Deployment.
   * @see https://github.com/cert-manager/cert-manager/blob/v1.21.1/deploy/charts/cert-manager/values.yaml
   */
  readonly webhook: CertManagerComponentValues;
  /**
   * The CA injector Deployment (fills `caBundle` of webhooks and APIServices).
   * @see https://github.com/cert-manager/cert-manager/blob/v1.21.1/deploy/charts/cert-manager/values.yaml
   */
  readonly cainjector: CertManagerComponentValues;
}

/** `crds`: the CRDs the chart installs. */
export interface CertManagerCrdsValues {
  /**
   * Whether the chart installs the CRDs.
   * @see https://github.com/cert-manager/cert-manager/blob/v1.21.1/deploy/charts/cert-manager/values.yaml
   */
  readonly enabled: boolean;
  /**
   * Whether the CRDs stay when the release is uninstalled (Helm's `resource-policy: keep`), so Certificates and Issuers survive.
   * @see https://github.com/cert-manager/cert-manager/blob/v1.21.1/deploy/charts/cert-manager/values.yaml
   */
  readonly keep: boolean;
}

/** `prometheus`: the controller's metrics. */
export interface CertManagerPrometheusValues {
  /**
   * Whether the controller exposes metrics (and the chart a Service for them).
   * @see https://github.com/cert-manager/cert-manager/blob/v1.21.1/deploy/charts/cert-manager/values.yaml
   */
  readonly enabled: boolean;
  /**
   * A Prometheus Operator ServiceMonitor for the metrics (the key is lower-case in this chart).
   * @see https://github.com/cert-manager/cert-manager/blob/v1.21.1/deploy/charts/cert-manager/values.yaml
   */
  readonly servicemonitor: CertManagerServiceMonitorValues;
}

/** `prometheus.servicemonitor`. */
export interface CertManagerServiceMonitorValues {
  /**
   * Whether the chart creates the ServiceMonitor (needs the Prometheus Operator's CRDs).
   * @see https://github.com/cert-manager/cert-manager/blob/v1.21.1/deploy/charts/cert-manager/values.yaml
   */
  readonly enabled: boolean;
}

/** `podDisruptionBudget` of a cert-manager component. */
export interface CertManagerPodDisruptionBudgetValues {
  /**
   * Whether the chart creates the PodDisruptionBudget.
   * @see https://github.com/cert-manager/cert-manager/blob/v1.21.1/deploy/charts/cert-manager/values.yaml
   */
  readonly enabled: boolean;
  /**
   * Pods that must stay available during a voluntary disruption: a number, or a percentage such as `25%`
   * (not together with `maxUnavailable`).
   * @see https://github.com/cert-manager/cert-manager/blob/v1.21.1/deploy/charts/cert-manager/values.yaml
   */
  readonly minAvailable: number | `${number}%`;
}

/** `webhook` and `cainjector`: a cert-manager component with its own Deployment. */
export interface CertManagerComponentValues {
  /**
   * Number of the component's pods.
   * @see https://github.com/cert-manager/cert-manager/blob/v1.21.1/deploy/charts/cert-manager/values.yaml
   */
  readonly replicaCount: number;
  /**
   * The component's PodDisruptionBudget.
   * @see https://github.com/cert-manager/cert-manager/blob/v1.21.1/deploy/charts/cert-manager/values.yaml
   */
  readonly podDisruptionBudget: CertManagerPodDisruptionBudgetValues;
}

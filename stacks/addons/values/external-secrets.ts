/**
 * The part of the external-secrets chart's values fleetwright sets (chart
 * 2.9.0, the version `model/addons/catalog/external-secrets.ts` pins).
 * @see https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/deploy/charts/external-secrets/values.yaml
 */

/** Top-level values of the external-secrets chart. */
export interface ExternalSecretsValues {
  /**
   * Whether the chart installs and upgrades the External Secrets CRDs.
   * @see https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/deploy/charts/external-secrets/values.yaml
   */
  readonly installCRDs: boolean;
  /**
   * The operator's ServiceAccount.
   * @see https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/deploy/charts/external-secrets/values.yaml
   */
  readonly serviceAccount: ExternalSecretsServiceAccountValues;
  /**
   * A Prometheus Operator ServiceMonitor for the operator's metrics.
   * @see https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/deploy/charts/external-secrets/values.yaml
   */
  readonly serviceMonitor: ExternalSecretsServiceMonitorValues;
  /**
   * Number of operator pods.
   * @see https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/deploy/charts/external-secrets/values.yaml
   */
  readonly replicaCount: number;
  /**
   * Whether the operator's pods elect a leader, so only one reconciles at a time (needed with more than one replica).
   * @see https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/deploy/charts/external-secrets/values.yaml
   */
  readonly leaderElect: boolean;
  /**
   * The operator's PodDisruptionBudget.
   * @see https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/deploy/charts/external-secrets/values.yaml
   */
  readonly podDisruptionBudget: ExternalSecretsPodDisruptionBudgetValues;
}

/** `serviceAccount`. */
export interface ExternalSecretsServiceAccountValues {
  /**
   * Whether the chart creates the ServiceAccount.
   * @see https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/deploy/charts/external-secrets/values.yaml
   */
  readonly create: boolean;
  /**
   * Name of the ServiceAccount (generated from the release name when empty).
   * @see https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/deploy/charts/external-secrets/values.yaml
   */
  readonly name: string;
  /**
   * Annotations of the ServiceAccount (e.g. an IAM role for it on EKS).
   * @see https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/deploy/charts/external-secrets/values.yaml
   */
  readonly annotations: Readonly<Record<string, string>>;
}

/** `serviceMonitor`. */
export interface ExternalSecretsServiceMonitorValues {
  /**
   * Whether the chart creates the ServiceMonitor (needs the Prometheus Operator's CRDs).
   * @see https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/deploy/charts/external-secrets/values.yaml
   */
  readonly enabled: boolean;
  /**
   * Labels added to the ServiceMonitor (a Prometheus selects ServiceMonitors by label).
   * @see https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/deploy/charts/external-secrets/values.yaml
   */
  readonly additionalLabels: Readonly<Record<string, string>>;
}

/** `podDisruptionBudget`. */
export interface ExternalSecretsPodDisruptionBudgetValues {
  /**
   * Whether the chart creates the PodDisruptionBudget.
   * @see https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/deploy/charts/external-secrets/values.yaml
   */
  readonly enabled: boolean;
  /**
   * Pods that must stay available during a voluntary disruption: a number, or a percentage such as `50%`.
   * @see https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/deploy/charts/external-secrets/values.yaml
   */
  readonly minAvailable: number | `${number}%`;
}

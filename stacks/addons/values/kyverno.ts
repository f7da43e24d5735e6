/**
 * The part of the kyverno chart's values fleetwright sets (chart 3.9.0, the
 * version `model/addons/catalog/kyverno.ts` pins).
 * @see https://github.com/kyverno/kyverno/blob/kyverno-chart-3.9.0/charts/kyverno/values.yaml
 */

/** Top-level values of the kyverno chart. */
export interface KyvernoValues {
  /**
   * The Kyverno CRDs.
   * @see https://github.com/kyverno/kyverno/blob/kyverno-chart-3.9.0/charts/kyverno/values.yaml
   */
  readonly crds: KyvernoCrdsValues;
  /**
   * The admission controller, which runs the webhooks that validate and mutate requests.
   * @see https://github.com/kyverno/kyverno/blob/kyverno-chart-3.9.0/charts/kyverno/values.yaml
   */
  readonly admissionController: KyvernoControllerValues;
  /**
   * The background controller, which runs generate and mutate-existing rules.
   * @see https://github.com/kyverno/kyverno/blob/kyverno-chart-3.9.0/charts/kyverno/values.yaml
   */
  readonly backgroundController: KyvernoControllerValues;
  /**
   * The cleanup controller, which runs cleanup policies.
   * @see https://github.com/kyverno/kyverno/blob/kyverno-chart-3.9.0/charts/kyverno/values.yaml
   */
  readonly cleanupController: KyvernoControllerValues;
  /**
   * The reports controller, which writes PolicyReports.
   * @see https://github.com/kyverno/kyverno/blob/kyverno-chart-3.9.0/charts/kyverno/values.yaml
   */
  readonly reportsController: KyvernoControllerValues;
}

/** `crds`. */
export interface KyvernoCrdsValues {
  /**
   * Whether the chart installs the CRDs.
   * @see https://github.com/kyverno/kyverno/blob/kyverno-chart-3.9.0/charts/kyverno/values.yaml
   */
  readonly install: boolean;
}

/** One of Kyverno's controllers (`admissionController`, `backgroundController`, `cleanupController`, `reportsController`). */
export interface KyvernoControllerValues {
  /**
   * Number of the controller's pods (above 1, the chart adds a PodDisruptionBudget).
   * @see https://github.com/kyverno/kyverno/blob/kyverno-chart-3.9.0/charts/kyverno/values.yaml
   */
  readonly replicas: number;
}

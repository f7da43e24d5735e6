/**
 * The part of the external-dns chart's values fleetwright sets (chart 1.21.1,
 * the version `model/addons/catalog/external-dns.ts` pins).
 * @see https://github.com/kubernetes-sigs/external-dns/blob/external-dns-helm-chart-1.21.1/charts/external-dns/values.yaml
 * @see https://kubernetes-sigs.github.io/external-dns/latest/charts/external-dns/
 */

/** Top-level values of the external-dns chart. */
export interface ExternalDnsValues {
  /**
   * The DNS provider records are written to.
   * @see https://github.com/kubernetes-sigs/external-dns/blob/external-dns-helm-chart-1.21.1/charts/external-dns/values.yaml
   */
  readonly provider: ExternalDnsProviderValues;
  /**
   * Kinds of Kubernetes objects whose hostnames get records (`service`, `ingress`, `gateway-httproute`…).
   * @see https://github.com/kubernetes-sigs/external-dns/blob/external-dns-helm-chart-1.21.1/charts/external-dns/values.yaml
   * @see https://kubernetes-sigs.github.io/external-dns/latest/docs/sources/about/
   */
  readonly sources: readonly string[];
  /**
   * Where ownership of records is kept.
   * @see https://github.com/kubernetes-sigs/external-dns/blob/external-dns-helm-chart-1.21.1/charts/external-dns/values.yaml
   */
  readonly registry: 'txt' | 'aws-sd' | 'dynamodb' | 'noop';
  /**
   * How records are synchronized: `sync` also deletes, `upsert-only` never deletes, `create-only` only creates.
   * @see https://github.com/kubernetes-sigs/external-dns/blob/external-dns-helm-chart-1.21.1/charts/external-dns/values.yaml
   */
  readonly policy: 'create-only' | 'sync' | 'upsert-only';
  /**
   * Domain suffixes of the zones external-dns may change.
   * @see https://github.com/kubernetes-sigs/external-dns/blob/external-dns-helm-chart-1.21.1/charts/external-dns/values.yaml
   */
  readonly domainFilters: readonly string[];
  /**
   * Owner ID written to the TXT registry records: external-dns changes only records carrying its own.
   * @see https://github.com/kubernetes-sigs/external-dns/blob/external-dns-helm-chart-1.21.1/charts/external-dns/values.yaml
   */
  readonly txtOwnerId: string;
  /**
   * The chart's ServiceAccount.
   * @see https://github.com/kubernetes-sigs/external-dns/blob/external-dns-helm-chart-1.21.1/charts/external-dns/values.yaml
   */
  readonly serviceAccount: ExternalDnsServiceAccountValues;
  /**
   * Environment variables of the external-dns container.
   * @see https://github.com/kubernetes-sigs/external-dns/blob/external-dns-helm-chart-1.21.1/charts/external-dns/values.yaml
   */
  readonly env: readonly ExternalDnsEnvVar[];
  /**
   * A Prometheus Operator ServiceMonitor for external-dns' metrics.
   * @see https://github.com/kubernetes-sigs/external-dns/blob/external-dns-helm-chart-1.21.1/charts/external-dns/values.yaml
   */
  readonly serviceMonitor: ExternalDnsServiceMonitorValues;
}

/** `provider`. */
export interface ExternalDnsProviderValues {
  /**
   * Name of the provider (external-dns' `--provider`, e.g. `aws`).
   * @see https://github.com/kubernetes-sigs/external-dns/blob/external-dns-helm-chart-1.21.1/charts/external-dns/values.yaml
   */
  readonly name: string;
}

/** `serviceAccount`. */
export interface ExternalDnsServiceAccountValues {
  /**
   * Annotations of the ServiceAccount (e.g. an IAM role for it on EKS).
   * @see https://github.com/kubernetes-sigs/external-dns/blob/external-dns-helm-chart-1.21.1/charts/external-dns/values.yaml
   */
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * An item of `env`: a Kubernetes EnvVar, with the keys fleetwright sets.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables
 */
export interface ExternalDnsEnvVar {
  /**
   * Name of the variable.
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables
   */
  readonly name: string;
  /**
   * Literal value (without `valueFrom`).
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables
   */
  readonly value?: string;
  /**
   * Where the value is read from (without `value`).
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables
   */
  readonly valueFrom?: ExternalDnsEnvVarSource;
}

/** `env[].valueFrom`. */
export interface ExternalDnsEnvVarSource {
  /**
   * A key of a Secret in the release's namespace.
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables
   */
  readonly secretKeyRef: ExternalDnsSecretKeyRef;
}

/** `env[].valueFrom.secretKeyRef`. */
export interface ExternalDnsSecretKeyRef {
  /**
   * Name of the Secret.
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables
   */
  readonly name: string;
  /**
   * Key in the Secret.
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables
   */
  readonly key: string;
}

/** `serviceMonitor`. */
export interface ExternalDnsServiceMonitorValues {
  /**
   * Whether the chart creates the ServiceMonitor (needs the Prometheus Operator's CRDs).
   * @see https://github.com/kubernetes-sigs/external-dns/blob/external-dns-helm-chart-1.21.1/charts/external-dns/values.yaml
   */
  readonly enabled: boolean;
  /**
   * Labels added to the ServiceMonitor (a Prometheus selects ServiceMonitors by label).
   * @see https://github.com/kubernetes-sigs/external-dns/blob/external-dns-helm-chart-1.21.1/charts/external-dns/values.yaml
   */
  readonly additionalLabels: Readonly<Record<string, string>>;
}

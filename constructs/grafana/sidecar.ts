/**
 * The labels Grafana's sidecars (as kube-prometheus-stack configures them)
 * look for on ConfigMaps: `grafana.sidecar.datasources.label`/`labelValue`
 * and `grafana.sidecar.dashboards.label`/`labelValue` in its values.
 * @see https://github.com/prometheus-community/helm-charts/blob/main/charts/kube-prometheus-stack/values.yaml
 */

/** A label key and value a sidecar selects ConfigMaps by. */
export interface SidecarLabel {
  readonly key: string;
  readonly value: string;
}

export const GRAFANA_SIDECAR_LABELS = {
  datasource: { key: 'grafana_datasource', value: '1' },
  dashboard: { key: 'grafana_dashboard', value: '1' },
} as const satisfies Record<string, SidecarLabel>;

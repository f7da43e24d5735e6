import { defineAddon } from '../spec';

/** Prometheus (labelled with the cluster's name), Alertmanager, and on the hub Grafana. */
export const kubePrometheusStack = defineAddon({
  name: 'kube-prometheus-stack',
  description: 'Prometheus with external label cluster=<name>, Alertmanager, node and state metrics; Grafana on the hub',
  namespace: 'monitoring',
  // node-exporter runs with the host's network and PID namespaces and mounts / (hostPath).
  podSecurity: 'privileged',
  // 88.0.0 is the release that moved the chart to Prometheus Operator v0.93.0 (its CRDs are the
  // ones fleetwright validates against); 87.x ships v0.92.0, 91.0.0 moves on to v0.94.0.
  chart: { repoUrl: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '88.0.0' },
  // Prometheus, Alertmanager, ServiceMonitors, PrometheusRules.
  apiGroups: ['monitoring.coreos.com'],
  dependsOn: [],
  serverSideApply: true,
});

import { defineAddon } from '../spec';

/** Prometheus (labelled with the cluster's name), Alertmanager, and on the hub Grafana. */
export const kubePrometheusStack = defineAddon({
  name: 'kube-prometheus-stack',
  description: 'Prometheus with external label cluster=<name>, Alertmanager, node and state metrics; Grafana on the hub',
  namespace: 'monitoring',
  // Prometheus Operator v0.93.0, the CRDs fleetwright validates against.
  chart: { repoUrl: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '88.0.0' },
  dependsOn: [],
  serverSideApply: true,
});

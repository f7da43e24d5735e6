import { defineAddon } from '../spec';

/** Argo Rollouts: canary and blue-green for workloads. */
export const argoRollouts = defineAddon({
  name: 'argo-rollouts',
  description: 'Argo Rollouts controller for canary and blue-green deliveries',
  namespace: 'argo-rollouts',
  // The chart's controller and dashboard run as non-root with seccomp RuntimeDefault, no privilege escalation and ALL capabilities dropped.
  podSecurity: 'restricted',
  // Argo Rollouts v1.9.1, the CRDs fleetwright validates against; the chart installs them.
  chart: { repoUrl: 'https://argoproj.github.io/argo-helm', chart: 'argo-rollouts', version: '2.41.1' },
  // AnalysisTemplates and Rollouts of canary services.
  apiGroups: ['argoproj.io'],
  dependsOn: [],
});

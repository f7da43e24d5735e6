import { defineAddon } from '../spec';

/** Argo Rollouts: canary and blue-green for workloads. */
export const argoRollouts = defineAddon({
  name: 'argo-rollouts',
  description: 'Argo Rollouts controller for canary and blue-green deliveries',
  namespace: 'argo-rollouts',
  chart: { repoUrl: 'https://argoproj.github.io/argo-helm', chart: 'argo-rollouts', version: '2.40.5' },
  dependsOn: [],
});

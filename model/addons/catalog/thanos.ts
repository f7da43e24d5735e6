import { defineAddon } from '../spec';
import { externalSecrets } from './external-secrets';
import { kubePrometheusStack } from './kube-prometheus-stack';

/** The Thanos sidecar of the cluster's Prometheus, uploading to object storage; queried from the hub. */
export const thanos = defineAddon({
  name: 'thanos',
  description: 'Thanos sidecar next to Prometheus, uploading to object storage; the hub queries every sidecar',
  namespace: 'monitoring',
  dependsOn: [kubePrometheusStack, externalSecrets],
  requiresPlatform: 'thanos',
});

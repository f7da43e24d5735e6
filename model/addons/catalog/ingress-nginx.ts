import { defineAddon } from '../spec';

/** The NGINX ingress controller. */
export const ingressNginx = defineAddon({
  name: 'ingress-nginx',
  description: 'NGINX ingress controller behind a cloud load balancer, autoscaled',
  namespace: 'ingress-nginx',
  chart: { repoUrl: 'https://kubernetes.github.io/ingress-nginx', chart: 'ingress-nginx', version: '4.13.3' },
  dependsOn: [],
  hpaManagedReplicas: true,
});

import { defineAddon } from '../spec';

/**
 * The NGINX ingress controller, the fleet's default IngressClass `nginx`
 * (cert-manager's `letsencrypt` ClusterIssuer solves HTTP-01 through it).
 *
 * The ingress-nginx project is retired: best-effort maintenance ended in
 * March 2026, chart 4.15.1 (controller v1.15.1) was the last release and the
 * repository is archived, so no security fixes follow. It stays pinned here
 * until the fleet moves to a Gateway API implementation.
 */
export const ingressNginx = defineAddon({
  name: 'ingress-nginx',
  description: 'NGINX ingress controller (default IngressClass nginx) behind a cloud load balancer, autoscaled on production',
  namespace: 'ingress-nginx',
  // The controller adds NET_BIND_SERVICE to bind 80/443, and the admission webhook's certificate
  // jobs do not meet restricted (kubernetes/ingress-nginx#9212); the chart documents baseline.
  podSecurity: 'baseline',
  chart: { repoUrl: 'https://kubernetes.github.io/ingress-nginx', chart: 'ingress-nginx', version: '4.15.1' },
  dependsOn: [],
  hpaManagedReplicas: true,
});

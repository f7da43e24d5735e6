/**
 * A fleet with services delivered by Argo CD: `checkout`, a canary behind
 * ingress-nginx (dev and prod); `search`, a canary split by replicas (prod);
 * `catalog`, a plain Deployment (dev). Both environments run what canaries
 * need: argo-rollouts, kube-prometheus-stack and ingress-nginx.
 */
import type { FleetDefinition, ServiceDefinition } from '../../model';
import { validDefinition } from './definitions';

const CANARY_ADDONS = { 'argo-rollouts': true, 'kube-prometheus-stack': true, 'ingress-nginx': true } as const;

export const CHECKOUT: ServiceDefinition = {
  name: 'checkout',
  namespace: 'shop',
  image: 'ghcr.io/acme/checkout:1.4.2',
  port: 8080,
  replicas: 3,
  resources: { cpu: '250m', memory: '256Mi' },
  canary: { steps: [5, 10, 30, 60], pause: '5m', analysis: { successRate: 0.99, interval: '1m', failureLimit: 2 }, host: 'shop.acme.io' },
};

export const SEARCH: ServiceDefinition = {
  name: 'search',
  image: 'ghcr.io/acme/search@sha256:' + 'a'.repeat(64),
  port: 9000,
  replicas: 4,
  environments: ['prod'],
  canary: { steps: [25, 50] },
};

export const CATALOG_SERVICE: ServiceDefinition = {
  name: 'catalog',
  image: 'ghcr.io/acme/catalog:2.0.0',
  port: 8080,
  replicas: 2,
  environments: ['dev'],
};

export function servicesDefinition(): FleetDefinition {
  const d = validDefinition();
  return {
    ...d,
    environments: {
      dev: { ...d.environments.dev, addons: { ...d.environments.dev!.addons, ...CANARY_ADDONS } },
      prod: { ...d.environments.prod, addons: { ...d.environments.prod!.addons, ...CANARY_ADDONS } },
    },
    services: [CHECKOUT, SEARCH, CATALOG_SERVICE],
  };
}

/** A mutable deep copy of {@link servicesDefinition}, for tests that break it. */
export function mutableServicesDefinition(): any {
  return structuredClone(servicesDefinition());
}

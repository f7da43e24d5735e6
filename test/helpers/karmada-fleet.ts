/**
 * A test fleet with services Karmada propagates: `checkout` over the four
 * prod regions weighted 3:2:1 (and 0 for us-west-2), with an override for
 * ap-southeast-1; `search` over the two dev clusters with equal weights and
 * its own failover delays.
 */
import type { FleetDefinition } from '../../model';
import { validDefinition } from './definitions';

export function karmadaDefinition(): FleetDefinition {
  const base = validDefinition();
  return {
    ...base,
    karmada: { server: 'https://karmada.acme.internal:5443' },
    services: [
      {
        name: 'checkout',
        image: 'ghcr.io/acme/checkout:1.4.2',
        port: 8080,
        replicas: 60,
        resources: { cpu: '250m', memory: '256Mi' },
        environments: ['prod'],
        delivery: 'karmada',
        karmada: {
          weights: { 'us-east-1': 3, 'eu-west-1': 2, 'ap-southeast-1': 1, 'us-west-2': 0 },
          overrides: [{ match: { region: 'ap-southeast-1' }, memoryLimit: '192Mi', imageRegistry: 'mirror.acme.io' }],
        },
      },
      {
        name: 'search',
        namespace: 'discovery',
        image: 'ghcr.io/acme/search:2.0.1',
        port: 9000,
        replicas: 5,
        environments: ['dev'],
        delivery: 'karmada',
        karmada: { failover: { unreachableAfterSeconds: 30, notReadyAfterSeconds: 120 } },
      },
    ],
  };
}

/** A mutable deep copy, for tests that break it. */
export function mutableKarmadaDefinition(): any {
  return structuredClone(karmadaDefinition());
}

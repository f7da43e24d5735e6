import { describe, expect, it } from 'vitest';
import { checkFleet, resolveFleet } from '../../model';
import { mutableServicesDefinition, servicesDefinition } from '../helpers/services';

function problemsOf(mutate: (d: any) => void): string[] {
  const d = mutableServicesDefinition();
  mutate(d);
  return checkFleet(d).problems.map((p) => p.message);
}

describe('services delivered by Argo CD: model rules', () => {
  it('GIVEN the services test fleet WHEN checked THEN there is no problem and the services carry their canaries with defaults', () => {
    const fleet = resolveFleet(servicesDefinition());
    expect(fleet.services.map((s) => [s.name, s.namespace, s.environments, s.delivery])).toEqual([
      ['catalog', 'catalog', ['dev'], 'argocd'],
      ['checkout', 'shop', ['dev', 'prod'], 'argocd'],
      ['search', 'search', ['prod'], 'argocd'],
    ]);
    expect(fleet.services.find((s) => s.name === 'search')!.canary).toEqual({
      steps: [25, 50],
      pause: '5m',
      analysis: { successRate: 0.99, interval: '1m', failureLimit: 1 },
    });
  });

  it.each<[string, (d: any) => void, string[]]>([
    ['argo-rollouts switched off for a whole environment', (d) => (d.environments.prod.addons['argo-rollouts'] = false), [
      'services[0].canary needs the "argo-rollouts" add-on on every cluster the service runs on (its controller runs the Rollout), but prod-eks (clusters[2]), prod-pulumi (clusters[3]), prod-existing (clusters[4]) and 1 more cluster do not enable it; enable "argo-rollouts" for them or their environment (environments.prod.addons)',
      'services[1].canary needs the "argo-rollouts" add-on on every cluster the service runs on (its controller runs the Rollout), but prod-eks (clusters[2]), prod-pulumi (clusters[3]), prod-existing (clusters[4]) and 1 more cluster do not enable it; enable "argo-rollouts" for them or their environment (environments.prod.addons)',
    ]],
    ['one cluster without Prometheus', (d) => (d.clusters[0].addons = { 'kube-prometheus-stack': false }), [
      'services[0].canary needs the "kube-prometheus-stack" add-on on every cluster the service runs on (the canary\'s analysis queries the cluster\'s Prometheus), but dev-aws (clusters[0]) does not enable it; enable "kube-prometheus-stack" for it (clusters[0].addons) or its environment (environments.dev.addons)',
    ]],
    ['a host on clusters without ingress-nginx', (d) => (d.environments.dev.addons['ingress-nginx'] = false), [
      'services[0].canary.host needs the "ingress-nginx" add-on on every cluster the service runs on (canary.host splits the traffic in ingress-nginx), but dev-aws (clusters[0]) and dev-docker (clusters[1]) do not enable it; enable "ingress-nginx" for them or their environment (environments.dev.addons)',
    ]],
    ['a name starting with a digit', (d) => (d.services[2].name = '3d-catalog'), [
      'services[2].name "3d-catalog" does not start with a letter, which the Kubernetes Service named after it needs (DNS-1035 label); start the name with a lowercase letter',
    ]],
    ['a canary name over 56 characters', (d) => { d.services[1].name = 's'.repeat(57); d.services[1].environments = ['prod']; }, [
      `services[1].name "${'s'.repeat(57)}" makes the Application name "${'s'.repeat(57)}-prod-existing" (for prod-existing) 71 characters long, over the limit of 63; shorten the service name by 8 characters`,
      `services[1].name "${'s'.repeat(57)}" is 57 characters long, too long for a canary: its Services "${'s'.repeat(57)}-stable" and "${'s'.repeat(57)}-canary" would pass 63 characters; use at most 56 characters`,
    ]],
    ['two canaries on the same host', (d) => (d.services[1].canary.host = 'shop.acme.io'), [
      'services[1].canary.host "shop.acme.io" is already the host of services[0] (checkout); give every service its own host',
    ]],
    ['pauses too short for the analysis to abort', (d) => (d.services[0].canary.pause = '30s'), [
      'services[0].canary.pause "30s" gives the analysis too little time: the canary is fully promoted 2m after its first step (4 steps × 30s), but the analysis aborts only at its failed measurement number 3, one every 1m, 2m after the first step; lengthen canary.pause, or shorten canary.analysis.interval, or lower canary.analysis.failureLimit',
    ]],
  ])('GIVEN %s WHEN checked THEN the problems name the service, the clusters and the fix', (_title, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expected);
  });

  it('GIVEN a canary service with a 49-character name WHEN checked on clusters named up to 13 characters THEN its Application names fit exactly in 63', () => {
    expect(problemsOf((d) => (d.services[1].name = 's'.repeat(49)))).toEqual([]);
    expect(problemsOf((d) => (d.services[1].name = 's'.repeat(50)))).toEqual([
      `services[1].name "${'s'.repeat(50)}" makes the Application name "${'s'.repeat(50)}-prod-existing" (for prod-existing) 64 characters long, over the limit of 63; shorten the service name by 1 character`,
    ]);
  });

  it('GIVEN a DR standby without argo-rollouts WHEN checked THEN no problem: standbys run no services', () => {
    expect(
      problemsOf((d) => {
        d.clusters[5].standby = true;
        d.clusters[5].addons = { 'argo-rollouts': false };
      }),
    ).toEqual([]);
  });

  it('GIVEN a plain service (no canary) on clusters without any of the canary add-ons WHEN checked THEN no problem', () => {
    expect(
      problemsOf((d) => {
        d.environments.dev.addons = { cilium: true };
        d.services = [d.services[2]];
      }),
    ).toEqual([]);
  });

  it('GIVEN a service Karmada propagates WHEN checked THEN the per-cluster rules leave it alone', () => {
    expect(
      problemsOf((d) => {
        d.environments.prod.addons = {};
        d.services = [{ name: 'inventory', image: 'ghcr.io/acme/inventory:1.0.0', port: 8080, replicas: 6, delivery: 'karmada' }];
      }),
    ).toEqual([]);
  });
});

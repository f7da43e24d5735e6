import { describe, expect, it } from 'vitest';
import { addonLabel, CATALOG, resolveFleet } from '../../model';
import { synthesize } from '../../outputs/synth';
import { mutableDefinition } from '../helpers/definitions';
import { exampleFleet, exampleSynth } from '../helpers/example';
import { syncedRunning, selectedBy, unitOf, valuesOf } from '../helpers/addons';

/** argo-rollouts on the dev environment (non-production) and on two prod clusters, one with Prometheus. */
function rolloutsDefinition(): any {
  const d = mutableDefinition();
  d.environments.dev.addons = { cilium: true, 'argo-rollouts': true };
  d.clusters[2].addons = { 'argo-rollouts': true, 'kube-prometheus-stack': true };
  d.clusters[3].addons = { 'argo-rollouts': true };
  return d;
}

const fleet = resolveFleet(rolloutsDefinition());
const out = synthesize(fleet);



describe('argo-rollouts: values', () => {
  it('GIVEN the chart pin WHEN read THEN it is the argo-helm chart of Argo Rollouts v1.9.1, whose CRDs fleetwright validates against', () => {
    expect(CATALOG['argo-rollouts'].chart).toEqual({ repoUrl: 'https://argoproj.github.io/argo-helm', chart: 'argo-rollouts', version: '2.41.1' });
    expect(CATALOG['argo-rollouts'].serverSideApply).toBeUndefined();
  });

  it('GIVEN any fleet WHEN synthesized THEN the base values install the CRDs, keep them from Argo CD pruning and deletion, turn metrics on and the dashboard off', () => {
    expect(valuesOf(out, 'platform/argo-rollouts/base')).toEqual({
      installCRDs: true,
      keepCRDs: true,
      crdAnnotations: { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' },
      dashboard: { enabled: false },
      controller: { metrics: { enabled: true } },
    });
  });

  it('GIVEN the production and non-production overlays WHEN synthesized THEN production runs two controllers with a disruption budget and the rest one', () => {
    expect(valuesOf(out, 'platform/argo-rollouts/overlays/prod')).toEqual({ controller: { replicas: 2, pdb: { enabled: true, minAvailable: 1 } } });
    expect(valuesOf(out, 'platform/argo-rollouts/overlays/dev')).toEqual({ controller: { replicas: 1 } });
  });

  it('GIVEN prod-eks with Prometheus and prod-pulumi without WHEN synthesized THEN only prod-eks gets a ServiceMonitor, and prod-pulumi has no values file of its own', () => {
    expect(valuesOf(out, 'clusters/prod-eks/addons/argo-rollouts')).toEqual({
      controller: { metrics: { serviceMonitor: { enabled: true, additionalLabels: { release: 'kube-prometheus-stack' } } } },
    });
    expect(unitOf(out, 'clusters/prod-pulumi/addons/argo-rollouts')).toBeUndefined();
  });

  it('GIVEN a production cluster with Prometheus WHEN synthesized THEN its three value layers are as recorded', () => {
    expect(['platform/argo-rollouts/base', 'platform/argo-rollouts/overlays/prod', 'clusters/prod-eks/addons/argo-rollouts'].map((dir) => valuesOf(out, dir))).toMatchSnapshot();
  });
});

describe('argo-rollouts: fleet-wide', () => {
  it.each([
    ['a fleet of dev and prod clusters', fleet, out],
    ['the example fleet', exampleFleet, exampleSynth()],
  ])('GIVEN %s WHEN the ApplicationSet selector is applied to the registrations THEN it selects exactly the clusters that run argo-rollouts', (_t, f, o) => {
    expect(selectedBy(o, 'argo-rollouts', f)).toEqual(syncedRunning(f, 'argo-rollouts').map((c) => c.name).sort());
    for (const cluster of [f.hub, ...f.clusters]) {
      expect(cluster.labels[addonLabel('argo-rollouts')], cluster.name).toBe(cluster.addons.includes('argo-rollouts') ? 'true' : undefined);
    }
  });

  it('GIVEN every production cluster running argo-rollouts WHEN synthesized THEN its overlay runs the controller highly available', () => {
    for (const cluster of fleet.clusters.filter((c) => c.addons.includes('argo-rollouts'))) {
      const replicas = (valuesOf(out, `platform/argo-rollouts/overlays/${cluster.environment}`) as any).controller.replicas;
      expect(replicas, cluster.name).toBe(cluster.tier === 'production' ? 2 : 1);
    }
  });
});

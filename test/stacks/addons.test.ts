import { describe, expect, it } from 'vitest';
import { CATALOG, syncWaves, type AddonName } from '../../model';
import type { KubeObject } from '../../stacks/rendered';
import { selectedBy, syncedRunning } from '../helpers/addons';
import { exampleFleet, exampleSynth } from '../helpers/example';

const { rendered, files } = exampleSynth();
const objects = (dir: string): readonly KubeObject[] => rendered.units.find((u) => u.dir === dir)?.objects ?? [];
const appSets = objects('hub/addons').filter((o) => o.kind === 'ApplicationSet') as any[];
const allClusters = [exampleFleet.hub, ...exampleFleet.clusters];

describe('add-on ApplicationSets of the example fleet', () => {
  it('GIVEN the example WHEN synthesized THEN there is one ApplicationSet per add-on some cluster runs', () => {
    const used = [...new Set(allClusters.flatMap((c) => c.addons))].sort();
    expect(appSets.map((s) => s.metadata.name)).toEqual(used.map((name) => `addon-${name}`));
  });

  it.each(Object.keys(CATALOG).filter((name) => allClusters.some((c) => c.addons.includes(name as AddonName))) as AddonName[])(
    'GIVEN add-on %s WHEN its selector is applied to the registrations THEN it selects exactly the clusters that enable it',
    (name) => {
      expect(selectedBy(exampleSynth(), name, exampleFleet)).toEqual(syncedRunning(exampleFleet, name).map((c) => c.name).sort());
    },
  );

  it('GIVEN every add-on WHEN its Application template is rendered THEN it syncs in its wave, with the layered value files and the sync options its chart needs', () => {
    const waves = syncWaves(CATALOG);
    for (const set of appSets) {
      const name = set.metadata.name.slice('addon-'.length) as AddonName;
      const spec = CATALOG[name];
      const template = set.spec.template;
      expect(set.metadata.annotations['argocd.argoproj.io/sync-wave'], name).toBe(String(waves.get(name)));
      expect(template.metadata.annotations['argocd.argoproj.io/sync-wave'], name).toBe(String(waves.get(name)));
      expect(template.spec.destination, name).toEqual({ name: '{{ .name }}', namespace: spec.namespace });
      expect(template.spec.project, name).toBe('{{ index .metadata.labels "fleetwright.io/project" }}');
      // Argo CD orders no Applications: a dependent retries until its dependencies' CRDs exist.
      expect(template.spec.syncPolicy.retry, name).toEqual({ limit: -1, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } });
      const options: string[] = template.spec.syncPolicy.syncOptions;
      expect(options.includes('ServerSideApply=true'), name).toBe(spec.serverSideApply === true);
      expect(options.includes('RespectIgnoreDifferences=true'), name).toBe(spec.hpaManagedReplicas === true);
      expect(template.spec.ignoreDifferences, name).toEqual(spec.hpaManagedReplicas ? [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }] : undefined);
      const sources = template.spec.sources ?? [template.spec.source];
      const chart = sources.find((s: any) => s.chart);
      if (spec.chart) {
        expect(chart, name).toMatchObject({ repoURL: spec.chart.repoUrl, chart: spec.chart.chart, targetRevision: spec.chart.version });
        expect(chart.helm.releaseName, name).toBe(name);
        expect(chart.helm.valueFiles, name).toEqual([
          `$values/gitops/platform/${name}/base/values.yaml`,
          `$values/gitops/platform/${name}/overlays/{{ index .metadata.labels "env" }}/values.yaml`,
          `$values/gitops/clusters/{{ .name }}/addons/${name}/values.yaml`,
        ]);
        expect(files.has(`platform/${name}/base/values.yaml`), name).toBe(true);
      } else {
        expect(chart, name).toBeUndefined();
      }
    }
  });

  it('GIVEN every overlay a cluster of which runs an add-on WHEN synthesized THEN its values file exists, so no environment silently misses its layer', () => {
    for (const set of appSets) {
      const name = set.metadata.name.slice('addon-'.length) as AddonName;
      if (!CATALOG[name].chart) continue;
      for (const c of allClusters.filter((x) => x.addons.includes(name))) {
        const overlay = c.role === 'hub' ? 'hub' : c.environment;
        expect(files.has(`platform/${name}/overlays/${overlay}/values.yaml`), `${name} ${overlay}`).toBe(true);
      }
    }
  });

  it('GIVEN the projects WHEN synthesized THEN each environment may use the chart repositories of the add-ons its clusters run, and the hub has its own add-on project', () => {
    const projects = objects('hub/argocd').filter((o) => o.kind === 'AppProject') as any[];
    for (const env of exampleFleet.environments) {
      const repos: string[] = projects.find((p) => p.metadata.name === env.name).spec.sourceRepos;
      const used = exampleFleet.clusters.filter((c) => c.environment === env.name).flatMap((c) => c.addons).map((a) => CATALOG[a].chart?.repoUrl).filter(Boolean);
      for (const repo of used) expect(repos, env.name).toContain(repo);
    }
    const hubPlatform = projects.find((p) => p.metadata.name === 'hub-platform');
    // The hub itself, and Karmada's API server for the services Karmada propagates.
    expect(hubPlatform.spec.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: '*' }, { name: 'karmada', namespace: '*' }]);
    expect(hubPlatform.spec.sourceRepos).toEqual([...new Set([exampleFleet.repo.url, ...exampleFleet.hub.addons.flatMap((a) => (CATALOG[a].chart ? [CATALOG[a].chart!.repoUrl] : []))])].sort());
  });
});

describe('disaster-recovery copies of apps', () => {
  it('GIVEN prod-us-east-1 with the standby prod-us-west-2 WHEN synthesized THEN the standby gets the primary\'s apps at the DR replica count, and no regular copy', () => {
    const dr = objects('apps/payments-api').find((o) => o.kind === 'Application') as any;
    expect(dr.metadata.name).toBe('payments-api-prod-us-east-1-dr');
    expect(dr.spec.destination).toEqual({ name: 'prod-us-west-2', namespace: 'payments' });
    expect(dr.spec.sources[0].path).toBe('deploy/overlays/prod');
    expect(dr.spec.sources[0].kustomize.patches).toEqual([{ target: { group: 'apps', kind: 'Deployment' }, patch: '[{"op":"add","path":"/spec/replicas","value":1}]' }]);
    // The copy's namespace gets the app's default-deny NetworkPolicy, as the primary's does.
    expect(dr.spec.sources[1]).toEqual({ repoURL: 'https://github.com/acme/fleet.git', targetRevision: 'main', path: 'gitops/apps/payments-api/network-policy' });
    const set = objects('apps/payments-api').find((o) => o.kind === 'ApplicationSet') as any;
    expect(set.spec.generators[0].clusters.selector.matchExpressions).toContainEqual({ key: 'fleetwright.io/standby', operator: 'DoesNotExist' });
  });
});

describe('hub monitoring of Argo CD', () => {
  it('GIVEN a hub that runs kube-prometheus-stack WHEN synthesized THEN its Prometheus scrapes Argo CD\'s application metrics for the fleet dashboard', () => {
    const monitor = objects('hub/argocd').find((o) => o.kind === 'ServiceMonitor') as any;
    expect(monitor.metadata).toMatchObject({ name: 'argocd-metrics', namespace: 'argocd', labels: { release: 'kube-prometheus-stack' } });
    expect(monitor.spec).toEqual({
      endpoints: [{ port: 'metrics' }],
      namespaceSelector: { matchNames: ['argocd'] },
      selector: { matchLabels: { 'app.kubernetes.io/name': 'argocd-metrics' } },
    });
  });
});

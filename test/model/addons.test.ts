import { describe, expect, it } from 'vitest';
import { CATALOG, checkFleet, resolveFleet, syncWaves, type Catalog } from '../../model';
import { mutableDefinition } from '../helpers/definitions';

function problemsOf(mutate: (d: any) => void, catalog?: Catalog): string[] {
  const d = mutableDefinition();
  mutate(d);
  return checkFleet(d, { catalog }).problems.map((p) => p.message);
}

describe('add-on rules', () => {
  it('GIVEN thanos without its dependencies WHEN checked THEN each missing dependency names both add-ons, once for all clusters of the environment', () => {
    expect(problemsOf((d) => {
      d.platform = { thanos: { sidecarEndpoint: '{cluster}.thanos.acme.io:10901' } };
      d.environments.prod.addons = { thanos: true };
    })).toEqual([
      'hub.addons.thanos is not enabled, but environments.prod.addons.thanos enables "thanos" for prod-eks (and 3 more clusters): the hub\'s Thanos Query reads their sidecars and its store gateway reads their bucket through the hub\'s own thanos-objstore Secret; enable thanos on the hub (with kube-prometheus-stack and external-secrets, which it needs)',
      'environments.prod.addons.thanos enables "thanos", which depends on "kube-prometheus-stack", but prod-eks (and 3 more clusters) do not run "kube-prometheus-stack"; enable "kube-prometheus-stack" there too, or disable "thanos"',
      'environments.prod.addons.thanos enables "thanos", which depends on "external-secrets", but prod-eks (and 3 more clusters) do not run "external-secrets"; enable "external-secrets" there too, or disable "thanos"',
    ]);
  });

  it('GIVEN an add-on whose fleet-wide settings are missing WHEN checked THEN one problem names the setting and counts the clusters', () => {
    expect(problemsOf((d) => {
      d.environments.prod.addons = { 'cert-manager': true };
    })).toEqual([
      'platform.certManager is missing, but environments.prod.addons["cert-manager"] enables "cert-manager" (and 3 more clusters do), which needs it; set platform.certManager',
    ]);
  });

  it('GIVEN add-ons that call AWS WHEN a cluster has neither IRSA nor External Secrets THEN the fix says which to enable, and EKS needs the role pattern', () => {
    expect(problemsOf((d) => {
      d.platform = { externalDns: { domainFilters: ['acme.io'] } };
      d.clusters[1].addons = { cilium: true, 'external-dns': true };
      d.clusters[2].addons = { 'external-dns': true };
    })).toEqual([
      'clusters[1].addons["external-dns"] enables "external-dns", which calls AWS; without IAM roles for service accounts (provider "capi-docker") its credentials come through External Secrets, which dev-docker does not run; enable "external-secrets" there too',
      'platform.irsaRoleArn is missing, but clusters[2].addons["external-dns"] enables "external-dns" on EKS, which reaches AWS through an IAM role for its service account; set a pattern like "arn:aws:iam::111122223333:role/{cluster}-{addon}"',
    ]);
  });

  it('GIVEN a kubeadm cluster without Cilium WHEN checked THEN it is refused: it would have no pod network', () => {
    expect(problemsOf((d) => (d.clusters[0].addons = { cilium: false }))).toEqual([
      'clusters[0].addons.cilium is not enabled, but a "capi-aws" cluster (dev-aws) has no pod network until a CNI runs; enable cilium for it or for its environment',
    ]);
  });

  it('GIVEN a catalog with a dependency cycle WHEN checked THEN the cycle is named', () => {
    const catalog = {
      ...CATALOG,
      'cert-manager': { ...CATALOG['cert-manager'], dependsOn: [CATALOG.kyverno] },
      kyverno: { ...CATALOG.kyverno, dependsOn: [CATALOG['cert-manager']] },
    } as Catalog;
    expect(problemsOf(() => {}, catalog)).toEqual([
      '(add-on catalog) add-on "cert-manager" depends on "kyverno", and "kyverno" depends on "cert-manager": a dependency cycle; remove one of these dependencies',
    ]);
  });

  it('GIVEN an option only environments may set WHEN a cluster sets it THEN the fix points at the environment', () => {
    const catalog = { ...CATALOG, 'argo-rollouts': { ...CATALOG['argo-rollouts'], environmentOnlyOptions: ['values'] } } as Catalog;
    expect(problemsOf((d) => (d.clusters[2].addons = { 'argo-rollouts': { values: { a: 1 } } }), catalog)).toEqual([
      'clusters[2].addons["argo-rollouts"].values is set on a cluster, but "argo-rollouts" reads values per environment (the objects it shapes are shared by the environment\'s clusters); set environments.prod.addons.argo-rollouts.values instead',
    ]);
  });

  it('GIVEN options at both levels WHEN resolved THEN options merge field by field, false switches off, and values stay per level', () => {
    const d = mutableDefinition();
    d.environments.prod.addons = { 'argo-rollouts': { values: { controller: { replicas: 2 } } }, 'ingress-nginx': true };
    d.clusters[2].addons = { 'argo-rollouts': { values: { dashboard: { enabled: true } } }, 'ingress-nginx': false };
    const fleet = resolveFleet(d);
    const c = fleet.clusters.find((x) => x.name === 'prod-eks')!;
    expect(c.addons).toEqual(['argo-rollouts']);
    expect(c.addonValues).toEqual({ 'argo-rollouts': { dashboard: { enabled: true } } });
    expect(fleet.environments[1]!.addonValues).toEqual({ 'argo-rollouts': { controller: { replicas: 2 } } });
    expect(fleet.clusters.find((x) => x.name === 'prod-pulumi')!.addons).toEqual(['argo-rollouts', 'ingress-nginx']);
  });

  it('GIVEN the catalog WHEN waves are computed THEN an add-on syncs after everything it depends on', () => {
    const waves = syncWaves(CATALOG);
    expect(waves.get('kube-prometheus-stack')).toBe(0);
    expect(waves.get('external-secrets')).toBe(0);
    expect(waves.get('thanos')).toBe(1);
    for (const spec of Object.values(CATALOG)) {
      for (const dep of spec.dependsOn) expect(waves.get(spec.name)!, `${spec.name} after ${dep.name}`).toBeGreaterThan(waves.get(dep.name)!);
    }
  });
});

describe('disaster-recovery rules', () => {
  it.each<[string, (d: any) => void, string[]]>([
    ['a partner that does not exist', (d) => (d.clusters[2].drPartner = 'nope'), [
      'clusters[2].drPartner "nope" is not a cluster of the fleet; use one of the standby clusters',
    ]],
    ['a partner that is not a standby', (d) => (d.clusters[2].drPartner = 'prod-pulumi'), [
      "clusters[2].drPartner \"prod-pulumi\" is not a standby cluster, so it would run prod-eks's apps twice; set standby: true on clusters[3] (prod-pulumi), or name a standby cluster",
    ]],
    ['the cluster itself', (d) => (d.clusters[2].drPartner = 'prod-eks'), [
      'clusters[2].drPartner "prod-eks" is the cluster itself; name another cluster, marked standby: true',
    ]],
    ['a standby with a partner', (d) => { d.clusters[3].standby = true; d.clusters[3].drPartner = 'prod-eks'; d.clusters[2].standby = true; }, [
      'clusters[3].drPartner "prod-eks" is set on a standby cluster; a standby takes over for others; remove drPartner here',
    ]],
  ])('GIVEN %s WHEN checked THEN it is refused', (_t, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expected);
  });

  it('GIVEN two primaries of one standby running the same app WHEN checked THEN their DR copies would collide', () => {
    expect(problemsOf((d) => {
      // Failover alerting needs metrics on the hub and on both sides.
      d.platform = { thanos: { sidecarEndpoint: '{cluster}.thanos.acme.io:10901' }, externalSecrets: { store: { kind: 'vault', server: 'https://vault.acme.io' } } };
      const metrics = { 'kube-prometheus-stack': true, thanos: true, 'external-secrets': true };
      d.hub.addons = metrics;
      d.environments.prod.addons = metrics;
      d.clusters[3].standby = true;
      d.clusters[2].drPartner = 'prod-pulumi';
      d.clusters[4].drPartner = 'prod-pulumi';
      d.apps = [{ name: 'shop', repoUrl: 'https://git.example.com/shop.git', path: 'deploy/{env}', namespace: 'shop', environments: ['prod'] }];
    })).toEqual([
      'apps[0].name "shop" runs on prod-eks and prod-existing, which share the standby prod-pulumi: their DR copies would deploy the same objects to namespace shop there; give these primaries different standbys, or limit the app\'s environments',
    ]);
  });

  it('GIVEN an app named after an add-on WHEN checked THEN it is refused', () => {
    expect(problemsOf((d) => (d.apps = [{ name: 'velero', repoUrl: 'https://git.example.com/v.git', path: 'p', namespace: 'v' }]))).toEqual([
      'apps[0].name "velero" is the name of an add-on, so their Applications would clash; rename the app',
    ]);
  });
});

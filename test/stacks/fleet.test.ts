import { describe, expect, it } from 'vitest';
import { pulumiClusterSecret } from '../../constructs/argocd/cluster-secret';
import type { KubeObject } from '../../stacks/rendered';
import { exampleFleet, exampleSynth, testFleet, testSynth } from '../helpers/example';

describe.each([
  ['the example fleet', exampleFleet, exampleSynth],
  ['the test fleet with every provider', testFleet, testSynth],
])('fleet-wide properties of %s', (_name, fleet, synth) => {
  const { rendered, files } = synth();
  const unit = (dir: string) => rendered.units.find((u) => u.dir === dir);
  const objects = (dir: string): readonly KubeObject[] => unit(dir)?.objects ?? [];

  it('GIVEN every spoke synced by GitOps WHEN synthesized THEN it is registered with its labels, annotations and Argo CD secret type, in the tree or by its Pulumi stack; a Pulumi-delivered spoke is not registered', () => {
    const registrations = objects('hub/registration');
    for (const cluster of fleet.clusters) {
      const reg = registrations.find((o) => o.metadata.name === `cluster-${cluster.name}`);
      if (cluster.delivery === 'pulumi') {
        // Its stack applies its objects; registering it would let the ApplicationSets sync it too.
        expect(reg, cluster.name).toBeUndefined();
        continue;
      }
      if (cluster.registration.kind === 'pulumi') {
        // The stack that creates the cluster registers it, with the same metadata.
        expect(reg, cluster.name).toBeUndefined();
        const meta = pulumiClusterSecret(cluster, fleet.argocd.namespace).metadata;
        expect(meta.name, cluster.name).toBe(`cluster-${cluster.name}`);
        expect(meta.labels, cluster.name).toEqual({ ...cluster.labels, 'argocd.argoproj.io/secret-type': 'cluster' });
        expect(meta.annotations, cluster.name).toEqual(cluster.annotations);
        continue;
      }
      expect(reg, cluster.name).toBeDefined();
      const meta = reg!.kind === 'Secret' ? reg!.metadata : (reg!.spec as any).target.template.metadata;
      expect(meta.labels, cluster.name).toEqual({ ...cluster.labels, 'argocd.argoproj.io/secret-type': 'cluster', ...(reg!.kind === 'Secret' ? { 'app.kubernetes.io/managed-by': 'fleetwright' } : {}) });
      expect(meta.annotations, cluster.name).toEqual(cluster.annotations);
    }
    // Plus the hub's own (in-cluster) registration and, with services Karmada propagates, Karmada's API server.
    const karmada = fleet.services.some((s) => s.delivery === 'karmada') ? 1 : 0;
    const inTree = fleet.clusters.filter((c) => c.registration.kind !== 'pulumi' && c.delivery === 'gitops');
    expect(fleet.clusters.length - inTree.length).toBeGreaterThan(0);
    expect(registrations.filter((o) => o.kind === 'Secret' || o.kind === 'ExternalSecret')).toHaveLength(inTree.length + 1 + karmada);
    const hub = registrations.find((o) => o.metadata.name === `cluster-${fleet.hub.name}`)!;
    expect(hub.kind).toBe('Secret');
    expect((hub as any).stringData).toEqual({ name: fleet.hub.name, server: 'https://kubernetes.default.svc', config: '{"tlsClientConfig":{"insecure":false}}' });
    expect(hub.metadata.labels).toEqual({ ...fleet.hub.labels, 'argocd.argoproj.io/secret-type': 'cluster', 'app.kubernetes.io/managed-by': 'fleetwright' });
  });

  it('GIVEN every spoke WHEN synthesized THEN its entry folder includes its environment overlay and the path the registration points at exists', () => {
    for (const cluster of fleet.clusters) {
      const entry = unit(`clusters/${cluster.name}`)!;
      expect(entry.includes, cluster.name).toEqual([`platform/cluster-config/overlays/${cluster.environment}`]);
      const folder = cluster.annotations['fleetwright.io/cluster-path']!.slice(fleet.repo.path.length ? fleet.repo.path.length + 1 : 0);
      expect(files.has(`${folder}/kustomization.yaml`), cluster.name).toBe(true);
    }
  });

  it("GIVEN every environment WHEN synthesized THEN its AppProject allows exactly its clusters and the fleet's repositories", () => {
    for (const env of fleet.environments.filter((e) => e.clusters.length > 0)) {
      const project = objects('hub/argocd').find((o) => o.kind === 'AppProject' && o.metadata.name === env.name)!;
      expect((project.spec as any).destinations).toEqual(env.clusters.map((name) => ({ name, namespace: '*' })));
      expect((project.spec as any).sourceRepos).toContain(fleet.repo.url);
    }
  });

  it('GIVEN every cluster WHEN synthesized THEN it has Cluster API objects exactly when its provider is a Cluster API provider', () => {
    for (const cluster of [fleet.hub, ...fleet.clusters]) {
      const capi = cluster.provider.kind.startsWith('capi-');
      expect(unit(`hub/cluster-api/${cluster.name}`) !== undefined, cluster.name).toBe(capi);
      if (capi) {
        const clusterObject = objects(`hub/cluster-api/${cluster.name}`).find((o) => o.kind === 'Cluster')!;
        expect((clusterObject.spec as any).clusterNetwork.services.cidrBlocks).toEqual([cluster.network.serviceCidr]);
      }
    }
  });

  it('GIVEN protected clusters WHEN synthesized THEN none of their Cluster API objects can be pruned or deleted by Argo CD', () => {
    for (const cluster of fleet.clusters.filter((c) => c.protected && c.provider.kind.startsWith('capi-'))) {
      for (const o of objects(`hub/cluster-api/${cluster.name}`)) {
        expect(o.metadata.annotations?.['argocd.argoproj.io/sync-options'], `${cluster.name} ${o.kind}`).toBe('Prune=false,Delete=false');
      }
    }
  });

  it('GIVEN the tree WHEN synthesized THEN every object carries the managed-by label and every folder with objects has a kustomization', () => {
    for (const u of rendered.units) {
      expect(files.has(`${u.dir}/kustomization.yaml`), u.dir).toBe(u.kustomization);
      if (u.objects.length > 0 || u.includes.length > 0) expect(u.kustomization, u.dir).toBe(true);
      for (const o of u.objects) expect(o.metadata.labels?.['app.kubernetes.io/managed-by'], `${u.dir} ${o.kind}/${o.metadata.name}`).toBe('fleetwright');
    }
  });
});

describe('the example tree', () => {
  const { files } = exampleSynth();

  it('GIVEN the example fleet WHEN synthesized THEN the hub entry point and the cluster-config ApplicationSet look like this', () => {
    expect(files.get('clusters/management/kustomization.yaml')).toMatchSnapshot();
    expect(files.get('hub/kustomization.yaml')).toMatchSnapshot();
    expect(files.get('hub/argocd/applicationset-cluster-config.yaml')).toMatchSnapshot();
    expect(files.get('hub/argocd/application-fleet-root.yaml')).toMatchSnapshot();
    expect(files.get('apps/payments-api/applicationset-payments-api.yaml')).toMatchSnapshot();
  });
});

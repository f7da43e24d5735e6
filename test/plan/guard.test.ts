import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkFleet, resolveFleet } from '../../model';
import { formatManifest, MANIFEST_PATH, manifestFor, parseManifest, type Manifest } from '../../outputs/gitops/manifest';
import { ClusterRemovalError, refusedRemovals } from '../../outputs/plan';
import { synthesizeTo } from '../../outputs/synth';
import { appsDefinition } from '../helpers/app-definitions';
import { mutableDefinition, validDefinition } from '../helpers/definitions';
import { readTree, tempDir } from '../helpers/tmp';

const OPT_IN = 'removing it needs the explicit opt-in: keep its entry in clusters with decommission: true (its objects and folders then leave the tree), and delete the entry after that synth';

describe('synth: the guard against removing production or protected clusters', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir('fleetwright-guard-')));
  afterEach(() => cleanup());

  /** The test fleet written into `dir`, then its manifest edited as `edit` says. */
  function written(edit: (m: Manifest) => Manifest = (m) => m) {
    synthesizeTo(resolveFleet(validDefinition()), dir);
    const file = path.join(dir, MANIFEST_PATH);
    fs.writeFileSync(file, formatManifest(edit(parseManifest(fs.readFileSync(file, 'utf8'), file))));
    return readTree(dir);
  }

  it('GIVEN a manifest WHEN written THEN it records each cluster\'s tier', () => {
    expect(manifestFor(resolveFleet(validDefinition()), []).clusters.find((c) => c.name === 'prod-eks')).toEqual({ name: 'prod-eks', environment: 'prod', protected: true, tier: 'production' });
  });

  it('GIVEN a production cluster the output folder holds WHEN the definition drops it THEN synth refuses, naming the cluster and the opt-in, and writes nothing', () => {
    const before = written();
    const d = mutableDefinition();
    d.clusters = d.clusters.filter((c: any) => c.name !== 'prod-eks');
    expect(() => synthesizeTo(resolveFleet(d), dir)).toThrow(
      new ClusterRemovalError([{ name: 'prod-eks', environment: 'prod', production: true, protected: true }], `${dir}/`),
    );
    try {
      synthesizeTo(resolveFleet(d), dir);
    } catch (e) {
      expect((e as Error).message).toBe(`refusing to remove 1 production or protected cluster that ${dir}/ holds:\n  ✖ cluster prod-eks (environment prod, production, protected) is no longer in the definition; ${OPT_IN}`);
    }
    expect(readTree(dir)).toEqual(before);
  });

  it('GIVEN a manifest written before tiers were recorded WHEN a protected cluster is dropped THEN it is refused as protected', () => {
    written((m) => ({ ...m, clusters: m.clusters.map(({ tier: _tier, ...c }) => c) }));
    const d = mutableDefinition();
    d.clusters = d.clusters.filter((c: any) => c.name !== 'prod-other');
    expect(() => synthesizeTo(resolveFleet(d), dir)).toThrow(`  ✖ cluster prod-other (environment prod, protected) is no longer in the definition; ${OPT_IN}`);
  });

  it('GIVEN a production cluster that is not protected WHEN dropped THEN it is refused as production', () => {
    written((m) => ({ ...m, clusters: m.clusters.map((c) => (c.name === 'prod-other' ? { ...c, protected: false } : c)) }));
    const d = mutableDefinition();
    d.clusters = d.clusters.filter((c: any) => c.name !== 'prod-other');
    expect(() => synthesizeTo(resolveFleet(d), dir)).toThrow(`  ✖ cluster prod-other (environment prod, production) is no longer in the definition; ${OPT_IN}`);
  });

  it('GIVEN a non-production cluster WHEN dropped THEN synth removes its files without asking', () => {
    written();
    const d = mutableDefinition();
    d.clusters = d.clusters.filter((c: any) => c.name !== 'dev-docker');
    const { result } = synthesizeTo(resolveFleet(d), dir);
    expect(result.removed).toContain('clusters/dev-docker/kustomization.yaml');
    expect(fs.existsSync(path.join(dir, 'hub/cluster-api/dev-docker'))).toBe(false);
  });

  it('GIVEN decommission: true WHEN synthesized THEN the cluster\'s files leave the tree, and the entry can then be deleted', () => {
    written();
    const d = mutableDefinition();
    d.clusters.find((c: any) => c.name === 'prod-eks').decommission = true;
    const { result, manifest } = synthesizeTo(resolveFleet(d), dir);
    expect(result.removed.filter((f) => f.includes('prod-eks'))).toEqual([
      'clusters/prod-eks/configmap-fleet-cluster.yaml',
      'clusters/prod-eks/kustomization.yaml',
      'hub/cluster-api/prod-eks/awsmanagedcluster-prod-eks.yaml',
      'hub/cluster-api/prod-eks/awsmanagedcontrolplane-prod-eks.yaml',
      'hub/cluster-api/prod-eks/awsmanagedmachinepool-prod-eks-general.yaml',
      'hub/cluster-api/prod-eks/cluster-prod-eks.yaml',
      'hub/cluster-api/prod-eks/clusterresourceset-prod-eks-argocd-access.yaml',
      'hub/cluster-api/prod-eks/configmap-prod-eks-argocd-access.yaml',
      'hub/cluster-api/prod-eks/kustomization.yaml',
      'hub/cluster-api/prod-eks/machinepool-prod-eks-general.yaml',
      'hub/registration/externalsecret-cluster-prod-eks.yaml',
    ]);
    expect(manifest.clusters.map((c) => c.name)).not.toContain('prod-eks');
    d.clusters = d.clusters.filter((c: any) => c.name !== 'prod-eks');
    expect(synthesizeTo(resolveFleet(d), dir).result).toEqual({ written: [], removed: [], unchanged: expect.any(Number) });
  });

  it('GIVEN previous clusters and a fleet WHEN checked THEN kept and decommissioned clusters pass and only guarded ones are refused', () => {
    const fleet = resolveFleet(validDefinition());
    expect(refusedRemovals([
      { name: 'prod-eks', environment: 'prod', protected: true, tier: 'production' },
      { name: 'gone-dev', environment: 'dev', protected: false, tier: 'non-production' },
      { name: 'gone-prod', environment: 'prod', protected: false, tier: 'production' },
    ], fleet)).toEqual([{ name: 'gone-prod', environment: 'prod', production: true, protected: false }]);
  });
});

describe('model: decommission', () => {
  it('GIVEN clusters marked decommission: true WHEN resolved THEN they leave the clusters, environments and waves and are listed as decommissioned', () => {
    const d = mutableDefinition();
    d.clusters.find((c: any) => c.name === 'prod-pulumi').decommission = true;
    d.clusters.find((c: any) => c.name === 'dev-docker').decommission = false;
    const fleet = resolveFleet(d);
    expect(fleet.decommissioned).toEqual([{ name: 'prod-pulumi', environment: 'prod' }]);
    expect(fleet.clusters.map((c) => c.name)).toEqual(['dev-aws', 'dev-docker', 'prod-eks', 'prod-existing', 'prod-other']);
    expect(fleet.environments.find((e) => e.name === 'prod')!.clusters).toEqual(['prod-eks', 'prod-existing', 'prod-other']);
    expect(fleet.rollout.waves.flatMap((w) => w.clusters)).not.toContain('prod-pulumi');
  });

  it('GIVEN a decommissioned cluster still named by an app, previews or a primary WHEN checked THEN each reference is a problem naming the opt-in', () => {
    const d = appsDefinition() as any;
    d.clusters.find((c: any) => c.name === 'prod-standby').decommission = true;
    d.clusters.find((c: any) => c.name === 'dev-aws').decommission = true;
    d.apps.find((a: any) => a.clusters)!.clusters = ['prod-eks', 'dev-aws'];
    const { problems } = checkFleet(d);
    expect(problems.map((p) => p.message)).toEqual(expect.arrayContaining([
      'clusters[2].drPartner "prod-standby" is being decommissioned (clusters[6].decommission is true), so nothing is rendered for it; name another standby cluster, or remove drPartner',
      expect.stringMatching(/^apps\[\d\]\.clusters\[1\] "dev-aws" is being decommissioned \(clusters\[0\]\.decommission is true\), so nothing is rendered for it; remove it from the list$/),
      expect.stringMatching(/^apps\[\d\]\.previews\.cluster "dev-aws" is being decommissioned \(clusters\[0\]\.decommission is true\), so nothing is rendered for it; name another cluster for the previews$/),
    ]));
    expect(problems.filter((p) => p.message.includes('is not a cluster of the fleet'))).toEqual([]);
  });

  it('GIVEN decommission set on an environment WHEN checked THEN it is an unknown field', () => {
    const d = mutableDefinition();
    d.environments.prod.decommission = true;
    expect(checkFleet(d).problems.map((p) => p.message)).toEqual(['environments.prod.decommission is not a known field; remove it']);
  });
});

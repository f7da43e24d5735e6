/**
 * folderObjects: the objects of a folder as `kubectl kustomize` builds them,
 * from the rendered units alone. Checked against kubectl for every folder a
 * cluster receives in every fleet of the tests, and on the assumption that
 * makes it possible: the tree's kustomizations list resources and nothing else.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { KUSTOMIZATION } from '../../outputs/gitops/tree';
import { clusterDelivery, folderBuild, folderObjects } from '../../stacks/delivery';
import type { KubeObject, Unit } from '../../stacks/rendered';
import { announceSkip, conformanceRequired, kubectlTool } from '../helpers/conformance';
import { DELIVERY_FLEET_NAMES, deliveryFleet } from '../helpers/delivery-fleets';
import { tempDir } from '../helpers/tmp';

const tool = kubectlTool();
announceSkip('folderObjects against kubectl kustomize', tool);

/** A unit of a synthetic tree. */
function unit(dir: string, includes: string[], objects: KubeObject[] = [], extras: Partial<Unit> = {}): Unit {
  return { dir, target: { scope: 'shared' }, objects, includes, files: [], kustomization: true, ...extras };
}

function configMap(name: string, namespace?: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(namespace === undefined ? {} : { namespace }) } };
}

/** Sorted keys at every depth, so equal objects print equally. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

const asSet = (objects: readonly unknown[]) => objects.map((o) => JSON.stringify(canonical(o))).sort();

/** Every folder component of every cluster of the fleet. */
function deliveredFolders(name: string): string[] {
  const { fleet, output } = deliveryFleet(name);
  const folders = new Set<string>();
  for (const cluster of [fleet.hub, ...fleet.clusters]) {
    for (const c of clusterDelivery(fleet, output.rendered.units, cluster).components) if (c.kind === 'folder') folders.add(c.folder);
  }
  return [...folders].sort();
}

describe('folderObjects: the rendered tree is kustomize-buildable by following includes', () => {
  it.each(DELIVERY_FLEET_NAMES)('GIVEN %s WHEN every kustomization.yaml is read THEN it lists resources and nothing else (no patches, generators or transformers)', (name) => {
    const { output } = deliveryFleet(name);
    const shapes = new Set<string>();
    for (const [file, content] of output.files) {
      if (path.posix.basename(file) === KUSTOMIZATION) shapes.add(Object.keys(parse(content) as object).sort().join(','));
    }
    expect([...shapes]).toEqual(['apiVersion,kind,metadata,resources']);
    expect(new Set(output.rendered.units.map((u) => Object.keys(u).sort().join(',')))).toEqual(new Set(['dir,files,includes,kustomization,objects,target']));
  });

  it('GIVEN the example fleet WHEN a spoke\'s entry folder is built THEN it holds the base\'s Namespace, the environment overlay\'s ConfigMap and its own, in include order', () => {
    const { output } = deliveryFleet('the example fleet');
    const built = folderBuild(output.rendered.units, 'clusters/dev-us-east-1').map((e) => [e.folder, `${e.object.kind} ${e.object.metadata.name}`]);
    expect(built).toEqual([
      ['platform/cluster-config/base', 'Namespace fleet-system'],
      ['platform/cluster-config/overlays/dev', 'ConfigMap fleet-environment'],
      ['clusters/dev-us-east-1', 'ConfigMap fleet-cluster'],
    ]);
  });

  it('GIVEN the example fleet WHEN the hub\'s entry folder is built THEN it holds the objects of the hub\'s folders, the apps\' and the services\', never Karmada\'s', () => {
    const { output } = deliveryFleet('the example fleet');
    const folders = new Set(folderBuild(output.rendered.units, 'clusters/management').map((e) => e.folder));
    // The Cluster API folders the hub's tree applies: those of clusters GitOps delivers, not dev's (its stack applies them).
    const clusterApi = output.rendered.units.find((u) => u.dir === 'hub/cluster-api')!.includes;
    expect(clusterApi).toContain('hub/cluster-api/staging-us-east-1');
    expect(clusterApi).not.toContain('hub/cluster-api/dev-us-east-1');
    expect([...folders].sort()).toEqual(
      ['apps/payments-api', 'apps/web', 'hub/addons', 'hub/addons/thanos', 'hub/argocd', 'hub/cluster-api', ...clusterApi, 'hub/registration', 'services'].sort(),
    );
  });

  it('GIVEN a folder built twice from the same units WHEN compared THEN the results are equal and in the same order', () => {
    const { output } = deliveryFleet('the example fleet');
    expect(folderObjects(output.rendered.units, 'clusters/management')).toEqual(folderObjects([...output.rendered.units], 'clusters/management'));
  });
});

describe('folderObjects refuses what kustomize refuses', () => {
  it('GIVEN a base included through two overlays WHEN the folder is built THEN the duplicate object is refused, naming both paths', () => {
    const units = [unit('top', ['a', 'b']), unit('a', ['base']), unit('b', ['base']), unit('base', [], [configMap('settings', 'apps')])];
    expect(() => folderObjects(units, 'top')).toThrow(
      'folderObjects: building top reaches v1 ConfigMap apps/settings twice in base; kustomize refuses an object that reaches a build twice ("may not add resource with an already registered id"): include the folder that holds it once, or give the objects distinct names',
    );
  });

  it('GIVEN two folders with the same object, one without a namespace WHEN built together THEN it is refused, as kustomize takes no namespace for "default"', () => {
    const units = [unit('top', ['a', 'b']), unit('a', [], [configMap('settings')]), unit('b', [], [configMap('settings', 'default')])];
    expect(() => folderObjects(units, 'top')).toThrow(
      'folderObjects: building top reaches v1 ConfigMap default/settings from a and from b; kustomize refuses an object that reaches a build twice ("may not add resource with an already registered id"): include the folder that holds it once, or give the objects distinct names',
    );
  });

  it('GIVEN folders that include each other WHEN built THEN the cycle is refused', () => {
    const units = [unit('a', ['b']), unit('b', ['c']), unit('c', ['a'])];
    expect(() => folderObjects(units, 'a')).toThrow('folderObjects: the includes a → b → c → a form a cycle, which kustomize refuses ("cycle detected"); remove one of them');
  });

  it('GIVEN an include of a folder that is not rendered WHEN built THEN it is refused, naming the including folder', () => {
    expect(() => folderObjects([unit('a', ['gone'])], 'a')).toThrow('folderObjects: a includes "gone", which is not a folder of the rendered tree; render that folder or drop the include');
    expect(() => folderObjects([unit('a', [])], 'elsewhere')).toThrow('folderObjects: "elsewhere" is not a folder of the rendered tree; pass a folder the stacks render (a Unit\'s dir)');
  });

  it('GIVEN a folder of value files only WHEN built or included THEN it is refused: it has no kustomization.yaml', () => {
    const units = [unit('a', ['values']), unit('values', [], [], { kustomization: false })];
    expect(() => folderObjects(units, 'a')).toThrow('folderObjects: values is included by a, but is a folder of value files without a kustomization.yaml, which kustomize cannot build; build a folder that has one');
    expect(() => folderObjects(units, 'values')).toThrow('folderObjects: values is a folder of value files without a kustomization.yaml, which kustomize cannot build; build a folder that has one');
  });

  it('GIVEN a unit that gained a field the build does not reproduce WHEN built THEN it is refused rather than ignored', () => {
    const patched = { ...unit('a', [], [configMap('settings', 'apps')]), patches: [{ target: { kind: 'ConfigMap' }, patch: '[]' }] } as Unit;
    expect(() => folderObjects([patched], 'a')).toThrow(
      'folderObjects: a has "patches", which the build does not reproduce (it follows resources and includes only); teach folderObjects (stacks/delivery/folders.ts) what the field does to the objects before rendering it',
    );
  });
});

function kustomize(dir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('kubectl', ['kustomize', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!tool.available && !conformanceRequired)('conformance: folderObjects equals kubectl kustomize', () => {
  const { dir, cleanup } = tempDir('fleetwright-delivery-');
  afterAll(cleanup);

  it.each(DELIVERY_FLEET_NAMES)('GIVEN %s WHEN every folder a cluster receives is built by kubectl THEN folderObjects gives the same objects', async (name) => {
    const { output } = deliveryFleet(name);
    const out = path.join(dir, name.replace(/\W+/g, '-'));
    for (const [file, content] of output.files) {
      fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
      fs.writeFileSync(path.join(out, file), content);
    }
    const folders = deliveredFolders(name);
    expect(folders.length).toBeGreaterThan(1);
    const differences: string[] = [];
    for (let i = 0; i < folders.length; i += 8) {
      const batch = folders.slice(i, i + 8);
      const builds = await Promise.all(batch.map((f) => kustomize(path.join(out, f))));
      builds.forEach((build, j) => {
        const folder = batch[j]!;
        if (build.code !== 0) {
          differences.push(`${folder}: kubectl kustomize failed: ${build.stderr.trim()}`);
          return;
        }
        const expected = parseAllDocuments(build.stdout).map((d) => d.toJS()).filter((o) => o !== null);
        if (JSON.stringify(asSet(folderObjects(output.rendered.units, folder))) !== JSON.stringify(asSet(expected))) differences.push(`${folder}: the objects differ`);
      });
    }
    expect(differences).toEqual([]);
  });
});

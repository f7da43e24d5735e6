/**
 * The tree's file names and kustomizations: objects named after kind and
 * name (with the namespace when two would share a file), and includes
 * written relative to the folder.
 */
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relativeFolder, treeDocuments } from '../../outputs/gitops/tree';
import type { KubeObject, Unit } from '../../stacks/rendered';

const configMap = (name: string, namespace?: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(namespace ? { namespace } : {}) } });
const unit = (dir: string, objects: KubeObject[], includes: string[] = []): Unit => ({ dir, target: { scope: 'shared' }, objects, includes, files: [], kustomization: true });

describe('GIVEN folders of objects', () => {
  it('WHEN their documents are made THEN each object is <kind>-<name>.yaml, with the namespace only where two would share a name', () => {
    const docs = treeDocuments({ units: [unit('a', [configMap('x', 'one'), configMap('x', 'two'), configMap('y'), { ...configMap('z'), kind: 'Namespace' }])] });
    expect(docs.map((d) => d.path)).toEqual(['a/configmap-one-x.yaml', 'a/configmap-two-x.yaml', 'a/configmap-y.yaml', 'a/namespace-z.yaml', 'a/kustomization.yaml']);
  });

  it('WHEN a folder includes folders below it, beside it and by an unusual path THEN its kustomization lists each relative to it, then its files sorted', () => {
    const docs = treeDocuments({ units: [unit('hub/apps', [configMap('b'), configMap('a')], ['hub/apps/one', 'hub/other', 'hub/apps/./two', 'hub/apps/three/', 'hub/apps-x'])] });
    expect(docs.at(-1)).toEqual({
      path: 'hub/apps/kustomization.yaml',
      data: {
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        metadata: { name: 'hub-apps' },
        resources: ['one', '../other', 'two', 'three', '../apps-x', 'configmap-a.yaml', 'configmap-b.yaml'],
      },
    });
  });

  it('WHEN two objects would still share a file THEN the error names the folder and the file', () => {
    expect(() => treeDocuments({ units: [unit('a', [configMap('x', 'one'), configMap('x', 'one')])] })).toThrow(
      'two objects in a would be written to configmap-one-x.yaml; objects in one folder need distinct kinds, names or namespaces',
    );
  });
});

describe('GIVEN two folders of the tree', () => {
  it.each([
    ['hub/apps', 'hub/apps/one'],
    ['hub/apps', 'hub/other/x'],
    ['clusters/prod-a', 'platform/cert-manager/overlays/prod'],
    ['a/b/c', 'a'],
    ['a', 'a'],
    ['a/b', 'a/bc'],
    ['a/./b', 'a/c'],
    ['a/b', 'a/../c'],
    ['a/b/', 'a/c//d'],
    ['..a/b', 'a/...'],
  ])('WHEN %s includes %s THEN the include is what path.posix.relative gives', (from, to) => {
    expect(relativeFolder(from, to)).toBe(path.posix.relative(from, to));
  });

  it('WHEN folders are any paths of a few segments (dots and empty ones included) THEN the include is what path.posix.relative gives', () => {
    const segment = fc.constantFrom('a', 'b', 'ab', '.', '..', '', '...', 'a.b');
    const folder = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    fc.assert(fc.property(folder, folder, (from, to) => relativeFolder(from, to) === path.posix.relative(from, to)), { numRuns: 2000 });
  });
});

/**
 * An output folder that is a symbolic link: the tree is written into the
 * link's target and the link stays a link, on the first synth (which renames
 * a staged folder into place) as on the next ones.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANIFEST_PATH, type Manifest } from '../../outputs/gitops/manifest';
import { writeTree } from '../../outputs/gitops/writer';
import { readTree, tempDir } from '../helpers/tmp';

function write(dir: string, files: Record<string, string>) {
  const map = new Map(Object.entries(files));
  const manifest: Manifest = { generator: 'fleetwright', version: 1, fleet: 'acme', clusters: [], files: [...map.keys()].sort() };
  return writeTree(dir, map, manifest);
}

const TREE = { 'a/kustomization.yaml': 'A\n', 'a/x.yaml': 'X\n' };
const CHANGED = { 'a/kustomization.yaml': 'A2\n', 'b/y.yaml': 'Y\n' };
const names = (tree: Record<string, string>) => [MANIFEST_PATH, ...Object.keys(tree)].sort();

describe('GIVEN --out is a symbolic link', () => {
  let parent: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir: parent, cleanup } = tempDir()));
  afterEach(() => cleanup());

  const isLink = (p: string) => fs.lstatSync(p).isSymbolicLink();

  it('WHEN it points to an empty folder THEN the tree is written into the target, the link stays, and nothing is left beside either', () => {
    fs.mkdirSync(path.join(parent, 'target'));
    fs.symlinkSync('target', path.join(parent, 'link'));
    expect(write(path.join(parent, 'link'), TREE)).toEqual({ written: Object.keys(TREE).sort(), removed: [], unchanged: 0 });
    expect(isLink(path.join(parent, 'link'))).toBe(true);
    expect(Object.keys(readTree(path.join(parent, 'target')))).toEqual(names(TREE));
    expect(fs.readdirSync(parent).sort()).toEqual(['link', 'target']);
  });

  it('WHEN it points to a folder holding an earlier synth THEN the change is written into the target and the link stays', () => {
    fs.mkdirSync(path.join(parent, 'target'));
    write(path.join(parent, 'target'), TREE);
    fs.writeFileSync(path.join(parent, 'target', 'README.md'), 'mine\n');
    fs.symlinkSync(path.join(parent, 'target'), path.join(parent, 'link'));
    expect(write(path.join(parent, 'link'), CHANGED)).toEqual({ written: Object.keys(CHANGED).sort(), removed: ['a/x.yaml'], unchanged: 0 });
    expect(isLink(path.join(parent, 'link'))).toBe(true);
    const tree = readTree(path.join(parent, 'target'));
    expect(Object.keys(tree)).toEqual(names({ ...CHANGED, 'README.md': '' }));
    expect(tree['README.md']).toBe('mine\n');
    expect(fs.readdirSync(path.join(parent, 'target', '.fleetwright'))).toEqual(['manifest.json']);
    expect(write(path.join(parent, 'link'), CHANGED)).toEqual({ written: [], removed: [], unchanged: 2 });
  });

  it('WHEN it is a link to a link to a folder not made yet THEN that folder is made with the tree, and both links stay', () => {
    fs.mkdirSync(path.join(parent, 'real'));
    fs.symlinkSync('real/gitops', path.join(parent, 'inner'));
    fs.symlinkSync('inner', path.join(parent, 'outer'));
    write(path.join(parent, 'outer'), TREE);
    expect(isLink(path.join(parent, 'outer')) && isLink(path.join(parent, 'inner'))).toBe(true);
    expect(Object.keys(readTree(path.join(parent, 'real', 'gitops')))).toEqual(names(TREE));
    expect(fs.readdirSync(path.join(parent, 'real'))).toEqual(['gitops']);
  });

  it('WHEN links form a cycle THEN one line says the folder cannot be used', () => {
    fs.symlinkSync('b', path.join(parent, 'a'));
    fs.symlinkSync('a', path.join(parent, 'b'));
    expect(() => write(path.join(parent, 'a'), TREE)).toThrow(
      `cannot use ${path.join(parent, 'a')} as the output folder: too many levels of symbolic links (ELOOP); fix the links or choose another --out`,
    );
  });
});

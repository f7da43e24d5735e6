import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MANIFEST_PATH, type Manifest } from '../../outputs/gitops/manifest';
import { writeTree } from '../../outputs/gitops/writer';
import { mtimes, readTree, tempDir } from '../helpers/tmp';

/** A test may make `fs.renameSync` fail (everything else is the real `fs`). */
const fsHooks = vi.hoisted(() => ({
  renameSync: undefined as undefined | ((from: fs.PathLike, to: fs.PathLike) => void),
  realRenameSync: undefined as unknown as (from: fs.PathLike, to: fs.PathLike) => void,
}));
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  fsHooks.realRenameSync = actual.renameSync;
  const renameSync = (from: fs.PathLike, to: fs.PathLike) => (fsHooks.renameSync ?? actual.renameSync)(from, to);
  return { ...actual, renameSync, default: { ...actual, renameSync } };
});

function manifest(files: Iterable<string>): Manifest {
  return { generator: 'fleetwright', version: 1, fleet: 'acme', clusters: [], files: [...files].sort() };
}

function write(dir: string, files: Record<string, string>) {
  const map = new Map(Object.entries(files));
  return writeTree(dir, map, manifest(map.keys()));
}

describe('the GitOps writer', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('GIVEN an empty folder WHEN a tree is written THEN every file and the manifest exist, and no staging folder remains', () => {
    const result = write(dir, { 'a/kustomization.yaml': 'A\n', 'a/b/x.yaml': 'X\n' });
    expect(result).toEqual({ written: ['a/b/x.yaml', 'a/kustomization.yaml'], removed: [], unchanged: 0 });
    const tree = readTree(dir);
    expect(Object.keys(tree)).toEqual(['.fleetwright/manifest.json', 'a/b/x.yaml', 'a/kustomization.yaml']);
    expect(JSON.parse(tree[MANIFEST_PATH]!).files).toEqual(['a/b/x.yaml', 'a/kustomization.yaml']);
  });

  it('GIVEN the same tree again WHEN written THEN no file is touched', async () => {
    write(dir, { 'a/x.yaml': 'X\n', 'b/y.yaml': 'Y\n' });
    const before = mtimes(dir);
    await new Promise((r) => setTimeout(r, 20));
    const result = write(dir, { 'a/x.yaml': 'X\n', 'b/y.yaml': 'Y\n' });
    expect(result).toEqual({ written: [], removed: [], unchanged: 2 });
    expect(mtimes(dir)).toEqual(before);
  });

  it('GIVEN one changed file WHEN written THEN only that file is rewritten', async () => {
    write(dir, { 'a/x.yaml': 'X\n', 'b/y.yaml': 'Y\n' });
    const before = mtimes(dir);
    await new Promise((r) => setTimeout(r, 20));
    expect(write(dir, { 'a/x.yaml': 'X2\n', 'b/y.yaml': 'Y\n' }).written).toEqual(['a/x.yaml']);
    const after = mtimes(dir);
    expect(after['b/y.yaml']).toBe(before['b/y.yaml']);
    expect(after['a/x.yaml']).not.toBe(before['a/x.yaml']);
  });

  it('GIVEN files no longer produced WHEN written THEN they are removed with their emptied folders, but user files stay', () => {
    write(dir, { 'clusters/old/kustomization.yaml': 'K\n', 'clusters/old/x.yaml': 'X\n', 'clusters/new/k.yaml': 'N\n', 'hub/y.yaml': 'Y\n' });
    fs.writeFileSync(path.join(dir, 'README.md'), 'mine\n');
    fs.writeFileSync(path.join(dir, 'hub', 'NOTES.md'), 'mine too\n');
    const result = write(dir, { 'clusters/new/k.yaml': 'N\n' });
    expect(result.removed).toEqual(['clusters/old/kustomization.yaml', 'clusters/old/x.yaml', 'hub/y.yaml']);
    expect(Object.keys(readTree(dir))).toEqual(['.fleetwright/manifest.json', 'README.md', 'clusters/new/k.yaml', 'hub/NOTES.md']);
    expect(fs.existsSync(path.join(dir, 'clusters', 'old'))).toBe(false);
  });

  it('GIVEN a user file where the tree needs to write WHEN written THEN it is refused, named, and nothing is written', () => {
    fs.mkdirSync(path.join(dir, 'clusters', 'a'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'clusters', 'a', 'kustomization.yaml'), 'hand-written\n');
    expect(() => write(dir, { 'clusters/a/kustomization.yaml': 'K\n', 'clusters/b/x.yaml': 'X\n' })).toThrow(
      `1 file(s) in ${dir} that fleetwright did not write are in the way:\n  clusters/a/kustomization.yaml\n` +
        'move or delete them (fleetwright never overwrites files it did not produce); nothing was written',
    );
    expect(Object.keys(readTree(dir))).toEqual(['clusters/a/kustomization.yaml']);
  });

  it('GIVEN a folder where a file of the tree belongs WHEN written THEN it is refused even if fleetwright wrote that path before', () => {
    write(dir, { 'a/x.yaml': 'X\n' });
    fs.rmSync(path.join(dir, 'a', 'x.yaml'));
    fs.mkdirSync(path.join(dir, 'a', 'x.yaml'));
    expect(() => write(dir, { 'a/x.yaml': 'X2\n' })).toThrow(`1 file(s) in ${dir} that fleetwright did not write are in the way:\n  a/x.yaml\n`);
  });

  it('GIVEN a user file identical to what the tree needs WHEN written THEN it is adopted without being rewritten', () => {
    fs.writeFileSync(path.join(dir, 'x.yaml'), 'X\n');
    expect(write(dir, { 'x.yaml': 'X\n' })).toEqual({ written: [], removed: [], unchanged: 1 });
    expect(JSON.parse(readTree(dir)[MANIFEST_PATH]!).files).toEqual(['x.yaml']);
  });

  it('GIVEN an output path that is a file WHEN written THEN the error says to choose another --out', () => {
    const file = path.join(dir, 'file');
    fs.writeFileSync(file, '');
    expect(() => write(file, { 'x.yaml': 'X\n' })).toThrow(`${file} is a file, not a folder; choose another --out`);
  });

  it('GIVEN a corrupt manifest WHEN written THEN the error says how to recover and nothing is written', () => {
    fs.mkdirSync(path.join(dir, '.fleetwright'));
    fs.writeFileSync(path.join(dir, MANIFEST_PATH), '{"generator":"other"}');
    expect(() => write(dir, { 'x.yaml': 'X\n' })).toThrow(
      `${path.join(dir, MANIFEST_PATH)} is not a fleetwright manifest (version 1); restore it from Git, or delete it if no fleetwright output is in this folder`,
    );
    expect(fs.existsSync(path.join(dir, 'x.yaml'))).toBe(false);
  });

  it('GIVEN a manifest naming a path outside the folder WHEN written THEN it is refused before anything is removed', () => {
    fs.mkdirSync(path.join(dir, '.fleetwright'));
    fs.writeFileSync(path.join(dir, MANIFEST_PATH), JSON.stringify({ ...manifest([]), files: ['../outside.txt'] }));
    expect(() => write(dir, {})).toThrow('lists "../outside.txt", which is outside the output folder; restore the manifest from Git');
  });
});

describe('the GitOps writer, first synth into a missing or empty folder', () => {
  let parent: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir: parent, cleanup } = tempDir()));
  afterEach(() => {
    fsHooks.renameSync = undefined;
    vi.restoreAllMocks();
    cleanup();
  });

  it.each([
    ['a missing folder', false],
    ['an empty folder', true],
  ])('GIVEN %s WHEN a tree is written THEN it appears whole, and no staging folder is left beside it', (_name, exists) => {
    const out = path.join(parent, 'gitops');
    if (exists) fs.mkdirSync(out);
    const result = write(out, { 'a/kustomization.yaml': 'A\n', 'a/b/x.yaml': 'X\n' });
    expect(result).toEqual({ written: ['a/b/x.yaml', 'a/kustomization.yaml'], removed: [], unchanged: 0 });
    expect(Object.keys(readTree(out))).toEqual(['.fleetwright/manifest.json', 'a/b/x.yaml', 'a/kustomization.yaml']);
    expect(fs.readdirSync(parent)).toEqual(['gitops']);
  });

  it('GIVEN a staging folder an interrupted first synth left WHEN a tree is written THEN it is removed, and its files are not in the tree', () => {
    const out = path.join(parent, 'gitops');
    fs.mkdirSync(path.join(parent, '.gitops.fleetwright-staging', 'half'), { recursive: true });
    fs.writeFileSync(path.join(parent, '.gitops.fleetwright-staging', 'half', 'x.yaml'), 'X');
    write(out, { 'a/x.yaml': 'X\n' });
    expect(fs.readdirSync(parent)).toEqual(['gitops']);
    expect(Object.keys(readTree(out))).toEqual(['.fleetwright/manifest.json', 'a/x.yaml']);
  });

  it('GIVEN a folder that cannot be replaced in one rename (EXDEV) WHEN a tree is written THEN it is written file by file, with the same result', () => {
    const out = path.join(parent, 'gitops');
    fs.mkdirSync(out);
    const real = fsHooks.realRenameSync;
    let refused = 0;
    fsHooks.renameSync = (from, to) => {
      if (String(from).endsWith('.fleetwright-staging')) {
        refused++;
        throw Object.assign(new Error('cross-device link'), { code: 'EXDEV' });
      }
      real(from, to);
    };
    const result = write(out, { 'a/x.yaml': 'X\n', 'b/y.yaml': 'Y\n' });
    expect(result).toEqual({ written: ['a/x.yaml', 'b/y.yaml'], removed: [], unchanged: 0 });
    expect(Object.keys(readTree(out))).toEqual(['.fleetwright/manifest.json', 'a/x.yaml', 'b/y.yaml']);
    expect(fs.readdirSync(parent)).toEqual(['gitops']);
    expect(refused).toBe(1);
  });

  it('GIVEN the working folder as the output WHEN a tree is written THEN the folder itself is kept (file by file)', () => {
    const out = path.join(parent, 'gitops');
    fs.mkdirSync(out);
    const inode = fs.statSync(out).ino;
    vi.spyOn(process, 'cwd').mockReturnValue(out);
    write(out, { 'a/x.yaml': 'X\n' });
    expect(fs.statSync(out).ino).toBe(inode);
    expect(Object.keys(readTree(out))).toEqual(['.fleetwright/manifest.json', 'a/x.yaml']);
  });
});

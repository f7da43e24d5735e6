/**
 * The writer's journal, in process: a change to an existing tree that fails
 * while staging, while moving files, or while putting them back; what it
 * costs (hard links, only for the files replaced or removed); and what
 * readers see while a write is pending.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { interruptedWriteNotice } from '../../outputs/gitops/journal';
import { JOURNAL_DIR, MANIFEST_PATH, type Manifest } from '../../outputs/gitops/manifest';
import { OutputFolderError, readManifest, restoreOutputFolder, writeTree } from '../../outputs/gitops/writer';
import { readTree, tempDir } from '../helpers/tmp';

/** A test may make `renameSync`, `writeFileSync`, `linkSync` fail (everything else is the real `fs`). */
const hooks = vi.hoisted(() => ({
  renameSync: undefined as undefined | ((from: string, to: string) => void),
  writeFileSync: undefined as undefined | ((file: string) => void),
  linkSync: undefined as undefined | ((from: string, to: string) => void),
  copies: 0,
}));
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const renameSync = (from: fs.PathLike, to: fs.PathLike) => {
    hooks.renameSync?.(String(from), String(to));
    actual.renameSync(from, to);
  };
  const writeFileSync = (file: fs.PathOrFileDescriptor, data: string | NodeJS.ArrayBufferView, options?: fs.WriteFileOptions) => {
    hooks.writeFileSync?.(String(file));
    actual.writeFileSync(file, data, options);
  };
  const linkSync = (from: fs.PathLike, to: fs.PathLike) => {
    hooks.linkSync?.(String(from), String(to));
    actual.linkSync(from, to);
  };
  const copyFileSync = (from: fs.PathLike, to: fs.PathLike, mode?: number) => {
    hooks.copies++;
    actual.copyFileSync(from, to, mode);
  };
  const mocked = { renameSync, writeFileSync, linkSync, copyFileSync };
  return { ...actual, ...mocked, default: { ...actual, ...mocked } };
});

/** A file system error as Node makes them. */
const fsError = (code: string, syscall: string, file: string, dest?: string) =>
  Object.assign(new Error(`${code}: failed, ${syscall} '${file}'`), { code, syscall, path: file, ...(dest === undefined ? {} : { dest }) });

function manifest(files: Iterable<string>): Manifest {
  return { generator: 'fleetwright', version: 1, fleet: 'acme', clusters: [], files: [...files].sort() };
}

function write(dir: string, files: Record<string, string>) {
  const map = new Map(Object.entries(files));
  return writeTree(dir, map, manifest(map.keys()));
}

/** Inode and modification time of every file: equal means the very same files, not copies. */
function identities(dir: string): Record<string, string> {
  return Object.fromEntries(Object.keys(readTree(dir)).map((f) => [f, `${fs.statSync(path.join(dir, f)).ino}:${fs.statSync(path.join(dir, f)).mtimeMs}`]));
}

const OLD = { 'a/kustomization.yaml': 'A\n', 'a/x.yaml': 'X\n', 'b/y.yaml': 'Y\n', 'c/gone.yaml': 'G\n', 'd/same.yaml': 'S\n' };
// Changes a/x.yaml, b/y.yaml and a/kustomization.yaml, creates e/f/new.yaml, removes c/gone.yaml, keeps d/same.yaml.
const NEW = { 'a/kustomization.yaml': 'A2\n', 'a/x.yaml': 'X2\n', 'b/y.yaml': 'Y2\n', 'd/same.yaml': 'S\n', 'e/f/new.yaml': 'N\n' };
const USER = { 'README.md': 'mine\n', 'a/NOTES.md': 'mine too\n' };

describe('GIVEN an existing tree (with the user\'s files) and a change to it', () => {
  let dir: string;
  let cleanup: () => void;
  let before: Record<string, string>;
  let same: Record<string, string>;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    write(dir, OLD);
    for (const [file, content] of Object.entries(USER)) fs.writeFileSync(path.join(dir, file), content);
    before = readTree(dir);
    same = identities(dir);
    hooks.copies = 0;
  });
  afterEach(() => {
    hooks.renameSync = undefined;
    hooks.writeFileSync = undefined;
    hooks.linkSync = undefined;
    cleanup();
  });

  /** Fails the n-th rename into the tree (not into the writer's own folder) with `code`. */
  const failRenameInto = (n: number, code: string) => {
    let seen = 0;
    hooks.renameSync = (from, to) => {
      if (from.includes(`${path.sep}staging${path.sep}`) && !to.includes('.fleetwright') && ++seen === n) throw fsError(code, 'rename', from, to);
    };
  };

  it('WHEN written THEN the previous content of the files replaced or removed (and the manifest) is linked, not copied, and nothing of the journal is left', () => {
    const linked: string[] = [];
    hooks.linkSync = (from) => void linked.push(path.relative(dir, from));
    write(dir, NEW);
    expect(linked.sort()).toEqual([MANIFEST_PATH, 'a/kustomization.yaml', 'a/x.yaml', 'b/y.yaml', 'c/gone.yaml']);
    expect(hooks.copies).toBe(0);
    expect(readTree(dir)).toEqual({ ...NEW, ...USER, [MANIFEST_PATH]: readTree(dir)[MANIFEST_PATH] });
    expect(fs.readdirSync(path.join(dir, '.fleetwright'))).toEqual(['manifest.json']);
  });

  it('WHEN a rename into the tree fails half-way THEN one line names the file, the cause and the fix, and the tree is the previous one: the very same files, no journal', () => {
    failRenameInto(3, 'EACCES');
    expect(() => write(dir, NEW)).toThrow(
      new OutputFolderError(`cannot write ${path.join(dir, 'e/f/new.yaml')}: permission denied (EACCES); choose another --out or fix its permissions; the previous tree is unchanged`),
    );
    expect(readTree(dir)).toEqual(before);
    expect(identities(dir)).toEqual(same);
    expect(fs.readdirSync(path.join(dir, '.fleetwright'))).toEqual(['manifest.json']);
    expect(fs.existsSync(path.join(dir, 'e'))).toBe(false);
  });

  it('WHEN the disk fills while staging THEN the tree is untouched, the scratch is removed and the line says to free space', () => {
    let n = 0;
    hooks.writeFileSync = (file) => {
      if (file.includes(`${path.sep}staging${path.sep}`) && ++n === 2) throw fsError('ENOSPC', 'open', file);
    };
    expect(() => write(dir, NEW)).toThrow(
      new OutputFolderError(`cannot write ${path.join(dir, '.fleetwright/staging/1')}: no space left on the device (ENOSPC); free some space or choose another --out; the previous tree is unchanged`),
    );
    expect(readTree(dir)).toEqual(before);
    expect(identities(dir)).toEqual(same);
    expect(fs.readdirSync(path.join(dir, '.fleetwright'))).toEqual(['manifest.json']);
  });

  it('WHEN hard links are refused (another file system, not the owner) THEN copies are kept instead, and a failure half-way still restores the previous tree', () => {
    hooks.linkSync = (from, to) => {
      throw fsError('EXDEV', 'link', from, to);
    };
    failRenameInto(4, 'EIO');
    expect(() => write(dir, NEW)).toThrow(/^cannot write .*: input\/output error \(EIO\); check the disk, or choose another --out; the previous tree is unchanged$/);
    expect(hooks.copies).toBe(5);
    expect(readTree(dir)).toEqual(before);
    expect(fs.readdirSync(path.join(dir, '.fleetwright'))).toEqual(['manifest.json']);
  });

  it('WHEN putting the tree back fails too THEN the line says so, the journal stays pending, readers see the previous manifest and a notice, and the next write restores the tree first', () => {
    failRenameInto(3, 'EACCES');
    const failing = hooks.renameSync!;
    hooks.renameSync = (from, to) => {
      if (from.includes(`${path.sep}saved${path.sep}`)) throw fsError('EROFS', 'rename', from, to);
      failing(from, to);
    };
    expect(() => write(dir, NEW)).toThrow(
      new OutputFolderError(
        `cannot write ${path.join(dir, 'e/f/new.yaml')}: permission denied (EACCES); choose another --out or fix its permissions; ` +
          `putting the previous tree back failed too (${path.join(dir, MANIFEST_PATH)}: read-only file system (EROFS)); the next synth puts it back`,
      ),
    );
    hooks.renameSync = undefined;
    expect(fs.existsSync(path.join(dir, JOURNAL_DIR, 'pending.json'))).toBe(true);
    expect(readManifest(dir)).toEqual(manifest(Object.keys(OLD)));
    expect(interruptedWriteNotice(dir)).toBe(
      `${dir}/ holds the journal of a synth that was interrupted while it replaced files (.fleetwright/journal/pending.json), so its files mix two trees; the next fleetwright synth restores the previous tree`,
    );

    // Three files moved (the manifest widened first, a/x.yaml, b/y.yaml); none created yet.
    expect(restoreOutputFolder(dir)).toEqual({ restored: 3, removed: 0 });
    expect(readTree(dir)).toEqual(before);
    expect(identities(dir)).toEqual(same);
    expect(interruptedWriteNotice(dir)).toBeUndefined();
    expect(restoreOutputFolder(dir)).toBeUndefined();
    write(dir, NEW);
    expect(Object.keys(readTree(dir))).toEqual(Object.keys({ [MANIFEST_PATH]: '', ...USER, ...NEW }).sort());
  });

  it('WHEN a write was pending and the tree is written again THEN the previous tree comes back before the new one is computed', () => {
    failRenameInto(4, 'EACCES');
    const failing = hooks.renameSync!;
    hooks.renameSync = (from, to) => {
      if (from.includes(`${path.sep}saved${path.sep}`)) throw fsError('EROFS', 'rename', from, to);
      failing(from, to);
    };
    expect(() => write(dir, NEW)).toThrow(/the next synth puts it back$/);
    hooks.renameSync = undefined;
    // The same change again: with the tree put back first, every changed file is written again.
    expect(write(dir, NEW)).toEqual({ written: ['a/kustomization.yaml', 'a/x.yaml', 'b/y.yaml', 'e/f/new.yaml'], removed: ['c/gone.yaml'], unchanged: 1 });
    expect(fs.readdirSync(path.join(dir, '.fleetwright'))).toEqual(['manifest.json']);
  });

  it('WHEN the pending journal is not one THEN writing refuses with what to do, and touches nothing', () => {
    fs.mkdirSync(path.join(dir, JOURNAL_DIR), { recursive: true });
    fs.writeFileSync(path.join(dir, JOURNAL_DIR, 'pending.json'), '{"saved":[{"file":"../../etc/passwd"}]}');
    expect(() => write(dir, NEW)).toThrow(
      new OutputFolderError(
        `cannot put back the previous tree in ${dir}, which an interrupted synth left half-replaced: ${path.join(dir, JOURNAL_DIR, 'pending.json')} is not a fleetwright journal; ` +
          `restore the folder from Git, then delete ${path.join(dir, JOURNAL_DIR)}; fix that and run synth again`,
      ),
    );
    expect(readTree(dir)).toEqual({ ...before, [`${JOURNAL_DIR}/pending.json`]: '{"saved":[{"file":"../../etc/passwd"}]}' });
  });
});

describe('GIVEN a first synth into a missing folder that cannot be staged beside it', () => {
  let parent: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir: parent, cleanup } = tempDir()));
  afterEach(() => {
    hooks.renameSync = undefined;
    hooks.writeFileSync = undefined;
    cleanup();
  });

  it('WHEN the disk fills while it writes file by file THEN one line says so, and not even the folder is left', () => {
    const out = path.join(parent, 'deep', 'gitops');
    hooks.renameSync = (from, to) => {
      if (from.endsWith('.fleetwright-staging')) throw fsError('EXDEV', 'rename', from, to);
    };
    let n = 0;
    hooks.writeFileSync = (file) => {
      if (file.includes(`${path.sep}.fleetwright${path.sep}staging${path.sep}`) && ++n === 2) throw fsError('ENOSPC', 'open', file);
    };
    expect(() => write(out, NEW)).toThrow(
      new OutputFolderError(`cannot write ${path.join(out, '.fleetwright/staging/1')}: no space left on the device (ENOSPC); free some space or choose another --out; nothing was written`),
    );
    expect(fs.readdirSync(parent)).toEqual([]);
  });
});

/**
 * The first synth's writer with a second thread: big trees are split between
 * this thread and a worker, and the result (or the failure) is the same as
 * writing alone; an aborted staging folder leaves nothing, even while the
 * worker is still writing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BATCH_FILES, FreshFolder, PARALLEL_WRITE_MIN_FILES, writeFreshFolder } from '../../outputs/gitops/fresh-folder';
import { readTree, tempDir } from '../helpers/tmp';

/** 300 files in 30 folders, contents distinct. */
function tree(): Map<string, string> {
  const files = new Map<string, string>();
  for (let i = 0; i < 300; i++) files.set(`clusters/c${i % 30}/object-${i}.yaml`, `kind: ConfigMap\nname: o${i}\n`);
  return files;
}

describe('GIVEN a first synth of a big tree', () => {
  let parent: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir: parent, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('WHEN written with a worker thread THEN every file is there with its content, and nothing is left beside the folder', () => {
    const out = path.join(parent, 'gitops');
    expect(writeFreshFolder(out, tree(), { parallelFrom: 10 })).toBe(true);
    expect(readTree(out)).toEqual(Object.fromEntries(tree()));
    expect(fs.readdirSync(parent)).toEqual(['gitops']);
  });

  it('WHEN written by one thread or two THEN the trees are identical', () => {
    writeFreshFolder(path.join(parent, 'one'), tree(), { parallelFrom: Infinity });
    writeFreshFolder(path.join(parent, 'two'), tree(), { parallelFrom: 1 });
    expect(readTree(path.join(parent, 'two'))).toEqual(readTree(path.join(parent, 'one')));
  });

  /** `files` in batches of `size`. */
  const batches = (files: Map<string, string>, size: number) => {
    const entries = [...files];
    return Array.from({ length: Math.ceil(entries.length / size) }, (_, i) => entries.slice(i * size, (i + 1) * size));
  };
  // A name longer than any file system allows: ENAMETOOLONG, whichever thread writes it.
  const bad: [string, string] = [`clusters/${'x'.repeat(300)}.yaml`, 'x\n'];
  /** Blocks this thread for `ms` (the worker goes on). */
  const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

  it('WHEN the worker writes every batch (the caller joining in or not) THEN the tree is complete, held files and the last batch included', () => {
    for (const callerJoins of [false, true]) {
      const out = path.join(parent, `joins-${callerJoins}`);
      const staged = FreshFolder.open(out, { files: 300, callerJoins })!;
      const [first, ...rest] = batches(tree(), 50);
      staged.hold(first);
      for (const batch of rest) staged.add(batch);
      expect(staged.finish([['manifest.yaml', 'files: 300\n']])).toBe(true);
      expect(readTree(out)).toEqual({ ...Object.fromEntries(tree()), 'manifest.yaml': 'files: 300\n' });
    }
    expect(fs.readdirSync(parent).sort()).toEqual(['joins-false', 'joins-true']);
  });

  it.each([
    ['this thread (a held file)', 'hold'],
    ['this thread (a batch it claims)', 'caller'],
    ['the worker', 'worker'],
  ])('WHEN a file cannot be written by %s THEN its error is thrown with its code, the folder is not created and no staging folder is left', (_thread, where) => {
    const out = path.join(parent, 'gitops');
    const staged = FreshFolder.open(out, { files: 300, worker: where !== 'caller', callerJoins: where !== 'worker' })!;
    for (const batch of batches(tree(), 50)) staged.add(batch);
    if (where === 'hold') staged.hold([bad]);
    else staged.add([bad]);
    let thrown: unknown;
    try {
      staged.finish([]);
    } catch (e) {
      thrown = e;
    }
    expect((thrown as NodeJS.ErrnoException).code).toBe('ENAMETOOLONG');
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  it('WHEN aborted while the worker still has batches to write THEN nothing is left beside the folder, then or later', () => {
    const out = path.join(parent, 'gitops');
    const many = new Map<string, string>();
    for (let i = 0; i < 20 * BATCH_FILES; i++) many.set(`clusters/c${i % 200}/object-${i}.yaml`, `name: o${i}\n`);
    const staged = FreshFolder.open(out, { files: many.size })!;
    for (const batch of batches(many, BATCH_FILES)) staged.add(batch);
    sleep(20); // the worker is writing
    staged.abort();
    expect(fs.readdirSync(parent)).toEqual([]);
    sleep(200); // a worker still running would recreate folders here
    expect(fs.readdirSync(parent)).toEqual([]);
    expect(() => staged.finish([])).toThrow('this staging folder was already finished or aborted');
  });

  it('WHEN nothing says otherwise THEN only trees of thousands of files use the second thread', () => {
    expect(PARALLEL_WRITE_MIN_FILES).toBe(2000);
  });
});

/**
 * The first synth's writer with a second thread: big trees are split between
 * this thread and a worker, and the result (or the failure) is the same as
 * writing alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PARALLEL_WRITE_MIN_FILES, writeFreshFolder } from '../../outputs/gitops/fresh-folder';
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

  it.each([
    ['this thread', 'first'],
    ['the worker', 'last'],
  ])('WHEN a file cannot be written by %s THEN its error is thrown, the folder is not created and no staging folder is left', (_thread, where) => {
    const out = path.join(parent, 'gitops');
    // A name longer than any file system allows: ENAMETOOLONG, whichever thread writes it.
    const bad: [string, string] = [`clusters/${'x'.repeat(300)}.yaml`, 'x\n'];
    const files = new Map(where === 'first' ? [bad, ...tree()] : [...tree(), bad]);
    expect(() => writeFreshFolder(out, files, { parallelFrom: 10 })).toThrow(/ENAMETOOLONG|name too long/);
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  it('WHEN nothing says otherwise THEN only trees of thousands of files use the second thread', () => {
    expect(PARALLEL_WRITE_MIN_FILES).toBe(2000);
  });
});

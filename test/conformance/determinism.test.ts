import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveFleet } from '../../model';
import { synthesize, synthesizeTo } from '../../outputs/synth';
import { mutableDefinition } from '../helpers/definitions';
import { exampleFleet, testFleet } from '../helpers/example';
import { mtimes, readTree, tempDir } from '../helpers/tmp';

describe('determinism', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('GIVEN the same fleet WHEN synthesized twice THEN the files are byte-identical', () => {
    const a = synthesize(exampleFleet).files;
    const b = synthesize(exampleFleet).files;
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [file, content] of a) expect(b.get(file), file).toBe(content);
  });

  it('GIVEN clusters, labels and environments declared in another order WHEN synthesized THEN the tree is identical', () => {
    const d = mutableDefinition();
    d.clusters.reverse();
    d.clusters[0].labels = { 'b.io/x': '1', 'a.io/y': '2' };
    const e = mutableDefinition();
    e.clusters[e.clusters.length - 1].labels = { 'a.io/y': '2', 'b.io/x': '1' };
    expect(Object.fromEntries(synthesize(resolveFleet(d)).files)).toEqual(Object.fromEntries(synthesize(resolveFleet(e)).files));
  });

  it('GIVEN a synthesized folder WHEN synthesized again with no change THEN no file is written or touched', async () => {
    const out = path.join(dir, 'tree');
    const first = synthesizeTo(testFleet, out);
    expect(first.result.written.length).toBe(first.files.size);
    const before = mtimes(out);
    await new Promise((r) => setTimeout(r, 20));
    const second = synthesizeTo(testFleet, out);
    expect(second.result).toEqual({ written: [], removed: [], unchanged: first.files.size });
    expect(mtimes(out)).toEqual(before);
    expect(Object.keys(readTree(out))).toEqual(['.fleetwright/manifest.json', ...first.files.keys()].sort());
    expect(fs.existsSync(path.join(out, '.fleetwright', 'staging'))).toBe(false);
  });
});

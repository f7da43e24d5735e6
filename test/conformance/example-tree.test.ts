import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatManifest, MANIFEST_PATH } from '../../outputs/gitops/manifest';
import { PROJECT } from '../helpers/conformance';
import { exampleSynth } from '../helpers/example';
import { readTree } from '../helpers/tmp';

describe('the committed example tree', () => {
  it('GIVEN gitops/ in the repository WHEN compared with a fresh synth of fleet.config.ts THEN they are identical (run `npm run synth` after changing either)', () => {
    const { files, manifest } = exampleSynth();
    const expected = { ...Object.fromEntries(files), [MANIFEST_PATH]: formatManifest(manifest) };
    const onDisk = readTree(path.join(PROJECT, 'gitops'));
    expect(Object.keys(onDisk).sort()).toEqual(Object.keys(expected).sort());
    for (const [file, content] of Object.entries(expected)) expect(onDisk[file], `gitops/${file} is out of date: run npm run synth`).toBe(content);
  });
});

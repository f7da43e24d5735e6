/**
 * A first synth of a big tree is staged while it is serialized and checked
 * (`synthesizeTo` with `StagingSink` and `FreshFolder`): the tree on disk is
 * exactly the one synthesis produced; a failing check leaves nothing; and a
 * file that may hold credential material is never handed to the worker.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateFleet } from '../../bench/generate-fleet';
import { resolveFleet } from '../../model';
import { CredentialError, scanForCredentials } from '../../outputs/gitops/credentials';
import { BATCH_FILES, PARALLEL_WRITE_MIN_FILES, type FreshFolder } from '../../outputs/gitops/fresh-folder';
import { formatManifest, MANIFEST_PATH } from '../../outputs/gitops/manifest';
import { StagingSink } from '../../outputs/gitops/staging-sink';
import { stageFreshFolder } from '../../outputs/gitops/writer';
import { synthesizeTo, type SynthTimings } from '../../outputs/synth';
import { renderFleet, type RenderedFleet } from '../../stacks/fleet';
import type { Unit } from '../../stacks/rendered';
import { readTree, tempDir } from '../helpers/tmp';

const KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA PRIVATE KEY-----\n';

const fleet = resolveFleet(generateFleet(100));
const rendered = renderFleet(fleet);

/** The fleet's folders plus one more holding `data` in a ConfigMap. */
function withConfigMap(dir: string, data: Record<string, string>): RenderedFleet {
  const extra: Unit = {
    dir,
    target: { scope: 'hub', cluster: fleet.hub.name },
    objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra', namespace: 'default' }, data }],
    includes: [],
    files: [],
    kustomization: true,
  };
  return { units: [...rendered.units, extra].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0)) };
}

describe('GIVEN a first synth of a big tree into a missing folder', () => {
  let parent: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir: parent, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('WHEN synthesized THEN the folder holds exactly the files and the manifest, nothing is left beside it, and every phase is timed', () => {
    const out = path.join(parent, 'gitops');
    const timings: SynthTimings = {};
    const { files, manifest, result } = synthesizeTo(fleet, out, undefined, timings);
    expect(files.size).toBeGreaterThanOrEqual(PARALLEL_WRITE_MIN_FILES);
    expect(readTree(out)).toEqual(Object.fromEntries([...files, [MANIFEST_PATH, formatManifest(manifest)]].sort(([a], [b]) => (a < b ? -1 : 1))));
    expect(result).toEqual({ written: [...files.keys()], removed: [], unchanged: 0 });
    expect(fs.readdirSync(parent)).toEqual(['gitops']);
    expect(Object.keys(timings).sort()).toEqual(['build', 'checks', 'serialize', 'write']);
    for (const ms of Object.values(timings)) expect(ms).toBeGreaterThan(0);
  }, 60_000);

  it('WHEN a file holds a private key THEN synth throws a CredentialError naming it, and neither the folder nor a staging folder is left', () => {
    const out = path.join(parent, 'gitops');
    let thrown: unknown;
    try {
      synthesizeTo(fleet, out, withConfigMap('hub/extra', { 'tls.key': KEY }));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CredentialError);
    expect((thrown as CredentialError).findings).toEqual([{ file: 'hub/extra/configmap-extra.yaml', field: 'data["tls.key"]', what: 'a private key' }]);
    expect(fs.readdirSync(parent)).toEqual([]);
  }, 60_000);

  it('WHEN two documents share a path THEN the staged files are dropped and the tree holds the last one, as a small tree would', () => {
    const out = path.join(parent, 'gitops');
    const twice = withConfigMap('hub/extra', { value: 'first' });
    const units = [...twice.units, { ...twice.units.find((u) => u.dir === 'hub/extra')!, objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra', namespace: 'default' }, data: { value: 'last' } }] }];
    const { files } = synthesizeTo(fleet, out, { units });
    expect(files.get('hub/extra/configmap-extra.yaml')).toContain('value: last');
    expect(readTree(out)['hub/extra/configmap-extra.yaml']).toBe(files.get('hub/extra/configmap-extra.yaml'));
    expect(fs.readdirSync(parent)).toEqual(['gitops']);
  }, 60_000);

  it('WHEN the folder already holds files THEN nothing is staged early (the writer compares and changes them as usual)', () => {
    const out = path.join(parent, 'gitops');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'README.md'), 'ours\n');
    expect(stageFreshFolder(out, PARALLEL_WRITE_MIN_FILES)).toBeUndefined();
    const staged = stageFreshFolder(path.join(parent, 'missing'), PARALLEL_WRITE_MIN_FILES);
    expect(staged).toBeDefined();
    staged!.abort();
    expect(fs.readdirSync(parent)).toEqual(['gitops']);
  });
});

describe('GIVEN files serialized into a staging folder', () => {
  /** A folder that records what it is given. */
  function recorder() {
    const added: string[][] = [];
    const held: string[][] = [];
    const folder = { add: (b: [string, string][]) => added.push(b.map(([f]) => f)), hold: (b: [string, string][]) => held.push(b.map(([f]) => f)) };
    return { folder: folder as unknown as FreshFolder, added, held };
  }

  it('WHEN one of them may hold credential material THEN it is held back for after the scan, and the others go to the worker in batches', () => {
    const { folder, added, held } = recorder();
    const sink = new StagingSink(folder);
    for (let i = 0; i < BATCH_FILES + 10; i++) sink.add(`f${i}.yaml`, i === 3 ? `key: |\n  ${KEY.replaceAll('\n', '\n  ')}` : `name: o${i}\n`);
    sink.flush();
    expect(added.map((b) => b.length)).toEqual([BATCH_FILES - 1, 10]);
    expect(held).toEqual([['f3.yaml'], []]);
    expect([...sink.candidates]).toEqual(['f3.yaml']);
    expect(sink.testMs).toBeGreaterThan(0);
  });

  it('WHEN the scan is given the candidates THEN it reads only those', () => {
    const files = new Map([
      ['a.yaml', `key: ${JSON.stringify(KEY)}\n`],
      ['b.yaml', `key: ${JSON.stringify(KEY)}\n`],
    ]);
    expect(scanForCredentials(files).map((f) => f.file)).toEqual(['a.yaml', 'b.yaml']);
    expect(scanForCredentials(files, new Set(['b.yaml'])).map((f) => f.file)).toEqual(['b.yaml']);
  });
});

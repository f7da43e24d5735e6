import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveFleet } from '../../model';
import { fleetHtml, fleetMermaid, fleetSvg } from '../../outputs/graph';
import { PROJECT } from '../helpers/conformance';
import { mutableDefinition, validDefinition } from '../helpers/definitions';
import { mtimes, readTree, tempDir } from '../helpers/tmp';

const BIN = path.join(PROJECT, 'bin', 'fleetwright.js');
const { dir, cleanup } = tempDir('fleetwright-graph-');
afterAll(cleanup);

function run(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function config(name: string, definition: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `export default ${JSON.stringify(definition)};\n`);
  return file;
}

const valid = config('valid.config.ts', validDefinition());

describe('fleetwright graph', () => {
  it('GIVEN --help WHEN run THEN the command and its options are described, and the main help lists it', () => {
    const r = run(['graph', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: fleetwright graph [--config FILE] [--out DIR] [--format mermaid|html|svg|all]');
    expect(r.stdout).toContain('  -o, --out DIR      output folder (default: graph); keep it outside the GitOps tree\n');
    expect(r.stdout).toContain('  -f, --format F     mermaid (fleet.mmd), html (fleet.html), svg (fleet.svg) or all (default)\n');
    expect(run(['--help']).stdout).toMatch(/ {2}graph {2}draw the fleet: hub, spokes by environment and region, rollout waves, add-ons\n/);
  });

  it('GIVEN a valid definition WHEN graphed twice THEN the first run writes the three files of the fleet and the second writes nothing', () => {
    const out = path.join(dir, 'graph');
    const first = run(['graph', '--config', valid, '--out', out]);
    expect(first).toEqual({
      code: 0,
      stderr: '',
      stdout: `✔ drew fleet acme (6 clusters) from ${valid} into ${out}/: 3 written (fleet.mmd, fleet.html, fleet.svg), 0 unchanged\n`,
    });
    const fleet = resolveFleet(validDefinition());
    expect(readTree(out)).toEqual({ 'fleet.html': fleetHtml(fleet), 'fleet.mmd': fleetMermaid(fleet), 'fleet.svg': fleetSvg(fleet) });
    const before = mtimes(out);
    const second = run(['graph', '--config', valid, '--out', out]);
    expect(second.stdout).toBe(`✔ drew fleet acme (6 clusters) from ${valid} into ${out}/: 0 written, 3 unchanged (fleet.mmd, fleet.html, fleet.svg)\n`);
    expect(mtimes(out)).toEqual(before);
  });

  it('GIVEN --format mermaid and a changed definition WHEN graphed THEN only fleet.mmd is written, and rewritten when the fleet changed', () => {
    const out = path.join(dir, 'mermaid-only');
    expect(run(['graph', '--config', valid, '--out', out, '--format', 'mermaid']).code).toBe(0);
    expect(Object.keys(readTree(out))).toEqual(['fleet.mmd']);
    const d = mutableDefinition();
    d.environments.prod.addons = { 'ingress-nginx': true };
    const changed = config('changed.config.ts', d);
    const r = run(['graph', '-c', changed, '-o', out, '-f', 'mermaid']);
    expect(r.stdout).toBe(`✔ drew fleet acme (6 clusters) from ${changed} into ${out}/: 1 written (fleet.mmd), 0 unchanged\n`);
    expect(readTree(out)['fleet.mmd']).toContain('c_prod_eks["prod-eks<br>capi-aws-eks · 1.34 · production, protected<br>wave 2 prod<br>ingress-nginx"]');
  });

  it('GIVEN an invalid definition WHEN graphed THEN the problems are printed as check prints them, the exit code is 1 and nothing is written', () => {
    const d = mutableDefinition();
    d.clusters[1].name = 'dev-aws';
    const file = config('invalid.config.ts', d);
    const out = path.join(dir, 'never');
    expect(run(['graph', '--config', file, '--out', out])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `fleetwright graph: ${file} has 1 problem:\n` +
        '  ✖ clusters[1].name "dev-aws" is already the name of clusters[0]; give every cluster a unique name\n' +
        'fleetwright graph: nothing was written\n',
    });
    expect(run(['check', '--config', file]).stderr).toBe(
      `fleetwright check: ${file} has 1 problem:\n  ✖ clusters[1].name "dev-aws" is already the name of clusters[0]; give every cluster a unique name\n`,
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it('GIVEN an unknown format WHEN graphed THEN one line names the formats and the exit code is 2 (bad usage)', () => {
    expect(run(['graph', '--config', valid, '--format', 'png'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'fleetwright graph: --format "png" is not a format; use one of mermaid, html, svg, all\n',
    });
  });

  it('GIVEN --out naming a file WHEN graphed THEN one line says so, the exit code is 1 and the file is untouched', () => {
    const file = path.join(dir, 'not-a-folder');
    fs.writeFileSync(file, 'mine\n');
    expect(run(['graph', '--config', valid, '--out', file])).toEqual({
      code: 1,
      stdout: '',
      stderr: `fleetwright graph: ${file} is a file, not a folder; choose another --out; nothing was written\n`,
    });
    expect(fs.readFileSync(file, 'utf8')).toBe('mine\n');
  });

  it('GIVEN a folder in the way of fleet.svg WHEN graphed THEN nothing is written, not even the other files', () => {
    const out = path.join(dir, 'blocked');
    fs.mkdirSync(path.join(out, 'fleet.svg'), { recursive: true });
    expect(run(['graph', '--config', valid, '--out', out])).toEqual({
      code: 1,
      stdout: '',
      stderr: `fleetwright graph: ${path.join(out, 'fleet.svg')} is a folder; remove it or choose another --out; nothing was written\n`,
    });
    expect(fs.readdirSync(out)).toEqual(['fleet.svg']);
  });
});

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../cli/main';
import type { Output } from '../cli/output';
import type { KubeObject, Unit } from '../stacks/rendered';
import { PROJECT } from './helpers/conformance';
import { mutableDefinition, validDefinition } from './helpers/definitions';
import { readTree, tempDir } from './helpers/tmp';

/** Folders added to what `renderFleet` returns, for the in-process tests of objects the definition cannot produce. */
const crafted = vi.hoisted(() => ({ units: [] as Unit[] }));
vi.mock('../stacks/fleet', async (importOriginal) => {
  const original = await importOriginal<typeof import('../stacks/fleet')>();
  return { ...original, renderFleet: (fleet: Parameters<typeof original.renderFleet>[0]) => ({ units: [...original.renderFleet(fleet).units, ...crafted.units] }) };
});

const BIN = path.join(PROJECT, 'bin', 'fleetwright.js');
const { dir, cleanup } = tempDir('fleetwright-cli-');
afterAll(cleanup);

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CDK8S_OUTDIR: '', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function config(name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, body);
  return file;
}

const valid = config('valid.config.ts', `export default ${JSON.stringify(validDefinition())};\n`);

describe('the fleetwright command line', () => {
  it('GIVEN --help WHEN run THEN the commands are listed and the exit code is 0', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: fleetwright <command> [options]');
    expect(r.stdout).toMatch(/ {2}synth {2}validate the fleet definition and write the GitOps tree/);
    expect(r.stdout).toMatch(/ {2}check {2}validate the fleet definition and print every problem; writes nothing/);
  });

  it('GIVEN synth --help WHEN run THEN its options are described', () => {
    const r = run(['synth', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: fleetwright synth [--config FILE] [--out DIR]');
    expect(r.stdout).toContain('-o, --out DIR');
  });

  it('GIVEN an unknown command or option WHEN run THEN one line explains it and the exit code is 2', () => {
    expect(run(['deploy'])).toEqual({ code: 2, stdout: '', stderr: 'fleetwright: unknown command "deploy"; run `fleetwright --help` for the commands\n' });
    const r = run(['synth', '--outdir', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^fleetwright synth: Unknown option '--outdir'.*; usage: fleetwright synth \[--config FILE\] \[--out DIR\]\n$/);
  });

  it('GIVEN a valid definition WHEN checked THEN it says so and writes nothing', () => {
    const r = run(['check', '--config', valid]);
    expect(r).toEqual({ code: 0, stderr: '', stdout: `✔ ${valid} is valid: fleet acme, hub management, 6 clusters (dev 2, prod 4)\n` });
    expect(fs.readdirSync(dir).sort()).toEqual(['valid.config.ts']);
  });

  it('GIVEN an invalid definition WHEN synthesized THEN every problem is printed, the exit code is 1 and nothing is written', () => {
    const d = mutableDefinition();
    d.clusters[1].name = 'dev-aws';
    d.clusters[2].network.podCidr = '10.101.0.0/16';
    const file = config('invalid.config.ts', `export default ${JSON.stringify(d)};\n`);
    const out = path.join(dir, 'never');
    const r = run(['synth', '--config', file, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `fleetwright synth: ${file} has 2 problems:\n` +
        '  ✖ clusters[1].name "dev-aws" is already the name of clusters[0]; give every cluster a unique name\n' +
        '  ✖ clusters[2].network.podCidr "10.101.0.0/16" overlaps clusters[0].network.podCidr "10.101.0.0/16" (dev-aws); give each cluster its own ranges (cross-cluster networking such as Cilium ClusterMesh and Submariner needs them disjoint)\n' +
        'fleetwright synth: nothing was written\n',
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it.each([
    ['a missing config file', () => path.join(dir, 'nope.ts'), (f: string) => `config file ${f} does not exist; pass --config FILE or create fleet.config.ts`],
    ['a config that throws', () => config('throws.config.ts', 'throw new Error("boom");\nexport default {};\n'), (f: string) => `config file ${f} failed to load: boom`],
    ['a config exporting a function', () => config('fn.config.ts', 'export default () => 1;\n'), (f: string) => `config file ${f} exports no fleet definition; add \`export default defineFleet({ ... })\``],
    ['a config exporting nothing', () => config('empty.config.ts', 'export const x = undefined;\n'), (f: string) => `config file ${f} exports no fleet definition; add \`export default defineFleet({ ... })\``],
  ])('GIVEN %s WHEN checked THEN one clear line and exit code 1', (_title, make, message) => {
    const file = make();
    expect(run(['check', '--config', file])).toEqual({ code: 1, stdout: '', stderr: `fleetwright check: ${message(file)}\n` });
  });

  it('GIVEN --out naming a file WHEN synthesized THEN one clear line and exit code 1', () => {
    const file = config('not-a-folder', '');
    expect(run(['synth', '--config', valid, '--out', file])).toEqual({
      code: 1,
      stdout: '',
      stderr: `fleetwright synth: ${file} is a file, not a folder; choose another --out\n`,
    });
  });

  it('GIVEN a valid definition WHEN synthesized twice THEN the first run writes the tree and the second writes nothing', () => {
    const out = path.join(dir, 'gitops');
    const first = run(['synth', '--config', valid, '--out', out]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^✔ synthesized fleet acme \\(6 clusters, (\\d+) files\\) into ${out}/: \\1 written, 0 removed, 0 unchanged in \\d+\\.\\d\\ds\\n$`));
    const files = Object.keys(readTree(out));
    expect(files).toContain('clusters/prod-eks/kustomization.yaml');
    const second = run(['synth', '--config', valid, '--out', out]);
    expect(second.stdout).toMatch(/: 0 written, 0 removed, \d+ unchanged in /);
  });

  it('GIVEN CDK8S_OUTDIR (as cdk8s synth sets it) WHEN synthesized without --out THEN it writes there', () => {
    const out = path.join(dir, 'cdk8s-out');
    const r = run(['synth', '--config', valid], { CDK8S_OUTDIR: out });
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(out, 'hub', 'kustomization.yaml'))).toBe(true);
  });
});

describe('the fleetwright command line and the API versions of the target clusters', () => {
  afterEach(() => {
    crafted.units = [];
  });

  /** Runs the CLI in this process (so that the crafted folders reach synthesis); a .js config, which Node loads without tsx. */
  function runHere(args: string[]) {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const out: Output = { stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l) };
    const code = main(args, out, '0.0.0-test');
    return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
  }

  const own = tempDir('fleetwright-cli-api-');
  afterAll(own.cleanup);
  const jsConfig = path.join(own.dir, 'valid.config.js');
  fs.writeFileSync(jsConfig, `module.exports = ${JSON.stringify(validDefinition())};\n`);
  const object = (apiVersion: string, kind: string, name: string, namespace: string): KubeObject => ({ apiVersion, kind, metadata: { name, namespace } });
  const legacy = (objects: KubeObject[], dir = 'clusters/dev-aws/legacy'): Unit => ({
    dir,
    target: dir.startsWith('hub/') ? { scope: 'hub', cluster: 'management' } : { scope: 'cluster', cluster: 'dev-aws', environment: 'dev' },
    objects,
    includes: [],
    files: [],
    kustomization: true,
  });
  const removedLine =
    '  ✖ clusters/dev-aws/legacy/cronjob-backup.yaml: CronJob ops/backup uses batch/v1beta1, which Kubernetes 1.25 stopped serving, but it is applied to dev-aws (Kubernetes 1.34); use batch/v1';

  it('GIVEN check --help WHEN run THEN it says that check renders in memory and checks the APIs of the target clusters', () => {
    const r = run(['check', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("credential material, and APIs that a target cluster's Kubernetes version no\nlonger serves (an error) or deprecates (a warning).");
  });

  it('GIVEN an object of an API its cluster no longer serves WHEN synthesized THEN one line names it, the exit code is 1 and nothing is written', () => {
    crafted.units = [legacy([object('batch/v1beta1', 'CronJob', 'backup', 'ops')])];
    const out = path.join(own.dir, 'never');
    expect(runHere(['synth', '--config', jsConfig, '--out', out])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'fleetwright synth: the synthesized tree uses Kubernetes APIs that its clusters do not serve, so nothing was written:\n' +
        `${removedLine}\n` +
        'move the objects to the APIs named, or keep those clusters on a version that serves them',
    });
    expect(fs.existsSync(out)).toBe(false);
  });

  it('GIVEN the same object WHEN checked THEN check reports it too and exits with 1', () => {
    crafted.units = [legacy([object('batch/v1beta1', 'CronJob', 'backup', 'ops')])];
    const r = runHere(['check', '--config', jsConfig]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      'fleetwright check: the synthesized tree uses Kubernetes APIs that its clusters do not serve, so nothing was written:',
      removedLine,
      'move the objects to the APIs named, or keep those clusters on a version that serves them',
    ]);
  });

  it('GIVEN an object of a deprecated API WHEN synthesized and checked THEN the warning is printed on stderr and both succeed', () => {
    crafted.units = [legacy([object('v1', 'Endpoints', 'external-db', 'default')], 'hub/legacy')];
    const warning = [
      '1 warning:',
      '  ⚠ hub/legacy/endpoints-external-db.yaml: Endpoints default/external-db uses v1, deprecated since Kubernetes 1.33, on management (Kubernetes 1.34); use discovery.k8s.io/v1 EndpointSlice',
    ];
    const out = path.join(own.dir, 'deprecated');
    const synth = runHere(['synth', '--config', jsConfig, '--out', out]);
    expect(synth.code).toBe(0);
    expect(synth.stderr).toBe(`fleetwright synth: ${warning.join('\n')}`);
    expect(synth.stdout).toMatch(/^✔ synthesized fleet acme \(6 clusters, \d+ files\) into /);
    expect(fs.existsSync(path.join(out, 'hub', 'legacy', 'endpoints-external-db.yaml'))).toBe(true);
    const check = runHere(['check', '--config', jsConfig]);
    expect(check).toEqual({ code: 0, stdout: `✔ ${jsConfig} is valid: fleet acme, hub management, 6 clusters (dev 2, prod 4)`, stderr: `fleetwright check: ${warning.join('\n')}` });
  });
});

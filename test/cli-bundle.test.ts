/**
 * bin/fleetwright.js runs the CLI from a bundle it builds and keeps in
 * node_modules/.cache/fleetwright: built on first use (with the packages it
 * runs, and a V8 code cache beside it), rebuilt when a source changes,
 * bypassed on request or when it cannot be kept, and sharing its model with
 * the fleet definition. Each test works on a copy of the package
 * (sources copied, dependencies linked), so the project's own cache is not touched.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../cli/paths';
import { PROJECT } from './helpers/conformance';
import { tempDir } from './helpers/tmp';

const { dir: scratch, cleanup } = tempDir('fleetwright-bundle-');
afterAll(cleanup);

const SOURCES = ['bench', 'bin', 'cli', 'constructs', 'model', 'outputs', 'stacks', 'index.ts', 'fleet.config.ts', 'package.json', 'tsconfig.json'];

/** A copy of the package: its sources copied, each dependency linked (so node_modules/.cache is its own). */
function packageCopy(name: string): string {
  const root = path.join(scratch, name);
  fs.mkdirSync(path.join(root, 'node_modules'), { recursive: true });
  for (const entry of SOURCES) fs.cpSync(path.join(PROJECT, entry), path.join(root, entry), { recursive: true });
  for (const dependency of fs.readdirSync(path.join(PROJECT, 'node_modules'))) {
    if (dependency !== '.cache') fs.symlinkSync(path.join(PROJECT, 'node_modules', dependency), path.join(root, 'node_modules', dependency));
  }
  return root;
}

function run(root: string, args: readonly string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin', 'fleetwright.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CDK8S_OUTDIR: '', FLEETWRIGHT_FROM_SOURCE: '', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const cache = (root: string) => path.join(root, 'node_modules', '.cache', 'fleetwright');
const bundles = (root: string) => (fs.existsSync(cache(root)) ? fs.readdirSync(cache(root)).filter((f) => f.endsWith('.cjs')).sort() : []);
const manifest = (root: string) => JSON.parse(fs.readFileSync(path.join(cache(root), 'cli.json'), 'utf8')) as { bundle: string; sources: Record<string, string> };

/** A definition that reports which TypeScript modules were loaded from source when it was evaluated. */
const REPORTING_CONFIG = [
  "import { defineFleet } from './model';",
  "import example from './fleet.config';",
  "const fromSource = Object.keys(require.cache).filter((f) => f.endsWith('.ts') && !f.endsWith('.config.ts')).map((f) => f.slice(__dirname.length + 1)).sort();",
  "process.stderr.write(`modules from source: ${fromSource.length} ${fromSource.slice(0, 3).join(' ')}\\n`);",
  'export default defineFleet(example);',
  '',
].join('\n');

describe('GIVEN a fresh copy of the package', () => {
  const root = packageCopy('fresh');

  it('WHEN the CLI first runs THEN it builds one bundle, records every source it holds, and synthesizes as from source', () => {
    const bundled = run(root, ['synth', '--out', 'bundled']);
    expect(bundled.code).toBe(0);
    expect(bundles(root)).toEqual([manifest(root).bundle]);
    const sources = Object.keys(manifest(root).sources);
    expect(sources).toEqual(expect.arrayContaining(['cli/entry.ts', 'cli/main.ts', 'model/index.ts', 'stacks/fleet.ts', 'outputs/synth.ts', 'package.json', 'tsconfig.json']));
    expect(sources.every((s) => fs.existsSync(path.join(root, s)))).toBe(true);

    const fromSource = run(root, ['synth', '--out', 'from-source'], { FLEETWRIGHT_FROM_SOURCE: '1' });
    expect(fromSource.code).toBe(0);
    const tree = (out: string) => fs.readdirSync(path.join(root, out), { recursive: true, encoding: 'utf8' }).sort();
    expect(tree('bundled')).toEqual(tree('from-source'));
    for (const file of tree('bundled').filter((f) => f.endsWith('.yaml'))) {
      expect(fs.readFileSync(path.join(root, 'bundled', file), 'utf8'), file).toBe(fs.readFileSync(path.join(root, 'from-source', file), 'utf8'));
    }
  });

  it('WHEN the CLI has run THEN the bundle holds the packages it runs (their files recorded as sources, so a change to one rebuilds it), and its code cache is written once', () => {
    const bundle = path.join(cache(root), manifest(root).bundle);
    const code = fs.readFileSync(bundle, 'utf8');
    for (const dependency of ['cdk8s', 'cdk8s-plus-28', 'constructs', 'zod', 'yaml']) expect(code).not.toContain(`require("${dependency}")`);
    expect(code).toContain('require("tsx/cjs")');
    expect(Object.keys(manifest(root).sources).filter((s) => s.includes('node_modules/cdk8s/')).length).toBeGreaterThan(0);

    const codeCache = bundle.replace(/\.cjs$/, '.v8');
    expect(fs.statSync(codeCache).size).toBeGreaterThan(100_000);
    const written = fs.statSync(codeCache).mtimeMs;
    expect(run(root, ['check']).code).toBe(0);
    expect(fs.statSync(codeCache).mtimeMs).toBe(written);
  });

  it('WHEN the code cache is not V8\'s THEN the CLI runs as without one, and writes it again', () => {
    const codeCache = path.join(cache(root), manifest(root).bundle.replace(/\.cjs$/, '.v8'));
    fs.writeFileSync(codeCache, 'not a code cache');
    const r = run(root, ['check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('fleet.config.ts is valid: fleet acme');
    expect(fs.statSync(codeCache).size).toBeGreaterThan(100_000);
  });

  it('WHEN the definition imports ./model THEN it gets the bundle\'s model, and loads no model source (but does from source)', () => {
    fs.writeFileSync(path.join(root, 'reporting.config.ts'), REPORTING_CONFIG);
    const bundled = run(root, ['check', '--config', 'reporting.config.ts']);
    expect(bundled.code).toBe(0);
    expect(bundled.stderr).toContain('modules from source: 2 index.ts model/index.ts\n');
    const fromSource = run(root, ['check', '--config', 'reporting.config.ts'], { FLEETWRIGHT_FROM_SOURCE: '1' });
    expect(fromSource.code).toBe(0);
    expect(Number(/modules from source: (\d+)/.exec(fromSource.stderr)?.[1])).toBeGreaterThan(100);
  });

  it('WHEN a source changes THEN the next run rebuilds, and runs the change', () => {
    const before = manifest(root).bundle;
    const main = path.join(root, 'cli', 'main.ts');
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('show help (also after a command)', 'show help (rebuilt)'));
    const r = run(root, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('show help (rebuilt)');
    expect(manifest(root).bundle).not.toBe(before);
    expect(manifest(root).sources['cli/main.ts']).toBe(`${fs.statSync(main).size}:${fs.statSync(main).mtimeMs}`);
  });
});

describe('GIVEN a bundle that cannot be built or kept', () => {
  it('WHEN the cache folder cannot be created THEN the CLI runs from source, and works', () => {
    const root = packageCopy('unwritable');
    fs.mkdirSync(path.dirname(cache(root)), { recursive: true });
    fs.writeFileSync(cache(root), 'a file where the cache folder should be');
    const r = run(root, ['check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('fleet.config.ts is valid: fleet acme');
    expect(fs.statSync(cache(root)).isFile()).toBe(true);
  });

  it('WHEN FLEETWRIGHT_FROM_SOURCE is set THEN no bundle is built', () => {
    const root = packageCopy('from-source');
    const r = run(root, ['--version'], { FLEETWRIGHT_FROM_SOURCE: '1' });
    expect(r.code).toBe(0);
    expect(fs.existsSync(cache(root))).toBe(false);
  });
});

describe('packageRoot', () => {
  it('GIVEN the folder of a source module or of the bundle THEN it is the package root', () => {
    expect(packageRoot(path.join(PROJECT, 'cli'))).toBe(PROJECT);
    expect(packageRoot(path.join(PROJECT, 'node_modules', '.cache', 'fleetwright'))).toBe(PROJECT);
  });
});

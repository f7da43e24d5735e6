/**
 * Property-based tests of fleet definitions (issue 8, bad input): every
 * generated valid fleet resolves and synthesizes, and a sample of them passes
 * the upstream schemas and builds with kustomize; every mutation that breaks
 * one field is refused with a problem naming that field's path, through
 * `checkFleet` and through the CLI, with no stack trace and nothing written.
 *
 * Seeded with FUZZ_SEED (fast-check prints the seed and the path of a failing
 * case); FLEETWRIGHT_FUZZ_RUNS sizes the run (moderate by default, larger in
 * `.ci/run`).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { checkFleet } from '../../model';
import { synthesize, synthesizeTo } from '../../outputs/synth';
import { announceSkip, conformanceRequired, CRDS, kubectlTool, validatorTool, VALIDATOR } from '../helpers/conformance';
import { tempDir } from '../helpers/tmp';
import { brokenFleet, FUZZ_RUNS, FUZZ_SEED, validFleet } from './arbitraries';

const params = (numRuns: number) => ({ seed: FUZZ_SEED, numRuns, endOnFailure: true });
/** Synth and CLI cases cost ~50 ms each: a tenth of the cheap properties' count. */
const COSTLY_RUNS = Math.max(5, Math.round(FUZZ_RUNS / 10));
/** Trees checked with the upstream validator and kubectl kustomize. */
const CONFORMANCE_RUNS = Math.max(2, Math.round(FUZZ_RUNS / 200));

const { dir: tmp, cleanup } = tempDir('fleetwright-fuzz-');
afterAll(cleanup);

/** Runs the CLI in this process and captures what it prints. */
function cli(argv: string[]): { code: number; stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = main(argv, { stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l) }, 'fuzz');
  return { code, stdout, stderr };
}

describe('fuzzed valid fleet definitions', () => {
  it(`GIVEN ${FUZZ_RUNS} generated valid fleets WHEN checked THEN none has a problem and each resolves with its clusters`, () => {
    fc.assert(
      fc.property(validFleet, ({ definition }) => {
        const { fleet, problems } = checkFleet(definition);
        expect(problems).toEqual([]);
        expect(fleet?.clusters.map((c) => c.name)).toEqual(definition.clusters.map((c) => c.name).sort());
      }),
      params(FUZZ_RUNS),
    );
  });

  it(`GIVEN ${COSTLY_RUNS} generated valid fleets WHEN synthesized in memory THEN nothing throws and every spoke has its folder`, () => {
    fc.assert(
      fc.property(validFleet, ({ definition }) => {
        const fleet = checkFleet(definition).fleet!;
        const { files } = synthesize(fleet);
        const folders = new Set([...files.keys()].map((f) => f.split('/').slice(0, 2).join('/')));
        for (const c of fleet.clusters) expect(folders).toContain(`clusters/${c.name}`);
      }),
      params(COSTLY_RUNS),
    );
  });
});

const validator = validatorTool();
const kubectl = kubectlTool();
announceSkip('fuzzed trees against ../shared/crds', validator);
announceSkip('kubectl kustomize of fuzzed trees', kubectl);

describe.skipIf((!validator.available || !kubectl.available) && !conformanceRequired)('fuzzed valid fleet definitions against the upstream tools', () => {
  // A fixed sample of the same seeded generator: the case folders name the sample index.
  const samples = fc.sample(validFleet, { seed: FUZZ_SEED, numRuns: CONFORMANCE_RUNS });
  const trees = path.join(tmp, 'trees');

  it('GIVEN this run WHEN conformance is required THEN the validator and kubectl are available', () => {
    expect(validator.reason).toBeUndefined();
    expect(kubectl.reason).toBeUndefined();
  });

  it(`GIVEN ${CONFORMANCE_RUNS} generated fleets written by synth WHEN validated THEN 0 errors and 0 unknown fields, and every kustomization builds`, async () => {
    samples.forEach(({ definition }, i) => synthesizeTo(checkFleet(definition).fleet!, path.join(trees, `case-${i}`)));
    const result = spawnSync(process.execPath, [VALIDATOR, '--crds', CRDS, trees], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(result.stdout.split('\n').filter((l) => / (error|unknown-field): /.test(l))).toEqual([]);
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^validated \d+ objects: 0 errors, 0 unknown-field, \d+ unknown-kind$/);
    expect(result.status).toBe(0);

    const folders = (fs.readdirSync(trees, { recursive: true }) as string[])
      .filter((f) => path.basename(f) === 'kustomization.yaml')
      .map((f) => path.join(trees, path.dirname(f)))
      .sort();
    expect(folders.length).toBeGreaterThanOrEqual(CONFORMANCE_RUNS);
    const failures: string[] = [];
    // Two builds at a time: the machine is shared.
    const queue = [...folders];
    const worker = async () => {
      for (let folder = queue.shift(); folder !== undefined; folder = queue.shift()) {
        const stderr = await new Promise<string | undefined>((resolve) => {
          const child = spawn('kubectl', ['kustomize', folder], { stdio: ['ignore', 'ignore', 'pipe'] });
          let err = '';
          child.stderr.on('data', (chunk) => (err += chunk));
          child.on('close', (code) => resolve(code === 0 ? undefined : err.trim()));
        });
        if (stderr !== undefined) failures.push(`${path.relative(trees, folder)}: ${stderr}`);
      }
    };
    await Promise.all([worker(), worker()]);
    expect(failures).toEqual([]);
  });
});

describe('fuzzed invalid fleet definitions', () => {
  it(`GIVEN ${FUZZ_RUNS} valid fleets each broken by one mutation WHEN checked THEN no exception escapes and a problem names the mutated path`, () => {
    fc.assert(
      fc.property(brokenFleet, ({ definition, path: expected }) => {
        const { fleet, problems } = checkFleet(definition);
        expect(fleet).toBeUndefined();
        expect(problems.map((p) => p.path)).toContain(expected);
        const problem = problems.find((p) => p.path === expected)!;
        expect(problem.message.startsWith(expected)).toBe(true);
      }),
      params(FUZZ_RUNS),
    );
  });

  it(`GIVEN ${COSTLY_RUNS} broken fleets in JSON config files WHEN check and synth run through the CLI THEN both exit 1 naming the path, print no stack trace and write nothing`, () => {
    let n = 0;
    fc.assert(
      fc.property(brokenFleet, ({ definition, path: expected }) => {
        // A fresh file name per case: the loader's require() caches by path.
        const config = path.join(tmp, `broken-${n}.json`);
        const out = path.join(tmp, `out-${n++}`);
        fs.writeFileSync(config, JSON.stringify(definition));
        for (const argv of [['check', '--config', config], ['synth', '--config', config, '--out', out]]) {
          const run = cli(argv);
          expect(run.code).toBe(1);
          expect(run.stdout).toEqual([]);
          expect(run.stderr.some((l) => l.startsWith(`  ✖ ${expected} `))).toBe(true);
          expect(run.stderr.filter((l) => /^\s+at /m.test(l))).toEqual([]);
        }
        expect(fs.existsSync(out)).toBe(false);
      }),
      params(COSTLY_RUNS),
    );
  });
});

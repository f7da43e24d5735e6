/**
 * The benchmark's plumbing (no timing is asserted): one run's figures are
 * consistent with a real synth of the same fleet, medians and ratios are
 * computed as documented, and bad options are refused.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { timeSynthCommand } from '../../bench/end-to-end';
import { generateFleet } from '../../bench/generate-fleet';
import { measure, type RunResult } from '../../bench/measure';
import { oneClusterChange } from '../../bench/plan-change';
import { formatTable, median, runChild, summarize } from '../../bench/suite';
import { runBench } from '../../cli/commands/bench';
import { resolveFleet } from '../../model';
import { synthesize } from '../../outputs/synth';

function fakeRun(overrides: Partial<RunResult> & { readonly synth_ms: number }): RunResult {
  return {
    clusters: 100,
    objects: 1000,
    files: 2000,
    bytes: 1_500_000,
    phases_ms: { resolve: 10, build: 50, serialize: 20, checks: 5, write: 15 },
    rss_mb: 150,
    startup_ms: 900,
    load_ms: 850,
    end_to_end_ms: 850 + overrides.synth_ms,
    floor_ms: 4,
    cdk8s_ms: 1000,
    cdk8s_skipped: null,
    resynth_ms: 60,
    resynth_files_written: 0,
    plan_ms: null,
    // Not read by summarize, which computes the ratios from the medians.
    floor_ratio: 0,
    serialize_floor_ratio: 0,
    cdk8s_ratio: 0,
    ...overrides,
  };
}

/** The keys of `bench --clusters N --json` and the type of each value. */
const JSON_KEYS = {
  clusters: 'number',
  objects: 'number',
  files: 'number',
  bytes: 'number',
  synth_ms: 'number',
  phases_ms: 'object',
  rss_mb: 'number',
  startup_ms: 'number',
  load_ms: 'number',
  end_to_end_ms: 'number',
  floor_ms: 'number',
  cdk8s_ms: 'number',
  cdk8s_skipped: 'null',
  resynth_ms: 'number',
  resynth_files_written: 'number',
  plan_ms: 'number',
  floor_ratio: 'number',
  serialize_floor_ratio: 'number',
  cdk8s_ratio: 'number',
};

function benchJson(args: { readonly clusters: string; readonly referenceMax?: string }): Record<string, unknown> {
  const lines: string[] = [];
  const errors: string[] = [];
  expect(runBench({ ...args, json: true }, { stdout: (l) => lines.push(l), stderr: (l) => errors.push(l) })).toBe(0);
  expect(errors).toEqual([]);
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

const typeOf = (value: unknown) => (value === null ? 'null' : typeof value);

describe('GIVEN one benchmark run of 12 clusters', () => {
  const run = measure(12, { referenceMax: 12 });
  const expected = synthesize(resolveFleet(generateFleet(12)));

  it('THEN it counts exactly the objects, files and bytes synth produces for that fleet', () => {
    expect(run.clusters).toBe(12);
    expect(run.objects).toBe(expected.rendered.units.reduce((n, u) => n + u.objects.length, 0));
    expect(run.files).toBe(expected.files.size);
    expect(run.bytes).toBe([...expected.files.values()].reduce((n, c) => n + Buffer.byteLength(c), 0));
  });

  it('THEN synth time is the sum of its phases, the re-synth writes nothing, and floor and reference were measured', () => {
    const { resolve, build, serialize, checks, write } = run.phases_ms;
    expect(run.synth_ms).toBeCloseTo(resolve + build + serialize + checks + write, 0);
    expect(run.resynth_files_written).toBe(0);
    expect(run.floor_ms).toBeGreaterThan(0);
    expect(run.cdk8s_ms).toBeGreaterThan(0);
    expect(run.cdk8s_skipped).toBeNull();
    expect(run.rss_mb).toBeGreaterThan(0);
    expect(run.plan_ms).toBeGreaterThan(0);
  });

  it('THEN loading is startup less Node\'s own start-up, end to end was measured, and the ratios are to synth\'s time', () => {
    expect(run.load_ms).toBeGreaterThan(0);
    expect(run.load_ms).toBeLessThanOrEqual(run.startup_ms);
    expect(run.end_to_end_ms).toBeGreaterThan(0);
    expect(run.floor_ratio).toBeCloseTo(run.synth_ms / Math.max(run.floor_ms, 0.1), 0);
    expect(run.cdk8s_ratio).toBeCloseTo(run.cdk8s_ms! / run.synth_ms, 0);
  });

  it('THEN above --reference-max the reference is null and says why, and the plan is null when not asked for', () => {
    const run = measure(12, { referenceMax: 11, plan: false });
    expect(run.cdk8s_ms).toBeNull();
    expect(run.cdk8s_ratio).toBeNull();
    expect(run.cdk8s_skipped).toBe('above --reference-max 11; cdk8s App.synth() is superlinear: pass --reference-max 12 to measure it');
    expect(run.plan_ms).toBeNull();
  });
});

describe('GIVEN `bench --clusters 10 --json`', () => {
  it('THEN it prints one JSON object with exactly the documented keys, each of its type', () => {
    const result = benchJson({ clusters: '10' });
    expect(Object.keys(result).sort()).toEqual(Object.keys(JSON_KEYS).sort());
    expect(Object.fromEntries(Object.entries(result).map(([k, v]) => [k, typeOf(v)]))).toEqual(JSON_KEYS);
    expect(Object.keys(result.phases_ms as object).sort()).toEqual(['build', 'checks', 'resolve', 'serialize', 'write']);
    expect(result.clusters).toBe(10);
  });

  it('THEN above --reference-max the same keys are there: cdk8s_ms and cdk8s_ratio null, cdk8s_skipped saying why', () => {
    const result = benchJson({ clusters: '10', referenceMax: '9' });
    expect(Object.keys(result).sort()).toEqual(Object.keys(JSON_KEYS).sort());
    expect(result).toMatchObject({
      cdk8s_ms: null,
      cdk8s_ratio: null,
      cdk8s_skipped: 'above --reference-max 9; cdk8s App.synth() is superlinear: pass --reference-max 10 to measure it',
    });
  });

  it('THEN run through the CLI in a fresh process (as `npm run bench` runs each size) it has the same keys, --reference-max passed on', () => {
    const result = runChild(10, 9) as unknown as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual(Object.keys(JSON_KEYS).sort());
    expect(result).toMatchObject({ clusters: 10, cdk8s_ms: null, cdk8s_ratio: null });
    expect(result.cdk8s_skipped).toMatch(/^above --reference-max 9;/);
    expect(result.end_to_end_ms).toBeGreaterThan(0);
  });
});

describe('GIVEN the end-to-end timing of the real command', () => {
  it('WHEN the generated fleet synthesizes THEN the time from Node\'s bootstrap to exit comes back, and its files are gone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetwright-e2e-test-'));
    try {
      const ms = timeSynthCommand(10, dir);
      expect(Number.isFinite(ms) && ms > 0).toBe(true);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('WHEN the command fails THEN the error names the size, the exit code and the command\'s own message', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetwright-e2e-test-'));
    try {
      expect(() => timeSynthCommand(3, dir)).toThrow(/^fleetwright synth of 3 generated clusters failed \(exit 1\):\n.*problem/s);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('GIVEN several runs of one size', () => {
  it('THEN each figure is its own median, and the ratios come from the medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const result = summarize([fakeRun({ synth_ms: 100, floor_ms: 5 }), fakeRun({ synth_ms: 300, floor_ms: 4, cdk8s_ms: 4000 }), fakeRun({ synth_ms: 200, floor_ms: 3, resynth_files_written: 1 })]);
    expect(result).toMatchObject({ runs: 3, synth_ms: 200, load_ms: 850, end_to_end_ms: 1050, floor_ms: 4, cdk8s_ms: 1000, cdk8s_skipped: null, cdk8s_ratio: 5, floor_ratio: 50, serialize_floor_ratio: 5, per_cluster_ms: 2, resynth_files_written: 1, plan_ms: null });
  });

  it('THEN the table has one row per size, with load and end to end, and the reason where the reference was skipped', () => {
    const skipped = fakeRun({ synth_ms: 2000, cdk8s_ms: null, cdk8s_skipped: 'above --reference-max 1000; cdk8s App.synth() is superlinear: pass --reference-max 5000 to measure it' });
    const table = formatTable([summarize([fakeRun({ synth_ms: 100 })]), summarize([skipped])]).split('\n');
    expect(table).toHaveLength(4);
    expect(table[0]).toContain('| MB | load s | synth s | end to end s | resolve |');
    expect(table[2]).toBe('| 100 | 1000 | 2000 | 1.5 | 0.85 | 0.10 | 0.95 | 0.01 | 0.05 | 0.02 | 0.01 | 0.01 | 1.00 | 150 | 0.00 | 25.0 | 5.0 | 1.00 | 10.0× | 0.06 | 0 | — |');
    expect(table[3]).toContain('| 0.85 | 2.00 | 2.85 |');
    expect(table[3]).toContain('| skipped (above --reference-max 1000) | — | 0.06 | 0 | — |');
    expect(summarize([skipped]).cdk8s_skipped).toBe(skipped.cdk8s_skipped);
  });
});

describe('GIVEN bad benchmark options', () => {
  it.each([
    [{ clusters: '5' }, 'fleetwright bench: --clusters "5" is not a whole number from 10 to 16000'],
    [{ clusters: 'many' }, 'fleetwright bench: --clusters "many" is not a whole number from 10 to 16000'],
    [{ runs: '0' }, 'fleetwright bench: --runs "0" is not a whole number from 1 to 25'],
    [{ referenceMax: '-1' }, 'fleetwright bench: --reference-max "-1" is not a whole number from 0 to 16000'],
  ])('THEN %j is refused with exit 2: %s', (options, message) => {
    const lines: string[] = [];
    expect(runBench(options, { stdout: () => {}, stderr: (l) => lines.push(l) })).toBe(2);
    expect(lines).toEqual([message]);
  });
});

describe('GIVEN the one-cluster change the benchmark plans', () => {
  it('THEN exactly one production cluster gets a label', () => {
    const definition = generateFleet(10);
    const { definition: changed, cluster } = oneClusterChange(definition);
    const touched = changed.clusters.filter((c, i) => c !== definition.clusters[i]);
    expect(touched.map((c) => [c.name, c.environment, c.labels])).toEqual([[cluster, 'prod', { 'acme.io/team': 'payments' }]]);
  });
});

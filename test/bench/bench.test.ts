/**
 * The benchmark's plumbing (no timing is asserted): one run's figures are
 * consistent with a real synth of the same fleet, medians and ratios are
 * computed as documented, and bad options are refused.
 */
import { describe, expect, it } from 'vitest';
import { generateFleet } from '../../bench/generate-fleet';
import { measure, type RunResult } from '../../bench/measure';
import { oneClusterChange } from '../../bench/plan-change';
import { formatTable, median, summarize } from '../../bench/suite';
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
    floor_ms: 4,
    cdk8s_ms: 1000,
    resynth_ms: 60,
    resynth_files_written: 0,
    ...overrides,
  };
}

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
    expect(run.rss_mb).toBeGreaterThan(0);
    expect(run.plan_ms).toBeGreaterThan(0);
  });

  it('THEN above --reference-max the reference is left out, and the plan when not asked for', () => {
    const run = measure(12, { referenceMax: 11, plan: false });
    expect(run.cdk8s_ms).toBeUndefined();
    expect(run.plan_ms).toBeUndefined();
  });
});

describe('GIVEN several runs of one size', () => {
  it('THEN each figure is its own median, and the ratios come from the medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const result = summarize([fakeRun({ synth_ms: 100, floor_ms: 5 }), fakeRun({ synth_ms: 300, floor_ms: 4, cdk8s_ms: 4000 }), fakeRun({ synth_ms: 200, floor_ms: 3, resynth_files_written: 1 })]);
    expect(result).toMatchObject({ runs: 3, synth_ms: 200, floor_ms: 4, cdk8s_ms: 1000, cdk8s_ratio: 5, floor_ratio: 50, serialize_floor_ratio: 5, per_cluster_ms: 2, resynth_files_written: 1 });
  });

  it('THEN the table has one row per size, with a dash where the reference was not measured', () => {
    const withoutReference = { ...fakeRun({ synth_ms: 2000 }) } as Record<string, unknown>;
    delete withoutReference.cdk8s_ms;
    const table = formatTable([summarize([fakeRun({ synth_ms: 100 })]), summarize([withoutReference as unknown as RunResult])]).split('\n');
    expect(table).toHaveLength(4);
    expect(table[2]).toBe('| 100 | 1000 | 2000 | 1.5 | 0.10 | 0.01 | 0.05 | 0.02 | 0.01 | 0.01 | 1.00 | 150 | 0.00 | 25.0 | 5.0 | 1.00 | 10.0× | 0.06 | 0 | — |');
    expect(table[3]).toContain('| — | — | 0.06 | 0 | — |');
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

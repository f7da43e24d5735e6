/**
 * `fleetwright bench`: the scale benchmark (a script, not a test). With
 * `--clusters N --json`, one run of one size in this process, printed as one
 * JSON object (every key always present: what was not measured is null, and
 * `cdk8s_skipped` says why cdk8s was not); otherwise every size, each run in
 * a fresh process, medians printed as a table and written as JSON.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { measure } from '../../bench/measure';
import { DEFAULT_SIZES, formatTable, runChild, summarize, TABLE_LEGEND, type SizeResult } from '../../bench/suite';
import { MAX_GENERATED_CLUSTERS } from '../../bench/generate-fleet';
import { DEFAULT_BENCH_OUT, DEFAULT_REFERENCE_MAX, DEFAULT_RUNS } from '../defaults';
import type { Output } from '../output';

/** Fleets smaller than this cannot fill the example's waves. */
export const MIN_BENCH_CLUSTERS = 10;

export interface BenchOptions {
  readonly clusters?: string;
  readonly runs?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly referenceMax?: string;
  /** Where trees are written. @default os.tmpdir() */
  readonly dir?: string;
}

/** Parses a whole number option; undefined (and a message) if it is not one in range. */
function count(name: string, value: string | undefined, fallback: number, min: number, max: number, out: Output): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    out.stderr(`fleetwright bench: --${name} ${JSON.stringify(value)} is not a whole number from ${min} to ${max}`);
    return undefined;
  }
  return n;
}

export function runBench(options: BenchOptions, out: Output): number {
  const runs = count('runs', options.runs, DEFAULT_RUNS, 1, 25, out);
  const referenceMax = count('reference-max', options.referenceMax, DEFAULT_REFERENCE_MAX, 0, MAX_GENERATED_CLUSTERS, out);
  const clusters = options.clusters === undefined ? undefined : count('clusters', options.clusters, 0, MIN_BENCH_CLUSTERS, MAX_GENERATED_CLUSTERS, out);
  if (runs === undefined || referenceMax === undefined || clusters === undefined && options.clusters !== undefined) return 2;
  if (options.dir !== undefined && !isDirectory(options.dir)) {
    out.stderr(`fleetwright bench: --dir ${options.dir} is not a folder`);
    return 2;
  }

  if (clusters !== undefined && options.json) {
    out.stdout(JSON.stringify(measure(clusters, { referenceMax, ...(options.dir !== undefined ? { dir: options.dir } : {}) })));
    return 0;
  }
  const sizes = clusters !== undefined ? [clusters] : DEFAULT_SIZES;
  const results: SizeResult[] = [];
  for (const size of sizes) {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      out.stderr(`  ${size} clusters: run ${i + 1} of ${runs}…`);
      samples.push(runChild(size, referenceMax, options.dir));
    }
    results.push(summarize(samples));
  }
  out.stdout(formatTable(results));
  out.stdout(TABLE_LEGEND);
  const file = options.out ?? DEFAULT_BENCH_OUT;
  const dir = options.dir ?? os.tmpdir();
  fs.writeFileSync(file, `${JSON.stringify({ node: process.version, runs, reference_max: referenceMax, dir, sizes: results }, null, 2)}\n`);
  out.stdout(`medians of ${runs} run${runs === 1 ? '' : 's'} per size (each in a fresh process), trees written under ${dir}; JSON written to ${file}`);
  return 0;
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

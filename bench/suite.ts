/**
 * The benchmark over several fleet sizes: each run of each size in a fresh
 * Node process (`fleetwright bench --clusters N --json`), so that peak RSS
 * and the JIT's state belong to that run alone; the medians per size, as a
 * table and as JSON.
 */
import { spawnSync } from 'node:child_process';
import { fleetwrightBin } from '../cli/paths';
import { ratios, type RunResult } from './measure';

export const DEFAULT_SIZES: readonly number[] = [10, 100, 1_000, 5_000];

/** The medians of several runs of one size (each time its own median; the ratios from the medians). */
export interface SizeResult extends RunResult {
  readonly runs: number;
  /** synth time per cluster, in ms. */
  readonly per_cluster_ms: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Combines runs of one size into medians and ratios. */
export function summarize(runs: readonly RunResult[]): SizeResult {
  const first = runs[0]!;
  const m = (pick: (r: RunResult) => number | null): number | null => {
    const values = runs.map(pick).filter((v): v is number => v !== null);
    return values.length === 0 ? null : round1(median(values));
  };
  const synth = m((r) => r.synth_ms)!;
  const serialize = m((r) => r.phases_ms.serialize)!;
  const floor = m((r) => r.floor_ms)!;
  const cdk8s = m((r) => r.cdk8s_ms);
  return {
    clusters: first.clusters,
    objects: first.objects,
    files: first.files,
    bytes: first.bytes,
    synth_ms: synth,
    phases_ms: {
      resolve: m((r) => r.phases_ms.resolve)!,
      build: m((r) => r.phases_ms.build)!,
      serialize,
      checks: m((r) => r.phases_ms.checks)!,
      write: m((r) => r.phases_ms.write)!,
    },
    rss_mb: m((r) => r.rss_mb)!,
    startup_ms: m((r) => r.startup_ms)!,
    load_ms: m((r) => r.load_ms)!,
    end_to_end_ms: m((r) => r.end_to_end_ms)!,
    floor_ms: floor,
    cdk8s_ms: cdk8s,
    cdk8s_skipped: cdk8s === null ? first.cdk8s_skipped : null,
    resynth_ms: m((r) => r.resynth_ms)!,
    resynth_files_written: Math.max(...runs.map((r) => r.resynth_files_written)),
    plan_ms: m((r) => r.plan_ms),
    ...ratios(synth, serialize, floor, cdk8s),
    runs: runs.length,
    per_cluster_ms: round2(synth / first.clusters),
  };
}

/** Runs one size once in a fresh process; throws with the child's error output if it fails. */
export function runChild(clusters: number, referenceMax: number, dir?: string): RunResult {
  const args = [fleetwrightBin(), 'bench', '--clusters', String(clusters), '--json', '--reference-max', String(referenceMax), ...(dir !== undefined ? ['--dir', dir] : [])];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`bench of ${clusters} clusters failed (exit ${child.status}):\n${child.stderr.trim()}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as RunResult;
}

const seconds = (ms: number | null) => (ms === null ? '—' : (ms / 1000).toFixed(2));

/** The table `npm run bench` prints (also the README's); {@link TABLE_LEGEND} explains its columns. */
export function formatTable(results: readonly SizeResult[]): string {
  const header = ['clusters', 'objects', 'files', 'MB', 'load s', 'synth s', 'end to end s', 'resolve', 'build', 'serialize', 'checks', 'write', 'ms/cluster', 'RSS MiB', 'JSON floor s', 'synth × floor', 'serialize × floor', 'cdk8s s', 'cdk8s ÷ synth', 're-synth s', 're-synth writes', 'plan s'];
  const rows = results.map((r) => [
    String(r.clusters),
    String(r.objects),
    String(r.files),
    (r.bytes / 1e6).toFixed(1),
    seconds(r.load_ms),
    seconds(r.synth_ms),
    seconds(r.end_to_end_ms),
    seconds(r.phases_ms.resolve),
    seconds(r.phases_ms.build),
    seconds(r.phases_ms.serialize),
    seconds(r.phases_ms.checks),
    seconds(r.phases_ms.write),
    r.per_cluster_ms.toFixed(2),
    String(r.rss_mb),
    seconds(r.floor_ms),
    r.floor_ratio.toFixed(1),
    r.serialize_floor_ratio.toFixed(1),
    r.cdk8s_skipped !== null ? `skipped (${r.cdk8s_skipped.split(';')[0]})` : seconds(r.cdk8s_ms),
    r.cdk8s_ratio === null ? '—' : `${r.cdk8s_ratio.toFixed(1)}×`,
    seconds(r.resynth_ms),
    String(r.resynth_files_written),
    seconds(r.plan_ms),
  ]);
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** What the table's columns mean; `npm run bench` prints it under the table. */
export const TABLE_LEGEND = [
  'load: from Node\'s bootstrap completing to synth starting, in the benchmark\'s process (the CLI, bundled or from source);',
  'synth: resolve + build + serialize + checks + write (into an empty folder), in that process; write: what is left',
  'after the checks (a worker thread writes big trees while they are serialized and checked); end to end:',
  '`fleetwright synth` of the same fleet as a user runs it, in a process of its own, from Node\'s bootstrap to exit',
  '(loading the CLI, tsx and a fleet.config.ts that generates the fleet, then synth; Node\'s own start-up is not',
  'counted). × floor: ÷ the time of JSON.stringify of the same documents; cdk8s ÷ synth: cdk8s App.synth() of the',
  'same objects ÷ synth (skipped above --reference-max). Times in seconds.',
].join('\n');

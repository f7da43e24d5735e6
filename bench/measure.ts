/**
 * One benchmark run for one fleet size, in this process: synth of a
 * generated fleet phase by phase (model resolution, construct building,
 * serialization, checks, writing into an empty folder), a re-synth with no
 * change, the peak RSS of all that, and the floor (`JSON.stringify` of the
 * documents serialization writes: objects, kustomizations, value files) and
 * the reference (cdk8s `App.synth()` of the objects).
 *
 * Resolution and building are timed here; serialization, the checks and the
 * write are timed by `synthesizeTo` itself (`SynthTimings`), as synth runs
 * them: a big tree going into an empty folder is written by a worker thread
 * while it is serialized and checked, so `write` is only what remains after
 * the checks (the rest of the writing, the manifest, the rename). The peak
 * RSS is read before the floor and the reference run, so it is synth's alone
 * (plus what loading the modules took).
 *
 * End to end is measured apart, on the real command (`end-to-end.ts`):
 * `fleetwright synth` of the same fleet in a process of its own, from Node's
 * bootstrap to exit, before anything else of the run. `load_ms` is this
 * process's loading, for comparison.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveFleet } from '../model';
import { treeDocuments } from '../outputs/gitops/tree';
import { synthesizeTo, type SynthTimings } from '../outputs/synth';
import { renderFleet } from '../stacks/fleet';
import { timeSynthCommand } from './end-to-end';
import { generateFleet } from './generate-fleet';
import { oneClusterChange, timePlan } from './plan-change';
import { cdk8sReference, jsonFloor } from './reference';

/** What one run measures; times in milliseconds. */
export interface RunResult {
  readonly clusters: number;
  readonly objects: number;
  readonly files: number;
  readonly bytes: number;
  /** Resolution + building + serialization + checks + writing. */
  readonly synth_ms: number;
  readonly phases_ms: {
    readonly resolve: number;
    readonly build: number;
    readonly serialize: number;
    readonly checks: number;
    /** After the checks: for a big tree, what the worker thread had not written yet, the manifest and the rename. */
    readonly write: number;
  };
  /** Peak resident set size of the process after synth, in MiB. */
  readonly rss_mb: number;
  /** From the process's start until the benchmark began: Node, tsx and the modules loading. */
  readonly startup_ms: number;
  /**
   * From Node's bootstrap completing (`performance.nodeTiming.bootstrapComplete`)
   * until the benchmark began: the CLI (bundled, or from source) and the
   * benchmark's modules loading. `startup_ms` less Node's own start-up.
   */
  readonly load_ms: number;
  /**
   * `fleetwright synth` of the same fleet run as a user runs it, in a process
   * of its own, from Node's bootstrap completing to exit: loading the CLI,
   * tsx and a `fleet.config.ts` that generates the fleet, then synth into an
   * empty folder (`end-to-end.ts`).
   */
  readonly end_to_end_ms: number;
  readonly floor_ms: number;
  /** Null when not measured (above `referenceMax`; `cdk8s_skipped` says why). */
  readonly cdk8s_ms: number | null;
  /** Why cdk8s was not measured; null when it was. */
  readonly cdk8s_skipped: string | null;
  /** A second synth into the same folder with no change: its time and how many files it wrote (must be 0). */
  readonly resynth_ms: number;
  readonly resynth_files_written: number;
  /** `plan` of a one-cluster change (a label added to one production cluster); null when not measured. */
  readonly plan_ms: number | null;
  /** synth time ÷ JSON.stringify time (how far above the floor synth is). */
  readonly floor_ratio: number;
  /** serialization time ÷ JSON.stringify time. */
  readonly serialize_floor_ratio: number;
  /** cdk8s App.synth() time ÷ synth time (how many times faster synth is); null when cdk8s was not measured. */
  readonly cdk8s_ratio: number | null;
}

export interface MeasureOptions {
  /** Measure cdk8s App.synth() only up to this many clusters (it grows faster than linearly). */
  readonly referenceMax: number;
  /** Measure plan of a one-cluster change. @default true */
  readonly plan?: boolean;
  /** Where the trees are written (a fresh folder inside it per run). @default os.tmpdir() */
  readonly dir?: string;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** The ratios to synth's time, from (rounded) times in ms; a floor under 0.1 ms counts as 0.1 ms. */
export function ratios(synth: number, serialize: number, floor: number, cdk8s: number | null): Pick<RunResult, 'floor_ratio' | 'serialize_floor_ratio' | 'cdk8s_ratio'> {
  return {
    floor_ratio: round(synth / Math.max(floor, 0.1)),
    serialize_floor_ratio: round(serialize / Math.max(floor, 0.1)),
    cdk8s_ratio: cdk8s === null ? null : round(cdk8s / synth),
  };
}

/** Why the reference is not measured for `clusters` clusters. */
export function cdk8sSkipped(clusters: number, referenceMax: number): string {
  return `above --reference-max ${referenceMax}; cdk8s App.synth() is superlinear: pass --reference-max ${clusters} to measure it`;
}

/** Runs the benchmark for a fleet of `clusters` generated clusters. */
export function measure(clusters: number, options: MeasureOptions): RunResult {
  const startup = performance.now();
  // First, while this process holds next to nothing: after the runs below (the reference's heap
  // above all), V8's background threads here would still be collecting while the command runs,
  // on the cores it needs (after a reference of 300 clusters, the 1,000-cluster command's median
  // was 0.06–0.12 s higher).
  const endToEnd = round(timeSynthCommand(clusters, options.dir ?? os.tmpdir()));
  return { ...measureInProcess(clusters, options, startup), end_to_end_ms: endToEnd };
}

/** Everything but end to end; `startup`: when this process was ready to measure. */
function measureInProcess(clusters: number, options: MeasureOptions, startup: number): Omit<RunResult, 'end_to_end_ms'> {
  // Node's own start-up ends at bootstrapComplete (ms from the same time origin).
  const load = Math.max(0, startup - performance.nodeTiming.bootstrapComplete);
  const definition = generateFleet(clusters);
  const outDir = fs.mkdtempSync(path.join(options.dir ?? os.tmpdir(), 'fleetwright-bench-'));
  try {
    let t = performance.now();
    const fleet = resolveFleet(definition);
    const resolve = performance.now() - t;
    t = performance.now();
    const rendered = renderFleet(fleet);
    const build = performance.now() - t;
    // Serialization, the checks and the write as synth runs them: a big tree into an empty folder is
    // staged by a worker thread while it is serialized and checked; `write` is what remains after the checks.
    const timings: SynthTimings = {};
    const { files } = synthesizeTo(fleet, outDir, rendered, timings);
    const serialize = timings.serialize!;
    const checks = timings.checks!;
    const write = timings.write!;
    const rssMb = process.resourceUsage().maxRSS / 1024;

    t = performance.now();
    const again = synthesizeTo(resolveFleet(definition), outDir);
    const resynth = performance.now() - t;
    const change = options.plan === false ? undefined : oneClusterChange(definition);
    const plan = change ? timePlan(change.definition, change.cluster, outDir) : undefined;

    let bytes = 0;
    for (const content of files.values()) bytes += Buffer.byteLength(content);
    const objects = rendered.units.reduce((n, u) => n + u.objects.length, 0);
    const floor = jsonFloor(treeDocuments(rendered));
    const reference = clusters <= options.referenceMax ? round(cdk8sReference(rendered.units)) : null;
    const synth = round(resolve + build + serialize + checks + write);
    return {
      clusters,
      objects,
      files: files.size,
      bytes,
      synth_ms: synth,
      phases_ms: { resolve: round(resolve), build: round(build), serialize: round(serialize), checks: round(checks), write: round(write) },
      rss_mb: Math.round(rssMb),
      startup_ms: round(startup),
      load_ms: round(load),
      floor_ms: round(floor),
      cdk8s_ms: reference,
      cdk8s_skipped: reference === null ? cdk8sSkipped(clusters, options.referenceMax) : null,
      resynth_ms: round(resynth),
      resynth_files_written: again.result.written.length + again.result.removed.length,
      plan_ms: plan === undefined ? null : round(plan),
      ...ratios(synth, round(serialize), round(floor), reference),
    };
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

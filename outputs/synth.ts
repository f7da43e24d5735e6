/**
 * Synthesis: model → rendered folders → files. The CLI, `cdk8s synth` and
 * the tests all go through here.
 */
import { performance } from 'node:perf_hooks';
import type { Fleet } from '../model';
import { renderFleet, type RenderedFleet } from '../stacks/fleet';
import { ApiVersionError, checkApiVersions } from './api-versions';
import { CredentialError, scanForCredentials } from './gitops/credentials';
import { PARALLEL_WRITE_MIN_FILES } from './gitops/fresh-folder';
import { manifestFor, type Manifest } from './gitops/manifest';
import { StagingSink } from './gitops/staging-sink';
import { serializeDocuments, treeDocuments, treeFiles, type TreeFiles } from './gitops/tree';
import { readManifest, stageFreshFolder, writeTree, type WriteResult } from './gitops/writer';
import { checkClusterRemovals } from './plan/guard';

export interface SynthOutput {
  readonly rendered: RenderedFleet;
  readonly files: TreeFiles;
  readonly manifest: Manifest;
  /**
   * What synthesis succeeded despite, one line each (e.g. an object using an
   * API a target cluster deprecates); the CLI prints them.
   */
  readonly warnings: readonly string[];
}

/** Milliseconds per phase of `synthesizeTo`, filled in as it runs (`build` only when it renders the fleet itself). */
export interface SynthTimings {
  build?: number;
  serialize?: number;
  checks?: number;
  write?: number;
}

/**
 * Everything synth would write, in memory. Throws a {@link CredentialError}
 * if any file holds credential material, and an {@link ApiVersionError} if an
 * object uses an API one of its target clusters does not serve.
 * @param rendered the folders to write (default: the fleet's, from `renderFleet`)
 */
export function synthesize(fleet: Fleet, rendered: RenderedFleet = renderFleet(fleet)): SynthOutput {
  return checked(fleet, rendered, treeFiles(rendered));
}

/** The output once the checks pass; `candidates`: the only files that may hold credential material, when known. */
function checked(fleet: Fleet, rendered: RenderedFleet, files: TreeFiles, candidates?: ReadonlySet<string>): SynthOutput {
  const findings = scanForCredentials(files, candidates);
  if (findings.length > 0) throw new CredentialError(findings);
  const apis = checkApiVersions(fleet, rendered.units);
  const errors = apis.filter((f) => f.severity === 'error');
  if (errors.length > 0) throw new ApiVersionError(errors);
  const warnings = apis.filter((f) => f.severity === 'warning').map((f) => f.message);
  return { rendered, files, manifest: manifestFor(fleet, files.keys()), warnings };
}

/**
 * Synthesizes and writes into `outDir`; nothing is written unless synthesis succeeded.
 * Throws a `ClusterRemovalError` (writing nothing) when `outDir`'s manifest lists a
 * production or protected cluster that the fleet neither has nor marks `decommission: true`.
 *
 * A big tree (thousands of files) going into a missing or empty folder is staged
 * while it is serialized and checked: a worker thread writes the files into the
 * staging folder beside `outDir` as they come (`StagingSink`, `FreshFolder`), and
 * the tree appears only once every check passed; a failure removes the staging folder.
 * @param timings filled in with the time of each phase (the benchmark reads them)
 */
export function synthesizeTo(fleet: Fleet, outDir: string, rendered?: RenderedFleet, timings: SynthTimings = {}): SynthOutput & { readonly result: WriteResult } {
  checkClusterRemovals(readManifest(outDir)?.clusters ?? [], fleet, `${outDir.replace(/\/+$/, '')}/`);
  let started = performance.now();
  const units = rendered ?? renderFleet(fleet);
  if (rendered === undefined) timings.build = performance.now() - started;

  started = performance.now();
  const documents = treeDocuments(units);
  let opened = performance.now();
  const staged = documents.length >= PARALLEL_WRITE_MIN_FILES ? stageFreshFolder(outDir, documents.length) : undefined;
  opened = performance.now() - opened;
  try {
    const sink = staged && new StagingSink(staged);
    const files = serializeDocuments(documents, sink?.add);
    sink?.flush();
    // Two documents for one path: only the map's (last) one may be written, so the staged files are dropped.
    const early = files.size === documents.length ? sink : undefined;
    if (early === undefined) staged?.abort();
    const tested = sink?.testMs ?? 0;
    const handed = sink?.handMs ?? 0;
    timings.serialize = performance.now() - started - opened - tested - handed;

    started = performance.now();
    const output = checked(fleet, units, files, early?.candidates);
    timings.checks = performance.now() - started + tested;

    started = performance.now();
    const result = writeTree(outDir, output.files, output.manifest, early && staged);
    timings.write = performance.now() - started + opened + handed;
    return { ...output, result };
  } finally {
    staged?.abort();
  }
}

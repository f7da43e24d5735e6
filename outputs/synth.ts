/**
 * Synthesis: model → rendered folders → files. The CLI, `cdk8s synth` and
 * the tests all go through here.
 */
import type { Fleet } from '../model';
import { renderFleet, type RenderedFleet } from '../stacks/fleet';
import { ApiVersionError, checkApiVersions } from './api-versions';
import { CredentialError, scanForCredentials } from './gitops/credentials';
import { manifestFor, type Manifest } from './gitops/manifest';
import { treeFiles, type TreeFiles } from './gitops/tree';
import { readManifest, writeTree, type WriteResult } from './gitops/writer';
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

/**
 * Everything synth would write, in memory. Throws a {@link CredentialError}
 * if any file holds credential material, and an {@link ApiVersionError} if an
 * object uses an API one of its target clusters does not serve.
 * @param rendered the folders to write (default: the fleet's, from `renderFleet`)
 */
export function synthesize(fleet: Fleet, rendered: RenderedFleet = renderFleet(fleet)): SynthOutput {
  const files = treeFiles(rendered);
  const findings = scanForCredentials(files);
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
 */
export function synthesizeTo(fleet: Fleet, outDir: string, rendered?: RenderedFleet): SynthOutput & { readonly result: WriteResult } {
  checkClusterRemovals(readManifest(outDir)?.clusters ?? [], fleet, `${outDir.replace(/\/+$/, '')}/`);
  const output = synthesize(fleet, rendered);
  return { ...output, result: writeTree(outDir, output.files, output.manifest) };
}

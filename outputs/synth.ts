/**
 * Synthesis: model → rendered folders → files. The CLI, `cdk8s synth` and
 * the tests all go through here.
 */
import type { Fleet } from '../model';
import { renderFleet, type RenderedFleet } from '../stacks/fleet';
import { CredentialError, scanForCredentials } from './gitops/credentials';
import { manifestFor, type Manifest } from './gitops/manifest';
import { treeFiles, type TreeFiles } from './gitops/tree';
import { writeTree, type WriteResult } from './gitops/writer';

export interface SynthOutput {
  readonly rendered: RenderedFleet;
  readonly files: TreeFiles;
  readonly manifest: Manifest;
}

/** Everything synth would write, in memory; throws a {@link CredentialError} if any file holds credential material. */
export function synthesize(fleet: Fleet): SynthOutput {
  const rendered = renderFleet(fleet);
  const files = treeFiles(rendered);
  const findings = scanForCredentials(files);
  if (findings.length > 0) throw new CredentialError(findings);
  return { rendered, files, manifest: manifestFor(fleet, files.keys()) };
}

/** Synthesizes and writes into `outDir`; nothing is written unless synthesis succeeded. */
export function synthesizeTo(fleet: Fleet, outDir: string): SynthOutput & { readonly result: WriteResult } {
  const output = synthesize(fleet);
  return { ...output, result: writeTree(outDir, output.files, output.manifest) };
}

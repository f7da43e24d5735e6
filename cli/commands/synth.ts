import { performance } from 'node:perf_hooks';
import { ConstructPropsError } from '../../constructs/errors';
import { CredentialError } from '../../outputs/gitops/credentials';
import { OutputFolderError } from '../../outputs/gitops/writer';
import { synthesizeTo } from '../../outputs/synth';
import type { Output } from '../output';
import { loadFleet } from './check';

export const DEFAULT_OUT = 'gitops';

export function runSynth(options: { config?: string; out?: string }, out: Output): number {
  const started = performance.now();
  const fleet = loadFleet(options.config, out, 'synth');
  if (!fleet) {
    out.stderr('fleetwright synth: nothing was written');
    return 1;
  }
  const outDir = options.out ?? (process.env.CDK8S_OUTDIR || DEFAULT_OUT);
  try {
    const { files, result } = synthesizeTo(fleet, outDir);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    out.stdout(
      `✔ synthesized fleet ${fleet.name} (${fleet.clusters.length} clusters, ${files.size} files) into ${outDir}/: ` +
        `${result.written.length} written, ${result.removed.length} removed, ${result.unchanged} unchanged in ${seconds}s`,
    );
    return 0;
  } catch (e) {
    if (e instanceof OutputFolderError || e instanceof CredentialError) {
      out.stderr(`fleetwright synth: ${e.message}`);
      return 1;
    }
    if (e instanceof ConstructPropsError) {
      out.stderr(`fleetwright synth: ${e.message}\nfleetwright synth: nothing was written`);
      return 1;
    }
    throw e;
  }
}

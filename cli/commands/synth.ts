import { constants } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ConstructPropsError } from '../../constructs/errors';
import { ApiVersionError } from '../../outputs/api-versions';
import { CredentialError } from '../../outputs/gitops/credentials';
import { fsCause, fsPath, isFsError } from '../../outputs/gitops/fs-errors';
import { restoringOnInterrupt } from '../../outputs/gitops/interrupts';
import { OutputFolderError, restoreOutputFolder } from '../../outputs/gitops/writer';
import { ClusterRemovalError } from '../../outputs/plan/guard';
import { synthesizeTo } from '../../outputs/synth';
import { Layout } from '../../model';
import { formatReplicaSplit, replicaSplits } from '../../model/delivery/karmada-split';
import { REPLICA_REPORT } from '../../stacks/karmada/report';
import type { Output } from '../output';
import { loadFleet, printWarnings } from './check';

export const DEFAULT_OUT = 'gitops';

export function runSynth(options: { config?: string; out?: string }, out: Output): number {
  const started = performance.now();
  const outDir = options.out ?? (process.env.CDK8S_OUTDIR || DEFAULT_OUT);
  // A synth interrupted while it moved files left its journal: the previous tree comes back first, whatever follows.
  try {
    const restored = restoreOutputFolder(outDir);
    if (restored) {
      out.stderr(
        `fleetwright synth: an interrupted synth had left ${outDir}/ half-written; restored the previous tree (${restored.restored} file(s) put back, ${restored.removed} removed)`,
      );
    }
  } catch (e) {
    if (e instanceof OutputFolderError) {
      out.stderr(`fleetwright synth: ${e.message}`);
      return 1;
    }
    throw e;
  }
  const fleet = loadFleet(options.config, out, 'synth');
  if (!fleet) {
    out.stderr('fleetwright synth: nothing was written');
    return 1;
  }
  try {
    const { files, result, warnings } = restoringOnInterrupt(
      (signal, failure) => interrupted(signal, failure, outDir, out),
      () => synthesizeTo(fleet, outDir),
    );
    printWarnings(warnings, out, 'synth');
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    out.stdout(
      `✔ synthesized fleet ${fleet.name} (${fleet.clusters.length} clusters, ${files.size} files) into ${outDir}/: ` +
        `${result.written.length} written, ${result.removed.length} removed, ${result.unchanged} unchanged in ${seconds}s`,
    );
    const splits = replicaSplits(fleet);
    if (splits.length > 0) {
      out.stdout(`  Karmada replica split (details in ${outDir}/${Layout.hubKarmada}/${REPLICA_REPORT}):`);
      for (const split of splits) out.stdout(`    ${formatReplicaSplit(split)}`);
    }
    return 0;
  } catch (e) {
    if (e instanceof OutputFolderError || e instanceof CredentialError || e instanceof ApiVersionError) {
      out.stderr(`fleetwright synth: ${e.message}`);
      return 1;
    }
    if (e instanceof ConstructPropsError || e instanceof ClusterRemovalError) {
      out.stderr(`fleetwright synth: ${e.message}\nfleetwright synth: nothing was written`);
      return 1;
    }
    throw e;
  }
}

/**
 * SIGINT or SIGTERM arrived while synth moved files into the tree: the writer
 * has put the previous tree back (`outputs/gitops/interrupts.ts`). Says so in
 * one line and exits as the signal would have (128 + its number).
 */
function interrupted(signal: NodeJS.Signals, failure: unknown, outDir: string, out: Output): never {
  if (failure === undefined) {
    out.stderr(`fleetwright synth: interrupted by ${signal} while writing ${outDir}/; the previous tree was restored and this synth's changes undone`);
  } else {
    const why = isFsError(failure) ? `${fsPath(failure, outDir)}: ${fsCause(failure, false)}` : String(failure);
    out.stderr(`fleetwright synth: interrupted by ${signal} while writing ${outDir}/; putting the previous tree back failed (${why}); the next synth puts it back`);
  }
  process.exit(128 + constants.signals[signal]);
}

import { performance } from 'node:perf_hooks';
import { ConstructPropsError } from '../../constructs/errors';
import { ApiVersionError } from '../../outputs/api-versions';
import { CredentialError } from '../../outputs/gitops/credentials';
import { OutputFolderError } from '../../outputs/gitops/writer';
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
  const fleet = loadFleet(options.config, out, 'synth');
  if (!fleet) {
    out.stderr('fleetwright synth: nothing was written');
    return 1;
  }
  const outDir = options.out ?? (process.env.CDK8S_OUTDIR || DEFAULT_OUT);
  try {
    const { files, result, warnings } = synthesizeTo(fleet, outDir);
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

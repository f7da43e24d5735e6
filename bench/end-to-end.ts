/**
 * `fleetwright synth` end to end, as a user runs it: the real command in a
 * process of its own, on a `fleet.config.ts` that builds the generated fleet
 * (as a definition of a big fleet builds its clusters in code), into an
 * empty folder. Timed from Node's bootstrap completing to the process
 * exiting (`exit-timer.cjs`, preloaded): loading the CLI (its bundle, or its
 * sources), tsx and the definition, then synth. Node's own start-up is not
 * counted; it is the same for any Node program.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fleetwrightBin, packageRoot } from '../cli/paths';

/** Milliseconds of `fleetwright synth` of `clusters` generated clusters, run in a fresh process with its files under `dir`. */
export function timeSynthCommand(clusters: number, dir: string): number {
  const work = fs.mkdtempSync(path.join(dir, 'fleetwright-e2e-'));
  try {
    const generator = path.join(packageRoot(), 'bench', 'generate-fleet');
    const config = path.join(work, 'fleet.config.ts');
    fs.writeFileSync(config, `import { generateFleet } from ${JSON.stringify(generator)};\n\nexport default generateFleet(${clusters});\n`);
    const timer = path.join(work, 'elapsed-ms');
    const child = spawnSync(
      process.execPath,
      ['--require', path.join(packageRoot(), 'bench', 'exit-timer.cjs'), fleetwrightBin(), 'synth', '--config', config, '--out', path.join(work, 'gitops')],
      { encoding: 'utf8', env: { ...process.env, FLEETWRIGHT_EXIT_TIMER: timer }, maxBuffer: 16 * 1024 * 1024 },
    );
    if (child.status !== 0) throw new Error(`fleetwright synth of ${clusters} generated clusters failed (exit ${child.status}):\n${child.stderr.trim()}`);
    return Number(fs.readFileSync(timer, 'utf8'));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

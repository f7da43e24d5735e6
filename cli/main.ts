/**
 * The `fleetwright` command line: subcommands with `--help`; exit codes
 * 0 (success), 1 (invalid definition or failed synth), 2 (bad usage).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { runBench } from './commands/bench';
import { runCheck } from './commands/check';
import { runGraph } from './commands/graph';
import { runPlan } from './commands/plan';
import { runSynth } from './commands/synth';
import { DEFAULT_BENCH_OUT, DEFAULT_GRAPH_OUT, DEFAULT_REFERENCE_MAX, DEFAULT_RUNS } from './defaults';
import { DEFAULT_CONFIG } from './load-config';
import type { Output } from './output';

interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Option lines, without `--help` (added to every command). */
  readonly help: string;
  /** Paragraphs after the options. */
  readonly details?: string;
  /** Exit code of bad usage. @default 2 */
  readonly usageExit?: number;
  run(values: Record<string, string | boolean | undefined>, out: Output): number;
}

const configOption = { config: { type: 'string', short: 'c' } } as const;

const COMMANDS: Record<string, Command> = {
  synth: {
    summary: 'validate the fleet definition and write the GitOps tree',
    usage: 'fleetwright synth [--config FILE] [--out DIR]',
    options: { ...configOption, out: { type: 'string', short: 'o' } },
    help: [
      `  -c, --config FILE  fleet definition to load (default: ${DEFAULT_CONFIG})`,
      '  -o, --out DIR      output folder (default: $CDK8S_OUTDIR when run by `cdk8s synth`, else gitops)',
    ].join('\n'),
    details: [
      'Writes only files whose content changed, removes files it produced before that are',
      'no longer produced, and never touches other files in DIR. Nothing is written when',
      'the definition has a problem, or when an object uses an API that a target cluster\'s',
      'Kubernetes version does not serve. Prints deprecated APIs as warnings, and the',
      'replica split Karmada will compute (also written to hub/karmada/replicas.md).',
    ].join('\n'),
    run: (values, out) => runSynth({ config: values.config as string | undefined, out: values.out as string | undefined }, out),
  },
  check: {
    summary: 'validate the fleet definition and print every problem; writes nothing',
    usage: 'fleetwright check [--config FILE]',
    options: { ...configOption },
    help: [
      `  -c, --config FILE  fleet definition to load (default: ${DEFAULT_CONFIG})`,
    ].join('\n'),
    details: [
      'Also renders the tree in memory, to report what only the rendered objects show:',
      'credential material, and APIs that a target cluster\'s Kubernetes version no',
      'longer serves (an error) or deprecates (a warning).',
    ].join('\n'),
    run: (values, out) => runCheck({ config: values.config as string | undefined }, out),
  },
  graph: {
    summary: 'draw the fleet: hub, spokes by environment and region, rollout waves, add-ons',
    usage: 'fleetwright graph [--config FILE] [--out DIR] [--format mermaid|html|svg|all]',
    options: { ...configOption, out: { type: 'string', short: 'o' }, format: { type: 'string', short: 'f' } },
    help: [
      `  -c, --config FILE  fleet definition to load (default: ${DEFAULT_CONFIG})`,
      `  -o, --out DIR      output folder (default: ${DEFAULT_GRAPH_OUT}); keep it outside the GitOps tree`,
      '  -f, --format F     mermaid (fleet.mmd), html (fleet.html), svg (fleet.svg) or all (default)',
    ].join('\n'),
    details: [
      'The hub, its spokes grouped by environment (rollout order) and region, each with its',
      'provider, Kubernetes version, tier, rollout wave and add-ons, and the waves in order.',
      'fleet.html and fleet.svg are self-contained (no scripts, no network): open them offline.',
      'Fleets over 100 clusters are summarized in fleet.mmd (counts per region and wave) so',
      'GitHub can render it. Writes only files whose content changed; nothing is written when',
      'the definition has a problem.',
    ].join('\n'),
    run: (values, out) =>
      runGraph({ config: values.config as string | undefined, out: values.out as string | undefined, format: values.format as string | undefined }, out),
  },
  plan: {
    summary: 'show what a change of the definition does to every cluster, against a Git ref or a synthesized tree',
    usage: 'fleetwright plan --base REF|DIR [--config FILE] [--format text|markdown|json] [--out FILE] [--max-removal-share N%]',
    options: {
      ...configOption,
      base: { type: 'string', short: 'b' },
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      'max-removal-share': { type: 'string' },
    },
    help: [
      '  -b, --base REF|DIR          what to compare with: a Git ref of the repository holding the definition',
      '                              (e.g. origin/main), or a folder synth wrote (a folder wins over a ref of its name)',
      `  -c, --config FILE           fleet definition to load (default: ${DEFAULT_CONFIG})`,
      '  -f, --format FORMAT         text (default; coloured on a terminal unless NO_COLOR is set), markdown',
      '                              (pull-request comments, parts under 65,000 characters) or json',
      '  -o, --out FILE              write the report to FILE instead of stdout; markdown parts after the first',
      '                              go to FILE.2, FILE.3, … (stale parts of a longer plan are removed)',
      '      --max-removal-share N%  warn when the change removes objects from more than N% of the base\'s clusters',
      '                              (default: 25%)',
    ].join('\n'),
    details: [
      'With a Git ref, the definition at that ref (and the source files next to it, which it may import)',
      'is rendered with the current fleetwright: the plan shows what the definition change does, not what',
      'a fleetwright upgrade does. Both sides are rendered in memory; nothing but the report is written.',
      'Objects are matched by folder, API group, kind, namespace and name (a new API version is a change)',
      'and compared by value: key order and formatting never count. The report groups them by hub,',
      'environment and cluster, lists the clusters each shared object reaches, the rollout waves the',
      'change passes through, and flags destructive changes: a cluster, Namespace, PVC or StatefulSet with',
      'volume claims, Velero location or schedule removed, pruning switched off, a network range changed.',
      'Refuses a base that holds a production or protected cluster the definition neither keeps nor marks',
      'decommission: true, and a cluster whose Kubernetes version moves up more than one minor or down.',
      'Lists Kubernetes upgrades by wave, and warns when one change upgrades more than one wave.',
      'Exit codes: 0 no changes, 2 changes, 1 error (bad usage and refusals too).',
    ].join('\n'),
    usageExit: 1,
    run: (values, out) =>
      runPlan(
        {
          config: values.config as string | undefined,
          base: values.base as string | undefined,
          format: values.format as string | undefined,
          out: values.out as string | undefined,
          maxRemovalShare: values['max-removal-share'] as string | undefined,
          color: process.stdout.isTTY === true && (process.env.NO_COLOR ?? '') === '',
        },
        out,
      ),
  },
  bench: {
    summary: 'measure synth on generated fleets of 10 to 5,000 clusters (a benchmark, not a test)',
    usage: 'fleetwright bench [--clusters N] [--runs R] [--json] [--out FILE] [--reference-max N] [--dir DIR]',
    options: {
      clusters: { type: 'string', short: 'n' },
      runs: { type: 'string', short: 'r' },
      json: { type: 'boolean' },
      out: { type: 'string', short: 'o' },
      'reference-max': { type: 'string' },
      dir: { type: 'string' },
    },
    help: [
      '  -n, --clusters N       one fleet size (10 to 16000) instead of 10, 100, 1000 and 5000',
      `  -r, --runs R           runs per size, each in a fresh process; medians are reported (default: ${DEFAULT_RUNS})`,
      '      --json             with --clusters: one run in this process, printed as one JSON object',
      `  -o, --out FILE         where the medians go as JSON (default: ${DEFAULT_BENCH_OUT})`,
      `      --reference-max N  measure cdk8s App.synth() only up to N clusters (default: ${DEFAULT_REFERENCE_MAX}; it grows`,
      '                         faster than linearly)',
      '      --dir DIR          where the trees are written (default: the OS temp folder); e.g. /dev/shm to',
      '                         measure the writer without the disk',
    ].join('\n'),
    details: [
      'Fleets come from bench/generate-fleet.ts: three environments, six regions, three providers, the',
      'full add-on catalog with Velero and Thanos. Per size: objects, files and bytes; synth time by phase',
      '(model resolution, construct building, serialization, checks, writing into an empty folder); peak',
      'RSS; the JSON.stringify floor (of the documents serialization writes) and cdk8s App.synth() of the',
      'same objects (the reference), with ratios;',
      'a re-synth with no change (files written must be 0); and plan of a one-cluster change.',
    ].join('\n'),
    run: (values, out) =>
      runBench(
        {
          clusters: values.clusters as string | undefined,
          runs: values.runs as string | undefined,
          json: values.json === true,
          out: values.out as string | undefined,
          referenceMax: values['reference-max'] as string | undefined,
          dir: values.dir as string | undefined,
        },
        out,
      ),
  },
};

/** The `-h, --help` line, its text in the column of the command's other option texts. */
function helpLine(help: string): string {
  const column = /^ +\S.*? {2,}(?=\S)/.exec(help)?.[0].length ?? 21;
  return '  -h, --help'.padEnd(column) + 'show this help';
}

function mainHelp(version: string): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    `fleetwright ${version}: one typed fleet definition → a GitOps repository for Argo CD or Flux`,
    '',
    'Usage: fleetwright <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show help (also after a command)',
    '  -v, --version  print the version',
  ].join('\n');
}

export function main(argv: readonly string[], out: Output, version: string): number {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    out.stdout(mainHelp(version));
    return name === undefined ? 2 : 0;
  }
  if (name === '-v' || name === '--version') {
    out.stdout(version);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    out.stderr(`fleetwright: unknown command "${name}"; run \`fleetwright --help\` for the commands`);
    return 2;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...rest], options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: false, strict: true }));
  } catch (e) {
    out.stderr(`fleetwright ${name}: ${(e as Error).message}; usage: ${command.usage}`);
    return command.usageExit ?? 2;
  }
  if (values.help) {
    out.stdout(`Usage: ${command.usage}\n\n${command.summary}\n\nOptions:\n${command.help}\n${helpLine(command.help)}${command.details ? `\n\n${command.details}` : ''}`);
    return 0;
  }
  return command.run(values, out);
}

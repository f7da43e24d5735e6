/**
 * The `fleetwright` command line: subcommands with `--help`; exit codes
 * 0 (success), 1 (invalid definition or failed synth), 2 (bad usage).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { runCheck } from './commands/check';
import { runSynth } from './commands/synth';
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
};

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
    return 2;
  }
  if (values.help) {
    out.stdout(`Usage: ${command.usage}\n\n${command.summary}\n\nOptions:\n${command.help}\n  -h, --help         show this help${command.details ? `\n\n${command.details}` : ''}`);
    return 0;
  }
  return command.run(values, out);
}

/**
 * What a user can get wrong on the command line, for every command that reads
 * a definition: each mistake gets one clear line on stderr (synth and graph
 * add "nothing was written"), no stack trace, a non-zero exit, and nothing is
 * written. Runs the real binary, as a user does.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT } from '../helpers/conformance';
import { validDefinition } from '../helpers/definitions';
import { readTree, tempDir } from '../helpers/tmp';

const BIN = path.join(PROJECT, 'bin', 'fleetwright.js');
const { dir, cleanup } = tempDir('fleetwright-cli-input-');
afterAll(cleanup);

const file = (name: string, body: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, body);
  return f;
};
const VALID = file('valid.config.ts', `export default ${JSON.stringify(validDefinition())};\n`);
const A_FILE = file('a-file', 'not a folder\n');
const BASE = path.join(dir, 'base');

const CONFIGS = {
  missing: path.join(dir, 'missing.config.ts'),
  throws: file('throws.config.ts', 'throw new Error("boom at load");\nexport default {};\n'),
  syntax: file('syntax.config.ts', 'export default {\n'),
  nothing: file('nothing.config.ts', 'const x = 1;\n'),
  number: file('number.config.ts', 'export default 42;\n'),
  function: file('function.config.ts', 'export default () => ({ name: "acme" });\n'),
};
const NO_FLEET = 'exports no fleet definition; add `export default defineFleet({ ... })`';
const REASONS: Record<keyof typeof CONFIGS, string> = {
  missing: `config file ${CONFIGS.missing} does not exist; pass --config FILE or create fleet.config.ts`,
  throws: `config file ${CONFIGS.throws} failed to load: boom at load`,
  syntax: `config file ${CONFIGS.syntax} failed to load: Transform failed with 1 error: ${CONFIGS.syntax}:2:0: ERROR: Expected identifier but found end of file`,
  nothing: `config file ${CONFIGS.nothing} ${NO_FLEET}`,
  number: `config file ${CONFIGS.number} ${NO_FLEET}`,
  function: `config file ${CONFIGS.function} ${NO_FLEET}`,
};

/** The extra arguments each command needs to get as far as loading the definition. */
const NEEDS: Record<string, string[]> = { synth: [], check: [], plan: ['--base', BASE], graph: [] };
const USAGE: Record<string, string> = {
  synth: 'fleetwright synth [--config FILE] [--out DIR]',
  check: 'fleetwright check [--config FILE]',
  plan: 'fleetwright plan --base REF|DIR [--config FILE] [--format text|markdown|json] [--out FILE] [--max-removal-share N%]',
  graph: 'fleetwright graph [--config FILE] [--out DIR] [--format mermaid|html|svg|all]',
};
/** synth and graph say that nothing was written after a definition they could not load. */
const NOTHING_WRITTEN = new Set(['synth', 'graph']);

interface Case {
  readonly title: string;
  readonly args: string[];
  readonly code: number;
  /** The exact stderr lines; a RegExp for Node's own wording of an unknown option. */
  readonly stderr: readonly string[] | RegExp;
}

const cases: Case[] = [];
for (const command of Object.keys(NEEDS)) {
  for (const [name, config] of Object.entries(CONFIGS)) {
    const reason = REASONS[name as keyof typeof CONFIGS];
    cases.push({
      title: `${command} with a config that is ${name}`,
      args: [command, '--config', config, ...NEEDS[command]!],
      code: 1,
      stderr: [`fleetwright ${command}: ${reason}`, ...(NOTHING_WRITTEN.has(command) ? [`fleetwright ${command}: nothing was written`] : [])],
    });
  }
  const escaped = USAGE[command]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  cases.push({
    title: `${command} with an unknown option`,
    args: [command, '--config', VALID, ...NEEDS[command]!, '--colour'],
    code: command === 'plan' ? 1 : 2,
    stderr: new RegExp(`^fleetwright ${command}: Unknown option '--colour'[^\\n]*; usage: ${escaped}$`),
  });
}
cases.push(
  { title: 'synth with --out a file', args: ['synth', '--config', VALID, '--out', A_FILE], code: 1, stderr: [`fleetwright synth: ${A_FILE} is a file, not a folder; choose another --out`] },
  {
    title: 'synth with --out under a file (not writable)',
    args: ['synth', '--config', VALID, '--out', `${A_FILE}/sub`],
    code: 1,
    stderr: [`fleetwright synth: cannot use ${A_FILE}/sub as the output folder: a part of the path is a file, not a folder (ENOTDIR); choose another --out`],
  },
  { title: 'graph with --out a file', args: ['graph', '--config', VALID, '--out', A_FILE], code: 1, stderr: [`fleetwright graph: ${A_FILE} is a file, not a folder; choose another --out; nothing was written`] },
  {
    title: 'graph with --out under a file (not writable)',
    args: ['graph', '--config', VALID, '--out', `${A_FILE}/sub`],
    code: 1,
    stderr: [`fleetwright graph: cannot read ${A_FILE}/sub/fleet.mmd: ENOTDIR: not a directory, open '${A_FILE}/sub/fleet.mmd'; nothing was written`],
  },
  {
    title: 'plan with --out under a file (not writable)',
    args: ['plan', '--config', VALID, '--base', BASE, '--out', `${A_FILE}/report.txt`],
    code: 1,
    stderr: [`fleetwright plan: cannot write the report to ${A_FILE}/report.txt: EEXIST: file already exists, mkdir '${A_FILE}'; choose another --out`],
  },
  {
    title: 'plan with --out a folder',
    args: ['plan', '--config', VALID, '--base', BASE, '--out', BASE],
    code: 1,
    stderr: [`fleetwright plan: cannot write the report to ${BASE}: EISDIR: illegal operation on a directory, open '${BASE}'; choose another --out`],
  },
);

/**
 * An --out where even root cannot create a folder: /sys refuses (EPERM on Linux), and /proc
 * answers ENOENT (on which Node 20's recursive mkdir loops forever, so this also proves synth
 * does not hang). Skipped with a notice where the folder does not exist.
 */
const REFUSING: readonly { root: string; code: string; cause: string }[] = [
  { root: '/sys', code: 'EPERM', cause: 'operation not permitted (EPERM); choose another --out or fix its permissions' },
  { root: '/sys', code: 'EACCES', cause: 'permission denied (EACCES); choose another --out or fix its permissions' },
  { root: '/sys', code: 'EROFS', cause: 'read-only file system (EROFS); choose another --out on a writable file system' },
  { root: '/proc', code: 'ENOENT', cause: 'no such file or folder, and the file system does not let it be created (ENOENT); choose another --out' },
];
for (const root of ['/sys', '/proc']) {
  const parent = `${root}/fleetwright-test`;
  let code: string | undefined;
  try {
    fs.mkdirSync(parent);
    fs.rmdirSync(parent);
  } catch (e) {
    code = (e as NodeJS.ErrnoException).code;
  }
  const expected = REFUSING.find((r) => r.root === root && r.code === code);
  if (expected === undefined) {
    console.warn(`[cli-input] synth with --out under ${root} skipped: mkdir ${parent} gave ${code ?? 'no error'}, not a refusal this test knows`);
    continue;
  }
  cases.push({
    title: `synth with --out under ${root} (no folder can be created there, even by root)`,
    args: ['synth', '--config', VALID, '--out', `${parent}/gitops`],
    code: 1,
    stderr: [`fleetwright synth: cannot write ${parent}: ${expected.cause}; nothing was written`],
  });
}

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** What the run left in its own (empty) working folder. */
  readonly left: string[];
}

/** Runs the binary in a fresh empty working folder. */
function run(args: readonly string[], cwd: string): Promise<Result> {
  fs.mkdirSync(cwd);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, CDK8S_OUTDIR: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr, left: fs.readdirSync(cwd) }));
  });
}

const results = new Map<string, Result>();
let baseTree: Record<string, string>;

beforeAll(async () => {
  const synth = spawnSync(process.execPath, [BIN, 'synth', '--config', VALID, '--out', BASE], { cwd: dir, encoding: 'utf8', env: { ...process.env, CDK8S_OUTDIR: '' } });
  expect(synth.status).toBe(0);
  baseTree = readTree(BASE);
  // Two at a time: each run is a fresh Node process.
  const queue = cases.map((c, i) => () => run(c.args, path.join(dir, `cwd-${i}`)).then((r) => void results.set(c.title, r)));
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await next();
  };
  await Promise.all([worker(), worker()]);
}, 180_000);

describe('command-line input a user can get wrong', () => {
  it.each(cases.map((c) => [c.title, c] as const))('GIVEN %s WHEN run THEN one clear line, no stack trace, a non-zero exit and nothing written', (_title, c) => {
    const r = results.get(c.title)!;
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: c.code, stdout: '' });
    const lines = r.stderr.replace(/\n$/, '').split('\n');
    expect(lines.filter((line) => line.startsWith('    at '))).toEqual([]);
    if (c.stderr instanceof RegExp) {
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(c.stderr);
    } else {
      expect(lines).toEqual(c.stderr);
    }
    expect(r.left).toEqual([]);
  });

  it('GIVEN every run WHEN done THEN the files they were pointed at are unchanged and nothing appeared beside them', () => {
    expect(results.size).toBe(cases.length);
    expect(fs.readFileSync(A_FILE, 'utf8')).toBe('not a folder\n');
    expect(readTree(BASE)).toEqual(baseTree);
    const expected = ['a-file', 'base', ...Object.values(CONFIGS).filter((f) => f !== CONFIGS.missing).map((f) => path.basename(f)), 'valid.config.ts'];
    const cwds = cases.map((_, i) => `cwd-${i}`);
    expect(fs.readdirSync(dir).sort()).toEqual([...expected, ...cwds].sort());
  });
});

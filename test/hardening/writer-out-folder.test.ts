/**
 * `--out` folders synth cannot simply write, with the real binary: a symbolic
 * link (written through: the target gets the tree, the link stays), and
 * folders the user may not write. The tests run as root, for whom permissions
 * do not block, so those runs are made as `nobody` (`runuser -u nobody`),
 * skipped with a notice where that is not possible. Each refusal is one clear
 * line naming the path, the cause and the fix, exit 1, no stack trace, and
 * the previous tree exactly as it was: the very same files.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT } from '../helpers/conformance';
import { validDefinition } from '../helpers/definitions';
import { readTree, tempDir } from '../helpers/tmp';

const BIN = path.join(PROJECT, 'bin', 'fleetwright.js');
const { dir, cleanup } = tempDir('fleetwright-out-folder-');
afterAll(cleanup);
// `nobody` must reach the configs and the folders below.
fs.chmodSync(dir, 0o755);

const config = (name: string, definition: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `export default ${JSON.stringify(definition)};\n`, { mode: 0o644 });
  return file;
};
const BEFORE = config('before.config.ts', validDefinition());
// Labels every cluster: rewrites files in hub/cluster-api/<cluster>/ and hub/registration/.
const AFTER = config('after.config.ts', {
  ...validDefinition(),
  clusters: validDefinition().clusters.map((c) => ({ ...c, labels: { ...c.labels, 'example.com/revision': '2' } })),
});

const NOBODY = (() => {
  if (process.getuid?.() !== 0) return { available: false, reason: 'the tests do not run as root, so permissions block without it' };
  const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '-e', 'process.exit(process.getuid() === 0 ? 1 : 0)'], { encoding: 'utf8' });
  return r.status === 0 ? { available: true, reason: '' } : { available: false, reason: `\`runuser -u nobody -- node\` failed (${r.error?.message ?? r.stderr.trim()})` };
})();
if (!NOBODY.available) console.warn(`[writer-out-folder] runs as an unprivileged user skipped: ${NOBODY.reason}`);

function synth(configFile: string, out: string, as?: 'nobody') {
  const args = [BIN, 'synth', '--config', configFile, '--out', out];
  const [command, argv] = as === undefined ? [process.execPath, args] : ['runuser', ['-u', as, '--', process.execPath, ...args]];
  const r = spawnSync(command, argv, { cwd: dir, encoding: 'utf8', env: { ...process.env, CDK8S_OUTDIR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Inode and modification time of every file: equal means the very same files, untouched. */
function identities(tree: string): Record<string, string> {
  return Object.fromEntries(Object.keys(readTree(tree)).map((f) => [f, `${fs.statSync(path.join(tree, f)).ino}:${fs.statSync(path.join(tree, f)).mtimeMs}`]));
}

/** Gives `nobody` (or root, with `owner` 0) every folder and file under `root`. */
function chownTree(root: string, owner: number): void {
  fs.chownSync(root, owner, owner);
  for (const entry of fs.readdirSync(root, { withFileTypes: true, recursive: true })) fs.chownSync(path.join(entry.parentPath, entry.name), owner, owner);
}
const NOBODY_ID = 65534;

let beforeTree: Record<string, string>;
let afterTree: Record<string, string>;
beforeAll(() => {
  for (const [name, file] of [['before', BEFORE], ['after', AFTER]] as const) expect(synth(file, path.join(dir, `expected-${name}`)).code).toBe(0);
  beforeTree = readTree(path.join(dir, 'expected-before'));
  afterTree = readTree(path.join(dir, 'expected-after'));
}, 60_000);

describe('GIVEN --out is a symbolic link', () => {
  it('WHEN it points to an empty folder THEN synth writes the tree into the target and the link stays a link', () => {
    fs.mkdirSync(path.join(dir, 'empty-target'));
    fs.symlinkSync('empty-target', path.join(dir, 'link-to-empty'));
    const r = synth(BEFORE, path.join(dir, 'link-to-empty'));
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(new RegExp(`^✔ synthesized fleet acme \\(6 clusters, \\d+ files\\) into ${dir}/link-to-empty/: `));
    expect(fs.lstatSync(path.join(dir, 'link-to-empty')).isSymbolicLink()).toBe(true);
    expect(readTree(path.join(dir, 'empty-target'))).toEqual(beforeTree);
  });

  it('WHEN it points to a folder holding an earlier synth THEN synth writes the change into the target and the link stays a link', () => {
    fs.cpSync(path.join(dir, 'expected-before'), path.join(dir, 'synth-target'), { recursive: true });
    fs.symlinkSync(path.join(dir, 'synth-target'), path.join(dir, 'link-to-synth'));
    const r = synth(AFTER, path.join(dir, 'link-to-synth'));
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/: 8 written, 0 removed, 77 unchanged in /);
    expect(fs.lstatSync(path.join(dir, 'link-to-synth')).isSymbolicLink()).toBe(true);
    expect(readTree(path.join(dir, 'synth-target'))).toEqual(afterTree);
  });
});

describe.skipIf(!NOBODY.available)('GIVEN synth runs as a user who may not write where --out points', () => {
  it('WHEN --out is a new folder in a folder of root\'s THEN one line names it, and nothing is written', () => {
    const locked = path.join(dir, 'root-owned');
    fs.mkdirSync(locked, { mode: 0o755 });
    const r = synth(BEFORE, path.join(locked, 'gitops'), 'nobody');
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `fleetwright synth: cannot write ${locked}/gitops: permission denied (EACCES); choose another --out or fix its permissions; nothing was written\n`,
    });
    expect(fs.readdirSync(locked)).toEqual([]);
  });

  it('WHEN --out is a tree of root\'s THEN one line names the folder synth needs, and the previous tree is unchanged', () => {
    const out = path.join(dir, 'root-tree');
    fs.cpSync(path.join(dir, 'expected-before'), out, { recursive: true });
    const same = identities(out);
    const r = synth(AFTER, out, 'nobody');
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `fleetwright synth: cannot write ${out}/.fleetwright/staging: permission denied (EACCES); choose another --out or fix its permissions; the previous tree is unchanged\n`,
    });
    expect(readTree(out)).toEqual(beforeTree);
    expect(identities(out)).toEqual(same);
  });

  it('WHEN one folder of the tree is root\'s THEN the files already moved are put back: one line names the file, the tree is the very same, no journal is left', () => {
    const out = path.join(dir, 'partly-locked');
    fs.cpSync(path.join(dir, 'expected-before'), out, { recursive: true });
    chownTree(out, NOBODY_ID);
    // The last folder the change writes in: files of other folders move into place before synth reaches it.
    const changed = Object.keys(afterTree).filter((f) => f !== '.fleetwright/manifest.json' && beforeTree[f] !== afterTree[f] && !f.endsWith('/kustomization.yaml')).sort();
    const locked = path.posix.dirname(changed.at(-1)!);
    const first = changed.find((f) => path.posix.dirname(f) === locked)!;
    expect(changed.filter((f) => path.posix.dirname(f) !== locked).length).toBeGreaterThan(1);
    chownTree(path.join(out, locked), 0);
    const same = identities(out);

    const r = synth(AFTER, out, 'nobody');
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `fleetwright synth: cannot write ${out}/${first}: permission denied (EACCES); choose another --out or fix its permissions; the previous tree is unchanged\n`,
    });
    expect(readTree(out)).toEqual(beforeTree);
    expect(identities(out)).toEqual(same);

    // Once the folder is writable, the same synth completes.
    chownTree(path.join(out, locked), NOBODY_ID);
    expect(synth(AFTER, out, 'nobody').code).toBe(0);
    expect(readTree(out)).toEqual(afterTree);
  });
});

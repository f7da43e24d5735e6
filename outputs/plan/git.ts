/**
 * The fleet definition as it was at a Git ref: the definition file and the
 * source files next to it (TypeScript, JavaScript, JSON: what it may import)
 * are copied from that commit into a temporary folder, with the project's
 * `node_modules` linked in, so that relative imports resolve to their
 * version at the ref and packages to the installed ones. Git's index and
 * working tree are never touched (`git cat-file --batch` reads the blobs).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export class PlanBaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanBaseError';
  }
}

export interface DefinitionAtRef {
  /** The definition file in the temporary folder. */
  readonly file: string;
  /** The definition's path in the repository. */
  readonly path: string;
  /** The commit the ref names (full hash). */
  readonly commit: string;
  /** Removes the temporary folder. */
  cleanup(): void;
}

/** Files a definition may import. */
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|json)$/;
/** Folders never copied: installed packages, fleetwright's records. */
const SKIP = /(^|\/)(node_modules|\.fleetwright|\.git)\//;

function git(cwd: string, args: readonly string[], input?: string): { ok: boolean; stdout: Buffer; stderr: string } {
  const r = spawnSync('git', ['-C', cwd, ...args], { input, maxBuffer: 1 << 30 });
  if (r.error) throw new PlanBaseError(`cannot run git (${r.error.message}); install Git, or pass --base a folder synth wrote`);
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr.toString('utf8').trim() };
}

/** Copies the definition `config` (a path in the working tree) as it was at `ref` into a temporary folder. */
export function definitionAtRef(config: string, ref: string): DefinitionAtRef {
  const absolute = path.resolve(config);
  const configDir = path.dirname(absolute);
  if (!fs.existsSync(configDir)) throw new PlanBaseError(`the folder of ${config} does not exist, so --base ${ref} cannot be read`);
  const top = git(configDir, ['rev-parse', '--show-toplevel']);
  if (!top.ok) throw new PlanBaseError(`${config} is not in a Git repository, so --base ${ref} cannot be read; pass --base a folder synth wrote, or run in the repository`);
  const root = fs.realpathSync(top.stdout.toString('utf8').trim());
  const relative = path.relative(root, path.join(fs.realpathSync(configDir), path.basename(absolute))).split(path.sep).join('/');
  const resolved = git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!resolved.ok) {
    throw new PlanBaseError(`--base ${ref} is neither a folder nor a commit, branch or tag of the repository at ${root}; fetch it (in CI: check out with fetch-depth: 0) or pass another ref`);
  }
  const commit = resolved.stdout.toString('utf8').trim();
  const listing = git(root, ['ls-tree', '-r', '-z', '--name-only', commit]);
  if (!listing.ok) throw new PlanBaseError(`cannot list the files of ${ref} (${commit.slice(0, 12)}): ${listing.stderr}`);
  const files = listing.stdout.toString('utf8').split('\0').filter((f) => f !== '' && !SKIP.test(f) && (SOURCE.test(f) || f === relative));
  if (!files.includes(relative)) throw new PlanBaseError(`${relative} does not exist at ${ref} (${commit.slice(0, 12)}); pass --base a ref that has it, or a folder synth wrote`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetwright-plan-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    writeBlobs(root, commit, files, dir);
    linkPackages(configDir, root, dir);
  } catch (e) {
    cleanup();
    throw e;
  }
  return { file: path.join(dir, ...relative.split('/')), path: relative, commit, cleanup };
}

/** Writes each file as it is at `commit`, read in one `git cat-file --batch`. */
function writeBlobs(root: string, commit: string, files: readonly string[], dir: string): void {
  const r = git(root, ['cat-file', '--batch'], files.map((f) => `${commit}:${f}\n`).join(''));
  if (!r.ok) throw new PlanBaseError(`cannot read the files of ${commit.slice(0, 12)}: ${r.stderr}`);
  const out = r.stdout;
  let at = 0;
  for (const file of files) {
    const eol = out.indexOf(0x0a, at);
    const header = out.subarray(at, eol).toString('utf8').split(' ');
    at = eol + 1;
    if (header[1] !== 'blob') continue; // a submodule or a missing object: nothing to copy
    const size = Number(header[2]);
    const target = path.join(dir, ...file.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, out.subarray(at, at + size));
    at += size + 1;
  }
}

/**
 * Links the `node_modules` folders that resolve packages for the definition: those of its
 * folder and its parents inside the repository, at the same place in the copy, and the nearest
 * one above the repository at the copy's root.
 */
function linkPackages(configDir: string, root: string, dir: string): void {
  let linkedRoot = false;
  for (let current = configDir; ; current = path.dirname(current)) {
    const modules = path.join(current, 'node_modules');
    if (fs.existsSync(modules)) {
      const inside = path.relative(root, fs.realpathSync(current));
      if (!inside.startsWith('..') && !path.isAbsolute(inside)) {
        fs.mkdirSync(path.join(dir, inside), { recursive: true });
        fs.symlinkSync(modules, path.join(dir, inside, 'node_modules'), 'junction');
        if (inside === '') linkedRoot = true;
      } else if (!linkedRoot) {
        fs.symlinkSync(modules, path.join(dir, 'node_modules'), 'junction');
        linkedRoot = true;
      }
    }
    if (path.dirname(current) === current) return;
  }
}

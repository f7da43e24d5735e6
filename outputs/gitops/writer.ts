/**
 * Writes the tree into an output folder that may also hold the user's own
 * files (README, CODEOWNERS, CI). Rules:
 * - only files whose content changed are written; a re-run with no change writes nothing;
 * - files produced earlier and no longer produced are removed, with folders left empty;
 * - a file fleetwright did not produce is never touched: if the tree needs its path, nothing is written;
 * - every file is replaced atomically (written in a staging folder, then renamed), and the
 *   manifest is widened before any file moves, so an interrupted run leaves no file
 *   half-written and no file without an owner; the next run completes the change;
 * - changed files are written before stale ones are removed, kustomization.yaml files last
 *   (deepest first) and removed first (shallowest first), so the tree builds at every step;
 * - into a missing or empty folder the whole tree is staged beside it and renamed into
 *   place at once (`fresh-folder.ts`), which is also the fastest way to write a big fleet.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { removeStaleStaging, writeCounter, writeFreshFolder } from './fresh-folder';
import { formatManifest, MANIFEST_DIR, MANIFEST_PATH, parseManifest, type Manifest } from './manifest';
import type { TreeFiles } from './tree';

const STAGING = `${MANIFEST_DIR}/staging`;

export interface WriteResult {
  /** Files written (created or changed), relative to the output folder. */
  readonly written: readonly string[];
  /** Files removed because they are no longer produced. */
  readonly removed: readonly string[];
  /** Files left as they were because their content is unchanged. */
  readonly unchanged: number;
}

export class OutputFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFolderError';
  }
}

/** Reads the manifest of a previous synth in `outDir`, if any. */
export function readManifest(outDir: string): Manifest | undefined {
  const file = path.join(outDir, MANIFEST_PATH);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw new OutputFolderError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return parseManifest(text, file);
  } catch (e) {
    throw new OutputFolderError((e as Error).message);
  }
}

export function writeTree(outDir: string, files: TreeFiles, manifest: Manifest): WriteResult {
  checkOutDir(outDir);
  removeStaleStaging(outDir);
  const previous = readManifest(outDir);
  const owned = new Set(previous?.files ?? []);

  const writes: string[] = [];
  const conflicts: string[] = [];
  let unchanged = 0;
  // A missing or empty folder holds none of the files: nothing to read back (the first synth of a big fleet).
  const empty = isMissingOrEmpty(outDir);
  for (const [file, content] of files) {
    const current = empty ? undefined : readIfExists(path.join(outDir, file));
    if (current === content) unchanged++;
    else if (current === DIRECTORY || (current !== undefined && !owned.has(file))) conflicts.push(file);
    else writes.push(file);
  }
  if (conflicts.length > 0) {
    throw new OutputFolderError(
      `${conflicts.length} file(s) in ${outDir} that fleetwright did not write are in the way:\n${conflicts.map((f) => `  ${f}`).join('\n')}\n` +
        'move or delete them (fleetwright never overwrites files it did not produce); nothing was written',
    );
  }
  writes.sort();
  const removals = [...owned].filter((file) => !files.has(file) && typeof readIfExists(path.join(outDir, file)) === 'string').sort();

  const manifestText = formatManifest(manifest);
  if (empty && writeFreshFolder(outDir, new Map([...files, [MANIFEST_PATH, manifestText]]))) {
    return { written: writes, removed: [], unchanged: 0 };
  }
  const manifestChanged = readIfExists(path.join(outDir, MANIFEST_PATH)) !== manifestText;
  if (writes.length === 0 && removals.length === 0 && !manifestChanged) return { written: [], removed: [], unchanged };

  const staging = path.join(outDir, STAGING);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  const made = new Set<string>();
  const done = writeCounter(); // test-only: a no-op unless FLEETWRIGHT_TEST_KILL_AFTER_WRITES is set
  const put = (file: string, content: string, n: number) => {
    const target = path.join(outDir, file);
    const dir = path.dirname(target);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    const temp = path.join(staging, String(n));
    fs.writeFileSync(temp, content);
    done();
    fs.renameSync(temp, target);
    done();
  };

  // 1. Own every file this run may leave behind before touching any of them.
  if (writes.length > 0) {
    put(MANIFEST_PATH, formatManifest({ ...manifest, files: [...new Set([...owned, ...files.keys()])].sort() }), 0);
  }
  // 2. Replace changed files, remove stale ones (in an order that keeps every kustomization buildable).
  buildableOrder(writes, 'write').forEach((file, i) => put(file, files.get(file)!, i + 1));
  for (const file of buildableOrder(removals, 'remove')) {
    fs.rmSync(path.join(outDir, file), { force: true });
    done();
    removeEmptyParents(outDir, path.dirname(path.join(outDir, file)));
  }
  // 3. Record exactly what is owned now.
  put(MANIFEST_PATH, manifestText, writes.length + 1);
  fs.rmSync(staging, { recursive: true, force: true });
  return { written: writes, removed: removals, unchanged };
}

const isKustomization = (file: string) => path.posix.basename(file) === 'kustomization.yaml';
const depth = (file: string) => file.split('/').length;

/**
 * The order of writes (or removals) that keeps the tree buildable should the run stop
 * between two of them: a kustomization.yaml is written after every other file, deepest
 * first (so what it lists is in place), and removed before every other file, shallowest
 * first (so no remaining kustomization lists what is gone).
 */
function buildableOrder(files: readonly string[], op: 'write' | 'remove'): string[] {
  const kustomizations = files.filter(isKustomization).sort((a, b) => (op === 'write' ? depth(b) - depth(a) : depth(a) - depth(b)) || (a < b ? -1 : 1));
  const others = files.filter((file) => !isKustomization(file));
  return op === 'write' ? [...others, ...kustomizations] : [...kustomizations, ...others];
}

function checkOutDir(outDir: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(outDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new OutputFolderError(`cannot use ${outDir} as the output folder: ${(e as Error).message}`);
  }
  if (!stat.isDirectory()) throw new OutputFolderError(`${outDir} is a file, not a folder; choose another --out`);
}

function isMissingOrEmpty(dir: string): boolean {
  try {
    return fs.readdirSync(dir).length === 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw new OutputFolderError(`cannot read the output folder ${dir}: ${(e as Error).message}`);
  }
}

/** What `readIfExists` returns when a folder stands where a file should be. */
const DIRECTORY = Symbol('directory');

function readIfExists(file: string): string | typeof DIRECTORY | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    if (code === 'EISDIR') return DIRECTORY;
    throw e;
  }
}

function removeEmptyParents(root: string, dir: string): void {
  const stop = path.resolve(root);
  let current = path.resolve(dir);
  while (current.startsWith(`${stop}${path.sep}`)) {
    try {
      fs.rmdirSync(current);
    } catch {
      return; // not empty (the user's files, or ours still in use)
    }
    current = path.dirname(current);
  }
}

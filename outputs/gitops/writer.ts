/**
 * Writes the tree into an output folder that may also hold the user's own
 * files (README, CODEOWNERS, CI). Rules:
 * - only files whose content changed are written; a re-run with no change writes nothing;
 * - files produced earlier and no longer produced are removed, with folders left empty;
 * - a file fleetwright did not produce is never touched: if the tree needs its path, nothing is written;
 * - a change to an existing tree is all or nothing (`apply.ts`): the new files are staged and
 *   the previous content of every file to replace or remove is kept (hard links) in a journal
 *   before any file moves; a failure puts the previous tree back at once, an interruption
 *   (SIGKILL, a crash) leaves the journal, and the next write puts it back before anything else;
 * - while files move, the manifest owns every file present, and changed files are written
 *   before stale ones are removed, kustomization.yaml files last (deepest first) and removed
 *   first (shallowest first), so even an interrupted tree builds;
 * - into a missing or empty folder the whole tree is staged beside it and renamed into
 *   place at once (`fresh-folder.ts`), which is also the fastest way to write a big fleet;
 * - an output folder that is a symbolic link is written through: its target gets the tree;
 * - a folder or file that cannot be written is one {@link OutputFolderError} naming the path,
 *   the cause in words and the fix, never a stack trace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApplyFailure, applyChange, type Step } from './apply';
import { resolveOutDir } from './folders';
import { FreshFolder, removeStaleStaging, writeFreshFolder } from './fresh-folder';
import { fsCause, fsPath, isFsError } from './fs-errors';
import { committedManifestFile, restoreInterruptedWrite, type Restored } from './journal';
import { formatManifest, MANIFEST_PATH, parseManifest, type Manifest } from './manifest';
import type { TreeFiles } from './tree';

export type { Restored } from './journal';

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

/**
 * Reads the manifest of the last complete synth in `outDir`, if any: while a
 * synth interrupted in `outDir` is not rolled back yet, the manifest it replaced.
 */
export function readManifest(outDir: string): Manifest | undefined {
  let file: string | undefined;
  let text: string;
  try {
    file = committedManifestFile(outDir);
    if (file === undefined) return undefined;
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new OutputFolderError(isFsError(e) ? `cannot read ${fsPath(e, outDir)}: ${fsCause(e)}` : (e as Error).message);
  }
  try {
    return parseManifest(text, file);
  } catch (e) {
    throw new OutputFolderError((e as Error).message);
  }
}

/**
 * Puts back the tree that a synth interrupted in `outDir` while it moved files
 * left (see `journal.ts`); undefined when there was none, or when `outDir` is
 * no folder (the write reports that). `writeTree` does this first too.
 */
export function restoreOutputFolder(outDir: string): Restored | undefined {
  let dir: string;
  try {
    dir = outputFolder(outDir);
  } catch {
    return undefined;
  }
  return restoreIn(outDir, dir);
}

/**
 * Starts staging a first synth of `files` files into `outDir` while they are
 * still being produced (`FreshFolder`, with a worker thread): when `outDir`
 * is a missing or empty folder (with no interrupted write to put back) and
 * its staging folder can be made. Undefined otherwise, or on any error:
 * `writeTree` then writes as usual and reports what is wrong.
 */
export function stageFreshFolder(outDir: string, files: number): FreshFolder | undefined {
  try {
    const dir = outputFolder(outDir);
    if (!isMissingOrEmpty(dir)) return undefined;
    return FreshFolder.open(dir, { files });
  } catch {
    return undefined;
  }
}

/**
 * Writes `files` and `manifest` into `outDir` by the rules above, after putting back a
 * tree an interrupted write left. Throws an {@link OutputFolderError} (one line) when the
 * folder cannot be used, read or written, or when files it did not write are in the way.
 * @param staged the files already staged for a first synth (`stageFreshFolder`): used if
 *   the folder is still missing or empty, else discarded; finished or aborted either way
 */
export function writeTree(outDir: string, files: TreeFiles, manifest: Manifest, staged?: FreshFolder): WriteResult {
  let dir: string;
  let comparison: ReturnType<typeof compare>;
  try {
    dir = outputFolder(outDir);
    restoreIn(outDir, dir);
    comparison = compare(outDir, dir, files, manifest);
  } catch (e) {
    staged?.abort();
    throw e;
  }
  const { previous, writes, removals, unchanged, empty, manifestChanged } = comparison;
  const manifestText = formatManifest(manifest);
  try {
    if (empty && staged !== undefined) {
      if (staged.finish([[MANIFEST_PATH, manifestText]])) return { written: writes, removed: [], unchanged: 0 };
    } else {
      staged?.abort();
      removeStaleStaging(dir);
      if (empty && writeFreshFolder(dir, new Map([...files, [MANIFEST_PATH, manifestText]]))) {
        return { written: writes, removed: [], unchanged: 0 };
      }
    }
    if (writes.length === 0 && removals.length === 0 && !manifestChanged) return { written: [], removed: [], unchanged };
    const steps: Step[] = [];
    // 1. Own every file this run may leave behind before touching any of them.
    if (writes.length > 0) {
      const owned = previous?.files ?? [];
      steps.push({ write: MANIFEST_PATH, content: formatManifest({ ...manifest, files: [...new Set([...owned, ...files.keys()])].sort() }) });
    }
    // 2. Replace changed files, remove stale ones (in an order that keeps every kustomization buildable).
    for (const file of buildableOrder(writes, 'write')) steps.push({ write: file, content: files.get(file)! });
    for (const file of buildableOrder(removals, 'remove')) steps.push({ remove: file });
    // 3. Record exactly what is owned now.
    steps.push({ write: MANIFEST_PATH, content: manifestText });
    applyChange(dir, steps);
  } catch (e) {
    throw writeError(e, dir, previous === undefined ? 'nothing was written' : 'the previous tree is unchanged');
  }
  return { written: writes, removed: removals, unchanged };
}

/** What to write and remove; reads the folder (and refuses when files it did not write are in the way). */
function compare(outDir: string, dir: string, files: TreeFiles, manifest: Manifest) {
  try {
    const previous = readManifest(dir);
    const owned = new Set(previous?.files ?? []);
    const writes: string[] = [];
    const conflicts: string[] = [];
    let unchanged = 0;
    // A missing or empty folder holds none of the files: nothing to read back (the first synth of a big fleet).
    const empty = isMissingOrEmpty(dir);
    for (const [file, content] of files) {
      const current = empty ? undefined : readIfExists(path.join(dir, file));
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
    const removals = [...owned].filter((file) => !files.has(file) && typeof readIfExists(path.join(dir, file)) === 'string').sort();
    const manifestChanged = (empty ? undefined : readIfExists(path.join(dir, MANIFEST_PATH))) !== formatManifest(manifest);
    return { previous, writes, removals, unchanged, empty, manifestChanged };
  } catch (e) {
    if (isFsError(e)) throw new OutputFolderError(`cannot read ${fsPath(e, dir)}: ${fsCause(e)}; nothing was written`);
    throw e;
  }
}

/** The output folder with links resolved; refuses a path that is no folder. */
function outputFolder(outDir: string): string {
  let dir: string;
  let stat: fs.Stats | undefined;
  try {
    dir = resolveOutDir(outDir);
    stat = fs.statSync(dir, { throwIfNoEntry: false });
  } catch (e) {
    throw new OutputFolderError(`cannot use ${outDir} as the output folder: ${isFsError(e) ? fsCause(e) : (e as Error).message}`);
  }
  if (stat !== undefined && !stat.isDirectory()) throw new OutputFolderError(`${outDir} is a file, not a folder; choose another --out`);
  return dir;
}

function restoreIn(outDir: string, dir: string): Restored | undefined {
  try {
    return restoreInterruptedWrite(dir);
  } catch (e) {
    const why = isFsError(e) ? `${fsPath(e, dir)}: ${fsCause(e, false)}` : (e as Error).message;
    throw new OutputFolderError(`cannot put back the previous tree in ${outDir}, which an interrupted synth left half-replaced: ${why}; fix that and run synth again`);
  }
}

/** The one line for a write that failed: the path, the cause in words, the fix, and the state of the tree. */
function writeError(e: unknown, dir: string, unchanged: string): unknown {
  if (e instanceof OutputFolderError) return e;
  const error = e instanceof ApplyFailure ? e.error : e;
  if (!isFsError(error)) return error;
  const failed = `cannot write ${fsPath(error, dir)}: ${fsCause(error)}`;
  if (!(e instanceof ApplyFailure) || e.restoreFailure === undefined) return new OutputFolderError(`${failed}; ${unchanged}`);
  const restore = e.restoreFailure;
  const why = isFsError(restore) ? `${fsPath(restore, dir)}: ${fsCause(restore, false)}` : (restore as Error).message;
  return new OutputFolderError(`${failed}; putting the previous tree back failed too (${why}); the next synth puts it back`);
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

function isMissingOrEmpty(dir: string): boolean {
  try {
    return fs.readdirSync(dir).length === 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw e;
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

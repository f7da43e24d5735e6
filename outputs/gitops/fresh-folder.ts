/**
 * The first synth into a missing or empty output folder: the whole tree is
 * written into a sibling staging folder (`.<name>.fleetwright-staging`) and
 * renamed into place in one step, so a reader (or an interrupted run) sees
 * either the empty folder or the complete tree, and the files need no
 * renames one by one. A staging folder left by an interrupted run is removed
 * by the next one. Where the rename is not possible (the folder is a mount
 * point, the parent is not writable, another platform refuses to replace an
 * empty folder), nothing is left behind and the caller writes file by file.
 * An output folder that is a symbolic link is resolved: its target is
 * replaced, and the link stays.
 *
 * Big trees are written by two threads at once (`FreshFolder`,
 * `staging-worker.ts`): creating tens of thousands of small files is
 * system-call bound, and the second core is otherwise idle. Synth opens the
 * staging folder before it serializes, so the worker writes while the files
 * are still being produced and checked (`outputs/synth.ts`). Either way the
 * tree appears only with the final rename.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeFolders, removeFolders, resolveOutDir } from './folders';
import { writeCounter } from './kill-points';
import { StagingWorker, type Batch } from './staging-worker';

/** Errors of mkdir/rename that mean "not here": the caller falls back to writing file by file. */
const CANNOT_STAGE = new Set(['EXDEV', 'EBUSY', 'EPERM', 'EACCES', 'EROFS', 'ENOTEMPTY', 'EEXIST', 'EINVAL']);

/** The staging folder beside `outDir`. */
export function siblingStaging(outDir: string): string {
  const absolute = path.resolve(outDir);
  return path.join(path.dirname(absolute), `.${path.basename(absolute)}.fleetwright-staging`);
}

/** Removes a staging folder an interrupted first synth left beside `outDir`. */
export function removeStaleStaging(outDir: string): void {
  fs.rmSync(siblingStaging(outDir), { recursive: true, force: true });
}

/** Trees of at least this many files are written by two threads. */
export const PARALLEL_WRITE_MIN_FILES = 2000;

/** Files per batch handed to the worker. */
export const BATCH_FILES = 256;

export interface FreshFolderOptions {
  /** Write with a second thread from this many files on. @default PARALLEL_WRITE_MIN_FILES */
  readonly parallelFrom?: number;
}

/**
 * Writes `files` (relative path → content) as the whole content of the
 * missing or empty folder `outDir`. Returns false, having changed nothing,
 * when the folder cannot be replaced in one rename.
 */
export function writeFreshFolder(outDir: string, files: ReadonlyMap<string, string>, options: FreshFolderOptions = {}): boolean {
  const entries = [...files];
  const staged = FreshFolder.open(outDir, { files: entries.length, worker: entries.length >= (options.parallelFrom ?? PARALLEL_WRITE_MIN_FILES) });
  if (staged === undefined) return false;
  for (let i = 0; i < entries.length; i += BATCH_FILES) staged.add(entries.slice(i, i + BATCH_FILES));
  return staged.finish([]);
}

export interface StagingOptions {
  /** How many files are expected (more may come; the worker takes this many, rounded up to whole batches, at most). */
  readonly files: number;
  /** Whether a worker thread writes the batches as they are added. @default true */
  readonly worker?: boolean;
  /**
   * Whether `finish` writes, on the calling thread, the batches the worker has
   * not started. @default true (false, for tests: the worker writes every batch it was given)
   */
  readonly callerJoins?: boolean;
}

/**
 * A first synth's tree, staged while it is produced: batches added are
 * written by a worker thread at once, batches held are written only by
 * `finish` (by the calling thread, which also writes the batches the worker
 * has not started yet, from the last one back). Nothing appears in the
 * output folder before `finish` renames the staging folder into place;
 * `abort` removes it.
 */
export class FreshFolder {
  /**
   * Creates the staging folder beside `outDir` (and starts the worker).
   * Returns undefined, having changed nothing, when the folder cannot be
   * replaced in one rename (it is the working folder or holds it, or the
   * staging folder cannot be made there); throws other file system errors.
   */
  static open(outDir: string, options: StagingOptions): FreshFolder | undefined {
    // A link's target is replaced, not the link (renaming a folder over a link fails).
    const absolute = resolveOutDir(outDir);
    // Replacing the working folder (`--out .`) would leave the shell in a deleted folder.
    const cwd = process.cwd();
    if (cwd === absolute || cwd.startsWith(`${absolute}${path.sep}`)) return undefined;
    const staging = siblingStaging(absolute);
    const made: string[] = [];
    try {
      fs.rmSync(staging, { recursive: true, force: true });
      made.push(...makeFolders(staging));
    } catch (e) {
      removeFolders(made);
      if (CANNOT_STAGE.has((e as NodeJS.ErrnoException).code ?? '')) return undefined;
      throw e;
    }
    const worker = options.worker === false ? undefined : new StagingWorker(staging, Math.ceil(options.files / BATCH_FILES) + 1);
    return new FreshFolder(absolute, staging, made, worker, options.callerJoins ?? true);
  }

  private readonly batches: Batch[] = [];
  private readonly held: Batch[] = [];
  private readonly folders: Set<string>;
  private closed = false;

  private constructor(
    private readonly target: string,
    private readonly staging: string,
    private readonly made: readonly string[],
    private readonly worker: StagingWorker | undefined,
    private readonly callerJoins: boolean,
  ) {
    this.folders = new Set([staging]);
  }

  /** Files the worker may write now (the calling thread writes them in `finish` if it has not started them). */
  add(batch: Batch): void {
    if (batch.length === 0) return;
    this.batches.push(batch);
    this.worker?.offer(this.batches.length - 1, batch);
  }

  /** Files written only by `finish`, on the calling thread. */
  hold(batch: Batch): void {
    if (batch.length > 0) this.held.push(batch);
  }

  /**
   * Writes what is left (and `last`, e.g. the manifest), waits for the worker
   * and renames the staging folder into place. Returns false, having removed
   * the staging folder, when the folder cannot be replaced in one rename;
   * throws other file system errors (after removing the staging folder).
   */
  finish(last: Batch): boolean {
    if (this.closed) throw new Error('this staging folder was already finished or aborted');
    const done = writeCounter();
    try {
      const byWorker: number[] = [];
      for (let i = this.batches.length - 1; i >= 0; i--) {
        const worker = this.worker;
        if (worker === undefined || !worker.given(i) || (this.callerJoins && worker.claim(i))) this.write(this.batches[i], done);
        else byWorker.push(i);
      }
      for (const batch of this.held) this.write(batch, done);
      this.write(last, done);
      this.worker?.join();
      // The kill hook (tests) counts the worker's files too, before the rename.
      for (const i of byWorker) for (let n = this.batches[i].length; n > 0; n--) done();
      // rename(2) replaces an empty folder, or creates the missing one.
      fs.renameSync(this.staging, this.target);
      this.closed = true;
      done();
      return true;
    } catch (e) {
      this.abort();
      if (CANNOT_STAGE.has((e as NodeJS.ErrnoException).code ?? '')) return false;
      throw e;
    }
  }

  /** Stops the worker and removes the staging folder, leaving nothing. Does nothing once finished or aborted. */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    this.worker?.stop();
    fs.rmSync(this.staging, { recursive: true, force: true });
    removeFolders(this.made);
  }

  /** Writes `batch` under the staging folder, creating folders as needed; `done` after each file. */
  private write(batch: Batch, done: () => void): void {
    for (const [file, content] of batch) {
      const target = path.join(this.staging, file);
      const dir = path.dirname(target);
      if (!this.folders.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        this.folders.add(dir);
      }
      fs.writeFileSync(target, content);
      done();
    }
  }
}

/**
 * The journal of a write to an existing tree (`.fleetwright/journal/`), so
 * that an interrupted write can be undone. Before the writer moves the first
 * file into the tree it records, durably:
 * - `saved/<n>`: the previous content of every file it will replace or
 *   remove, as a hard link (a copy where linking fails), so that only changed
 *   files cost anything, and little;
 * - `pending.json`: those files (with what identified each: device, inode,
 *   size, modification time), the files it will create, and the folders it
 *   will create for them; written to a temporary file, synced, renamed, and
 *   its folder synced.
 * The write is done when `pending.json` goes (removed, or renamed to
 * `applied.json` while a signal could still undo it: `interrupts.ts`); the
 * rest of the folder is scratch. A `pending.json` found later means the
 * write was interrupted: rolling back puts the saved files back (the very
 * same files: a rename of the link), removes the created ones and the
 * folders made for them, and touches nothing else. Rolling back is
 * idempotent, so it may itself be interrupted and run again.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeFolders } from './folders';
import { JOURNAL_DIR, MANIFEST_PATH, STAGING_DIR } from './manifest';

const PENDING = 'pending.json';
const APPLIED = 'applied.json';
const SAVED = 'saved';

/** A file the write replaces or removes, and where its previous content is kept. */
export interface SavedFile {
  /** Relative to the output folder, '/'-separated. */
  readonly file: string;
  /** Its name under `saved/`. */
  readonly copy: string;
  /** `device:inode:size:mtime-ns` of the file before the write: unchanged means untouched. */
  readonly was: string;
}

export interface Journal {
  readonly generator: 'fleetwright';
  readonly kind: 'journal';
  readonly version: 1;
  /** This write's id, so that a process only ever undoes or discards its own write. */
  readonly token: string;
  readonly saved: readonly SavedFile[];
  /** Files the write creates. */
  readonly created: readonly string[];
  /** Folders the write creates for them, outermost first. */
  readonly folders: readonly string[];
}

/** What a rollback did. */
export interface Restored {
  /** Files put back as they were (replaced or removed by the interrupted write). */
  readonly restored: number;
  /** Files the interrupted write had created, removed. */
  readonly removed: number;
}

/**
 * Records the journal for a write that will replace, remove or create
 * `files` (distinct, relative) in `dir`; `done` after each file saved and
 * after the journal itself. Throws the file system's error.
 */
export function recordJournal(dir: string, files: Iterable<string>, done: () => void): Journal {
  const root = path.join(dir, JOURNAL_DIR);
  const saves = path.join(root, SAVED);
  fs.rmSync(root, { recursive: true, force: true });
  makeFolders(saves);
  const saved: SavedFile[] = [];
  const created: string[] = [];
  for (const file of files) {
    const target = path.join(dir, file);
    const was = identity(target);
    if (was === undefined) {
      created.push(file);
      continue;
    }
    const copy = String(saved.length + 1);
    keep(target, path.join(saves, copy));
    saved.push({ file, copy, was });
    done();
  }
  const journal: Journal = { generator: 'fleetwright', kind: 'journal', version: 1, token: randomUUID(), saved, created, folders: missingFolders(dir, created) };
  syncFolder(saves);
  writeDurably(path.join(root, PENDING), `${JSON.stringify(journal, null, 1)}\n`);
  done();
  return journal;
}

/** Marks the write done, but keeps what undoes it (`interrupts.ts`): `pending.json` becomes `applied.json`. */
export function markApplied(dir: string): void {
  fs.renameSync(path.join(dir, JOURNAL_DIR, PENDING), path.join(dir, JOURNAL_DIR, APPLIED));
}

/** Ends the write: the journal goes (`pending.json` first: that is the commit), then the scratch. */
export function commitJournal(dir: string): void {
  fs.rmSync(path.join(dir, JOURNAL_DIR, PENDING), { force: true });
  removeScratch(dir);
}

/** Removes the journal folder and the staging folder, whatever they hold; never fails. */
export function removeScratch(dir: string): void {
  for (const scratch of [JOURNAL_DIR, STAGING_DIR]) {
    try {
      fs.rmSync(path.join(dir, scratch), { recursive: true, force: true });
    } catch {
      // left for the next run, which removes it first
    }
  }
}

/**
 * Puts `dir` back as it was before the write `journal` records (see the
 * module's comment). Files that the write did not reach are left as they are.
 */
export function rollBack(dir: string, journal: Journal): Restored {
  const saves = path.join(dir, JOURNAL_DIR, SAVED);
  let restored = 0;
  let removed = 0;
  for (const { file, copy, was } of journal.saved) {
    const target = path.join(dir, file);
    if (identity(target) === was) continue;
    const from = path.join(saves, copy);
    if (identity(from) === undefined) continue; // put back by an earlier rollback that was interrupted
    makeFolders(path.dirname(target));
    putBack(from, target);
    restored++;
  }
  for (const file of journal.created) {
    const target = path.join(dir, file);
    const stat = fs.lstatSync(target, { throwIfNoEntry: false });
    if (stat === undefined || stat.isDirectory()) continue;
    fs.rmSync(target, { force: true });
    removed++;
  }
  for (const folder of [...journal.folders].reverse()) {
    try {
      fs.rmdirSync(path.join(dir, folder));
    } catch {
      // not there, or not empty
    }
  }
  return { restored, removed };
}

/**
 * Rolls back the write an interrupted run left in `dir`, if any, and removes
 * its scratch. Undefined when no write was pending (scratch of a write that
 * completed, or that never reached the tree, is removed all the same).
 */
export function restoreInterruptedWrite(dir: string): Restored | undefined {
  const journal = readJournal(dir, PENDING);
  if (journal === undefined) {
    if (fs.existsSync(path.join(dir, JOURNAL_DIR))) removeScratch(dir);
    return undefined;
  }
  const restored = rollBack(dir, journal);
  commitJournal(dir);
  return restored;
}

/** Rolls back this process's own write (`token`), done or pending, if its journal is still there. */
export function undoOwnWrite(dir: string, token: string): void {
  const journal = readJournal(dir, APPLIED) ?? readJournal(dir, PENDING);
  if (journal?.token !== token) return;
  rollBack(dir, journal);
  fs.rmSync(path.join(dir, JOURNAL_DIR, APPLIED), { force: true });
  commitJournal(dir);
}

/** Discards this process's own completed write's journal (`token`), if it is still there. */
export function discardOwnJournal(dir: string, token: string): void {
  if (readJournal(dir, APPLIED)?.token !== token) return;
  fs.rmSync(path.join(dir, JOURNAL_DIR, APPLIED), { force: true });
  removeScratch(dir);
}

/**
 * One line for commands that read a tree (`plan --base DIR`, `check`) when a
 * write to `dir` was interrupted and not rolled back yet; undefined otherwise.
 */
export function interruptedWriteNotice(dir: string): string | undefined {
  if (!fs.existsSync(path.join(dir, JOURNAL_DIR, PENDING))) return undefined;
  return (
    `${dir.replace(/\/+$/, '')}/ holds the journal of a synth that was interrupted while it replaced files (${JOURNAL_DIR}/${PENDING}), ` +
    'so its files mix two trees; the next fleetwright synth restores the previous tree'
  );
}

/**
 * The file holding the manifest of the last complete tree in `dir`: the
 * manifest itself, or, while an interrupted write is pending, the saved copy
 * of the one it replaced; undefined when that write created the manifest.
 */
export function committedManifestFile(dir: string): string | undefined {
  const manifest = path.join(dir, MANIFEST_PATH);
  const journal = readJournal(dir, PENDING);
  if (journal === undefined) return manifest;
  if (journal.created.includes(MANIFEST_PATH)) return undefined;
  const saved = journal.saved.find((s) => s.file === MANIFEST_PATH);
  if (saved === undefined || identity(manifest) === saved.was) return manifest;
  const copy = path.join(dir, JOURNAL_DIR, SAVED, saved.copy);
  return identity(copy) === undefined ? manifest : copy;
}

function readJournal(dir: string, name: typeof PENDING | typeof APPLIED): Journal | undefined {
  const file = path.join(dir, JOURNAL_DIR, name);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
  return parseJournal(text, file);
}

const isRelative = (file: unknown): file is string =>
  typeof file === 'string' && file !== '' && !file.startsWith('/') && !file.split('/').includes('..');

function parseJournal(text: string, where: string): Journal {
  let data: Partial<Journal> | undefined;
  try {
    data = JSON.parse(text) as Partial<Journal>;
  } catch {
    data = undefined;
  }
  const valid =
    data?.generator === 'fleetwright' &&
    data.kind === 'journal' &&
    data.version === 1 &&
    typeof data.token === 'string' &&
    Array.isArray(data.saved) &&
    data.saved.every((s) => isRelative(s?.file) && /^[0-9]+$/.test(String(s.copy)) && typeof s.was === 'string') &&
    Array.isArray(data.created) &&
    data.created.every(isRelative) &&
    Array.isArray(data.folders) &&
    data.folders.every(isRelative);
  if (!valid) {
    throw new Error(`${where} is not a fleetwright journal; restore the folder from Git, then delete ${path.dirname(where)}`);
  }
  return data as Journal;
}

/** What identifies the file at `file` (not following a link), or undefined when nothing is there. */
function identity(file: string): string | undefined {
  const s = fs.lstatSync(file, { bigint: true, throwIfNoEntry: false });
  return s === undefined ? undefined : `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}`;
}

/** Keeps the content of `file` at `copy`: a hard link (the same file, no data copied), or a copy where linking fails. */
function keep(file: string, copy: string): void {
  try {
    fs.linkSync(file, copy);
  } catch {
    // another file system below the folder, a file system without links, protected links (not the owner)
    fs.copyFileSync(file, copy);
  }
}

/** Moves the kept `from` back to `target` in one rename (beside it first when they are on different file systems). */
function putBack(from: string, target: string): void {
  try {
    fs.renameSync(from, target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    const temp = `${target}.fleetwright-restore`;
    fs.copyFileSync(from, temp);
    fs.renameSync(temp, target);
  }
}

/** The folders (relative) missing above `files` in `dir`, outermost first. */
function missingFolders(dir: string, files: readonly string[]): string[] {
  const known = new Map<string, boolean>();
  const exists = (folder: string): boolean => {
    if (!known.has(folder)) known.set(folder, fs.existsSync(path.join(dir, folder)));
    return known.get(folder)!;
  };
  const missing = new Set<string>();
  for (const file of files) {
    for (let folder = path.posix.dirname(file); folder !== '.' && !missing.has(folder) && !exists(folder); folder = path.posix.dirname(folder)) {
      missing.add(folder);
    }
  }
  return [...missing].sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
}

/** Writes `file` so that it is either absent or complete, and on disk: a synced temporary file renamed over it. */
function writeDurably(file: string, text: string): void {
  const temp = `${file}.tmp`;
  const fd = fs.openSync(temp, 'w');
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  syncFolder(path.dirname(file));
}

/** Makes a folder's entries durable (the links, the renamed journal); some file systems cannot, which is no error. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // EINVAL, EISDIR, EPERM on file systems and platforms that do not sync folders
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

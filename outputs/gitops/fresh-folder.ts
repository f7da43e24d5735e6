/**
 * The first synth into a missing or empty output folder: the whole tree is
 * written into a sibling staging folder (`.<name>.fleetwright-staging`) and
 * renamed into place in one step, so a reader (or an interrupted run) sees
 * either the empty folder or the complete tree, and the files need no
 * renames one by one. A staging folder left by an interrupted run is removed
 * by the next one. Where the rename is not possible (the folder is a mount
 * point, the parent is not writable, another platform refuses to replace an
 * empty folder), nothing is left behind and the caller writes file by file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Errors of mkdir/rename that mean "not here": the caller falls back to writing file by file. */
const CANNOT_STAGE = new Set(['EXDEV', 'EBUSY', 'EPERM', 'EACCES', 'EROFS', 'ENOTEMPTY', 'EEXIST', 'EINVAL']);

/** Test-only (test/hardening/crash.test.ts): the variable that makes the writer kill its own process. */
export const KILL_AFTER_WRITES_ENV = 'FLEETWRIGHT_TEST_KILL_AFTER_WRITES';

/**
 * Test-only: returns the function the writers call after every file system
 * change (write, rename, removal). Only when FLEETWRIGHT_TEST_KILL_AFTER_WRITES
 * is a whole number N ≥ 1 does the N-th call kill the process with SIGKILL,
 * which no handler can catch, so a test can interrupt a real synth mid-write.
 * Unset, or anything else, it does nothing.
 */
export function writeCounter(): () => void {
  const raw = process.env[KILL_AFTER_WRITES_ENV];
  if (raw === undefined || !/^[1-9][0-9]{0,8}$/.test(raw)) return () => {};
  let left = Number(raw);
  return () => {
    if (--left === 0) process.kill(process.pid, 'SIGKILL');
  };
}

/** The staging folder beside `outDir`. */
export function siblingStaging(outDir: string): string {
  const absolute = path.resolve(outDir);
  return path.join(path.dirname(absolute), `.${path.basename(absolute)}.fleetwright-staging`);
}

/** Removes a staging folder an interrupted first synth left beside `outDir`. */
export function removeStaleStaging(outDir: string): void {
  fs.rmSync(siblingStaging(outDir), { recursive: true, force: true });
}

/**
 * Writes `files` (relative path → content) as the whole content of the
 * missing or empty folder `outDir`. Returns false, having changed nothing,
 * when the folder cannot be replaced in one rename.
 */
export function writeFreshFolder(outDir: string, files: ReadonlyMap<string, string>): boolean {
  // Replacing the working folder (`--out .`) would leave the shell in a deleted folder.
  const cwd = process.cwd();
  const absolute = path.resolve(outDir);
  if (cwd === absolute || cwd.startsWith(`${absolute}${path.sep}`)) return false;
  const staging = siblingStaging(outDir);
  const done = writeCounter();
  try {
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    const made = new Set<string>([staging]);
    for (const [file, content] of files) {
      const target = path.join(staging, file);
      const dir = path.dirname(target);
      if (!made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      fs.writeFileSync(target, content);
      done();
    }
    // rename(2) replaces an empty folder, or creates the missing one.
    fs.renameSync(staging, outDir);
    done();
    return true;
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (CANNOT_STAGE.has((e as NodeJS.ErrnoException).code ?? '')) return false;
    throw e;
  }
}

/**
 * The output folder and the folders the writers create: symbolic links are
 * resolved (a link's target is written, the link kept), and missing folders
 * are made one by one, so that a place that refuses folders fails at once
 * (`fs.mkdirSync(…, { recursive: true })` loops forever under /proc with
 * Node 20) and what a failed run created can be removed again.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Links followed before giving up, as the kernel does (ELOOP). */
const MAX_LINKS = 40;

/**
 * The absolute, link-free path of the output folder `outDir`: its real path
 * when it exists; when it does not, the real path of what exists above it,
 * with dangling links followed, so that a link to a folder not made yet
 * resolves to that folder. Throws the file system's error otherwise
 * (ENOTDIR under a file, EACCES, ELOOP).
 */
export function resolveOutDir(outDir: string): string {
  let current = path.resolve(outDir);
  for (let links = 0; links <= MAX_LINKS; links++) {
    try {
      return fs.realpathSync(current);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    let target: string;
    try {
      target = fs.readlinkSync(current);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EINVAL') throw e;
      // Missing, not a link: resolve the folder above it.
      const parent = path.dirname(current);
      return parent === current ? current : path.join(resolveOutDir(parent), path.basename(current));
    }
    current = path.resolve(path.dirname(current), target);
  }
  throw Object.assign(new Error(`ELOOP: too many symbolic links encountered, stat '${outDir}'`), { code: 'ELOOP', syscall: 'stat', path: outDir });
}

/** Creates `dir` and the missing folders above it; returns those it created, outermost first. */
export function makeFolders(dir: string): string[] {
  const missing: string[] = [];
  for (let current = path.resolve(dir); !exists(current); current = path.dirname(current)) {
    missing.unshift(current);
    if (path.dirname(current) === current) break;
  }
  for (const folder of missing) fs.mkdirSync(folder);
  return missing;
}

/** Removes folders `makeFolders` created, innermost first, where they are (still) empty. */
export function removeFolders(created: readonly string[]): void {
  for (const folder of [...created].reverse()) {
    try {
      fs.rmdirSync(folder);
    } catch {
      // not empty, or already gone
    }
  }
}

/** Whether something is at `p`; anything but "nothing there" counts, so the next mkdir reports it. */
function exists(p: string): boolean {
  try {
    fs.statSync(p);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

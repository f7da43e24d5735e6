/**
 * File system errors in words, for the one line synth prints instead of a
 * stack trace: the path that failed, the cause, and what to do about it.
 */

/** An error of a file system call: it has an errno code (`EACCES`, …). */
export function isFsError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && /^E[A-Z0-9]+$/.test(String((e as NodeJS.ErrnoException).code));
}

const CHOOSE = 'choose another --out';
const PERMISSIONS = `${CHOOSE} or fix its permissions`;
const SPACE = `free some space or ${CHOOSE}`;

/** errno code → the cause in words, and the fix. */
const CAUSES: Readonly<Record<string, readonly [cause: string, fix: string]>> = {
  EACCES: ['permission denied', PERMISSIONS],
  EPERM: ['operation not permitted', PERMISSIONS],
  EROFS: ['read-only file system', `${CHOOSE} on a writable file system`],
  ENOSPC: ['no space left on the device', SPACE],
  EDQUOT: ['disk quota exceeded', SPACE],
  EFBIG: ['file too large for the file system', CHOOSE],
  EEXIST: ['something else is already there', `move it away or ${CHOOSE}`],
  ENOTDIR: ['a part of the path is a file, not a folder', CHOOSE],
  EISDIR: ['a folder is in the way', `move it away or ${CHOOSE}`],
  ENOENT: ['no such file or folder, and the file system does not let it be created', CHOOSE],
  ENAMETOOLONG: ['the name is too long', 'choose a shorter --out'],
  ELOOP: ['too many levels of symbolic links', `fix the links or ${CHOOSE}`],
  EMFILE: ['too many open files', 'raise the limit of open files (ulimit -n) and run synth again'],
  ENFILE: ['too many open files in the system', 'close some programs and run synth again'],
  EMLINK: ['too many links', CHOOSE],
  EIO: ['input/output error', `check the disk, or ${CHOOSE}`],
  EBUSY: ['the file or folder is busy', 'stop what is using it and run synth again'],
  ETXTBSY: ['the file is busy', 'stop what is using it and run synth again'],
  EXDEV: ['the move crosses file systems', CHOOSE],
};

/** The path a call failed on: a rename's or link's destination, else its path, else `fallback`. */
export function fsPath(e: NodeJS.ErrnoException, fallback: string): string {
  return (e as NodeJS.ErrnoException & { dest?: string }).dest ?? e.path ?? fallback;
}

/**
 * `<cause> (<CODE>); <fix>`, e.g. `permission denied (EACCES); choose another --out or fix its
 * permissions`; without the fix when `fix` is false.
 */
export function fsCause(e: NodeJS.ErrnoException, fix = true): string {
  const code = e.code ?? 'EUNKNOWN';
  const known = CAUSES[code];
  // Node's message: `CODE: what happened, syscall 'path'`; keep what happened.
  const cause = known?.[0] ?? /^[A-Z0-9]+: ([^,]+)/.exec(e.message)?.[1] ?? e.message;
  return fix ? `${cause} (${code}); ${known?.[1] ?? CHOOSE}` : `${cause} (${code})`;
}

/**
 * Applies a change (files to write, files to remove) to a tree that is
 * already there, so that whoever looks at the tree after a failure or an
 * interruption finds the previous tree, or the next fleetwright run does:
 * 1. prepare: every new file is written into the staging folder and the
 *    journal records what the tree holds now (`journal.ts`). The tree is not
 *    touched: a failure removes the scratch, an interruption leaves only
 *    scratch, which the next run removes.
 * 2. apply: the staged files are renamed into place and the stale ones
 *    removed, in the caller's order. A failure rolls the tree back at once; an
 *    interruption leaves the journal, and the next run rolls the tree back
 *    before anything else (or, where the caller asked, the signal's listener
 *    does at once: `interrupts.ts`).
 * 3. commit: the journal goes. Only from here on is the new tree the tree.
 * The cost stays linear in what changes: one staged file per write, one hard
 * link per file replaced or removed, one synced journal.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeFolders, removeFolders } from './folders';
import { interruptGuard } from './interrupts';
import { commitJournal, recordJournal, removeScratch, rollBack, type Journal } from './journal';
import { writeCounter } from './kill-points';
import { STAGING_DIR } from './manifest';

/** One change to the tree: a file written with `content`, or a file removed (with the folders it leaves empty). */
export type Step = { readonly write: string; readonly content: string } | { readonly remove: string };

/** A change that failed: the file system's error, in which phase, and whether the rollback failed too. */
export class ApplyFailure extends Error {
  constructor(
    readonly error: unknown,
    readonly phase: 'prepare' | 'apply',
    /** Set when the tree could not be rolled back: its journal stays, for the next run. */
    readonly restoreFailure?: unknown,
  ) {
    super(error instanceof Error ? error.message : String(error));
    this.name = 'ApplyFailure';
  }
}

const stepFile = (step: Step) => ('write' in step ? step.write : step.remove);

/** Applies `steps` to the existing tree in `dir` (see the module's comment); throws an {@link ApplyFailure}. */
export function applyChange(dir: string, steps: readonly Step[]): void {
  const staging = path.join(dir, STAGING_DIR);
  const made: string[] = [];
  let journal: Journal;
  try {
    const done = writeCounter('prepare');
    fs.rmSync(staging, { recursive: true, force: true });
    made.push(...makeFolders(staging));
    steps.forEach((step, i) => {
      if (!('write' in step)) return;
      fs.writeFileSync(path.join(staging, String(i)), step.content);
      done();
    });
    journal = recordJournal(dir, new Set(steps.map(stepFile)), done);
  } catch (e) {
    removeScratch(dir);
    removeFolders(made);
    throw new ApplyFailure(e, 'prepare');
  }

  const guard = interruptGuard(dir, journal.token);
  try {
    const done = writeCounter('apply');
    const folders = new Set<string>();
    steps.forEach((step, i) => {
      if ('write' in step) {
        const target = path.join(dir, step.write);
        const folder = path.dirname(target);
        if (!folders.has(folder)) {
          makeFolders(folder);
          folders.add(folder);
        }
        fs.renameSync(path.join(staging, String(i)), target);
      } else {
        const target = path.join(dir, step.remove);
        fs.rmSync(target, { force: true });
        if (removeEmptyParents(dir, path.dirname(target))) folders.clear();
      }
      done();
    });
    if (guard) guard.applied();
    else commitJournal(dir);
  } catch (e) {
    let restoreFailure: unknown;
    try {
      rollBack(dir, journal);
      commitJournal(dir);
      removeFolders(made);
    } catch (failure) {
      restoreFailure = failure;
    }
    guard?.failed();
    throw new ApplyFailure(e, 'apply', restoreFailure);
  }
  try {
    fs.rmSync(staging, { recursive: true, force: true });
  } catch {
    // scratch: the next run removes it
  }
}

/** Removes the folders from `dir` up to (not including) `root` that are empty; whether it removed any. */
function removeEmptyParents(root: string, dir: string): boolean {
  const stop = path.resolve(root);
  let removed = false;
  for (let current = path.resolve(dir); current.startsWith(`${stop}${path.sep}`); current = path.dirname(current)) {
    try {
      fs.rmdirSync(current);
      removed = true;
    } catch {
      break; // not empty (the user's files, or ours still in use)
    }
  }
  return removed;
}

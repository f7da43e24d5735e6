/**
 * SIGINT and SIGTERM while the writer moves files into the tree (its apply
 * phase), for callers that ask for it: `fleetwright synth` does, the API
 * does not (a library does not exit its host's process).
 *
 * Node runs a signal's listeners only once the synchronous code running
 * returns, and the writer is synchronous. So a listener added when the apply
 * phase starts holds a signal back until the phase ends, where the default
 * action would kill the process half-way. When the phase ends the writer
 * keeps its journal (`applied.json`, see `journal.ts`) until the event loop
 * has run once more: a signal that arrived meanwhile rolls the tree back
 * from it and the caller's `onInterrupt` reports and exits; otherwise the
 * journal is discarded. Without such a caller, SIGINT and SIGTERM kill the
 * process as SIGKILL does, and the next write restores the tree.
 */
import { discardOwnJournal, markApplied, undoOwnWrite } from './journal';

/** Called after the tree was rolled back (`restoreFailure` set when that failed); expected to exit. */
export type OnInterrupt = (signal: NodeJS.Signals, restoreFailure?: unknown) => void;

let armed: OnInterrupt | undefined;

/** Runs `run`; a SIGINT or SIGTERM during a write it makes undoes that write, then calls `onInterrupt`. */
export function restoringOnInterrupt<T>(onInterrupt: OnInterrupt, run: () => T): T {
  const outer = armed;
  armed = onInterrupt;
  try {
    return run();
  } finally {
    armed = outer;
  }
}

/** What the writer calls when its apply phase in `dir` ends. */
export interface InterruptGuard {
  /** The apply phase completed; its journal is kept until signals were delivered. */
  applied(): void;
  /** The apply phase failed and was rolled back. */
  failed(): void;
}

/** For the writer, when its apply phase starts: undefined unless a caller asked (`restoringOnInterrupt`). */
export function interruptGuard(dir: string, token: string): InterruptGuard | undefined {
  const onInterrupt = armed;
  if (onInterrupt === undefined) return undefined;
  let later: NodeJS.Immediate | undefined;
  const stop = () => {
    process.off('SIGINT', listener);
    process.off('SIGTERM', listener);
    if (later !== undefined) clearImmediate(later);
  };
  function listener(signal: NodeJS.Signals): void {
    stop();
    let failure: unknown;
    try {
      undoOwnWrite(dir, token);
    } catch (e) {
      failure = e;
    }
    onInterrupt!(signal, failure);
  }
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return {
    applied: () => {
      markApplied(dir);
      later = setImmediate(() => {
        stop();
        try {
          discardOwnJournal(dir, token);
        } catch {
          // the next write discards it: a journal marked applied is never rolled back by another run
        }
      });
    },
    failed: () => {
      later = setImmediate(stop);
    },
  };
}

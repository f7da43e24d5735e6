/**
 * Test-only (test/hardening/crash.test.ts): the hook that lets a test
 * interrupt a real synth at a chosen file system change. The writers call
 * the function `writeCounter` returns after every change they make (a file
 * written, linked, renamed or removed, the journal recorded). Unset, or set
 * to anything but the forms below, it does nothing.
 *
 * FLEETWRIGHT_TEST_KILL_AFTER_WRITES:
 * - `N` (a whole number ≥ 1): the N-th change of the run, whatever its phase;
 * - `prepare:N`: the N-th change before the tree is touched (staging, saved
 *   copies, the journal: outputs/gitops/apply.ts);
 * - `apply:N`: the N-th rename or removal in the tree;
 * - any of them followed by `:SIGTERM` or `:SIGINT` sends that signal
 *   instead of SIGKILL (which no handler can catch).
 * The process sends the signal to itself right after that change.
 */

/** The variable that makes the writers signal their own process. */
export const KILL_AFTER_WRITES_ENV = 'FLEETWRIGHT_TEST_KILL_AFTER_WRITES';

/** The phases of a write to an existing tree, as the hook counts them. */
export type WritePhase = 'prepare' | 'apply';

const FORM = /^(?:(prepare|apply):)?([1-9][0-9]{0,8})(?::(SIGTERM|SIGINT))?$/;

/** Changes counted so far in this process: all of them, and per phase. */
const counted = { all: 0, prepare: 0, apply: 0 };

/**
 * Returns the function a writer calls after each change it makes in `phase`
 * (none: a change outside the two phases, such as the first synth's).
 */
export function writeCounter(phase?: WritePhase): () => void {
  const m = FORM.exec(process.env[KILL_AFTER_WRITES_ENV] ?? '');
  if (!m) return () => {};
  const [, only, n, signal] = m;
  const at = Number(n);
  return () => {
    const all = ++counted.all;
    const mine = phase === undefined ? 0 : ++counted[phase];
    if (only === undefined ? all === at : only === phase && mine === at) process.kill(process.pid, (signal ?? 'SIGKILL') as NodeJS.Signals);
  };
}

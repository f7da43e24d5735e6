/**
 * The first synth into a missing or empty output folder: the whole tree is
 * written into a sibling staging folder (`.<name>.fleetwright-staging`) and
 * renamed into place in one step, so a reader (or an interrupted run) sees
 * either the empty folder or the complete tree, and the files need no
 * renames one by one. A staging folder left by an interrupted run is removed
 * by the next one. Where the rename is not possible (the folder is a mount
 * point, the parent is not writable, another platform refuses to replace an
 * empty folder), nothing is left behind and the caller writes file by file.
 *
 * Big trees are written by two threads at once (see `parallelWrite`): creating
 * tens of thousands of small files is system-call bound, and a second core
 * halves much of it. Either way the tree appears only with the final rename.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

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

/** Trees of at least this many files are written by two threads. */
export const PARALLEL_WRITE_MIN_FILES = 2000;

/**
 * Share of the files the calling thread writes itself when a worker writes
 * the rest: more than half, since the worker starts later (about 30 ms) and
 * first receives its files.
 */
const CALLER_SHARE = 0.6;

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
  // Replacing the working folder (`--out .`) would leave the shell in a deleted folder.
  const cwd = process.cwd();
  const absolute = path.resolve(outDir);
  if (cwd === absolute || cwd.startsWith(`${absolute}${path.sep}`)) return false;
  const staging = siblingStaging(outDir);
  const done = writeCounter();
  try {
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    const entries = [...files];
    if (entries.length >= (options.parallelFrom ?? PARALLEL_WRITE_MIN_FILES)) {
      parallelWrite(staging, entries, done);
    } else {
      writeFiles(staging, entries, done);
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

/** Writes `entries` under `root`, creating folders as needed; `done` after each file. */
function writeFiles(root: string, entries: readonly (readonly [string, string])[], done: () => void): void {
  const made = new Set<string>([root]);
  for (const [file, content] of entries) {
    const target = path.join(root, file);
    const dir = path.dirname(target);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    fs.writeFileSync(target, content);
    done();
  }
}

/**
 * The worker of `parallelWrite`: plain JavaScript (no loader needed), the
 * same loop as `writeFiles`. It reports through a shared word (1: done,
 * 2: failed, with the error's message and code on the port), which the
 * calling thread waits on synchronously.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const { root, entries, state, port } = workerData;
const word = new Int32Array(state);
try {
  const made = new Set([root]);
  for (const [file, content] of entries) {
    const target = path.join(root, file);
    const dir = path.dirname(target);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    fs.writeFileSync(target, content);
  }
  Atomics.store(word, 0, 1);
} catch (e) {
  port.postMessage({ message: String(e && e.message), code: e && e.code });
  Atomics.store(word, 0, 2);
}
Atomics.notify(word, 0);
`;

/**
 * Writes the last part of `entries` in a worker thread while this thread
 * writes the first part, and returns when both are done. Throws the first
 * error of either (the worker's with its `code`, so the caller can fall back).
 */
function parallelWrite(root: string, entries: readonly (readonly [string, string])[], done: () => void): void {
  const split = Math.round(entries.length * CALLER_SHARE);
  const state = new SharedArrayBuffer(4);
  const word = new Int32Array(state);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { root, entries: entries.slice(split), state, port: port2 }, transferList: [port2] });
  let failure: unknown;
  try {
    writeFiles(root, entries.slice(0, split), done);
  } catch (e) {
    failure = e;
  }
  // Even after a failure here, wait for the worker: the caller removes the staging folder it writes into.
  const deadline = Date.now() + WORKER_TIMEOUT_MS;
  while (Atomics.load(word, 0) === 0 && Date.now() < deadline) Atomics.wait(word, 0, 0, 100);
  const outcome = Atomics.load(word, 0);
  void worker.terminate();
  const report = outcome === 2 ? (receiveMessageOnPort(port1)?.message as { message: string; code?: string } | undefined) : undefined;
  port1.close();
  if (failure !== undefined) throw failure;
  if (outcome === 0) throw new Error(`the writer thread did not finish within ${WORKER_TIMEOUT_MS / 1000} s`);
  if (outcome === 2) throw Object.assign(new Error(report?.message ?? 'the writer thread failed'), { code: report?.code });
}

/** How long `parallelWrite` waits for its worker (it cannot see the worker die while it waits). */
const WORKER_TIMEOUT_MS = 600_000;

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
 * Big trees are written by two threads at once (see `parallelWrite`): creating
 * tens of thousands of small files is system-call bound, and a second core
 * halves much of it. Either way the tree appears only with the final rename.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { makeFolders, removeFolders, resolveOutDir } from './folders';
import { writeCounter } from './kill-points';

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
  // A link's target is replaced, not the link (renaming a folder over a link fails).
  const absolute = resolveOutDir(outDir);
  // Replacing the working folder (`--out .`) would leave the shell in a deleted folder.
  const cwd = process.cwd();
  if (cwd === absolute || cwd.startsWith(`${absolute}${path.sep}`)) return false;
  const staging = siblingStaging(absolute);
  const done = writeCounter();
  const made: string[] = [];
  try {
    fs.rmSync(staging, { recursive: true, force: true });
    made.push(...makeFolders(staging));
    const entries = [...files];
    if (entries.length >= (options.parallelFrom ?? PARALLEL_WRITE_MIN_FILES)) {
      parallelWrite(staging, entries, done);
    } else {
      writeFiles(staging, entries, done);
    }
    // rename(2) replaces an empty folder, or creates the missing one.
    fs.renameSync(staging, absolute);
    done();
    return true;
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    removeFolders(made);
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
  port.postMessage({ message: String(e && e.message), code: e && e.code, syscall: e && e.syscall, path: e && e.path });
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
  const report = outcome === 2 ? (receiveMessageOnPort(port1)?.message as { message: string; code?: string; syscall?: string; path?: string } | undefined) : undefined;
  port1.close();
  if (failure !== undefined) throw failure;
  if (outcome === 0) throw new Error(`the writer thread did not finish within ${WORKER_TIMEOUT_MS / 1000} s`);
  if (outcome === 2) throw Object.assign(new Error(report?.message ?? 'the writer thread failed'), { code: report?.code, syscall: report?.syscall, path: report?.path });
}

/** How long `parallelWrite` waits for its worker (it cannot see the worker die while it waits). */
const WORKER_TIMEOUT_MS = 600_000;

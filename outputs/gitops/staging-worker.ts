/**
 * The second thread of a first synth (`fresh-folder.ts`): it writes batches
 * of files into the staging folder while the calling thread goes on
 * serializing and checking. Batches are claimed through shared words, so the
 * calling thread can write, itself, those the worker has not started by the
 * time it is done with everything else, and each batch is written exactly
 * once.
 *
 * The worker is plain JavaScript (no loader needed, bundled or not).
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** Indices of the shared words. */
const STOP = 0; // set by the caller: write nothing more
const FAILED = 1; // set by the worker: a write failed (its error is on the port)
const DONE = 2; // batches the worker has written
const BUSY = 3; // 1 while the worker handles a batch
const CLAIMS = 4; // then one word per batch: 0 free, 1 the worker's, 2 the caller's

const WORKER = 1;
const CALLER = 2;

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const { root, state, port } = workerData;
const words = new Int32Array(state);
const made = new Set([root]);
port.on('message', ({ index, entries }) => {
  Atomics.store(words, ${BUSY}, 1);
  if (Atomics.load(words, ${STOP}) === 0 && Atomics.load(words, ${FAILED}) === 0 && Atomics.compareExchange(words, ${CLAIMS} + index, 0, ${WORKER}) === 0) {
    try {
      for (const [file, content] of entries) {
        const target = path.join(root, file);
        const dir = path.dirname(target);
        if (!made.has(dir)) {
          fs.mkdirSync(dir, { recursive: true });
          made.add(dir);
        }
        fs.writeFileSync(target, content);
      }
      Atomics.add(words, ${DONE}, 1);
    } catch (e) {
      port.postMessage({ message: String(e && e.message), code: e && e.code, syscall: e && e.syscall, path: e && e.path });
      Atomics.store(words, ${FAILED}, 1);
    }
    Atomics.notify(words, ${DONE});
  }
  Atomics.store(words, ${BUSY}, 0);
  Atomics.notify(words, ${BUSY});
});
`;

/** How long the caller waits for the worker (it cannot see the worker die while it waits). */
const WORKER_TIMEOUT_MS = 600_000;

/** A batch of files: paths relative to the staging folder, and their content. */
export type Batch = readonly (readonly [string, string])[];

/** The worker and the words both threads share; `capacity` batches at most go to the worker. */
export class StagingWorker {
  private readonly words: Int32Array;
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private posted = 0;
  private stopped = false;

  constructor(root: string, readonly capacity: number) {
    const state = new SharedArrayBuffer(4 * (CLAIMS + capacity));
    this.words = new Int32Array(state);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { root, state, port: port2 }, transferList: [port2] });
    this.worker.unref();
  }

  /** Hands batch `index` (0, 1, … in order) to the worker; false when it takes no more (capacity reached). */
  offer(index: number, batch: Batch): boolean {
    if (index !== this.posted || index >= this.capacity || this.stopped) return false;
    this.port.postMessage({ index, entries: batch });
    this.posted++;
    return true;
  }

  /** Whether batch `index` went to the worker (`offer` returned true). */
  given(index: number): boolean {
    return index < this.posted;
  }

  /** Claims batch `index` for the caller; false when the worker has it (or has written it). */
  claim(index: number): boolean {
    return !this.given(index) || Atomics.compareExchange(this.words, CLAIMS + index, 0, CALLER) === 0;
  }

  /**
   * Waits until the worker has written every batch given to it that the caller
   * did not claim, and stops it. Throws the worker's error, with the
   * file system's `code`, `syscall` and `path`, when one of its writes failed.
   */
  join(): void {
    // Every batch given and not claimed by the caller is the worker's, claimed already or not yet.
    let claimed = this.posted;
    for (let i = 0; i < this.posted; i++) if (Atomics.load(this.words, CLAIMS + i) === CALLER) claimed--;
    const deadline = Date.now() + WORKER_TIMEOUT_MS;
    for (;;) {
      const done = Atomics.load(this.words, DONE);
      if (done >= claimed || Atomics.load(this.words, FAILED) !== 0 || Date.now() >= deadline) break;
      Atomics.wait(this.words, DONE, done, 100);
    }
    const failed = Atomics.load(this.words, FAILED) !== 0;
    const finished = Atomics.load(this.words, DONE) >= claimed;
    this.stop();
    if (failed) {
      const report = receiveMessageOnPort(this.port)?.message as { message: string; code?: string; syscall?: string; path?: string } | undefined;
      throw Object.assign(new Error(report?.message ?? 'the writer thread failed'), { code: report?.code, syscall: report?.syscall, path: report?.path });
    }
    if (!finished) throw new Error(`the writer thread did not finish within ${WORKER_TIMEOUT_MS / 1000} s`);
  }

  /**
   * Tells the worker to write nothing more, waits until it is between two
   * batches (so that nothing it writes outlives a removal of the staging
   * folder) and ends it. Safe to call more than once.
   */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    Atomics.store(this.words, STOP, 1);
    const deadline = Date.now() + WORKER_TIMEOUT_MS;
    while (Atomics.load(this.words, BUSY) !== 0 && Date.now() < deadline) Atomics.wait(this.words, BUSY, 1, 100);
    void this.worker.terminate();
    this.port.close();
  }
}

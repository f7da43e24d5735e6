/**
 * Feeds a first synth's staging folder (`FreshFolder`) with files as
 * serialization produces them, in batches, so the worker writes while the
 * rest is serialized and checked. A file that may hold credential material
 * (`mayHoldCredentials`, the credential scan's own first test) is held back:
 * it is written only after the full scan has passed, so such material never
 * reaches the disk, not even the staging folder. The files held back are the
 * only ones the scan then needs to read in full.
 */
import { performance } from 'node:perf_hooks';
import { mayHoldCredentials } from './credential-text';
import { BATCH_FILES, type FreshFolder } from './fresh-folder';

export class StagingSink {
  /** Files that may hold credential material: held back, and what `scanForCredentials` must scan. */
  readonly candidates = new Set<string>();
  /** Milliseconds spent testing files for credential material (part of the checks, not of serialization). */
  testMs = 0;
  /** Milliseconds spent handing batches to the worker (part of the write, not of serialization). */
  handMs = 0;
  private pending: [string, string][] = [];

  constructor(private readonly folder: FreshFolder) {}

  /** One serialized file, in any order. */
  readonly add = (file: string, content: string): void => {
    this.pending.push([file, content]);
    if (this.pending.length === BATCH_FILES) this.flush();
  };

  /** Hands the files added since the last batch to the staging folder. */
  flush(): void {
    const started = performance.now();
    const clear: [string, string][] = [];
    const held: [string, string][] = [];
    for (const entry of this.pending) {
      if (mayHoldCredentials(entry[1])) {
        this.candidates.add(entry[0]);
        held.push(entry);
      } else {
        clear.push(entry);
      }
    }
    const tested = performance.now();
    this.testMs += tested - started;
    this.pending = [];
    this.folder.add(clear);
    this.folder.hold(held);
    this.handMs += performance.now() - tested;
  }
}

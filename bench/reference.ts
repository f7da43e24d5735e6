/**
 * What synth is compared with, on the same objects:
 * - the floor: `JSON.stringify` of every object, the least any serializer
 *   of these objects can cost;
 * - the reference: what a plain cdk8s program pays to get the same objects
 *   on disk: one `Chart` per folder holding an `ApiObject` per object, then
 *   one `App.synth()` (cdk8s's default: a YAML file per chart).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ApiObject, App, Chart } from 'cdk8s';
import type { TreeDocument } from '../outputs/gitops/tree';
import type { Unit } from '../stacks/rendered';

/**
 * Milliseconds to `JSON.stringify` every document synth serializes (the
 * objects, the kustomizations, the Helm value files; text files as strings),
 * one by one: the same documents the serialization phase writes as YAML.
 */
export function jsonFloor(documents: readonly TreeDocument[]): number {
  const started = performance.now();
  let length = 0;
  for (const d of documents) length += JSON.stringify('text' in d ? d.text : d.data).length;
  const elapsed = performance.now() - started;
  if (length === 0 && documents.length > 0) throw new Error('jsonFloor: nothing was serialized');
  return elapsed;
}

/** Milliseconds for cdk8s to build charts of the objects of `units` and `App.synth()` them into a temporary folder. */
export function cdk8sReference(units: readonly Unit[]): number {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetwright-bench-cdk8s-'));
  try {
    const started = performance.now();
    const app = new App({ outdir });
    units.forEach((unit, u) => {
      if (unit.objects.length === 0) return;
      const chart = new Chart(app, `unit-${u}`);
      unit.objects.forEach((object, i) => new ApiObject(chart, `o${i}`, object));
    });
    app.synth();
    return performance.now() - started;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * The two sides of a plan: a fleet rendered in memory with the current
 * fleetwright (the working tree's definition, or the definition at a Git
 * ref), or a folder an earlier synth wrote.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Fleet } from '../../model';
import { renderFleet } from '../../stacks/fleet';
import { treeFiles } from '../gitops/tree';
import { readManifest } from '../gitops/writer';
import { synthesize } from '../synth';
import { tableFromFleet, tableFromTree, type ClusterTable } from './clusters';
import { parseFile, type Document } from './documents';
import { PlanBaseError } from './git';
import type { PlanSide } from './plan';

export interface FleetSideOptions {
  /**
   * Run synth's checks (credential material, APIs the target clusters do not serve) and throw
   * what `synthesize` throws. A base needs no checks: it is only compared with.
   * @default true
   */
  readonly check?: boolean;
}

/** The fleet's tree, rendered in memory (nothing is written). */
export function sideFromFleet(fleet: Fleet, label: string, options: FleetSideOptions = {}): PlanSide {
  return {
    label,
    files: options.check === false ? treeFiles(renderFleet(fleet)) : synthesize(fleet).files,
    table: tableFromFleet(fleet),
    fleet,
    previous: fleet.clusters.map((c) => ({ name: c.name, environment: c.environment, protected: c.protected, tier: c.tier })),
  };
}

/**
 * A tree synth wrote into `dir`: the files its manifest lists (files it no longer holds count
 * as absent). `head` completes what the tree does not say about clusters both sides have.
 */
export function sideFromDirectory(dir: string, head?: ClusterTable): PlanSide {
  const manifest = (() => {
    try {
      return readManifest(dir);
    } catch (e) {
      throw new PlanBaseError((e as Error).message);
    }
  })();
  if (!manifest) {
    throw new PlanBaseError(`${dir} holds no .fleetwright/manifest.json, so it is not a tree synth wrote; pass --base a folder written by fleetwright synth, or a Git ref`);
  }
  const files = new Map<string, string>();
  for (const file of manifest.files) {
    try {
      files.set(file, fs.readFileSync(path.join(dir, ...file.split('/')), 'utf8'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new PlanBaseError(`cannot read ${path.join(dir, file)}: ${(e as Error).message}`);
    }
  }
  const cache = new Map<string, readonly Document[]>();
  const documents = (file: string) => {
    if (!cache.has(file)) cache.set(file, parseFile(file, files.get(file) ?? ''));
    return cache.get(file)!;
  };
  return {
    label: `${dir.replace(/\/+$/, '')}/`,
    files,
    table: tableFromTree(manifest, files.keys(), documents, head),
    previous: manifest.clusters,
  };
}

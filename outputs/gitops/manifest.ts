/**
 * The writer's record of what it owns in an output folder:
 * `.fleetwright/manifest.json`, committed with the tree. Synth reads it to
 * know which files it produced before (to remove those no longer produced
 * and never touch the others) and which clusters it rendered. The same folder
 * holds the writer's scratch while it writes: the staged files and the journal.
 */
import type { Fleet } from '../../model';

export const MANIFEST_DIR = '.fleetwright';
export const MANIFEST_PATH = `${MANIFEST_DIR}/manifest.json`;
/** Where the writer stages new files before it renames them into place (scratch, removed by every run). */
export const STAGING_DIR = `${MANIFEST_DIR}/staging`;
/** The journal of a write in progress (`journal.ts`); scratch, like the staging folder. */
export const JOURNAL_DIR = `${MANIFEST_DIR}/journal`;

export interface ManifestCluster {
  readonly name: string;
  readonly environment: string;
  readonly protected: boolean;
  /** The cluster's tier; absent in manifests written before it was recorded (their production clusters are protected). */
  readonly tier?: 'production' | 'non-production';
}

export interface Manifest {
  readonly generator: 'fleetwright';
  readonly version: 1;
  readonly fleet: string;
  readonly clusters: readonly ManifestCluster[];
  /** Every file the writer produced, relative to the output folder, sorted. */
  readonly files: readonly string[];
}

export function manifestFor(fleet: Fleet, files: Iterable<string>): Manifest {
  return {
    generator: 'fleetwright',
    version: 1,
    fleet: fleet.name,
    clusters: fleet.clusters.map((c) => ({ name: c.name, environment: c.environment, protected: c.protected, tier: c.tier })),
    files: [...files].sort(),
  };
}

export function formatManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Parses a manifest; throws a message that says what to do when the file is not one. */
export function parseManifest(text: string, where: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${where} is not valid JSON; restore it from Git, or delete it if no fleetwright output is in this folder`);
  }
  const m = data as Partial<Manifest>;
  if (m?.generator !== 'fleetwright' || m.version !== 1 || !Array.isArray(m.files) || !m.files.every((f) => typeof f === 'string') || !Array.isArray(m.clusters)) {
    throw new Error(`${where} is not a fleetwright manifest (version 1); restore it from Git, or delete it if no fleetwright output is in this folder`);
  }
  for (const file of m.files) {
    if (file.startsWith('/') || file.split('/').includes('..')) {
      throw new Error(`${where} lists "${file}", which is outside the output folder; restore the manifest from Git`);
    }
  }
  return m as Manifest;
}

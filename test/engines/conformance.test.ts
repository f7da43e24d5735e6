/**
 * Conformance of the fleets rendered for Flux: every object validates
 * against the upstream CRDs (Flux's kustomize-, source- and helm-controller
 * among them) with no unknown field, and every kustomization builds.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleDefinitionFor } from '../helpers/example';
import { resolveFleet, type FleetDefinition } from '../../model';
import { KUSTOMIZATION } from '../../outputs/gitops/tree';
import { synthesize } from '../../outputs/synth';
import { announceSkip, conformanceRequired, CRDS, kubectlTool, validatorTool, VALIDATOR } from '../helpers/conformance';
import { tempDir } from '../helpers/tmp';
import { engineDefinition } from './fleets';

const validator = validatorTool();
const kubectl = kubectlTool();
announceSkip('validation of the Flux fleets against ../shared/crds', validator);
announceSkip('kubectl kustomize builds of the Flux fleets', kubectl);

const fleets: [string, () => FleetDefinition][] = [
  ['the engine test fleet for Flux', () => engineDefinition('flux')],
  ['the engine test fleet for both engines', () => engineDefinition('both')],
  ['the example fleet for Flux', () => exampleDefinitionFor('flux')],
];

function write(dir: string, name: string, definition: () => FleetDefinition): { out: string; folders: string[] } {
  const out = path.join(dir, name.replace(/\W+/g, '-'));
  const folders: string[] = [];
  for (const [file, content] of synthesize(resolveFleet(definition())).files) {
    fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    fs.writeFileSync(path.join(out, file), content);
    if (path.basename(file) === KUSTOMIZATION) folders.push(path.join(out, path.dirname(file)));
  }
  return { out, folders };
}

function kustomize(dir: string): Promise<{ dir: string; code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('kubectl', ['kustomize', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ dir, code, stderr }));
  });
}

describe('conformance of the fleets rendered for Flux', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it.skipIf(!validator.available && !conformanceRequired).each(fleets)('GIVEN %s WHEN validated THEN there are 0 errors and 0 unknown fields', (name, definition) => {
    const { out } = write(dir, `validate-${name}`, definition);
    const result = spawnSync(process.execPath, [VALIDATOR, '--crds', CRDS, out], { encoding: 'utf8' });
    expect(result.stdout.split('\n').filter((l) => / (error|unknown-field): /.test(l))).toEqual([]);
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^validated \d+ objects: 0 errors, 0 unknown-field, \d+ unknown-kind$/);
    expect(result.status).toBe(0);
  });

  it.skipIf(!kubectl.available && !conformanceRequired).each(fleets)('GIVEN %s WHEN every folder with a kustomization is built THEN all builds succeed', async (name, definition) => {
    const { out, folders } = write(dir, `kustomize-${name}`, definition);
    expect(folders.some((f) => f.endsWith(path.join('hub', 'flux', 'gate')))).toBe(true);
    const failures: string[] = [];
    for (let i = 0; i < folders.length; i += 4) {
      for (const r of await Promise.all(folders.slice(i, i + 4).map(kustomize))) {
        if (r.code !== 0) failures.push(`${path.relative(out, r.dir)}: ${r.stderr.trim()}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FleetDefinition } from '../../model';
import { KUSTOMIZATION } from '../../outputs/gitops/tree';
import { announceSkip, conformanceRequired, CRDS, kubectlTool, validatorTool, VALIDATOR } from '../helpers/conformance';
import { sideOfDefinition, withNewCluster, withoutApSoutheast } from '../helpers/plan';
import { tempDir } from '../helpers/tmp';

const validator = validatorTool();
const kubectl = kubectlTool();
announceSkip('validation of the trees plan compares', validator);
announceSkip('kubectl kustomize builds of the trees plan compares', kubectl);

const { dir, cleanup } = tempDir('fleetwright-plan-conformance-');
afterAll(cleanup);

/** The trees of the plan tests' definitions: a cluster added, and one decommissioned. */
const trees = [
  ['the example with a cluster added', withNewCluster()],
  ['the example with prod-ap-southeast-1 decommissioned', withoutApSoutheast({ decommission: true })],
] as const;

function write(name: string, definition: FleetDefinition): string {
  const out = path.join(dir, name.replace(/\W+/g, '-'));
  if (!fs.existsSync(out)) {
    for (const [file, content] of sideOfDefinition(definition, name).files) {
      fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
      fs.writeFileSync(path.join(out, file), content);
    }
  }
  return out;
}

describe('plan fixtures: the trees they render are valid', () => {
  it.skipIf(!validator.available && !conformanceRequired).each(trees)('GIVEN %s WHEN validated against the upstream CRDs THEN there are 0 errors and 0 unknown fields', (name, definition) => {
    const out = write(name, definition);
    const result = spawnSync(process.execPath, [VALIDATOR, '--crds', CRDS, out], { encoding: 'utf8' });
    expect(result.stdout.split('\n').filter((l) => / (error|unknown-field): /.test(l))).toEqual([]);
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^validated \d+ objects: 0 errors, 0 unknown-field, \d+ unknown-kind$/);
    expect(result.status).toBe(0);
  });

  it.skipIf(!kubectl.available && !conformanceRequired).each(trees)('GIVEN %s WHEN every kustomization is built THEN all builds succeed', (name, definition) => {
    const out = write(name, definition);
    const folders = [...sideOfDefinition(definition, name).files.keys()].filter((f) => path.basename(f) === KUSTOMIZATION).map((f) => path.dirname(f));
    const failures = folders
      .map((folder) => ({ folder, r: spawnSync('kubectl', ['kustomize', path.join(out, folder)], { encoding: 'utf8' }) }))
      .filter(({ r }) => r.status !== 0)
      .map(({ folder, r }) => `${folder}: ${r.stderr.trim()}`);
    expect(failures).toEqual([]);
  });
});

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFleet } from '../../model';
import { KUSTOMIZATION } from '../../outputs/gitops/tree';
import { synthesize } from '../../outputs/synth';
import { announceSkip, conformanceRequired, CRDS, kubectlTool, validatorTool, VALIDATOR } from '../helpers/conformance';
import { karmadaDefinition } from '../helpers/karmada-fleet';
import { tempDir } from '../helpers/tmp';

const validator = validatorTool();
const kubectl = kubectlTool();
announceSkip('validation of the Karmada test fleet against ../shared/crds', validator);
announceSkip('kubectl kustomize builds of the Karmada test fleet', kubectl);

describe('conformance: the tree of a fleet with services Karmada propagates', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  beforeAll(() => {
    for (const [file, content] of synthesize(resolveFleet(karmadaDefinition())).files) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
  });

  it.skipIf(!validator.available && !conformanceRequired)('GIVEN the Karmada test fleet WHEN validated against the upstream CRDs and Karmada\'s OpenAPI THEN there are 0 errors and 0 unknown fields', () => {
    const result = spawnSync(process.execPath, [VALIDATOR, '--crds', CRDS, dir], { encoding: 'utf8' });
    expect(result.stdout.split('\n').filter((l) => / (error|unknown-field): /.test(l))).toEqual([]);
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^validated \d+ objects: 0 errors, 0 unknown-field, \d+ unknown-kind$/);
    // Karmada's Cluster kind has no CRD: it is checked against Karmada's OpenAPI document.
    expect(result.stdout).not.toMatch(/hub\/karmada\/cluster-[^ ]+ Cluster\/[^ ]+: unknown-kind/);
    expect(result.status).toBe(0);
  });

  it.skipIf(!kubectl.available && !conformanceRequired)('GIVEN the Karmada test fleet WHEN every kustomization is built THEN all builds succeed, hub/karmada included', () => {
    const folders = [...fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })].filter((f) => path.basename(f) === KUSTOMIZATION).map((f) => path.dirname(f)).sort();
    expect(folders).toContain(path.join('hub', 'karmada'));
    const failures = folders.flatMap((folder) => {
      const r = spawnSync('kubectl', ['kustomize', path.join(dir, folder)], { encoding: 'utf8' });
      return r.status === 0 ? [] : [`${folder}: ${r.stderr.trim()}`];
    });
    expect(failures).toEqual([]);
    const built = spawnSync('kubectl', ['kustomize', path.join(dir, 'hub', 'karmada')], { encoding: 'utf8' }).stdout;
    expect(built).toContain('kind: PropagationPolicy');
    expect(built).not.toContain('replicas.md');
  });
});

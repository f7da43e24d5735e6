import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveFleet } from '../../model';
import { KUSTOMIZATION } from '../../outputs/gitops/tree';
import { synthesize } from '../../outputs/synth';
import { announceSkip, conformanceRequired, CRDS, kubectlTool, validatorTool, VALIDATOR } from '../helpers/conformance';
import { servicesDefinition } from '../helpers/services';
import { tempDir } from '../helpers/tmp';

const validator = validatorTool();
const kubectl = kubectlTool();
announceSkip('services: validation against ../shared/crds', validator);
announceSkip('services: kubectl kustomize builds', kubectl);

/** The services test fleet (canaries with and without a host, a plain service), written to disk once. */
const { dir, cleanup } = tempDir('fleetwright-services-');
const out = path.join(dir, 'tree');
const written = (() => {
  const files = synthesize(resolveFleet(servicesDefinition())).files;
  for (const [file, content] of files) {
    fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    fs.writeFileSync(path.join(out, file), content);
  }
  return [...files.keys()];
})();

describe('conformance of the services test fleet', () => {
  afterAll(cleanup);

  it('GIVEN the services fleet WHEN synthesized THEN it has Rollouts, AnalysisTemplates, an Ingress, a ServiceMonitor and a Deployment to check', () => {
    const kinds = written.filter((f) => f.startsWith('services/')).map((f) => path.basename(f).split('-')[0]);
    expect([...new Set(kinds)].sort()).toEqual(['analysistemplate', 'applicationset', 'deployment', 'ingress', 'kustomization.yaml', 'networkpolicy', 'poddisruptionbudget', 'rollout', 'service', 'servicemonitor']);
  });

  it.skipIf(!validator.available && !conformanceRequired)('GIVEN the services fleet WHEN validated against the upstream CRDs THEN there are 0 errors and 0 unknown fields', () => {
    const result = spawnSync(process.execPath, [VALIDATOR, '--crds', CRDS, out], { encoding: 'utf8' });
    const summary = result.stdout.trim().split('\n').at(-1);
    expect(result.stdout.split('\n').filter((l) => / (error|unknown-field): /.test(l))).toEqual([]);
    expect(summary).toMatch(/^validated \d+ objects: 0 errors, 0 unknown-field, \d+ unknown-kind$/);
    expect(result.status).toBe(0);
  });

  it.skipIf(!kubectl.available && !conformanceRequired)('GIVEN the services fleet WHEN every services folder and the hub are built with kubectl kustomize THEN all builds succeed', () => {
    const folders = written.filter((f) => path.basename(f) === KUSTOMIZATION && (f.startsWith('services/') || f === 'hub/kustomization.yaml')).map((f) => path.dirname(f));
    expect(folders.length).toBe(9);
    const failures = folders.flatMap((folder) => {
      const result = spawnSync('kubectl', ['kustomize', path.join(out, folder)], { encoding: 'utf8' });
      return result.status === 0 ? [] : [`${folder}: ${result.stderr.trim()}`];
    });
    expect(failures).toEqual([]);
  });
});

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFleet } from '../../model';
import { KUSTOMIZATION } from '../../outputs/gitops/tree';
import { synthesize } from '../../outputs/synth';
import { appsDefinition } from '../helpers/app-definitions';
import { announceSkip, conformanceRequired, CRDS, kubectlTool, validatorTool, VALIDATOR } from '../helpers/conformance';
import { tempDir } from '../helpers/tmp';

const validator = validatorTool();
const kubectl = kubectlTool();
announceSkip('validation of the app shapes against ../shared/crds', validator);
announceSkip('kubectl kustomize builds of the app shapes', kubectl);

describe.skipIf((!validator.available || !kubectl.available) && !conformanceRequired)('conformance: a fleet with an app of every ApplicationSet shape', () => {
  const { dir, cleanup } = tempDir();
  const folders: string[] = [];
  beforeAll(() => {
    for (const [file, content] of synthesize(resolveFleet(appsDefinition())).files) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
      if (path.basename(file) === KUSTOMIZATION) folders.push(path.dirname(file));
    }
  });
  afterAll(cleanup);

  it('GIVEN the synthesized tree WHEN validated against the upstream CRDs THEN there are 0 errors and 0 unknown fields', () => {
    const result = spawnSync(process.execPath, [VALIDATOR, '--crds', CRDS, dir], { encoding: 'utf8' });
    expect(result.stdout.split('\n').filter((l) => / (error|unknown-field): /.test(l))).toEqual([]);
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^validated \d+ objects: 0 errors, 0 unknown-field, \d+ unknown-kind$/);
    expect(result.status).toBe(0);
  });

  it('GIVEN the app folders, the preview folder included WHEN built with kubectl kustomize THEN every build succeeds', () => {
    const appFolders = folders.filter((f) => f === 'apps' || f.startsWith('apps/'));
    expect(appFolders).toContain('apps/payments/preview');
    const failures = appFolders.flatMap((f) => {
      const r = spawnSync('kubectl', ['kustomize', path.join(dir, f)], { encoding: 'utf8' });
      return r.status === 0 ? [] : [`${f}: ${r.stderr.trim()}`];
    });
    expect(failures).toEqual([]);
  });

  it('GIVEN the preview folder WHEN built with the patch the previews ApplicationSet gives Argo CD THEN the Namespace is renamed for the pull request', () => {
    const set = fs.readFileSync(path.join(dir, 'apps/payments/applicationset-payments-previews.yaml'), 'utf8');
    expect(set).toContain('value\\":\\"payments-pr-{{ .number }}\\"');
    // What Argo CD does with source.kustomize.patches, for pull request 42.
    const copy = path.join(dir, 'preview-42');
    fs.cpSync(path.join(dir, 'apps/payments/preview'), copy, { recursive: true });
    fs.appendFileSync(path.join(copy, KUSTOMIZATION), 'patches:\n  - target:\n      kind: Namespace\n    patch: \'[{"op":"replace","path":"/metadata/name","value":"payments-pr-42"}]\'\n');
    const built = spawnSync('kubectl', ['kustomize', copy], { encoding: 'utf8' });
    expect(built.stderr).toBe('');
    expect(built.stdout).toMatch(/kind: Namespace\nmetadata:\n(.|\n)*  name: payments-pr-42\n/);
  });
});

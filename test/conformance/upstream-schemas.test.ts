import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { announceSkip, conformanceRequired, CRDS, validatorTool, VALIDATOR } from '../helpers/conformance';
import { exampleSynth, testSynth } from '../helpers/example';
import { tempDir } from '../helpers/tmp';

const tool = validatorTool();
announceSkip('validation against ../shared/crds', tool);

describe.skipIf(!tool.available && !conformanceRequired)('conformance: every synthesized object against the upstream CRDs and Kubernetes OpenAPI', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('GIVEN this run WHEN conformance is required THEN the validator is available', () => {
    expect(tool.reason).toBeUndefined();
  });

  it.each([
    ['the example fleet', exampleSynth],
    ['the test fleet with every provider', testSynth],
  ])('GIVEN %s WHEN validated THEN there are 0 errors and 0 unknown fields', (name, synth) => {
    const out = path.join(dir, name.replace(/\W+/g, '-'));
    for (const [file, content] of synth().files) {
      fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
      fs.writeFileSync(path.join(out, file), content);
    }
    const result = spawnSync(process.execPath, [VALIDATOR, '--crds', CRDS, out], { encoding: 'utf8' });
    const summary = result.stdout.trim().split('\n').at(-1);
    expect(result.stdout.split('\n').filter((l) => / (error|unknown-field): /.test(l))).toEqual([]);
    expect(summary).toMatch(/^validated \d+ objects: 0 errors, 0 unknown-field, \d+ unknown-kind$/);
    expect(result.status).toBe(0);
  });
});

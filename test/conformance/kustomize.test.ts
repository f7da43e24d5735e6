import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KUSTOMIZATION } from '../../outputs/gitops/tree';
import { announceSkip, conformanceRequired, kubectlTool } from '../helpers/conformance';
import { exampleSynth, testSynth } from '../helpers/example';
import { tempDir } from '../helpers/tmp';

const tool = kubectlTool();
announceSkip('kubectl kustomize builds', tool);

function kustomize(dir: string): Promise<{ dir: string; code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('kubectl', ['kustomize', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ dir, code, stderr }));
  });
}

describe.skipIf(!tool.available && !conformanceRequired)('conformance: every kustomization builds with kubectl kustomize', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('GIVEN this run WHEN conformance is required THEN kubectl is available', () => {
    expect(tool.reason).toBeUndefined();
  });

  it.each([
    ['the example fleet', exampleSynth],
    ['the test fleet with every provider', testSynth],
  ])('GIVEN %s WHEN every folder with a kustomization is built THEN all builds succeed', async (name, synth) => {
    const out = path.join(dir, name.replace(/\W+/g, '-'));
    const folders: string[] = [];
    for (const [file, content] of synth().files) {
      fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
      fs.writeFileSync(path.join(out, file), content);
      if (path.basename(file) === KUSTOMIZATION) folders.push(path.join(out, path.dirname(file)));
    }
    expect(folders.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (let i = 0; i < folders.length; i += 4) {
      for (const r of await Promise.all(folders.slice(i, i + 4).map(kustomize))) {
        if (r.code !== 0) failures.push(`${path.relative(out, r.dir)}: ${r.stderr.trim()}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

/**
 * Conformance checks need tools that a fresh machine may lack: the upstream
 * CRDs and validator in `../shared`, and kubectl. Without them the checks are
 * skipped with a notice; with FLEETWRIGHT_REQUIRE_CONFORMANCE=1 (set by
 * `.ci/run`) a missing tool fails the run instead.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from './tmp';

export const PROJECT = path.resolve(__dirname, '..', '..');
export const SHARED = path.resolve(PROJECT, '..', 'shared');
export const VALIDATOR = path.join(SHARED, 'tools', 'validate', 'validate.mjs');
export const CRDS = path.join(SHARED, 'crds');

export const conformanceRequired = process.env.FLEETWRIGHT_REQUIRE_CONFORMANCE === '1';

export interface Tool {
  readonly available: boolean;
  /** Why it is not available. */
  readonly reason?: string;
}

export function validatorTool(): Tool {
  if (!fs.existsSync(VALIDATOR) || !fs.existsSync(CRDS)) return { available: false, reason: `${VALIDATOR} or ${CRDS} not found` };
  if (!fs.existsSync(path.join(SHARED, 'tools', 'validate', 'node_modules'))) {
    return { available: false, reason: `the validator's dependencies are not installed (run npm ci in ${path.dirname(VALIDATOR)})` };
  }
  return { available: true };
}

export function kubectlTool(): Tool {
  const result = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  return result.status === 0 ? { available: true } : { available: false, reason: 'kubectl is not available (`kubectl version --client` failed)' };
}

/** Logs why a check is skipped; the caller skips its tests unless conformance is required. */
export function announceSkip(check: string, tool: Tool): void {
  if (!tool.available && !conformanceRequired) {
    console.warn(`[conformance] ${check} skipped: ${tool.reason}`);
  }
}

/** The validator's summary line of a tree with no problem. */
export const VALID_SUMMARY = /^validated \d+ objects: 0 errors, 0 unknown-field, \d+ unknown-kind$/;

/** Writes `files` (path relative to the tree → content) under `out`. */
export function writeTreeFiles(files: ReadonlyMap<string, string>, out: string): void {
  for (const [file, content] of files) {
    fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    fs.writeFileSync(path.join(out, file), content);
  }
}

/** Runs the upstream validator on `out`: its error and unknown-field lines, its summary line and its exit status. */
export function validateTree(out: string): { readonly problems: string[]; readonly summary: string; readonly status: number | null } {
  const result = spawnSync(process.execPath, [VALIDATOR, '--crds', CRDS, out], { encoding: 'utf8' });
  return {
    problems: result.stdout.split('\n').filter((l) => / (error|unknown-field): /.test(l)),
    summary: result.stdout.trim().split('\n').at(-1) ?? '',
    status: result.status,
  };
}

/**
 * For a `describe` of conformance tests: writes `files` to a temporary tree
 * (removed after the file's tests), announces which tools are missing, and
 * registers the test that `subject` validates against the upstream CRDs with
 * 0 errors and 0 unknown fields. Returns the tree's folder and whether the
 * kubectl tests should run.
 */
export function conformanceTree(check: string, files: ReadonlyMap<string, string>, subject = 'the tree'): { readonly out: string; readonly kubectl: boolean } {
  const validator = validatorTool();
  const kubectl = kubectlTool();
  announceSkip(`${check}: validation against ../shared/crds`, validator);
  announceSkip(`${check}: kubectl kustomize builds`, kubectl);
  const { dir, cleanup } = tempDir('fleetwright-conformance-');
  afterAll(cleanup);
  const out = path.join(dir, 'tree');
  writeTreeFiles(files, out);
  it.skipIf(!validator.available && !conformanceRequired)(`GIVEN ${subject} WHEN validated against the upstream CRDs THEN there are 0 errors and 0 unknown fields`, () => {
    const result = validateTree(out);
    expect(result.problems).toEqual([]);
    expect(result.summary).toMatch(VALID_SUMMARY);
    expect(result.status).toBe(0);
  });
  return { out, kubectl: kubectl.available || conformanceRequired };
}

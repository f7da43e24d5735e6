/**
 * Conformance checks need tools that a fresh machine may lack: the upstream
 * CRDs and validator in `../shared`, and kubectl. Without them the checks are
 * skipped with a notice; with FLEETWRIGHT_REQUIRE_CONFORMANCE=1 (set by
 * `.ci/run`) a missing tool fails the run instead.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

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

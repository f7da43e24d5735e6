/**
 * Validates a fleet definition and resolves it into the immutable model.
 * Pure: no I/O, no clock, no environment variables.
 */
import { buildFleet } from './build';
import { mergeClusters } from './merge';
import { parseDefinition } from './parse';
import { FleetValidationError, Problems, type Problem } from './problems';
import { checkApps } from './rules/apps';
import { checkLabels } from './rules/labels';
import { checkNames } from './rules/names';
import { checkNetworks } from './rules/networks';
import { checkProviders } from './rules/providers';
import type { Fleet } from './types';

export interface CheckResult {
  /** The model, when the definition has no problem. */
  readonly fleet?: Fleet;
  /** Every problem, in the order of the definition's parts. */
  readonly problems: readonly Problem[];
}

/** Checks `input` and reports every problem at once. */
export function checkFleet(input: unknown): CheckResult {
  const problems = new Problems();
  const parsed = parseDefinition(input, problems);
  const clusters = mergeClusters(parsed);
  const context = { parsed, clusters, problems };
  checkNames(context);
  checkLabels(context);
  checkProviders(context);
  checkNetworks(context);
  checkApps(context);
  if (problems.size > 0) return { problems: problems.all };
  return { fleet: buildFleet(parsed, clusters), problems: [] };
}

/** Like {@link checkFleet}, but throws a {@link FleetValidationError} listing every problem. */
export function resolveFleet(input: unknown): Fleet {
  const result = checkFleet(input);
  if (!result.fleet) throw new FleetValidationError(result.problems);
  return result.fleet;
}

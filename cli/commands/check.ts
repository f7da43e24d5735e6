import { ConstructPropsError } from '../../constructs/errors';
import { checkFleet, countProblems, FURTHER_CHECKS, type Fleet } from '../../model';
import { ApiVersionError } from '../../outputs/api-versions';
import { CredentialError } from '../../outputs/gitops/credentials';
import { synthesize } from '../../outputs/synth';
import { ConfigLoadError, DEFAULT_CONFIG, loadConfig } from '../load-config';
import type { Output } from '../output';

/** Loads and validates; prints every problem. Returns the model when valid. */
export function loadFleet(config: string | undefined, out: Output, command: string): Fleet | undefined {
  const file = config ?? DEFAULT_CONFIG;
  let definition: unknown;
  try {
    definition = loadConfig(file);
  } catch (e) {
    if (e instanceof ConfigLoadError) {
      out.stderr(`fleetwright ${command}: ${e.message}`);
      return undefined;
    }
    throw e;
  }
  const { fleet, problems } = checkFleet(definition);
  if (!fleet) {
    out.stderr(`fleetwright ${command}: ${file} has ${countProblems(problems)}:`);
    for (const p of problems) out.stderr(`  ${p.path === FURTHER_CHECKS ? '…' : '✖'} ${p.message}`);
    return undefined;
  }
  return fleet;
}

/** Prints synthesis warnings on stderr, under a count. */
export function printWarnings(warnings: readonly string[], out: Output, command: string): void {
  if (warnings.length === 0) return;
  out.stderr(`fleetwright ${command}: ${warnings.length} warning${warnings.length === 1 ? '' : 's'}:`);
  for (const w of warnings) out.stderr(`  ⚠ ${w}`);
}

/**
 * Validates, then synthesizes in memory (writing nothing) so that what only
 * the rendered tree shows is checked too: credential material, construct
 * props, and APIs the target clusters do not serve.
 */
export function runCheck(options: { config?: string }, out: Output): number {
  const fleet = loadFleet(options.config, out, 'check');
  if (!fleet) return 1;
  try {
    printWarnings(synthesize(fleet).warnings, out, 'check');
  } catch (e) {
    if (e instanceof CredentialError || e instanceof ApiVersionError || e instanceof ConstructPropsError) {
      out.stderr(`fleetwright check: ${e.message}`);
      return 1;
    }
    throw e;
  }
  const envs = fleet.environments.map((e) => `${e.name} ${e.clusters.length}`).join(', ');
  out.stdout(`✔ ${options.config ?? DEFAULT_CONFIG} is valid: fleet ${fleet.name}, hub ${fleet.hub.name}, ${fleet.clusters.length} clusters (${envs})`);
  return 0;
}

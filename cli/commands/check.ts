import { checkFleet, type Fleet } from '../../model';
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
    out.stderr(`fleetwright ${command}: ${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
    for (const p of problems) out.stderr(`  ✖ ${p.message}`);
    return undefined;
  }
  return fleet;
}

export function runCheck(options: { config?: string }, out: Output): number {
  const fleet = loadFleet(options.config, out, 'check');
  if (!fleet) return 1;
  const envs = fleet.environments.map((e) => `${e.name} ${e.clusters.length}`).join(', ');
  out.stdout(`✔ ${options.config ?? DEFAULT_CONFIG} is valid: fleet ${fleet.name}, hub ${fleet.hub.name}, ${fleet.clusters.length} clusters (${envs})`);
  return 0;
}

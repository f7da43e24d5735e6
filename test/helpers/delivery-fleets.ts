/**
 * Every fleet of the tests, for properties of what each cluster receives
 * that must hold for all of them: the example (for Argo CD and for Flux), the
 * test fleet with every provider, the engine test fleets, and the fleets of
 * apps, services and Karmada. Each is resolved and synthesized once.
 */
import exampleDefinition from '../../fleet.config';
import { resolveFleet, type Fleet, type FleetDefinition } from '../../model';
import { synthesize, type SynthOutput } from '../../outputs/synth';
import { engineDefinition } from '../engines/fleets';
import { appsDefinition } from './app-definitions';
import { validDefinition } from './definitions';
import { exampleDefinitionFor } from './example';
import { karmadaDefinition } from './karmada-fleet';
import { servicesDefinition } from './services';

const DEFINITIONS: Readonly<Record<string, () => FleetDefinition>> = {
  'the example fleet': () => exampleDefinition as FleetDefinition,
  'the example fleet for Flux': () => exampleDefinitionFor('flux'),
  'the test fleet with every provider': validDefinition,
  'the engine test fleet for both engines': () => engineDefinition('both'),
  'the engine test fleet for Flux': () => engineDefinition('flux'),
  'the fleet with every app shape': () => appsDefinition(),
  'the fleet with services': servicesDefinition,
  'the fleet with Karmada services': karmadaDefinition,
};

export interface DeliveryFleet {
  readonly name: string;
  readonly fleet: Fleet;
  readonly output: SynthOutput;
}

const cache = new Map<string, DeliveryFleet>();

/** The names of the fleets, for `it.each`. */
export const DELIVERY_FLEET_NAMES: readonly string[] = Object.keys(DEFINITIONS);

/** A fleet of {@link DELIVERY_FLEET_NAMES}, resolved and synthesized (once). */
export function deliveryFleet(name: string): DeliveryFleet {
  let found = cache.get(name);
  if (!found) {
    const define = DEFINITIONS[name];
    if (!define) throw new Error(`deliveryFleet: no fleet named ${name}`);
    const fleet = resolveFleet(define());
    found = { name, fleet, output: synthesize(fleet) };
    cache.set(name, found);
  }
  return found;
}

/** The bundled example fleet and the test fleet, synthesized once per test file. */
import exampleDefinition from '../../fleet.config';
import { resolveFleet, type Fleet, type FleetDefinition } from '../../model';
import { synthesize, type SynthOutput } from '../../outputs/synth';
import { validDefinition } from './definitions';

export const exampleFleet: Fleet = resolveFleet(exampleDefinition);
export const testFleet: Fleet = resolveFleet(validDefinition());

let exampleOutput: SynthOutput | undefined;
let testOutput: SynthOutput | undefined;

export function exampleSynth(): SynthOutput {
  return (exampleOutput ??= synthesize(exampleFleet));
}

export function testSynth(): SynthOutput {
  return (testOutput ??= synthesize(testFleet));
}

/**
 * The example's definition rendered for another engine, without what that
 * engine cannot do: pull-request previews need Argo CD, and Karmada's
 * services are synced to Karmada by Argo CD.
 */
export function exampleDefinitionFor(engine: 'flux' | 'both'): FleetDefinition {
  const base = exampleDefinition as FleetDefinition;
  return {
    ...base,
    engine,
    apps: (base.apps ?? []).map(({ previews: _previews, ...app }) => app),
    services: (base.services ?? []).filter((s) => engine === 'both' || s.delivery !== 'karmada'),
  };
}

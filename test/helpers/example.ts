/** The bundled example fleet and the test fleet, synthesized once per test file. */
import exampleDefinition from '../../fleet.config';
import { resolveFleet, type Fleet } from '../../model';
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

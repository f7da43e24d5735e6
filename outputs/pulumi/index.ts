/**
 * The module Pulumi's Node.js runtime loads (through `main.js`, see
 * Pulumi.yaml): a function, which the runtime calls and whose result becomes
 * the stack's outputs.
 */
import { fleetwrightProgram } from './program';

export = (): ReturnType<typeof fleetwrightProgram> => fleetwrightProgram();

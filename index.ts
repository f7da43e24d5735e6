/**
 * fleetwright's public API: declare a fleet, resolve it into the model, and
 * render it (the same objects the GitOps writer and the Pulumi program use).
 */
export * from './model';
export { renderFleet, type RenderedFleet } from './stacks/fleet';
export type { KubeObject, Unit, UnitTarget } from './stacks/rendered';
export { synthesize, synthesizeTo, type SynthOutput } from './outputs/synth';
export { ApiVersionError, checkApiVersions, type ApiFinding } from './outputs/api-versions';

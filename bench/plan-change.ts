/**
 * `plan` of a one-cluster change, as `fleetwright plan --base DIR` runs it:
 * the head definition is the generated fleet with a label added to one
 * production cluster; the base is the tree synth wrote for the unchanged
 * fleet. Resolution, rendering and checks of the
 * head, reading the base folder, the comparison and the markdown report are
 * all timed.
 */
import { performance } from 'node:perf_hooks';
import { resolveFleet, type FleetDefinition } from '../model';
import { formatMarkdown, hasChanges, planChanges, sideFromDirectory, sideFromFleet } from '../outputs/plan';

/** The definition with a label added to its first production cluster (a change that reaches that cluster alone). */
export function oneClusterChange(definition: FleetDefinition): { readonly definition: FleetDefinition; readonly cluster: string } {
  const index = definition.clusters.findIndex((c) => c.environment === 'prod');
  if (index === -1) throw new Error('oneClusterChange: the fleet has no prod cluster');
  const clusters = definition.clusters.map((c, i) => (i === index ? { ...c, labels: { ...c.labels, 'acme.io/team': 'payments' } } : c));
  return { definition: { ...definition, clusters }, cluster: clusters[index]!.name };
}

/** Milliseconds for a plan of `head` against the tree in `baseDir`; throws unless it finds exactly the one cluster changed. */
export function timePlan(head: FleetDefinition, cluster: string, baseDir: string): number {
  const started = performance.now();
  const headSide = sideFromFleet(resolveFleet(head), 'head');
  const plan = planChanges(sideFromDirectory(baseDir, headSide.table), headSide);
  formatMarkdown(plan);
  const elapsed = performance.now() - started;
  if (!hasChanges(plan) || plan.affected.length !== 1 || plan.affected[0] !== cluster) {
    throw new Error(`timePlan: expected ${cluster} alone to change, the plan affects ${JSON.stringify(plan.affected)}`);
  }
  return elapsed;
}

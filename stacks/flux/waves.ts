/**
 * The rollout waves as Flux `dependsOn` chains, per component (what one Argo
 * CD ApplicationSet delivers): on every cluster of a step, the component's
 * first Kustomizations wait for the step before; a step is over when the
 * component is Ready on all its clusters, which one gate Kustomization (an
 * empty folder, depending on those clusters' last Kustomizations) stands for.
 * One gate per (component, step) keeps the graph linear in the fleet, where
 * direct edges between two waves would number clusters × clusters.
 *
 * Flux has no `maxUpdate`. Where Argo CD keeps at most `maxUpdate`
 * Applications of a step syncing at any time (a sliding window), Flux gets
 * batches of that size in cluster-name order, each after the one before:
 * never more clusters at once than Argo CD, sometimes fewer. A step of one
 * cluster with one last Kustomization needs no gate: the next step waits for
 * that Kustomization itself.
 */
import type { FluxObjectRef } from '../../constructs/flux/api';
import { type Fleet } from '../../model';
import { compareText } from '../../model/compare';
import { FluxNames, maxUpdateCount } from '../../model/delivery/engine-rules';

/** A component on one cluster: what Ready means there. */
export interface WaveMember {
  readonly cluster: string;
  /** The Kustomizations whose readiness means the component is done on the cluster. */
  readonly last: readonly FluxObjectRef[];
}

/** A step of the rollout, as Argo CD's RollingSync steps are: the hub, then each wave. */
export interface WaveStep {
  readonly name: string;
  readonly maxUpdate: number | string;
  readonly members: readonly WaveMember[];
}

/** A gate: Ready once everything it depends on is. */
export interface Gate {
  readonly name: string;
  readonly step: string;
  readonly dependsOn: readonly FluxObjectRef[];
}

export interface WaveChain {
  /** Per cluster, what its first Kustomizations of the component wait for (nothing in the first step). */
  readonly after: ReadonlyMap<string, FluxObjectRef>;
  readonly gates: readonly Gate[];
}

/** The step name of the hub (Argo CD's first RollingSync step when an ApplicationSet reaches the hub). */
export const HUB_STEP = 'hub';

/** The fleet's steps for a component running on `clusters` (hub first when it is among them), members in name order. */
export function fleetSteps(fleet: Fleet, runsOn: ReadonlyMap<string, readonly FluxObjectRef[]>): WaveStep[] {
  const member = (cluster: string): WaveMember[] => (runsOn.has(cluster) ? [{ cluster, last: runsOn.get(cluster)! }] : []);
  return [
    { name: HUB_STEP, maxUpdate: '100%', members: member(fleet.hub.name) },
    ...fleet.rollout.waves.map((wave) => ({
      name: wave.name,
      maxUpdate: wave.maxUpdate,
      members: [...wave.clusters].sort(compareText).flatMap(member),
    })),
  ];
}

/** Chains the steps of `component`; gates are named after the component and step and live in `namespace`. */
export function chainSteps(component: string, steps: readonly WaveStep[], namespace: string): WaveChain {
  const after = new Map<string, FluxObjectRef>();
  const gates: Gate[] = [];
  let previous: FluxObjectRef | undefined;
  for (const step of steps) {
    if (step.members.length === 0) continue;
    const size = maxUpdateCount(step.maxUpdate, step.members.length);
    if (size <= 0) throw new Error(`chainSteps: step ${step.name} of ${component} holds its clusters (maxUpdate ${JSON.stringify(step.maxUpdate)}), which Flux cannot express`);
    const batches: WaveMember[][] = [];
    for (let i = 0; i < step.members.length; i += size) batches.push(step.members.slice(i, i + size));
    batches.forEach((batch, b) => {
      for (const m of batch) if (previous) after.set(m.cluster, previous);
      const last = batch.flatMap((m) => m.last);
      if (last.length === 1) {
        previous = last[0];
        return;
      }
      const gate: Gate = { name: FluxNames.gate(component, step.name, batches.length > 1 ? b + 1 : undefined), step: step.name, dependsOn: last };
      gates.push(gate);
      previous = { name: gate.name, namespace };
    });
  }
  return { after, gates };
}

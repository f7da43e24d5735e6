/**
 * The RollingSync strategy of an ApplicationSet (Progressive Syncs): the
 * generated Applications are synced group by group, each group selected by
 * labels on the Applications, at most `maxUpdate` at a time, the next group
 * only once the previous one is Healthy.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Progressive-Syncs/
 */
import type { LabelRequirement } from './cluster-generator';
import type { ApplicationSetSpec } from './types';

export interface RollingSyncStep {
  /** All must match an Application's labels for it to be in the step. */
  readonly matchExpressions: readonly LabelRequirement[];
  /**
   * Applications of the step synced at once: a count or a percentage ('25%'); 0 holds the step.
   * @default '100%'
   */
  readonly maxUpdate?: number | string;
}

export class RollingSync {
  /**
   * The controller turns the generated Applications' autosync off and triggers each sync
   * itself, taking `prune` from the template's `syncPolicy.automated`; keep that policy in
   * the template.
   * @param options.reverseDeletion delete Applications in the reverse order of the steps. Default true.
   */
  static steps(steps: readonly RollingSyncStep[], options: { readonly reverseDeletion?: boolean } = {}): RollingSync {
    if (steps.length === 0) throw new Error('RollingSync.steps: no steps; give at least one, or use the default AllAtOnce strategy');
    for (const [i, step] of steps.entries()) {
      if (step.matchExpressions.length === 0) throw new Error(`RollingSync.steps: step ${i} selects every Application; give it matchExpressions`);
    }
    return new RollingSync(
      {
        type: 'RollingSync',
        ...(options.reverseDeletion ?? true ? { deletionOrder: 'Reverse' } : {}),
        rollingSync: {
          steps: steps.map((s) => ({
            matchExpressions: s.matchExpressions.map((e) => ({ key: e.key, operator: e.operator, ...(e.values ? { values: [...e.values] } : {}) })),
            ...(s.maxUpdate !== undefined ? { maxUpdate: s.maxUpdate } : {}),
          })),
        },
      } as NonNullable<ApplicationSetSpec['strategy']>,
      [...new Set(steps.flatMap((s) => s.matchExpressions.map((e) => e.key)))].sort(),
    );
  }

  private constructor(
    readonly spec: NonNullable<ApplicationSetSpec['strategy']>,
    /** Label keys the steps select on: every generated Application must carry them. */
    readonly labelKeys: readonly string[],
  ) {}
}

/**
 * The RollingSync strategy of an ApplicationSet (Progressive Syncs): the
 * generated Applications are synced group by group, each group selected by
 * labels on the Applications, at most `maxUpdate` at a time, the next group
 * only once the previous one is Healthy. An Application no step selects is
 * never synced by the controller. Steps select with `In` and `NotIn` only (the
 * controller skips other operators), every expression of a step must match.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Progressive-Syncs/
 */
import { ConstructPropsError } from '../errors';
import type { ApplicationSetSpec } from './types';

/** A label requirement of a step: the Application's label is (`In`) or is not (`NotIn`) one of `values`. */
export interface StepRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn';
  readonly values: readonly string[];
}

export interface RollingSyncStep {
  /** All must match an Application's labels for it to be in the step. */
  readonly matchExpressions: readonly StepRequirement[];
  /**
   * Applications of the step synced at once: a count or a percentage ('25%', rounded down,
   * at least one); 0 holds the step until someone syncs it.
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
    const problems: string[] = [];
    for (const [i, step] of steps.entries()) {
      if (step.matchExpressions.length === 0) problems.push(`RollingSync.steps: step ${i} selects every Application; give it matchExpressions`);
      for (const e of step.matchExpressions) {
        if (e.operator !== 'In' && e.operator !== 'NotIn') {
          problems.push(`RollingSync.steps: step ${i} key ${JSON.stringify(e.key)} uses operator ${e.operator}, which RollingSync ignores; select with In or NotIn`);
        } else if (e.values.length === 0) {
          problems.push(`RollingSync.steps: step ${i} key ${JSON.stringify(e.key)} with operator ${e.operator} has no values; list at least one value`);
        }
      }
      if (step.maxUpdate !== undefined && !validMaxUpdate(step.maxUpdate)) {
        problems.push(`RollingSync.steps: step ${i} maxUpdate ${JSON.stringify(step.maxUpdate)} is neither a count nor a percentage; use a whole number ≥ 0 or e.g. "25%"`);
      }
    }
    if (problems.length > 0) throw new ConstructPropsError(problems);
    return new RollingSync(
      {
        type: 'RollingSync',
        ...(options.reverseDeletion ?? true ? { deletionOrder: 'Reverse' } : {}),
        rollingSync: {
          steps: steps.map((s) => ({
            matchExpressions: s.matchExpressions.map((e) => ({ key: e.key, operator: e.operator, values: [...e.values] })),
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

function validMaxUpdate(value: number | string): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0;
  const m = /^(\d{1,3})%$/.exec(value);
  return m !== null && Number(m[1]) <= 100;
}

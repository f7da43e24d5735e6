/**
 * The ApplicationSet cluster generator: one parameter set per cluster Secret
 * registered with Argo CD that matches the selector. With `goTemplate` its
 * parameters are `.name`, `.nameNormalized`, `.server`, `.project`,
 * `.metadata.labels` and `.metadata.annotations`.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Cluster/
 */
import { ConstructPropsError } from '../errors';
import type { ApplicationSetGeneratorSpec } from './types';

export interface LabelRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /** Required for In/NotIn, empty otherwise. */
  readonly values?: readonly string[];
}

/** A Kubernetes label selector: all of `matchLabels` and all of `matchExpressions` must match. */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelRequirement[];
}

/** Something that renders one entry of an ApplicationSet's `generators` (or of a matrix's). */
export interface Generator {
  readonly spec: ApplicationSetGeneratorSpec;
}

/**
 * Collects problems with a generator's options and throws them together:
 * each reads `<Kind>: <option> <value> <problem>; <fix>`.
 */
export class GeneratorCheck {
  private readonly problems: string[] = [];

  constructor(private readonly kind: string) {}

  expect(ok: boolean, option: string, value: unknown, problem: string, fix: string): void {
    if (!ok) this.problems.push(`${this.kind}: ${option} ${value === undefined ? '(missing)' : JSON.stringify(value)} ${problem}; ${fix}`);
  }

  /** Records a problem phrased in full (after `<Kind>: `). */
  add(message: string): void {
    this.problems.push(`${this.kind}: ${message}`);
  }

  done(): void {
    if (this.problems.length > 0) throw new ConstructPropsError(this.problems);
  }
}

export class ClusterGenerator implements Generator {
  /** Clusters whose registration labels match all of `matchLabels` and `matchExpressions`. */
  static select(selector: LabelSelector): ClusterGenerator {
    const check = new GeneratorCheck('ClusterGenerator');
    for (const e of selector.matchExpressions ?? []) {
      const needsValues = e.operator === 'In' || e.operator === 'NotIn';
      if (needsValues !== (e.values !== undefined && e.values.length > 0)) {
        check.add(`matchExpressions key ${JSON.stringify(e.key)} with operator ${e.operator} ${needsValues ? 'needs values' : 'takes no values'}; ${needsValues ? 'list at least one value' : 'remove values'}`);
      }
    }
    check.done();
    return new ClusterGenerator({ clusters: { selector: renderSelector(selector) } });
  }

  private constructor(readonly spec: ApplicationSetGeneratorSpec) {}
}

/** A selector as Kubernetes takes it: empty parts left out, values copied. */
export function renderSelector(selector: LabelSelector): { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } {
  const matchLabels = selector.matchLabels && Object.keys(selector.matchLabels).length > 0 ? { ...selector.matchLabels } : undefined;
  const matchExpressions = (selector.matchExpressions ?? []).map((e) => ({ key: e.key, operator: e.operator, ...(e.values ? { values: [...e.values] } : {}) }));
  return {
    ...(matchLabels ? { matchLabels } : {}),
    ...(matchExpressions.length > 0 ? { matchExpressions } : {}),
  };
}

/**
 * The ApplicationSet cluster generator: one parameter set per cluster Secret
 * registered with Argo CD that matches the selector.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Cluster/
 */
import type { ApplicationSetGeneratorSpec } from './types';

export interface LabelRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /** Required for In/NotIn, empty otherwise. */
  readonly values?: readonly string[];
}

/** Something that renders one entry of an ApplicationSet's `generators`. */
export interface Generator {
  readonly spec: ApplicationSetGeneratorSpec;
}

export class ClusterGenerator implements Generator {
  /** Clusters whose registration labels match all of `matchLabels` and `matchExpressions`. */
  static select(selector: {
    readonly matchLabels?: Readonly<Record<string, string>>;
    readonly matchExpressions?: readonly LabelRequirement[];
  }): ClusterGenerator {
    for (const e of selector.matchExpressions ?? []) {
      const needsValues = e.operator === 'In' || e.operator === 'NotIn';
      if (needsValues !== (e.values !== undefined && e.values.length > 0)) {
        throw new Error(
          `ClusterGenerator: matchExpressions key ${JSON.stringify(e.key)} with operator ${e.operator} ${needsValues ? 'needs values' : 'takes no values'}; ${needsValues ? 'list at least one value' : 'remove values'}`,
        );
      }
    }
    const matchLabels = selector.matchLabels && Object.keys(selector.matchLabels).length > 0 ? { ...selector.matchLabels } : undefined;
    const matchExpressions = selector.matchExpressions?.map((e) => ({
      key: e.key,
      operator: e.operator,
      ...(e.values ? { values: [...e.values] } : {}),
    }));
    return new ClusterGenerator({
      clusters: {
        selector: {
          ...(matchLabels ? { matchLabels } : {}),
          ...(matchExpressions && matchExpressions.length > 0 ? { matchExpressions } : {}),
        },
      },
    });
  }

  private constructor(readonly spec: ApplicationSetGeneratorSpec) {}
}

/**
 * Intent-level parts of a Karmada placement: which member clusters
 * ({@link ClusterAffinity}), how replicas are spread over them
 * ({@link ReplicaScheduling}) and when they leave a failing cluster
 * ({@link ClusterFailover}).
 * @see https://karmada.io/docs/userguide/scheduling/propagation-policy
 */
import type { Duration } from 'cdk8s';
import type { PropsCheck } from '../errors';
import { KarmadaTaint, type ClusterAffinitySpec, type ClusterTolerationSpec, type LabelRequirementSpec, type ReplicaSchedulingSpec } from './types';

/** A label requirement on member clusters. */
export interface ClusterLabelRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /** Required for In/NotIn, empty otherwise. */
  readonly values?: readonly string[];
}

/** Member clusters, by the labels of their Karmada `Cluster` objects or by name. */
export class ClusterAffinity {
  /** Clusters with all of `matchLabels` and meeting all of `matchExpressions`. */
  static labels(matchLabels: Readonly<Record<string, string>>, matchExpressions: readonly ClusterLabelRequirement[] = []): ClusterAffinity {
    const expressions: LabelRequirementSpec[] = matchExpressions.map((e) => ({ key: e.key, operator: e.operator, ...(e.values ? { values: [...e.values] } : {}) }));
    return new ClusterAffinity({
      labelSelector: {
        ...(Object.keys(matchLabels).length > 0 ? { matchLabels: { ...matchLabels } } : {}),
        ...(expressions.length > 0 ? { matchExpressions: expressions } : {}),
      },
    });
  }

  /** Exactly these clusters. */
  static names(names: readonly string[]): ClusterAffinity {
    return new ClusterAffinity({ clusterNames: [...names] });
  }

  private constructor(readonly spec: ClusterAffinitySpec) {}

  /** Records what Karmada would refuse or read as "every cluster". */
  check(check: PropsCheck, prop: string): void {
    const { clusterNames, labelSelector } = this.spec;
    if (clusterNames) {
      check.expect(clusterNames.length > 0, prop, clusterNames, 'names no cluster', 'name at least one cluster');
      check.expect(new Set(clusterNames).size === clusterNames.length, prop, clusterNames, 'names a cluster twice', 'name each cluster once');
    } else {
      const empty = !labelSelector?.matchLabels && !labelSelector?.matchExpressions;
      check.expect(!empty, prop, labelSelector, 'is empty, which selects every member cluster', 'give labels the clusters must have');
      for (const e of labelSelector?.matchExpressions ?? []) {
        const needsValues = e.operator === 'In' || e.operator === 'NotIn';
        check.expect(needsValues === (e.values !== undefined && e.values.length > 0), `${prop}.${e.key}`, e.values, needsValues ? `needs values for ${e.operator}` : `takes no values with ${e.operator}`, 'give values exactly for In and NotIn');
      }
    }
  }
}

/** A static weight for the clusters an affinity selects (each of them gets it). */
export interface StaticWeight {
  readonly clusters: ClusterAffinity;
  /** 1 or more (Karmada's minimum). */
  readonly weight: number;
}

/** How a workload's replicas are spread over the member clusters. */
export class ReplicaScheduling {
  /** Every cluster runs all the replicas. */
  static duplicated(): ReplicaScheduling {
    return new ReplicaScheduling({ replicaSchedulingType: 'Duplicated' }, []);
  }

  /**
   * The replicas are divided by static weights (`staticWeightList`): each
   * cluster gets the largest weight of the entries selecting it, clusters no
   * entry selects get none. Without weights every cluster weighs the same.
   * @see divideByStaticWeight in model/delivery/karmada-split.ts for the arithmetic
   */
  static weighted(weights: readonly StaticWeight[] = []): ReplicaScheduling {
    return new ReplicaScheduling(
      {
        replicaSchedulingType: 'Divided',
        replicaDivisionPreference: 'Weighted',
        ...(weights.length > 0 ? { weightPreference: { staticWeightList: weights.map((w) => ({ targetCluster: w.clusters.spec, weight: w.weight })) } } : {}),
      },
      weights,
    );
  }

  private constructor(readonly spec: ReplicaSchedulingSpec, private readonly weights: readonly StaticWeight[]) {}

  check(check: PropsCheck, prop: string): void {
    this.weights.forEach((w, i) => {
      check.expect(Number.isInteger(w.weight) && w.weight >= 1, `${prop}.weights[${i}].weight`, w.weight, 'is not a whole number ≥ 1, which Karmada requires', 'leave clusters that should get no replica out of the list');
      w.clusters.check(check, `${prop}.weights[${i}].clusters`);
    });
  }
}

/**
 * How long a workload stays on a member cluster that stopped being healthy:
 * tolerations of the `NoExecute` taints a ClusterTaintPolicy puts on it, after
 * which Karmada evicts the workload and reschedules its replicas on the
 * remaining clusters (the Failover feature and NoExecute eviction must be on).
 */
export class ClusterFailover {
  /**
   * @param unreachable how long after the cluster's `Ready` condition became `Unknown`
   * @param notReady how long after it became `False`
   * (whole seconds: a `Duration` is never negative, and `toSeconds()` refuses fractions)
   */
  static after(unreachable: Duration, notReady: Duration): ClusterFailover {
    return new ClusterFailover(unreachable.toSeconds(), notReady.toSeconds());
  }

  /** Never evict (a namespace must outlive the failures of its cluster). */
  static never(): ClusterFailover {
    return new ClusterFailover(undefined, undefined);
  }

  private constructor(private readonly unreachableSeconds: number | undefined, private readonly notReadySeconds: number | undefined) {}

  get tolerations(): ClusterTolerationSpec[] {
    const toleration = (key: string, seconds: number | undefined): ClusterTolerationSpec => ({
      key,
      operator: 'Exists',
      effect: 'NoExecute',
      ...(seconds !== undefined ? { tolerationSeconds: seconds } : {}),
    });
    return [toleration(KarmadaTaint.notReady, this.notReadySeconds), toleration(KarmadaTaint.unreachable, this.unreachableSeconds)];
  }
}

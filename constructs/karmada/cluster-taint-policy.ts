/**
 * A Karmada ClusterTaintPolicy: taints Karmada adds to member clusters while
 * their status conditions match, and removes when they match again.
 *
 * Since Karmada v1.14 nothing puts `NoExecute` taints on failing clusters
 * unless such a policy does, so without one the tolerations of a placement
 * never run out and no replica fails over. Karmada refuses and ignores
 * `NoExecute` taint policies unless, once per Karmada installation,
 * karmada-webhook runs with `--allow-no-execute-taint-policy=true` and
 * karmada-controller-manager with `--feature-gates=Failover=true` and
 * `--enable-no-execute-taint-eviction=true`.
 * @see https://karmada.io/docs/userguide/failover/cluster-taint-management
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { dnsSubdomain } from '../../model/rules/syntax';
import { expectSyntax } from '../cluster-api/checks';
import { PropsCheck } from '../errors';
import type { ClusterAffinity } from './placement';
import { KARMADA_POLICY_API_VERSION } from './types';

/** A status condition of the cluster, e.g. `Ready` being `Unknown`. */
export interface ConditionMatch {
  readonly conditionType: string;
  readonly operator: 'In' | 'NotIn';
  readonly statusValues: readonly ('True' | 'False' | 'Unknown')[];
}

export interface ClusterTaint {
  readonly key: string;
  readonly effect: 'NoSchedule' | 'NoExecute';
  /** @default - no value */
  readonly value?: string;
}

export interface ClusterTaintPolicyProps {
  readonly name: string;
  /** The clusters it watches. */
  readonly clusters: ClusterAffinity;
  /** Taint when all of these match. */
  readonly addOn: readonly ConditionMatch[];
  /** Remove the taints when all of these match. */
  readonly removeOn: readonly ConditionMatch[];
  readonly taints: readonly ClusterTaint[];
  /**
   * Annotations, e.g. Argo CD's sync wave.
   * @default {}
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

export class ClusterTaintPolicy extends Construct {
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ClusterTaintPolicyProps) {
    super(scope, id);
    const check = new PropsCheck('ClusterTaintPolicy', props.name);
    expectSyntax(check, 'name', props.name, dnsSubdomain);
    props.clusters.check(check, 'clusters');
    check.expect(props.addOn.length > 0, 'addOn', [], 'is empty, so the policy would never taint', 'give the conditions that taint the cluster');
    check.expect(props.removeOn.length > 0, 'removeOn', [], 'is empty, so the taints would stay after the cluster recovers', 'give the conditions that remove the taints');
    check.expect(props.taints.length > 0, 'taints', [], 'is empty', 'give at least one taint');
    for (const [prop, list] of [['addOn', props.addOn], ['removeOn', props.removeOn]] as const) {
      list.forEach((c, i) => check.expect(c.statusValues.length > 0, `${prop}[${i}].statusValues`, [], 'is empty', 'list the statuses, e.g. ["Unknown"]'));
    }
    check.done();
    const conditions = (list: readonly ConditionMatch[]) => list.map((c) => ({ conditionType: c.conditionType, operator: c.operator, statusValues: [...c.statusValues] }));
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: KARMADA_POLICY_API_VERSION,
      kind: 'ClusterTaintPolicy',
      metadata: { name: props.name, ...(props.annotations ? { annotations: { ...props.annotations } } : {}) },
      spec: {
        targetClusters: props.clusters.spec,
        addOnConditions: conditions(props.addOn),
        removeOnConditions: conditions(props.removeOn),
        taints: props.taints.map((t) => ({ key: t.key, effect: t.effect, ...(t.value !== undefined ? { value: t.value } : {}) })),
      },
    });
  }
}

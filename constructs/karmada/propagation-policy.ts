/**
 * A Karmada PropagationPolicy: which resource templates of its namespace
 * Karmada propagates, to which member clusters, with how many replicas each
 * and for how long they stay on a failing cluster.
 * @see https://karmada.io/docs/userguide/scheduling/propagation-policy
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { dnsLabel, dnsSubdomain } from '../../model/rules/syntax';
import { expectSyntax } from '../cluster-api/checks';
import { PropsCheck } from '../errors';
import type { ClusterAffinity, ClusterFailover, ReplicaScheduling } from './placement';
import { KARMADA_POLICY_API_VERSION, resourceSelectorSpec, type PlacementSpec, type PropagationSpec, type ResourceSelector } from './types';

export interface PlacementProps {
  /** The resource templates to propagate (at least one; Karmada never reads an empty list as "all"). */
  readonly resourceSelectors: readonly ResourceSelector[];
  /** The member clusters. */
  readonly clusters: ClusterAffinity;
  /**
   * How replicas are spread.
   * @default - Karmada's default: every cluster runs all replicas (Duplicated)
   */
  readonly replicaScheduling?: ReplicaScheduling;
  /**
   * When the workload leaves a failing cluster.
   * @default - Karmada's webhook adds 300 s tolerations (its `--default-*-toleration-seconds`)
   */
  readonly failover?: ClusterFailover;
  /**
   * Annotations, e.g. Argo CD's sync wave.
   * @default {}
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface PropagationPolicyProps extends PlacementProps {
  readonly name: string;
  /** The policy's namespace: it propagates only resources of this namespace. */
  readonly namespace: string;
}

export class PropagationPolicy extends Construct {
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: PropagationPolicyProps) {
    super(scope, id);
    const check = new PropsCheck('PropagationPolicy', props.name);
    expectSyntax(check, 'name', props.name, dnsSubdomain);
    expectSyntax(check, 'namespace', props.namespace, dnsLabel);
    checkPlacement(check, props);
    props.resourceSelectors.forEach((s, i) => {
      check.expect(s.namespace === props.namespace, `resourceSelectors[${i}].namespace`, s.namespace, `is not the policy's namespace "${props.namespace}", so Karmada would not select ${s.kind} ${s.name}`, 'put the policy in the namespace of the resources it propagates');
    });
    check.done();
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: KARMADA_POLICY_API_VERSION,
      kind: 'PropagationPolicy',
      metadata: { name: props.name, namespace: props.namespace, ...(props.annotations ? { annotations: { ...props.annotations } } : {}) },
      spec: propagationSpec(props),
    });
  }
}

/** Records the problems of a placement, shared with ClusterPropagationPolicy. */
export function checkPlacement(check: PropsCheck, props: PlacementProps): void {
  check.expect(props.resourceSelectors.length > 0, 'resourceSelectors', [], 'is empty', 'select at least one resource template');
  const keys = props.resourceSelectors.map((s) => `${s.apiVersion}/${s.kind}/${s.namespace ?? ''}/${s.name}`);
  check.expect(new Set(keys).size === keys.length, 'resourceSelectors', keys, 'selects a resource twice', 'select each resource once');
  props.clusters.check(check, 'clusters');
  props.replicaScheduling?.check(check, 'replicaScheduling');
}

/** The `spec` of a PropagationPolicy or ClusterPropagationPolicy. */
export function propagationSpec(props: PlacementProps): PropagationSpec {
  const placement: PlacementSpec = {
    clusterAffinity: props.clusters.spec,
    ...(props.failover ? { clusterTolerations: props.failover.tolerations } : {}),
    ...(props.replicaScheduling ? { replicaScheduling: props.replicaScheduling.spec } : {}),
  };
  return { resourceSelectors: props.resourceSelectors.map(resourceSelectorSpec), placement };
}

/**
 * Karmada API shapes fleetwright writes, named as in Karmada v1.18's CRDs
 * (`policy.karmada.io/v1alpha1`) and its aggregated API
 * (`cluster.karmada.io/v1alpha1`, from Karmada's OpenAPI document).
 * @see https://karmada.io/docs/reference/karmada-api/
 */

export const KARMADA_POLICY_API_VERSION = 'policy.karmada.io/v1alpha1';
export const KARMADA_CLUSTER_API_VERSION = 'cluster.karmada.io/v1alpha1';

/**
 * The taints Karmada puts on a member cluster whose `Ready` condition is
 * `False` (not-ready) or `Unknown` (unreachable): with effect `NoSchedule` by
 * its cluster controller, with `NoExecute` by a ClusterTaintPolicy.
 */
export const KarmadaTaint = {
  notReady: 'cluster.karmada.io/not-ready',
  unreachable: 'cluster.karmada.io/unreachable',
} as const;

export interface LabelRequirementSpec {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelRequirementSpec[];
}

/** `ClusterAffinity`: which member clusters something applies to. */
export interface ClusterAffinitySpec {
  clusterNames?: string[];
  labelSelector?: LabelSelectorSpec;
}

/** `ResourceSelector`: the resource templates a policy applies to. */
export interface ResourceSelectorSpec {
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
}

/** `ClusterToleration` (a Kubernetes toleration) of a placement. */
export interface ClusterTolerationSpec {
  key: string;
  operator: 'Exists' | 'Equal';
  value?: string;
  effect: 'NoSchedule' | 'NoExecute';
  tolerationSeconds?: number;
}

export interface StaticClusterWeightSpec {
  targetCluster: ClusterAffinitySpec;
  weight: number;
}

export interface ReplicaSchedulingSpec {
  replicaSchedulingType: 'Duplicated' | 'Divided';
  replicaDivisionPreference?: 'Aggregated' | 'Weighted';
  weightPreference?: { staticWeightList: StaticClusterWeightSpec[] };
}

export interface PlacementSpec {
  clusterAffinity: ClusterAffinitySpec;
  clusterTolerations?: ClusterTolerationSpec[];
  replicaScheduling?: ReplicaSchedulingSpec;
}

/** `spec` of a PropagationPolicy or ClusterPropagationPolicy. */
export interface PropagationSpec {
  resourceSelectors: ResourceSelectorSpec[];
  placement: PlacementSpec;
}

/** A resource template a policy selects, by kind and name. */
export interface ResourceSelector {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Absent for cluster-scoped resources. */
  readonly namespace?: string;
}

/** The selector of an object cdk8s rendered (`apiVersion`, `kind` and `metadata` of its JSON). */
export function selectorOf(object: { readonly apiVersion: string; readonly kind: string; readonly metadata: { readonly name?: string; readonly namespace?: string } }): ResourceSelector {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name!,
    ...(object.metadata.namespace !== undefined ? { namespace: object.metadata.namespace } : {}),
  };
}

export function resourceSelectorSpec(s: ResourceSelector): ResourceSelectorSpec {
  return { apiVersion: s.apiVersion, kind: s.kind, name: s.name, ...(s.namespace !== undefined ? { namespace: s.namespace } : {}) };
}

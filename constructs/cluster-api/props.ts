/**
 * Props shared by the Cluster API constructs (identity, references, taints,
 * autoscaling) and the metadata they render from them.
 */
import type { ApiObjectMetadata } from 'cdk8s';
import type { ObjectRef } from './refs';

/** Identity of every Cluster API object. */
export interface ClusterApiObjectProps {
  /**
   * `metadata.name`: a DNS-1123 name, used as is (never hashed).
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
   */
  readonly name: string;
  /**
   * `metadata.namespace`: the namespace of the cluster's Cluster API objects
   * on the management cluster. Every object of a cluster must share it.
   * @see https://cluster-api.sigs.k8s.io/user/concepts
   */
  readonly namespace: string;
  /**
   * Labels of the object itself.
   * @default {}
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Annotations of the object itself.
   * @default {}
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Something that names another object: a construct (its `ref`) or an {@link ObjectRef}. */
export type RefSource = ObjectRef | { readonly ref: ObjectRef };

/** The {@link ObjectRef} of `source`. */
export function refOf(source: RefSource): ObjectRef {
  return 'ref' in source ? source.ref : source;
}

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

/**
 * A taint nodes register with.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
 */
export interface NodeTaint {
  readonly key: string;
  /** @default '' */
  readonly value?: string;
  readonly effect: TaintEffect;
}

/**
 * Bounds for the Kubernetes cluster autoscaler.
 * @see https://cluster-api.sigs.k8s.io/tasks/automated-machine-management/autoscaling
 */
export interface Autoscaling {
  /** Fewest machines; 0 allows scaling to zero. */
  readonly minReplicas: number;
  /** Most machines. */
  readonly maxReplicas: number;
}

/**
 * Annotations the cluster autoscaler's `clusterapi` provider reads on
 * MachineDeployments and MachinePools.
 * @see https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/clusterapi/README.md
 */
export const AutoscalerAnnotation = {
  minSize: 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size',
  maxSize: 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size',
} as const;

/** The autoscaler's min/max annotations for `autoscaling`, or none. */
export function autoscalerAnnotations(autoscaling: Autoscaling | undefined): Record<string, string> {
  if (!autoscaling) return {};
  return {
    [AutoscalerAnnotation.minSize]: String(autoscaling.minReplicas),
    [AutoscalerAnnotation.maxSize]: String(autoscaling.maxReplicas),
  };
}

/** Labels Cluster API puts on (and selects) the machines of a cluster and a MachineDeployment. */
export const ClusterApiLabel = {
  clusterName: 'cluster.x-k8s.io/cluster-name',
  deploymentName: 'cluster.x-k8s.io/deployment-name',
} as const;

/** `metadata` for a construct's single ApiObject: explicit name and namespace, empty maps left out. */
export function objectMetadata(props: ClusterApiObjectProps): ApiObjectMetadata {
  return {
    name: props.name,
    namespace: props.namespace,
    ...nonEmpty('labels', props.labels),
    ...nonEmpty('annotations', props.annotations),
  };
}

/** `{ [key]: record }` when `record` has entries, else `{}`: spreads optional maps into specs. */
export function nonEmpty<K extends string, V>(key: K, record: Readonly<Record<string, V>> | undefined): { [P in K]?: Record<string, V> } {
  return record && Object.keys(record).length > 0 ? ({ [key]: { ...record } } as { [P in K]: Record<string, V> }) : {};
}

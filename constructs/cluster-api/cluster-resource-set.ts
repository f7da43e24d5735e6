/**
 * A `ClusterResourceSet` (addons.cluster.x-k8s.io/v1beta2) with the ConfigMap
 * it applies: Cluster API applies the objects to every workload cluster whose
 * `Cluster` matches `clusterLabels`, with the management cluster's admin
 * access, as soon as the cluster's API server answers. With `Reconcile` (the
 * default here), a change of the objects is applied again. The ConfigMap holds
 * the objects as one multi-document manifest (JSON documents, keys sorted).
 * @see https://cluster-api.sigs.k8s.io/tasks/cluster-resource-set
 */
import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { sortedJson, type JsonValue } from '../../model';
import { PropsCheck } from '../errors';
import { checkIdentity, checkLabelMap } from './checks';
import { objectMetadata, type ClusterApiObjectProps } from './props';

/** API group of Cluster API's add-on objects. */
export const ADDONS_API_GROUP = 'addons.cluster.x-k8s.io';

/** Key of the ConfigMap's manifest. */
export const RESOURCE_SET_KEY = 'resources.yaml';

export interface ClusterResourceSetProps extends ClusterApiObjectProps {
  /** Labels a `Cluster` must carry to receive the objects (non-empty: an empty selector matches no cluster). */
  readonly clusterLabels: Readonly<Record<string, string>>;
  /** The objects to apply, as plain JSON (at least one). */
  readonly objects: readonly { readonly apiVersion: string; readonly kind: string }[];
  /**
   * `Reconcile` applies the objects again when they change; `ApplyOnce` only once per cluster.
   * @default 'Reconcile'
   */
  readonly strategy?: 'ApplyOnce' | 'Reconcile';
}

export class ClusterResourceSet extends Construct {
  readonly apiObject: ApiObject;
  readonly configMap: k8s.KubeConfigMap;

  constructor(scope: Construct, id: string, props: ClusterResourceSetProps) {
    super(scope, id);
    const check = new PropsCheck('ClusterResourceSet', props.name);
    checkIdentity(check, props, 253);
    checkLabelMap(check, 'clusterLabels', props.clusterLabels);
    check.expect(Object.keys(props.clusterLabels).length > 0, 'clusterLabels', props.clusterLabels, 'is empty, and an empty selector matches no cluster', 'give a label of the Cluster objects it is for');
    check.expect(props.objects.length > 0, 'objects', props.objects, 'is empty', 'give the objects to apply');
    check.done();
    const metadata = objectMetadata(props);
    this.configMap = new k8s.KubeConfigMap(this, 'ConfigMap', {
      metadata,
      data: { [RESOURCE_SET_KEY]: props.objects.map((o) => sortedJson(o as unknown as JsonValue)).join('---\n') },
    });
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: `${ADDONS_API_GROUP}/v1beta2`,
      kind: 'ClusterResourceSet',
      metadata,
      spec: {
        clusterSelector: { matchLabels: { ...props.clusterLabels } },
        resources: [{ kind: 'ConfigMap', name: props.name }],
        strategy: props.strategy ?? 'Reconcile',
      },
    });
  }
}

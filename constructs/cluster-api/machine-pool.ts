import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { checkAutoscaling, checkCount, checkIdentity, checkRef, KUBEADM_VERSION } from './checks';
import { autoscalerAnnotations, objectMetadata, refOf, type Autoscaling, type ClusterApiObjectProps, type RefSource } from './props';
import { ApiGroup, type ObjectRef } from './refs';

export interface MachinePoolProps extends ClusterApiObjectProps {
  /**
   * The `Cluster` the machines join.
   * @see https://cluster-api.sigs.k8s.io/user/concepts#cluster
   */
  readonly cluster: RefSource;
  /**
   * Kubernetes version of the machines, `v1.31.0` form: Cluster API's webhook
   * wants a patch release even where the provider ignores it (EKS node groups
   * follow the minor version).
   * @see https://cluster-api.sigs.k8s.io/tasks/experimental-features/machine-pools
   */
  readonly version: string;
  /**
   * Number of machines. With `autoscaling` it must lie within the bounds, but
   * it is not rendered: the autoscaler owns `spec.replicas`, and Cluster API
   * starts a new MachinePool at `minReplicas`.
   * @default 1
   * @see https://cluster-api.sigs.k8s.io/tasks/automated-machine-management/autoscaling
   */
  readonly replicas?: number;
  /**
   * Bounds for the cluster autoscaler (`clusterapi` provider), rendered as its
   * min/max size annotations.
   * @default - fixed size
   * @see https://cluster-api.sigs.k8s.io/tasks/automated-machine-management/autoscaling
   */
  readonly autoscaling?: Autoscaling;
  /**
   * The infrastructure machine pool, e.g. `AWSManagedMachinePool`.
   * @see https://cluster-api.sigs.k8s.io/developer/providers/contracts/infra-machinepool
   */
  readonly infrastructure: RefSource;
  /**
   * How the machines bootstrap (e.g. a `KubeadmConfig`).
   * @default - none: the provider bootstraps the machines itself (EKS managed node groups); rendered as an empty `dataSecretName`
   * @see https://cluster-api-aws.sigs.k8s.io/topics/machinepools.html
   */
  readonly bootstrapConfig?: RefSource;
}

interface MachinePoolSpec {
  readonly clusterName: string;
  readonly replicas?: number;
  readonly template: {
    readonly spec: {
      readonly clusterName: string;
      readonly version: string;
      readonly bootstrap: { readonly configRef: ObjectRef } | { readonly dataSecretName: string };
      readonly infrastructureRef: ObjectRef;
    };
  };
}

/**
 * A `MachinePool` (cluster.x-k8s.io/v1beta2): a node pool whose machines the
 * infrastructure provider manages as a group (an EKS managed node group, an
 * auto scaling group).
 * @see https://cluster-api.sigs.k8s.io/tasks/experimental-features/machine-pools
 */
export class MachinePool extends Construct {
  readonly name: string;
  readonly ref: ObjectRef;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: MachinePoolProps) {
    super(scope, id);
    const replicas = props.replicas ?? 1;
    const clusterName = refOf(props.cluster).name;

    const check = new PropsCheck('MachinePool', props.name);
    checkIdentity(check, props, 63);
    checkRef(check, 'cluster', props.cluster, ApiGroup.cluster, ['Cluster']);
    checkRef(check, 'infrastructure', props.infrastructure, ApiGroup.infrastructure);
    if (props.bootstrapConfig) checkRef(check, 'bootstrapConfig', props.bootstrapConfig, ApiGroup.bootstrap);
    check.expect(
      KUBEADM_VERSION.test(props.version),
      'version',
      props.version,
      "is not a full Kubernetes release, which Cluster API's MachinePool webhook requires",
      'write it like "v1.31.0" (EKS ignores the patch)',
    );
    checkCount(check, 'replicas', replicas, 0);
    if (props.autoscaling) checkAutoscaling(check, 'autoscaling', props.autoscaling, replicas);
    check.done();

    const spec: MachinePoolSpec = {
      clusterName,
      ...(props.autoscaling ? {} : { replicas }),
      template: {
        spec: {
          clusterName,
          version: props.version,
          bootstrap: props.bootstrapConfig ? { configRef: { ...refOf(props.bootstrapConfig) } } : { dataSecretName: '' },
          infrastructureRef: { ...refOf(props.infrastructure) },
        },
      },
    };

    this.name = props.name;
    this.ref = { apiGroup: ApiGroup.cluster, kind: 'MachinePool', name: props.name };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: `${ApiGroup.cluster}/v1beta2`,
      kind: 'MachinePool',
      metadata: objectMetadata({ ...props, annotations: { ...props.annotations, ...autoscalerAnnotations(props.autoscaling) } }),
      spec,
    });
  }
}

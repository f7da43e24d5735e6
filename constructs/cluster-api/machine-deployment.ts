import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { checkAutoscaling, checkCount, checkIdentity, checkLabelMap, checkRef, KUBEADM_VERSION } from './checks';
import { autoscalerAnnotations, ClusterApiLabel, objectMetadata, refOf, type Autoscaling, type ClusterApiObjectProps, type RefSource } from './props';
import { ApiGroup, type ObjectRef } from './refs';

export interface MachineDeploymentProps extends ClusterApiObjectProps {
  /**
   * The `Cluster` the machines join.
   * @see https://cluster-api.sigs.k8s.io/user/concepts#cluster
   */
  readonly cluster: RefSource;
  /**
   * Kubernetes release of the machines, with the patch: `v1.31.4`.
   * @see https://cluster-api.sigs.k8s.io/tasks/upgrading-clusters
   */
  readonly version: string;
  /**
   * Number of machines. With `autoscaling` it must lie within the bounds, but
   * it is not rendered: the autoscaler owns `spec.replicas` (a value in Git
   * would be reset on every sync), and Cluster API starts a new
   * MachineDeployment at `minReplicas`.
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
   * How the machines bootstrap: a `KubeadmConfigTemplate`.
   * @see https://cluster-api.sigs.k8s.io/developer/providers/contracts/bootstrap-config
   */
  readonly bootstrapConfig: RefSource;
  /**
   * Machine template of the infrastructure provider (`AWSMachineTemplate`, `DockerMachineTemplate`).
   * @see https://cluster-api.sigs.k8s.io/developer/providers/contracts/infra-machine
   */
  readonly machineTemplate: RefSource;
  /**
   * Labels of the Machines. Cluster API copies `node-role.kubernetes.io/…`,
   * `node-restriction.kubernetes.io/…` and `node.cluster.x-k8s.io/…` labels to
   * the Nodes and keeps them in sync.
   * @default {}
   * @see https://cluster-api.sigs.k8s.io/reference/api/metadata-propagation#machine
   */
  readonly machineLabels?: Readonly<Record<string, string>>;
}

interface MachineDeploymentSpec {
  readonly clusterName: string;
  readonly replicas?: number;
  readonly selector: { readonly matchLabels: Readonly<Record<string, string>> };
  readonly template: {
    readonly metadata: { readonly labels: Readonly<Record<string, string>> };
    readonly spec: {
      readonly clusterName: string;
      readonly version: string;
      readonly bootstrap: { readonly configRef: ObjectRef };
      readonly infrastructureRef: ObjectRef;
    };
  };
}

/**
 * A `MachineDeployment` (cluster.x-k8s.io/v1beta2): a node pool of
 * individually managed machines, rolled out like a Deployment.
 * @see https://cluster-api.sigs.k8s.io/user/concepts#machinedeployment
 */
export class MachineDeployment extends Construct {
  readonly name: string;
  readonly ref: ObjectRef;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: MachineDeploymentProps) {
    super(scope, id);
    const replicas = props.replicas ?? 1;
    const machineLabels = props.machineLabels ?? {};
    const clusterName = refOf(props.cluster).name;

    const check = new PropsCheck('MachineDeployment', props.name);
    checkIdentity(check, props, 63);
    checkRef(check, 'cluster', props.cluster, ApiGroup.cluster, ['Cluster']);
    checkRef(check, 'bootstrapConfig', props.bootstrapConfig, ApiGroup.bootstrap);
    checkRef(check, 'machineTemplate', props.machineTemplate, ApiGroup.infrastructure);
    check.expect(KUBEADM_VERSION.test(props.version), 'version', props.version, 'is not a full Kubernetes release', 'write it like "v1.31.4"');
    checkCount(check, 'replicas', replicas, 0);
    if (props.autoscaling) checkAutoscaling(check, 'autoscaling', props.autoscaling, replicas);
    checkLabelMap(check, 'machineLabels', machineLabels);
    check.done();

    const selector = { [ClusterApiLabel.clusterName]: clusterName, [ClusterApiLabel.deploymentName]: props.name };
    const spec: MachineDeploymentSpec = {
      clusterName,
      ...(props.autoscaling ? {} : { replicas }),
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: { ...machineLabels, ...selector } },
        spec: {
          clusterName,
          version: props.version,
          bootstrap: { configRef: { ...refOf(props.bootstrapConfig) } },
          infrastructureRef: { ...refOf(props.machineTemplate) },
        },
      },
    };

    this.name = props.name;
    this.ref = { apiGroup: ApiGroup.cluster, kind: 'MachineDeployment', name: props.name };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: `${ApiGroup.cluster}/v1beta2`,
      kind: 'MachineDeployment',
      metadata: objectMetadata({ ...props, annotations: { ...props.annotations, ...autoscalerAnnotations(props.autoscaling) } }),
      spec,
    });
  }
}

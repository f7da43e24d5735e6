import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { checkIdentity, checkRef, KUBEADM_VERSION } from './checks';
import { argList, type KubeadmConfigSpec, type NodeRegistrationSpec } from './kubeadm-spec';
import { objectMetadata, refOf, type ClusterApiObjectProps, type RefSource } from './props';
import { ApiGroup, type ObjectRef } from './refs';

export interface KubeadmControlPlaneProps extends ClusterApiObjectProps {
  /**
   * Kubernetes release of the control plane, with the patch: `v1.31.4`.
   * @see https://cluster-api.sigs.k8s.io/tasks/control-plane/kubeadm-control-plane
   */
  readonly version: string;
  /**
   * Control plane machines. Odd, so that etcd keeps quorum while one is replaced.
   * @default 3
   * @see https://cluster-api.sigs.k8s.io/tasks/control-plane/kubeadm-control-plane
   */
  readonly replicas?: number;
  /**
   * Machine template of the control plane machines (`AWSMachineTemplate`, `DockerMachineTemplate`).
   * @see https://cluster-api.sigs.k8s.io/developer/providers/contracts/infra-machine
   */
  readonly machineTemplate: RefSource;
  /**
   * Extra kubelet flags on control plane nodes (without leading dashes), e.g. `{ 'cloud-provider': 'external' }`.
   * @default {}
   * @see https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
   */
  readonly kubeletArgs?: Readonly<Record<string, string>>;
  /**
   * Extra kube-apiserver flags (without leading dashes).
   * @default {}
   * @see https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
   */
  readonly apiServerArgs?: Readonly<Record<string, string>>;
  /**
   * Extra kube-controller-manager flags (without leading dashes).
   * @default {}
   * @see https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/
   */
  readonly controllerManagerArgs?: Readonly<Record<string, string>>;
  /**
   * Extra subject alternative names of the API server certificate.
   * @default []
   * @see https://kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4/#kubeadm-k8s-io-v1beta4-APIServer
   */
  readonly apiServerCertSans?: readonly string[];
  /**
   * Node name the machines register with (may be a cloud-init template,
   * e.g. `{{ ds.meta_data.local_hostname }}` on AWS).
   * @default - the machine's hostname
   * @see https://kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4/#kubeadm-k8s-io-v1beta4-NodeRegistrationOptions
   */
  readonly nodeName?: string;
}

interface KubeadmControlPlaneSpec {
  readonly replicas: number;
  readonly version: string;
  readonly machineTemplate: { readonly spec: { readonly infrastructureRef: ObjectRef } };
  readonly kubeadmConfigSpec?: KubeadmConfigSpec;
}

/**
 * A `KubeadmControlPlane` (controlplane.cluster.x-k8s.io/v1beta2): control
 * plane machines bootstrapped with kubeadm, with stacked etcd.
 * @see https://cluster-api.sigs.k8s.io/tasks/control-plane/kubeadm-control-plane
 */
export class KubeadmControlPlane extends Construct {
  readonly name: string;
  readonly ref: ObjectRef;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: KubeadmControlPlaneProps) {
    super(scope, id);
    const replicas = props.replicas ?? 3;
    const kubeletArgs = props.kubeletArgs ?? {};
    const apiServerArgs = props.apiServerArgs ?? {};
    const controllerManagerArgs = props.controllerManagerArgs ?? {};
    const certSans = props.apiServerCertSans ?? [];

    const check = new PropsCheck('KubeadmControlPlane', props.name);
    checkIdentity(check, props, 63);
    check.expect(
      Number.isInteger(replicas) && replicas > 0 && replicas % 2 === 1,
      'replicas',
      replicas,
      'must be odd so etcd keeps quorum',
      'use 1, 3 or 5',
    );
    check.expect(
      KUBEADM_VERSION.test(props.version),
      'version',
      props.version,
      'is not a full Kubernetes release: kubeadm installs an exact patch release',
      'write it like "v1.31.4"',
    );
    checkRef(check, 'machineTemplate', props.machineTemplate, ApiGroup.infrastructure);
    check.done();

    const nodeRegistration: NodeRegistrationSpec = {
      ...(props.nodeName !== undefined ? { name: props.nodeName } : {}),
      ...(Object.keys(kubeletArgs).length > 0 ? { kubeletExtraArgs: argList(kubeletArgs) } : {}),
    };
    const hasNodeRegistration = Object.keys(nodeRegistration).length > 0;
    const apiServer = {
      ...(certSans.length > 0 ? { certSANs: [...certSans] } : {}),
      ...(Object.keys(apiServerArgs).length > 0 ? { extraArgs: argList(apiServerArgs) } : {}),
    };
    const clusterConfiguration = {
      ...(Object.keys(apiServer).length > 0 ? { apiServer } : {}),
      ...(Object.keys(controllerManagerArgs).length > 0 ? { controllerManager: { extraArgs: argList(controllerManagerArgs) } } : {}),
    };
    const kubeadmConfigSpec: KubeadmConfigSpec = {
      ...(Object.keys(clusterConfiguration).length > 0 ? { clusterConfiguration } : {}),
      // The first machine runs `kubeadm init`, the others `kubeadm join`: both need the same registration.
      ...(hasNodeRegistration ? { initConfiguration: { nodeRegistration }, joinConfiguration: { nodeRegistration } } : {}),
    };
    const spec: KubeadmControlPlaneSpec = {
      replicas,
      version: props.version,
      machineTemplate: { spec: { infrastructureRef: { ...refOf(props.machineTemplate) } } },
      // Left out when empty: the schema wants at least one field in it.
      ...(Object.keys(kubeadmConfigSpec).length > 0 ? { kubeadmConfigSpec } : {}),
    };

    this.name = props.name;
    this.ref = { apiGroup: ApiGroup.controlPlane, kind: 'KubeadmControlPlane', name: props.name };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: `${ApiGroup.controlPlane}/v1beta2`,
      kind: 'KubeadmControlPlane',
      metadata: objectMetadata(props),
      spec,
    });
  }
}

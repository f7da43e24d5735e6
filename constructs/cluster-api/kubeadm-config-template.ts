import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { checkIdentity, checkLabelMap, checkTaints } from './checks';
import { argList, nodeLabelsArg, type KubeadmConfigSpec, type NodeRegistrationSpec } from './kubeadm-spec';
import { isKubeletSettableLabel } from './node-labels';
import { objectMetadata, type ClusterApiObjectProps, type NodeTaint } from './props';
import { ApiGroup, type ObjectRef } from './refs';

/** Kubelet flags this construct sets from typed props. */
const OWNED_KUBELET_FLAGS: Readonly<Record<string, string>> = {
  'node-labels': 'nodeLabels',
  'register-with-taints': 'nodeTaints',
};

export interface KubeadmConfigTemplateProps extends ClusterApiObjectProps {
  /**
   * Extra kubelet flags (without leading dashes), e.g. `{ 'cloud-provider': 'external' }`.
   * @default {}
   * @see https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
   */
  readonly kubeletArgs?: Readonly<Record<string, string>>;
  /**
   * Labels the nodes register with (kubelet `--node-labels`). Keys in the
   * `kubernetes.io` / `k8s.io` namespaces are refused by NodeRestriction
   * except the kubelet's own (`node.kubernetes.io/…`, `kubelet.kubernetes.io/…`);
   * put `node-role.kubernetes.io/…` on the MachineDeployment's `machineLabels`.
   * @default {}
   * @see https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
   */
  readonly nodeLabels?: Readonly<Record<string, string>>;
  /**
   * Taints the nodes register with (kubeadm `nodeRegistration.taints`).
   * Applied once, when the node registers.
   * @default []
   * @see https://kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4/#kubeadm-k8s-io-v1beta4-NodeRegistrationOptions
   */
  readonly nodeTaints?: readonly NodeTaint[];
  /**
   * Node name the machines register with (may be a cloud-init template,
   * e.g. `{{ ds.meta_data.local_hostname }}` on AWS).
   * @default - the machine's hostname
   * @see https://kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4/#kubeadm-k8s-io-v1beta4-NodeRegistrationOptions
   */
  readonly nodeName?: string;
}

/** What a KubeadmConfigTemplate renders from: its props without the object's identity. */
export type KubeadmConfigTemplateContent = Omit<KubeadmConfigTemplateProps, keyof ClusterApiObjectProps>;

export interface KubeadmConfigTemplateSpec {
  readonly template: { readonly spec: KubeadmConfigSpec };
}

/**
 * A `KubeadmConfigTemplate` (bootstrap.cluster.x-k8s.io/v1beta2): how the
 * worker machines of a MachineDeployment run `kubeadm join`.
 * @see https://cluster-api.sigs.k8s.io/tasks/bootstrap/kubeadm-bootstrap/
 */
export class KubeadmConfigTemplate extends Construct {
  readonly name: string;
  readonly ref: ObjectRef;
  readonly apiObject: ApiObject;

  /**
   * The `spec` a KubeadmConfigTemplate renders for `content`, without checking
   * it: lets a caller name the template after its content before creating it.
   */
  static renderSpec(content: KubeadmConfigTemplateContent): KubeadmConfigTemplateSpec {
    const kubeletArgs = content.kubeletArgs ?? {};
    const nodeLabels = content.nodeLabels ?? {};
    const nodeTaints = content.nodeTaints ?? [];
    const allKubeletArgs = Object.keys(nodeLabels).length > 0 ? { ...kubeletArgs, 'node-labels': nodeLabelsArg(nodeLabels) } : kubeletArgs;
    const nodeRegistration: NodeRegistrationSpec = {
      ...(content.nodeName !== undefined ? { name: content.nodeName } : {}),
      ...(Object.keys(allKubeletArgs).length > 0 ? { kubeletExtraArgs: argList(allKubeletArgs) } : {}),
      ...(nodeTaints.length > 0 ? { taints: nodeTaints.map((t) => ({ key: t.key, ...(t.value ? { value: t.value } : {}), effect: t.effect })) } : {}),
    };
    return {
      // The schema wants at least one field: without a registration to set, state the default format.
      template: { spec: Object.keys(nodeRegistration).length > 0 ? { joinConfiguration: { nodeRegistration } } : { format: 'cloud-config' } },
    };
  }

  constructor(scope: Construct, id: string, props: KubeadmConfigTemplateProps) {
    super(scope, id);
    const kubeletArgs = props.kubeletArgs ?? {};
    const nodeLabels = props.nodeLabels ?? {};
    const nodeTaints = props.nodeTaints ?? [];

    const check = new PropsCheck('KubeadmConfigTemplate', props.name);
    checkIdentity(check, props, 253);
    for (const [flag, prop] of Object.entries(OWNED_KUBELET_FLAGS)) {
      check.expect(!(flag in kubeletArgs), `kubeletArgs["${flag}"]`, kubeletArgs[flag], 'is set from a typed prop', `use ${prop} instead`);
    }
    checkLabelMap(check, 'nodeLabels', nodeLabels);
    for (const key of Object.keys(nodeLabels)) {
      check.expect(
        isKubeletSettableLabel(key),
        `nodeLabels["${key}"]`,
        key,
        'is in a namespace the kubelet may not set (NodeRestriction), so the node would not register',
        'use your own prefix, or for node-role.kubernetes.io/… labels set them on the MachineDeployment (machineLabels), which Cluster API copies to the Node',
      );
    }
    checkTaints(check, 'nodeTaints', nodeTaints);
    check.done();

    const spec = KubeadmConfigTemplate.renderSpec(props);

    this.name = props.name;
    this.ref = { apiGroup: ApiGroup.bootstrap, kind: 'KubeadmConfigTemplate', name: props.name };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: `${ApiGroup.bootstrap}/v1beta2`,
      kind: 'KubeadmConfigTemplate',
      metadata: objectMetadata(props),
      spec,
    });
  }
}

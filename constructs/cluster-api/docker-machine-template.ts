import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { checkIdentity, KUBEADM_VERSION } from './checks';
import { objectMetadata, type ClusterApiObjectProps } from './props';
import { ApiGroup, type ObjectRef } from './refs';

export interface DockerMachineTemplateProps extends ClusterApiObjectProps {
  /**
   * Kubernetes release of the machines, with the patch (`v1.31.4`): picks the
   * kind node image.
   * @see https://github.com/kubernetes-sigs/kind/releases
   */
  readonly kubernetesVersion: string;
  /**
   * Node image of the machines.
   * @default - `kindest/node:<kubernetesVersion>`
   * @see https://hub.docker.com/r/kindest/node/tags
   */
  readonly customImage?: string;
}

/** What a DockerMachineTemplate renders from: its props without the object's identity. */
export type DockerMachineTemplateContent = Omit<DockerMachineTemplateProps, keyof ClusterApiObjectProps>;

export interface DockerMachineTemplateSpec {
  readonly template: { readonly spec: { readonly customImage: string } };
}

/**
 * A `DockerMachineTemplate` (infrastructure.cluster.x-k8s.io/v1beta2): the
 * node containers of a KubeadmControlPlane or MachineDeployment on CAPD.
 * @see https://cluster-api.sigs.k8s.io/user/quick-start
 */
export class DockerMachineTemplate extends Construct {
  readonly name: string;
  readonly ref: ObjectRef;
  readonly apiObject: ApiObject;

  /**
   * The `spec` a DockerMachineTemplate renders for `content`, without checking
   * it: lets a caller name the template after its content before creating it.
   */
  static renderSpec(content: DockerMachineTemplateContent): DockerMachineTemplateSpec {
    return { template: { spec: { customImage: content.customImage ?? `kindest/node:${content.kubernetesVersion}` } } };
  }

  constructor(scope: Construct, id: string, props: DockerMachineTemplateProps) {
    super(scope, id);
    const check = new PropsCheck('DockerMachineTemplate', props.name);
    checkIdentity(check, props, 253);
    check.expect(
      KUBEADM_VERSION.test(props.kubernetesVersion),
      'kubernetesVersion',
      props.kubernetesVersion,
      'is not a full Kubernetes release, which kind node images are tagged with',
      'write it like "v1.31.4"',
    );
    check.done();

    const spec = DockerMachineTemplate.renderSpec(props);

    this.name = props.name;
    this.ref = { apiGroup: ApiGroup.infrastructure, kind: 'DockerMachineTemplate', name: props.name };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: `${ApiGroup.infrastructure}/v1beta2`,
      kind: 'DockerMachineTemplate',
      metadata: objectMetadata(props),
      spec,
    });
  }
}

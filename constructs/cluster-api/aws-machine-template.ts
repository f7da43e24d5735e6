import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { instanceType } from '../../model/rules/syntax';
import { PropsCheck } from '../errors';
import { checkIdentity, expectSyntax } from './checks';
import { objectMetadata, type ClusterApiObjectProps } from './props';
import { ApiGroup, type ObjectRef } from './refs';

/**
 * IAM instance profiles `clusterawsadm bootstrap iam` creates for CAPA machines.
 * @see https://cluster-api-aws.sigs.k8s.io/topics/using-clusterawsadm-to-fulfill-prerequisites
 */
export const CapaInstanceProfile = {
  controlPlane: 'control-plane.cluster-api-provider-aws.sigs.k8s.io',
  nodes: 'nodes.cluster-api-provider-aws.sigs.k8s.io',
} as const;

export interface AWSMachineTemplateProps extends ClusterApiObjectProps {
  /**
   * EC2 instance type, e.g. `m6i.xlarge`.
   * @see https://aws.amazon.com/ec2/instance-types/
   */
  readonly instanceType: string;
  /**
   * IAM instance profile of the machines: {@link CapaInstanceProfile.controlPlane}
   * for control plane machines (the cloud controller manager runs there).
   * @default CapaInstanceProfile.nodes
   * @see https://cluster-api-aws.sigs.k8s.io/topics/using-clusterawsadm-to-fulfill-prerequisites
   */
  readonly iamInstanceProfile?: string;
  /**
   * Size of the root volume in GiB (encrypted gp3).
   * @default 80
   * @see https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html
   */
  readonly rootVolumeSizeGiB?: number;
  /**
   * EC2 key pair installed on the machines.
   * @default - no SSH key (rendered as `""`: leaving the field out would make CAPA use a key pair named "default")
   * @see https://cluster-api-aws.sigs.k8s.io/crd/
   */
  readonly sshKeyName?: string;
  /**
   * AMI of the machines.
   * @default - CAPA looks up its published image for the machine's Kubernetes version
   * @see https://cluster-api-aws.sigs.k8s.io/topics/images/amis
   */
  readonly amiId?: string;
}

/** What an AWSMachineTemplate renders from: its props without the object's identity. */
export type AWSMachineTemplateContent = Omit<AWSMachineTemplateProps, keyof ClusterApiObjectProps>;

export interface AWSMachineTemplateSpec {
  readonly template: {
    readonly spec: {
      readonly instanceType: string;
      readonly iamInstanceProfile: string;
      readonly sshKeyName: string;
      readonly ami?: { readonly id: string };
      readonly rootVolume: { readonly size: number; readonly type: 'gp3'; readonly encrypted: true };
      readonly instanceMetadataOptions: {
        readonly httpEndpoint: 'enabled';
        readonly httpTokens: 'required';
        readonly httpPutResponseHopLimit: number;
      };
    };
  };
}

/** CAPA refuses root volumes smaller than its images (8 GiB). */
const MIN_ROOT_VOLUME_GIB = 8;

const DEFAULT_ROOT_VOLUME_GIB = 80;

/**
 * An `AWSMachineTemplate` (infrastructure.cluster.x-k8s.io/v1beta2): the EC2
 * instances of a KubeadmControlPlane or MachineDeployment.
 * @see https://cluster-api-aws.sigs.k8s.io/
 */
export class AWSMachineTemplate extends Construct {
  readonly name: string;
  readonly ref: ObjectRef;
  readonly apiObject: ApiObject;

  /**
   * The `spec` an AWSMachineTemplate renders for `content`, without checking
   * it: lets a caller name the template after its content before creating it.
   */
  static renderSpec(content: AWSMachineTemplateContent): AWSMachineTemplateSpec {
    return {
      template: {
        spec: {
          instanceType: content.instanceType,
          iamInstanceProfile: content.iamInstanceProfile ?? CapaInstanceProfile.nodes,
          sshKeyName: content.sshKeyName ?? '',
          ...(content.amiId !== undefined ? { ami: { id: content.amiId } } : {}),
          rootVolume: { size: content.rootVolumeSizeGiB ?? DEFAULT_ROOT_VOLUME_GIB, type: 'gp3', encrypted: true },
          // IMDSv2 only. Hop limit 2 so that pods without host networking (e.g. the EBS CSI controller) still reach it.
          instanceMetadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 2 },
        },
      },
    };
  }

  constructor(scope: Construct, id: string, props: AWSMachineTemplateProps) {
    super(scope, id);
    const rootVolumeSizeGiB = props.rootVolumeSizeGiB ?? DEFAULT_ROOT_VOLUME_GIB;

    const check = new PropsCheck('AWSMachineTemplate', props.name);
    checkIdentity(check, props, 253);
    expectSyntax(check, 'instanceType', props.instanceType, instanceType);
    check.expect(
      Number.isInteger(rootVolumeSizeGiB) && rootVolumeSizeGiB >= MIN_ROOT_VOLUME_GIB,
      'rootVolumeSizeGiB',
      rootVolumeSizeGiB,
      `is not a whole number of at least ${MIN_ROOT_VOLUME_GIB}`,
      'use 80 or more for nodes that pull images',
    );
    if (props.amiId !== undefined) {
      check.expect(/^ami-[0-9a-f]{8,17}$/.test(props.amiId), 'amiId', props.amiId, 'is not an AMI ID', 'write it like "ami-0123456789abcdef0"');
    }
    check.done();

    const spec = AWSMachineTemplate.renderSpec(props);

    this.name = props.name;
    this.ref = { apiGroup: ApiGroup.infrastructure, kind: 'AWSMachineTemplate', name: props.name };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: `${ApiGroup.infrastructure}/v1beta2`,
      kind: 'AWSMachineTemplate',
      metadata: objectMetadata(props),
      spec,
    });
  }
}

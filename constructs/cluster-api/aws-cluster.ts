import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { awsRegion } from '../../model/rules/syntax';
import { PropsCheck } from '../errors';
import { checkIdentity, checkVpcCidr, expectSyntax } from './checks';
import { objectMetadata, type ClusterApiObjectProps } from './props';
import { ApiGroup, type ObjectRef } from './refs';

/** Scheme of an AWS load balancer. */
export type AwsLoadBalancerScheme = 'internet-facing' | 'internal';

export interface AWSClusterProps extends ClusterApiObjectProps {
  /**
   * AWS region of the cluster, e.g. `eu-west-1`.
   * @see https://cluster-api-aws.sigs.k8s.io/crd/
   */
  readonly region: string;
  /**
   * CIDR of the VPC CAPA creates for the cluster (AWS allows /16 to /28).
   * @see https://cluster-api-aws.sigs.k8s.io/topics/bring-your-own-aws-infrastructure
   */
  readonly vpcCidr: string;
  /**
   * EC2 key pair installed on the bastion host.
   * @default - no SSH key (rendered as `""`: leaving the field out would make CAPA use a key pair named "default")
   * @see https://cluster-api-aws.sigs.k8s.io/topics/bastion
   */
  readonly sshKeyName?: string;
  /**
   * Whether the API server's load balancer (an NLB) is reachable from the
   * internet or only inside the VPC. The hub's Argo CD and Cluster API
   * controllers must reach it: `internal` needs network connectivity from
   * the hub (peering, transit gateway).
   * @default 'internet-facing'
   * @see https://cluster-api-aws.sigs.k8s.io/topics/load-balancers
   */
  readonly apiServerScheme?: AwsLoadBalancerScheme;
}

interface AWSClusterSpec {
  readonly region: string;
  readonly sshKeyName: string;
  readonly network: { readonly vpc: { readonly cidrBlock: string } };
  readonly controlPlaneLoadBalancer: {
    readonly loadBalancerType: 'nlb';
    readonly scheme: AwsLoadBalancerScheme;
    readonly healthCheckProtocol: 'HTTPS';
  };
}

/**
 * An `AWSCluster` (infrastructure.cluster.x-k8s.io/v1beta2): the VPC,
 * subnets, security groups and API server load balancer of a kubeadm cluster
 * on EC2.
 * @see https://cluster-api-aws.sigs.k8s.io/
 */
export class AWSCluster extends Construct {
  readonly name: string;
  readonly ref: ObjectRef;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: AWSClusterProps) {
    super(scope, id);
    const sshKeyName = props.sshKeyName ?? '';
    const scheme = props.apiServerScheme ?? 'internet-facing';

    const check = new PropsCheck('AWSCluster', props.name);
    checkIdentity(check, props, 253);
    expectSyntax(check, 'region', props.region, awsRegion);
    checkVpcCidr(check, props.vpcCidr);
    check.done();

    const spec: AWSClusterSpec = {
      region: props.region,
      sshKeyName,
      network: { vpc: { cidrBlock: props.vpcCidr } },
      // An NLB (the classic ELB default is legacy) that checks the API server's /readyz over HTTPS.
      controlPlaneLoadBalancer: { loadBalancerType: 'nlb', scheme, healthCheckProtocol: 'HTTPS' },
    };

    this.name = props.name;
    this.ref = { apiGroup: ApiGroup.infrastructure, kind: 'AWSCluster', name: props.name };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: `${ApiGroup.infrastructure}/v1beta2`,
      kind: 'AWSCluster',
      metadata: objectMetadata(props),
      spec,
    });
  }
}

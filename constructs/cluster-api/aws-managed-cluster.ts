import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { checkIdentity } from './checks';
import { objectMetadata, type ClusterApiObjectProps } from './props';
import { ApiGroup, type ObjectRef } from './refs';

export type AWSManagedClusterProps = ClusterApiObjectProps;

/**
 * An `AWSManagedCluster` (infrastructure.cluster.x-k8s.io/v1beta2): the
 * infrastructure cluster of an EKS cluster. It only satisfies the Cluster API
 * contract: the network lives on the `AWSManagedControlPlane`, and CAPA fills
 * in the control plane endpoint.
 * @see https://cluster-api-aws.sigs.k8s.io/topics/eks/creating-a-cluster
 */
export class AWSManagedCluster extends Construct {
  readonly name: string;
  readonly ref: ObjectRef;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: AWSManagedClusterProps) {
    super(scope, id);
    const check = new PropsCheck('AWSManagedCluster', props.name);
    checkIdentity(check, props, 253);
    check.done();

    this.name = props.name;
    this.ref = { apiGroup: ApiGroup.infrastructure, kind: 'AWSManagedCluster', name: props.name };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: `${ApiGroup.infrastructure}/v1beta2`,
      kind: 'AWSManagedCluster',
      metadata: objectMetadata(props),
      spec: {},
    });
  }
}

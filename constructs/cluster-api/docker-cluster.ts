import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { checkIdentity } from './checks';
import { objectMetadata, type ClusterApiObjectProps } from './props';
import { ApiGroup, type ObjectRef } from './refs';

export type DockerClusterProps = ClusterApiObjectProps;

/**
 * A `DockerCluster` (infrastructure.cluster.x-k8s.io/v1beta2): the
 * infrastructure cluster of Cluster API's Docker provider (CAPD), which runs
 * the API server load balancer as an haproxy container. For local and CI
 * clusters only.
 * @see https://cluster-api.sigs.k8s.io/user/quick-start
 */
export class DockerCluster extends Construct {
  readonly name: string;
  readonly ref: ObjectRef;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: DockerClusterProps) {
    super(scope, id);
    const check = new PropsCheck('DockerCluster', props.name);
    checkIdentity(check, props, 253);
    check.done();

    this.name = props.name;
    this.ref = { apiGroup: ApiGroup.infrastructure, kind: 'DockerCluster', name: props.name };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: `${ApiGroup.infrastructure}/v1beta2`,
      kind: 'DockerCluster',
      metadata: objectMetadata(props),
      spec: {},
    });
  }
}

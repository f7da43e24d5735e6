import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { checkCidr, checkIdentity, checkRef } from './checks';
import { objectMetadata, refOf, type ClusterApiObjectProps, type RefSource } from './props';
import { ApiGroup, type ObjectRef } from './refs';

export interface ClusterProps extends ClusterApiObjectProps {
  /**
   * The infrastructure cluster: `AWSCluster`, `AWSManagedCluster` or `DockerCluster`.
   * @see https://cluster-api.sigs.k8s.io/developer/providers/contracts/infra-cluster
   */
  readonly infrastructure: RefSource;
  /**
   * The control plane: `KubeadmControlPlane` or `AWSManagedControlPlane`.
   * @see https://cluster-api.sigs.k8s.io/developer/providers/contracts/control-plane
   */
  readonly controlPlane: RefSource;
  /**
   * IPv4 ranges pods get their addresses from (`clusterNetwork.pods`), handed
   * to kubeadm and the CNI.
   * @default - none: the provider decides (EKS with the VPC CNI takes pod IPs from the VPC)
   * @see https://cluster-api.sigs.k8s.io/reference/api/crd-reference#clusternetwork
   */
  readonly podCidrs?: readonly string[];
  /**
   * IPv4 ranges of Service cluster IPs (`clusterNetwork.services`). CAPA also
   * creates EKS clusters with the first one as their service range.
   * @default - none: kubeadm uses 10.96.0.0/12, EKS picks 10.100.0.0/16 or 172.20.0.0/16
   * @see https://cluster-api.sigs.k8s.io/reference/api/crd-reference#clusternetwork
   */
  readonly serviceCidrs?: readonly string[];
}

interface ClusterSpec {
  readonly clusterNetwork?: {
    readonly pods?: { readonly cidrBlocks: readonly string[] };
    readonly services?: { readonly cidrBlocks: readonly string[] };
  };
  readonly controlPlaneRef: ObjectRef;
  readonly infrastructureRef: ObjectRef;
}

/**
 * A Cluster API `Cluster` (cluster.x-k8s.io/v1beta2): ties a control plane
 * and an infrastructure cluster together.
 * @see https://cluster-api.sigs.k8s.io/user/concepts#cluster
 */
export class Cluster extends Construct {
  readonly name: string;
  readonly ref: ObjectRef;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id);
    const podCidrs = props.podCidrs ?? [];
    const serviceCidrs = props.serviceCidrs ?? [];

    const check = new PropsCheck('Cluster', props.name);
    checkIdentity(check, props, 63);
    checkRef(check, 'infrastructure', props.infrastructure, ApiGroup.infrastructure);
    checkRef(check, 'controlPlane', props.controlPlane, ApiGroup.controlPlane);
    podCidrs.forEach((cidr, i) => checkCidr(check, `podCidrs[${i}]`, cidr));
    serviceCidrs.forEach((cidr, i) => checkCidr(check, `serviceCidrs[${i}]`, cidr));
    check.done();

    const clusterNetwork = {
      ...(podCidrs.length > 0 ? { pods: { cidrBlocks: [...podCidrs] } } : {}),
      ...(serviceCidrs.length > 0 ? { services: { cidrBlocks: [...serviceCidrs] } } : {}),
    };
    const spec: ClusterSpec = {
      ...(Object.keys(clusterNetwork).length > 0 ? { clusterNetwork } : {}),
      controlPlaneRef: { ...refOf(props.controlPlane) },
      infrastructureRef: { ...refOf(props.infrastructure) },
    };

    this.name = props.name;
    this.ref = { apiGroup: ApiGroup.cluster, kind: 'Cluster', name: props.name };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: `${ApiGroup.cluster}/v1beta2`,
      kind: 'Cluster',
      metadata: objectMetadata(props),
      spec,
    });
  }
}

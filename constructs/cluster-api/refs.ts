/**
 * References between Cluster API objects. v1beta2 refers to objects by API
 * group, kind and name (the version is resolved through the provider's
 * contract labels), so every Cluster API construct exposes one of these.
 * @see https://cluster-api.sigs.k8s.io/developer/providers/contracts/overview
 */
export interface ObjectRef {
  readonly apiGroup: string;
  readonly kind: string;
  readonly name: string;
}

export const ApiGroup = {
  cluster: 'cluster.x-k8s.io',
  controlPlane: 'controlplane.cluster.x-k8s.io',
  bootstrap: 'bootstrap.cluster.x-k8s.io',
  infrastructure: 'infrastructure.cluster.x-k8s.io',
} as const;

/**
 * Options of the component's children: `{ parent }` always, and `protect`
 * set explicitly on every child (true only on data-bearing resources of a
 * protected cluster) so that a protected parent never protects throwaway
 * resources by inheritance.
 */
import * as pulumi from '@pulumi/pulumi';

/**
 * `kept`: data-bearing, protected when the cluster is (the EKS cluster, its
 * node groups, the VPC). `throwaway`: re-creatable without losing anything
 * (routes, gateways, IAM roles and attachments, access entries, …).
 */
export type ChildKind = 'kept' | 'throwaway';

export type ChildOptions = (kind: ChildKind, extra?: pulumi.CustomResourceOptions) => pulumi.CustomResourceOptions;

export function childOptions(parent: pulumi.Resource, protect: boolean): ChildOptions {
  return (kind, extra = {}) => pulumi.mergeOptions({ parent, protect: kind === 'kept' && protect }, extra);
}

/**
 * The stack's outputs. Every stack: `environment` (the environment, or the
 * hub's name), `delivery`, and `clusters`, one entry per cluster of the
 * stack (the hub for the management stack) with what the stack knows of it:
 * its `name`, its `endpoint` and a `kubeconfig` (always a secret). The
 * management stack also exports the hub's `name`, `endpoint` and
 * `kubeconfig` at the top level: environment stacks read `kubeconfig`
 * through a StackReference.
 *
 * Nested outputs keep their own secretness, so `pulumi stack output
 * clusters` shows names and endpoints and hides only the kubeconfigs.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { DeliveryOwner } from '../../model';

/** Names of the management stack's outputs that environment stacks read. */
export const OutputKey = {
  /** The hub's kubeconfig (secret). */
  kubeconfig: 'kubeconfig',
} as const;

/** What a stack knows of one of its clusters. */
export interface ClusterOutput {
  readonly name: string;
  /** API server URL; absent when the stack does not know it (a Cluster API cluster the hub's GitOps creates). */
  readonly endpoint?: pulumi.Input<string>;
  /** A kubeconfig for the cluster (a secret); absent when the stack does not know it. */
  readonly kubeconfig?: pulumi.Output<string>;
}

export interface StackOutputs {
  /** The environment the stack delivers, or the hub's name. */
  readonly environment: string;
  /** Who applies its objects: `pulumi` (this stack) or `gitops`. */
  readonly delivery: DeliveryOwner;
  /** Sorted by name. */
  readonly clusters: readonly ClusterOutput[];
  /** Management stack: the hub's name. */
  readonly name?: string;
  /** Management stack: the hub's API server URL. */
  readonly endpoint?: pulumi.Input<string>;
  /** Management stack: the hub's kubeconfig (secret). */
  readonly kubeconfig?: pulumi.Output<string>;
}

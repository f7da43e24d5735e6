/**
 * The Cluster API objects of one cluster, on the hub: what the provider in the
 * fleet model asks for, rendered with the typed constructs of
 * `constructs/cluster-api`.
 */
import { Construct } from 'constructs';
import { ManagedByLabels } from '../../model/contract';
import type { Cluster, HubCluster } from '../../model/types';
import { addCapiAws } from './capi-aws';
import { addCapiAwsEks } from './capi-aws-eks';
import { addCapiDocker } from './capi-docker';
import { contentName } from './content-name';
import { ResourceSyncOption, syncOptions } from '../../constructs/argocd/resource-sync-options';
import type { KubeObject } from '../rendered';

export interface ClusterApiOptions {
  /** Namespace of the Cluster API objects on the hub (Fleet.clusterApi.namespace). */
  readonly namespace: string;
  /**
   * Protected clusters: every object gets `argocd.argoproj.io/sync-options:
   * Prune=false,Delete=false` so that Argo CD never deletes a production cluster.
   * Otherwise the machine and bootstrap templates get `PruneLast=true`.
   */
  readonly protect: boolean;
  /** Labels to put on the `Cluster` object (the cluster's fleet labels). */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * The hub's Argo CD access to an EKS cluster that names the role it assumes (see `stacks/spoke/argocd-access.ts`):
   * with `least-privilege`, the objects that give its group its rights.
   * @default - none (the hub, clusters without a role)
   */
  readonly argocdAccess?:
    | { readonly mode: 'cluster-admin' }
    | {
        readonly mode: 'least-privilege';
        readonly group: string;
        /** The deployer role and its binding (Cluster API applies them again when they change). */
        readonly objects: readonly KubeObject[];
        /** Argo CD's ServiceAccount and token Secret on kubeadm spokes (applied once). */
        readonly identity?: readonly KubeObject[];
      };
}

/**
 * Argo CD's per-object sync options: neither pruned when the object leaves
 * Git, nor deleted with its Application.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/
 */
export const PROTECTED_ANNOTATIONS: Readonly<Record<string, string>> = {
  ...syncOptions(ResourceSyncOption.noPrune, ResourceSyncOption.noDelete),
};

/**
 * Sync options of the content-named templates of unprotected clusters: a
 * template superseded by a new one leaves Git, and Argo CD deletes it only at
 * the end of the sync, after the new one exists and the references moved to it.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/#prune-last
 */
export const PRUNE_LAST_ANNOTATIONS: Readonly<Record<string, string>> = {
  ...syncOptions(ResourceSyncOption.pruneLast),
};

/** What every object of one cluster shares. */
export interface ClusterApiContext {
  /** Name, namespace, labels and annotations of an object named `name`. */
  identity(name: string): { name: string; namespace: string; labels: Record<string, string>; annotations: Record<string, string> };
  /**
   * The same for a machine or bootstrap template, named after its content: a
   * change makes a new template, and moving the reference to it rolls the machines.
   */
  templateIdentity(owner: string, spec: unknown): { name: string; namespace: string; labels: Record<string, string>; annotations: Record<string, string> };
  readonly namespace: string;
  /** Labels of every object but the `Cluster`. */
  readonly labels: Readonly<Record<string, string>>;
  /** Labels of the `Cluster`: the fleet labels. */
  readonly clusterLabels: Readonly<Record<string, string>>;
  /** Annotations of every object but the machine and bootstrap templates. */
  readonly annotations: Readonly<Record<string, string>>;
  /** Annotations of the machine and bootstrap templates (named after their content). */
  readonly templateAnnotations: Readonly<Record<string, string>>;
  readonly argocdAccess?: ClusterApiOptions['argocdAccess'];
}

/**
 * Adds the Cluster API objects for `cluster` to `scope` (under a child
 * construct named after the cluster); returns false (adding nothing) for
 * providers without Cluster API objects ('pulumi-eks', 'existing').
 */
export function addClusterApiObjects(scope: Construct, cluster: Cluster | HubCluster, options: ClusterApiOptions): boolean {
  const namespace = options.namespace;
  const labels = { ...ManagedByLabels };
  const annotations = options.protect ? { ...PROTECTED_ANNOTATIONS } : {};
  const templateAnnotations = options.protect ? { ...PROTECTED_ANNOTATIONS } : { ...PRUNE_LAST_ANNOTATIONS };
  const context: ClusterApiContext = {
    namespace,
    labels,
    clusterLabels: { ...options.labels, ...ManagedByLabels },
    annotations,
    templateAnnotations,
    argocdAccess: options.argocdAccess,
    identity: (name) => ({ name, namespace, labels, annotations }),
    templateIdentity: (owner, spec) => ({ name: contentName(owner, spec), namespace, labels, annotations: templateAnnotations }),
  };
  const provider = cluster.provider;
  switch (provider.kind) {
    case 'capi-aws':
      addCapiAws(new Construct(scope, cluster.name), cluster, provider, context);
      return true;
    case 'capi-aws-eks':
      addCapiAwsEks(new Construct(scope, cluster.name), cluster, provider, context);
      return true;
    case 'capi-docker':
      addCapiDocker(new Construct(scope, cluster.name), cluster, provider, context);
      return true;
    case 'pulumi-eks':
    case 'existing':
      return false;
  }
}

/**
 * The ClusterResourceSets that give the hub's Argo CD its least-privilege
 * access to a Cluster API spoke (see `stacks/spoke/argocd-access.ts`), and the
 * label of the `Cluster` they select. Cluster API applies them with its own
 * admin access as soon as the spoke's API server answers, before Argo CD can
 * sync: the deployer role and its binding again whenever they change
 * (`<cluster>-argocd-access`), Argo CD's ServiceAccount and token Secret once
 * (`<cluster>-argocd-identity`, kubeadm spokes: applying an unchanged token
 * Secret again could make the token controller issue a new token).
 */
import type { Construct } from 'constructs';
import { ClusterResourceSet } from '../../constructs/cluster-api';
import type { ClusterApiContext } from './cluster-api-objects';

/** Label of the `Cluster` objects that a ClusterResourceSet selects: the cluster's name. */
export const CLUSTER_NAME_LABEL = 'fleetwright.io/cluster';

type LeastPrivilege = Extract<NonNullable<ClusterApiContext['argocdAccess']>, { mode: 'least-privilege' }>;

/** The `Cluster`'s labels: the fleet's, plus its name when a ClusterResourceSet selects it. */
export function clusterLabelsFor(cluster: string, context: ClusterApiContext, access: LeastPrivilege | undefined): Record<string, string> {
  return access ? { ...context.clusterLabels, [CLUSTER_NAME_LABEL]: cluster } : { ...context.clusterLabels };
}

/** Adds the ClusterResourceSets of `access` for `cluster`. */
export function addArgocdAccessSets(scope: Construct, cluster: string, context: ClusterApiContext, access: LeastPrivilege): void {
  const clusterLabels = { [CLUSTER_NAME_LABEL]: cluster };
  new ClusterResourceSet(scope, 'ArgocdAccess', { ...context.identity(`${cluster}-argocd-access`), clusterLabels, objects: access.objects });
  if (access.identity) {
    new ClusterResourceSet(scope, 'ArgocdIdentity', { ...context.identity(`${cluster}-argocd-identity`), clusterLabels, objects: access.identity, strategy: 'ApplyOnce' });
  }
}

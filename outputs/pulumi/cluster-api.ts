/**
 * A Cluster API cluster of a Pulumi-delivered environment, applied to the
 * hub: the objects of its folder `hub/cluster-api/<cluster>`, which synth
 * renders but leaves out of the hub's `hub/cluster-api` kustomization, so the
 * hub's GitOps never applies them. The Cluster API namespace is the hub's
 * (its tree creates it).
 */
import type * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { Layout, type Cluster } from '../../model';
import { folderObjects } from '../../stacks/delivery';
import type { Unit } from '../../stacks/rendered';
import { planObjects } from './apply-plan';
import { applyObjects } from './kube-objects';
import { holdsProductionData } from './protection';

export const CLUSTER_API_TYPE = 'fleetwright:fleet:ClusterApi';

export class ClusterApiObjects extends pulumi.ComponentResource {
  /** One per object of the folder, in its order: the cluster's kubeconfig is read after them. */
  readonly resources: readonly pulumi.CustomResource[];

  /**
   * @param name the cluster's name
   * @param args `hub`: the hub's provider
   */
  constructor(name: string, args: { readonly cluster: Cluster; readonly units: readonly Unit[]; readonly hub: k8s.Provider }, opts?: pulumi.ComponentResourceOptions) {
    super(CLUSTER_API_TYPE, name, {}, opts);
    const objects = folderObjects(args.units, Layout.hubClusterApiCluster(args.cluster.name));
    this.resources = applyObjects(planObjects(`${args.cluster.name}/hub`, objects, holdsProductionData(args.cluster)), { parent: this, provider: args.hub });
    this.registerOutputs({});
  }
}

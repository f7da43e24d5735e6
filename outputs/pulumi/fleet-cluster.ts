/**
 * One cluster of the fleet in a stack: a `fleetwright:fleet:Cluster`
 * component that groups everything the stack does for it (the EKS cluster,
 * its Cluster API objects on the hub, its registration, its provider and what
 * is applied through it), so `pulumi preview` shows one tree per cluster.
 * Its outputs are the cluster's stack outputs.
 */
import * as pulumi from '@pulumi/pulumi';
import type { ClusterOutput } from './outputs';

export const FLEET_CLUSTER_TYPE = 'fleetwright:fleet:Cluster';

export class FleetCluster extends pulumi.ComponentResource {
  /**
   * @param name the fleet's name of the cluster
   * @param opts e.g. `providers: [awsProvider]`, inherited by the cluster's AWS resources
   */
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super(FLEET_CLUSTER_TYPE, name, {}, opts);
  }

  /** Registers the outputs once everything of the cluster is created; returns them. */
  complete(outputs: ClusterOutput): ClusterOutput {
    this.registerOutputs({ ...outputs });
    return outputs;
  }
}

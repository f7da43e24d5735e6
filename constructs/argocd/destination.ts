/** Where an Application deploys to. */
import type { ApplicationDestinationSpec } from './types';
import { IN_CLUSTER_SERVER } from './types';

export class Destination {
  /** The hub itself (Argo CD's in-cluster destination). */
  static inCluster(namespace: string): Destination {
    return new Destination({ server: IN_CLUSTER_SERVER, namespace });
  }

  /** A registered cluster, by its Argo CD name (a literal name or a generator parameter). */
  static cluster(name: string, namespace: string): Destination {
    return new Destination({ name, namespace });
  }

  private constructor(readonly spec: ApplicationDestinationSpec) {}
}

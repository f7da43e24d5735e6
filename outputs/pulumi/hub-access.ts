/**
 * How environment stacks reach the hub: a StackReference to the management
 * stack, whose `kubeconfig` output (a secret) feeds a Kubernetes provider.
 * Created only by stacks that need the hub, and once per stack.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { Cluster, DeliveryOwner, Fleet, HubCluster } from '../../model';
import { isClusterApi } from './kubeconfigs';
import { OutputKey } from './outputs';

/** How the management stack builds the hub's kubeconfig: from the EKS cluster it creates, or from the definition. */
export function hubKubeconfigSource(hub: HubCluster): 'pulumi-eks' | 'aws-iam' | undefined {
  if (hub.provider.kind === 'pulumi-eks') return 'pulumi-eks';
  if (hub.provider.kind === 'existing' && hub.provider.auth.kind === 'aws-iam') return 'aws-iam';
  return undefined;
}

/** Whether the engine registers clusters with Argo CD (`argocd`, `both`) and reads kubeconfig Secrets (`flux`, `both`). */
export function engineNeeds(fleet: Pick<Fleet, 'engine'>): { readonly argocd: boolean; readonly flux: boolean } {
  return { argocd: fleet.engine !== 'flux', flux: fleet.engine !== 'argocd' };
}

/**
 * What an environment stack does on the hub, in words, or undefined when it
 * does nothing there: a Pulumi-delivered environment applies its Cluster API
 * clusters' objects to the hub; a GitOps-delivered one registers its
 * pulumi-eks clusters there (for Argo CD, Flux or both: every engine reads
 * a registration).
 */
export function hubAccessNeeds(clusters: readonly Cluster[], delivery: DeliveryOwner): string | undefined {
  if (delivery === 'pulumi') {
    return clusters.some(isClusterApi) ? 'applies its Cluster API clusters\' objects to the hub' : undefined;
  }
  return clusters.some((c) => c.provider.kind === 'pulumi-eks') ? 'registers its pulumi-eks clusters with the hub' : undefined;
}

/** The hub's Kubernetes provider, created on first use. */
export class HubAccess {
  private provider?: k8s.Provider;

  /**
   * @param hubStack the management stack, fully qualified
   * @param hub the fleet's hub (its name identifies the cluster to the provider)
   */
  constructor(private readonly hubStack: string, private readonly hub: HubCluster) {}

  /** The provider, with the management stack's `kubeconfig` output (kept secret). */
  get(): k8s.Provider {
    if (!this.provider) {
      const reference = new pulumi.StackReference('hub', { name: this.hubStack });
      const kubeconfig = pulumi.secret(reference.requireOutput(OutputKey.kubeconfig)) as pulumi.Output<string>;
      // The hub is the same cluster whatever its kubeconfig holds: never replace the provider (and everything in it) for a new token.
      this.provider = new k8s.Provider('hub', { kubeconfig, clusterIdentifier: this.hub.name });
    }
    return this.provider;
  }
}

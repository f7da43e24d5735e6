/**
 * How changes reach the clusters: rollout waves (and Kubernetes upgrades that
 * follow them), the delivery engine, application teams' apps (with the
 * ApplicationSet generator each shape uses) and services fleetwright renders
 * itself (with canary deliveries or Karmada propagation).
 */
import type { PodSecurityLevel } from '../addons/pod-security';

/** A group of clusters updated together, in order. */
export interface WaveDefinition {
  /** DNS-1123 label naming the wave, e.g. 'canary'. */
  readonly name: string;
  /** Values of the rollout dimension (environment names or rollout tiers) whose clusters form the wave. */
  readonly values: readonly string[];
  /**
   * At most this many of the wave's clusters are updated at once: a count, or a percentage such
   * as '25%' (Argo CD rounds down, with at least one cluster). 0 holds the wave until someone syncs it.
   * @default '100%'
   */
  readonly maxUpdate?: number | `${number}%`;
}

export interface RolloutDefinition {
  /**
   * The cluster label the waves select on.
   * @default 'environment'
   */
  readonly by?: 'environment' | 'rollout-tier';
  /**
   * The waves, in order; every cluster must be in exactly one. Required with `by: 'rollout-tier'`
   * (tiers have no natural order).
   * @default - one wave per environment, in the order of `environments`
   */
  readonly waves?: readonly WaveDefinition[];
  /**
   * A Kubernetes upgrade that follows the waves: clusters of the waves up to and including
   * `throughWave` run `kubernetesVersion`; later waves keep their own. Move `throughWave` on
   * one wave at a time. At most one minor version above a cluster's own (version-skew policy).
   * Clusters with provider `existing` are upgraded by whoever runs them and keep their own version.
   * @default - none
   */
  readonly upgrade?: { readonly kubernetesVersion: string; readonly throughWave: string };
  /**
   * Keep Applications when an ApplicationSet's generator transiently returns nothing
   * (`applicationsSync: create-update`): for ApplicationSets reaching production clusters,
   * for all, or none.
   * @default 'production'
   */
  readonly keepApplications?: 'production' | 'all' | 'none';
}

/** How Flux reconciles the fleet when `engine` is 'flux' or 'both'. */
export interface FluxDefinition {
  /**
   * Namespace of the hub's Flux controllers and of the fleet's GitRepository and HelmRepositories.
   * @default 'flux-system'
   */
  readonly namespace?: string;
  /**
   * How often each Kustomization and HelmRelease is reconciled (a Go duration).
   * @default '10m'
   */
  readonly interval?: string;
  /**
   * How long a reconciliation (apply and health checks) may take before it fails.
   * @default '5m'
   */
  readonly timeout?: string;
  /**
   * How soon a failed reconciliation is retried.
   * @default '2m'
   */
  readonly retryInterval?: string;
}

/** The Karmada control plane that propagates services with `delivery: 'karmada'`. */
export interface KarmadaDefinition {
  /**
   * URL of Karmada's API server as the hub's Argo CD reaches it; Argo CD registers it as the
   * cluster `karmada`, with credentials from the fleet's registration secret store (key
   * `<fleet>/karmada/argocd-cluster`).
   * @default 'https://karmada-apiserver.karmada-system.svc.cluster.local:5443'
   */
  readonly server?: string;
}

/** A label requirement, as Kubernetes label selectors take it. */
export interface LabelRequirementDefinition {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

/** Per-pull-request preview environments of an app (ApplicationSet pull request generator). */
export interface PreviewDefinition {
  /** The GitHub repository whose open pull requests get a preview. */
  readonly github: {
    readonly owner: string;
    readonly repo: string;
    /** Secret in Argo CD's namespace holding a GitHub token (a reference; the token is not in Git). */
    readonly tokenSecret: { readonly name: string; readonly key: string };
    /**
     * Only pull requests with all these labels get a preview.
     * @default [] (every open pull request)
     */
    readonly labels?: readonly string[];
  };
  /** The cluster previews run on (each in its own namespace `<app>-pr-<number>`). */
  readonly cluster: string;
  /**
   * Path of the manifests in the pull request's head; `{env}` is replaced by the cluster's environment.
   * @default - the app's path
   */
  readonly path?: string;
}

/** Workloads of application teams, delivered from their own repositories. */
export interface AppDefinition<E extends string = string> {
  /** DNS-1123 label, unique among apps. */
  readonly name: string;
  /** Repository of the app's manifests. */
  readonly repoUrl: string;
  /** @default 'main' */
  readonly revision?: string;
  /**
   * Path in the app's repository; `{env}` is replaced by the cluster's environment and, with
   * `services`, `{service}` by the service's name.
   * @example 'deploy/overlays/{env}'
   */
  readonly path: string;
  /** Namespace the app is deployed to on each cluster (with `services`/`serviceDirectories`, the service's name is used instead). */
  readonly namespace: string;
  /**
   * Environments whose clusters run the app.
   * @default - all environments
   */
  readonly environments?: readonly E[];
  /**
   * Exactly these clusters instead (ApplicationSet list generator).
   * @default - every cluster of the environments (cluster generator)
   */
  readonly clusters?: readonly string[];
  /**
   * Narrow the clusters further by registration labels.
   * @default - none
   */
  readonly clusterSelector?: ClusterSelectorDefinition;
  /**
   * Several services in the app's repository: one Application per cluster and service
   * (matrix of the clusters and a list).
   * @default - none
   */
  readonly services?: readonly string[];
  /**
   * A folder pattern in the app's repository whose every match is a service, e.g. 'services/*':
   * one Application per cluster and folder (matrix of the clusters and a Git directory generator).
   * `path` is then relative to each folder.
   * @default - none
   */
  readonly serviceDirectories?: string;
  /** @default - no previews */
  readonly previews?: PreviewDefinition;
  /**
   * Pod Security admission level of the namespaces Argo CD creates for the app (labels `enforce`,
   * `audit` and `warn`), its previews' and DR copies' included; a namespace shared with an add-on or
   * a service gets the most permissive level of them.
   * @default 'restricted'
   */
  readonly podSecurity?: PodSecurityLevel;
  /**
   * A default-deny NetworkPolicy over every pod of each of the app's namespaces (its previews'
   * and DR copies' included), delivered from the fleet repository beside the app's manifests:
   * ingress only from the same namespace, ingress-nginx's and monitoring's; egress only to the
   * cluster DNS and the same namespace. The team widens it with NetworkPolicies of its own in
   * its repository (policies add up). `false` renders none.
   * @default - true, unless a namespace of the app is also an add-on's, a service's or one every
   * cluster has (kube-system, default, ...), whose other pods the policy would cut off; `true`
   * is refused there
   */
  readonly networkPolicy?: boolean;
}

/** Registration labels a cluster must match (all of them). */
export interface ClusterSelectorDefinition {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelRequirementDefinition[];
}

/** A canary delivery with Argo Rollouts. */
export interface CanaryDefinition {
  /** Traffic weights in percent, increasing, each below 100 (100 % follows the last), e.g. [5, 10, 30, 60]. */
  readonly steps: readonly number[];
  /**
   * Pause after each step, e.g. '5m'.
   * @default '5m'
   */
  readonly pause?: string;
  /** The analysis gate: the success rate Prometheus measures, below which the rollout aborts. */
  readonly analysis?: {
    /** @default 0.99 */
    readonly successRate?: number;
    /** @default '1m' */
    readonly interval?: string;
    /** Failed measurements tolerated before aborting. @default 1 */
    readonly failureLimit?: number;
  };
  /**
   * Host of the service's Ingress: with it, traffic is split by ingress-nginx; without it, by replica counts.
   * @default - replica-based split
   */
  readonly host?: string;
}

/** How Karmada spreads a service over member clusters. */
export interface KarmadaPlacementDefinition {
  /**
   * Registration label whose values the weights are keyed by.
   * @default 'region'
   */
  readonly weightBy?: string;
  /**
   * Static weights per label value (e.g. { 'us-east-1': 3, 'eu-west-1': 2, 'ap-southeast-1': 1 }).
   * @default - equal weights over the selected clusters
   */
  readonly weights?: Readonly<Record<string, number>>;
  /**
   * Clusters taking part, by registration labels.
   * @default - the service's environments
   */
  readonly clusterSelector?: Readonly<Record<string, string>>;
  /** When Karmada moves replicas away from a failing cluster. */
  readonly failover?: {
    /** @default 60 */
    readonly unreachableAfterSeconds?: number;
    /** @default 300 */
    readonly notReadyAfterSeconds?: number;
  };
  /** Per-group differences (Karmada OverridePolicy), for clusters matching `match`. */
  readonly overrides?: readonly {
    readonly match: Readonly<Record<string, string>>;
    /** Memory limit of the service's containers there. */
    readonly memoryLimit?: string;
    /** Registry mirror images are pulled from there (air-gapped clusters). */
    readonly imageRegistry?: string;
  }[];
}

/** A service fleetwright renders itself (Deployment or Rollout, Services), delivered to the clusters. */
export interface ServiceDefinition<E extends string = string> {
  /** DNS-1123 label, unique among services (and apps). */
  readonly name: string;
  /** @default - the service's name */
  readonly namespace?: string;
  /** Container image, pinned, e.g. 'ghcr.io/acme/checkout:1.4.2'. */
  readonly image: string;
  /** HTTP port of the container. */
  readonly port: number;
  /** Replicas per cluster (Argo CD) or in total across the member clusters (Karmada). */
  readonly replicas: number;
  /** @default { cpu: '100m', memory: '128Mi' } (requests; the memory limit equals the request) */
  readonly resources?: { readonly cpu?: string; readonly memory?: string };
  /** @default - all environments */
  readonly environments?: readonly E[];
  /**
   * Who deploys it: one Application per cluster (Argo CD), or Karmada propagating it from the hub.
   * @default 'argocd'
   */
  readonly delivery?: 'argocd' | 'karmada';
  /** @default - a plain rolling update */
  readonly canary?: CanaryDefinition;
  /** Placement when `delivery` is 'karmada'. */
  readonly karmada?: KarmadaPlacementDefinition;
  /**
   * A default-deny NetworkPolicy for the service's pods (Argo CD and Karmada delivery): ingress only to its
   * port from its own namespace, ingress-nginx's and monitoring's; egress only to the cluster DNS
   * and its own namespace. `false` renders none.
   * @default true
   */
  readonly networkPolicy?: boolean;
  /**
   * Pod Security admission level of the service's namespace (labels `enforce`, `audit` and `warn`);
   * a namespace shared with an add-on or another service gets the most permissive level of them.
   * @default 'restricted'
   */
  readonly podSecurity?: PodSecurityLevel;
}

/**
 * The fleet definition: what a user writes in `fleet.config.ts`.
 *
 * Plain, reviewable data. Everything here is validated and resolved once by
 * {@link resolveFleet} into the immutable model in `./types.ts`; nothing else
 * reads these types.
 */
import type { AddonSelection, PlatformDefinition } from './addons/options';
import type { AppDefinition, FluxDefinition, KarmadaDefinition, RolloutDefinition, ServiceDefinition } from './delivery/definition';

export type * from './delivery/definition';

/** Where the synthesized tree lives in Git; Argo CD syncs from here. */
export interface RepoDefinition {
  /**
   * Clone URL of the fleet repository (https or ssh).
   * @example 'https://github.com/acme/fleet.git'
   */
  readonly url: string;
  /**
   * Branch, tag or commit Argo CD syncs.
   * @default 'main'
   */
  readonly revision?: string;
  /**
   * Folder inside the repository that holds the synthesized tree (the `--out`
   * folder of `fleetwright synth`), relative to the repository root.
   * @default '.' (the tree is the repository root)
   */
  readonly path?: string;
}

/** A node pool: a MachineDeployment, an EKS managed node group, or a Docker machine set. */
export interface NodePoolDefinition {
  /** DNS-1123 label, unique within the cluster. */
  readonly name: string;
  /**
   * EC2 instance type. Required for the AWS providers, refused for `capi-docker`.
   * @example 'm6i.xlarge'
   */
  readonly instanceType?: string;
  /**
   * Number of nodes (the initial size when `autoscaling` is set).
   * @default 2
   */
  readonly replicas?: number;
  /**
   * Bounds for the cluster autoscaler; `replicas` must lie within them.
   * @default - fixed size
   */
  readonly autoscaling?: { readonly min: number; readonly max: number };
  /**
   * Root volume size in GiB (AWS providers).
   * @default 80
   */
  readonly diskSizeGiB?: number;
  /**
   * Kubernetes labels put on the nodes.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Taints put on the nodes.
   * @default []
   */
  readonly taints?: readonly TaintDefinition[];
}

export interface TaintDefinition {
  readonly key: string;
  /** @default '' */
  readonly value?: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** Pod and service ranges. Every range in the fleet must be disjoint from every other cluster's. */
export interface NetworkDefinition {
  /** IPv4 CIDR for pods, e.g. '10.20.0.0/16'. */
  readonly podCidr: string;
  /** IPv4 CIDR for services, e.g. '10.120.0.0/20'. */
  readonly serviceCidr: string;
}

/** Control plane machines of a kubeadm-based Cluster API cluster. */
export interface KubeadmControlPlaneDefinition {
  /**
   * Control plane machines; odd so that etcd keeps quorum.
   * @default 3 (1 for `capi-docker`)
   */
  readonly replicas?: 1 | 3 | 5;
  /** EC2 instance type of the control plane machines (`capi-aws` only). */
  readonly instanceType?: string;
}

/**
 * Cluster API on AWS with a self-managed kubeadm control plane
 * (`Cluster` + `AWSCluster` + `KubeadmControlPlane` + `MachineDeployment`s).
 * @see https://cluster-api-aws.sigs.k8s.io/
 */
export interface CapiAwsProvider {
  readonly kind: 'capi-aws';
  /** CIDR of the VPC CAPA creates for the cluster. */
  readonly vpcCidr: string;
  readonly controlPlane: KubeadmControlPlaneDefinition & { readonly instanceType: string };
  /**
   * EC2 key pair for SSH access to the machines.
   * @default - no SSH key
   */
  readonly sshKeyName?: string;
}

/**
 * Cluster API, AWS-managed EKS (`AWSManagedControlPlane` + `AWSManagedMachinePool`s).
 * @see https://cluster-api-aws.sigs.k8s.io/topics/eks/
 */
export interface CapiAwsEksProvider {
  readonly kind: 'capi-aws-eks';
  /** CIDR of the VPC CAPA creates for the cluster. */
  readonly vpcCidr: string;
  /**
   * Name of the EKS cluster in AWS.
   * @default - `<fleet>-<cluster>`
   */
  readonly eksClusterName?: string;
  /**
   * IAM role the hub's Argo CD assumes to reach this cluster (`awsAuthConfig`).
   * @default - `hub.argocd.awsRoleArn`
   */
  readonly argocdRoleArn?: string;
  /**
   * Whether the API server endpoint is reachable from the internet.
   * @default false (private endpoint only)
   */
  readonly publicEndpoint?: boolean;
}

/** Cluster API with the Docker infrastructure provider: local and CI clusters. */
export interface CapiDockerProvider {
  readonly kind: 'capi-docker';
  /** @default { replicas: 1 } */
  readonly controlPlane?: KubeadmControlPlaneDefinition;
}

/**
 * EKS provisioned by the fleet's Pulumi stack (`@pulumi/aws`): `pulumi up` on its environment's
 * stack (the hub's: `management`) creates it and, for a spoke of a GitOps-delivered environment,
 * registers it with the hub's Argo CD (server and CA from the new cluster). The tree holds no
 * registration for it.
 */
export interface PulumiEksProvider {
  readonly kind: 'pulumi-eks';
  /** CIDR of the VPC the stack creates (ignored when `existingVpc` is set, but still checked for overlaps). */
  readonly vpcCidr: string;
  /**
   * Use an existing VPC instead of creating one.
   * @default - the stack creates a VPC
   */
  readonly existingVpc?: {
    readonly vpcId: string;
    readonly privateSubnetIds: readonly string[];
    readonly publicSubnetIds?: readonly string[];
  };
  /**
   * Name of the EKS cluster in AWS.
   * @default - `<fleet>-<cluster>`
   */
  readonly eksClusterName?: string;
  /**
   * IAM role the hub's Argo CD assumes to reach this cluster (`awsAuthConfig`).
   * @default - `hub.argocd.awsRoleArn`
   */
  readonly argocdRoleArn?: string;
  /**
   * Whether the API server endpoint is reachable from the internet.
   * @default false (private endpoint only)
   */
  readonly publicEndpoint?: boolean;
}

/** How the hub reaches an existing cluster. */
export type ExistingClusterAuth =
  | {
    /** EKS: Argo CD assumes an IAM role (`awsAuthConfig`); nothing secret is stored. */
    readonly kind: 'aws-iam';
    /** Name of the EKS cluster in AWS. */
    readonly eksClusterName: string;
    /** Base64 PEM of the cluster CA (public data, as in `aws eks describe-cluster`). */
    readonly caData: string;
    /** @default - `hub.argocd.awsRoleArn` */
    readonly argocdRoleArn?: string;
  }
  | {
    /**
     * Any cluster: the Argo CD connection `config` (JSON) is read from the hub's
     * registration secret store at `<fleet>/<cluster>/argocd-cluster`.
     */
    readonly kind: 'secret-store';
  };

/** A cluster that exists already and is only registered with the hub. */
export interface ExistingProvider {
  readonly kind: 'existing';
  /** API server URL, e.g. 'https://ABC123.gr7.ap-southeast-1.eks.amazonaws.com'. */
  readonly server: string;
  readonly auth: ExistingClusterAuth;
}

export type ProviderDefinition =
  | CapiAwsProvider
  | CapiAwsEksProvider
  | CapiDockerProvider
  | PulumiEksProvider
  | ExistingProvider;

/** Settings a cluster may take from its environment. */
export interface ClusterDefaults {
  /**
   * AWS region (or a free-form location for `capi-docker`).
   * @default - the environment's region; one of the two is required
   */
  readonly region?: string;
  /**
   * Kubernetes version: `1.31` for EKS, `1.31.4` (with patch) for kubeadm clusters.
   * @default - the environment's version; one of the two is required
   */
  readonly kubernetesVersion?: string;
  /**
   * Node pools.
   * @default - the environment's node pools
   */
  readonly nodePools?: readonly NodePoolDefinition[];
  /**
   * The `tier` label: production clusters are protected and roll out last.
   * @default 'non-production'
   */
  readonly tier?: 'production' | 'non-production';
  /**
   * The `rollout-tier` label that rollout waves select on.
   * @default 'general'
   */
  readonly rolloutTier?: string;
  /**
   * Free-form labels on the cluster's registration (merged, the cluster's win).
   * Keys `env`, `region`, `tier`, `rollout-tier` and the `fleetwright.io/` prefix are reserved.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Add-ons to run, with their options (merged per add-on and option, the cluster's win;
   * Helm `values` of an environment go to its overlay, a cluster's to its own file).
   * @default {}
   */
  readonly addons?: AddonSelection;
  /**
   * Protected clusters cannot be removed from the definition without `decommission: true`,
   * and their Cluster API objects are never pruned by Argo CD.
   * @default - true for tier 'production'
   */
  readonly protected?: boolean;
}

/** Who applies Kubernetes objects: the GitOps engine syncing the tree, or the environment's Pulumi stack (`pulumi up`). Never both. */
export type DeliveryOwner = 'gitops' | 'pulumi';

/** An environment (dev, staging, prod, …): defaults its clusters inherit. */
export interface EnvironmentDefinition extends ClusterDefaults {
  /**
   * Who applies the objects of the environment's clusters. With `'pulumi'` the tree still holds every
   * folder of its clusters, which the environment's stack applies, but registers none of them with
   * Argo CD or Flux, and `hub/cluster-api` leaves their Cluster API folders out. Apps (their manifests
   * live in their own repositories) and previews cannot run there.
   * @default 'gitops'
   */
  readonly delivery?: DeliveryOwner;
}

/** A workload cluster (a spoke of the hub). */
export interface ClusterDefinition<E extends string = string> extends ClusterDefaults {
  /** DNS-1123 label, unique in the fleet; also the Argo CD cluster name. */
  readonly name: string;
  /** One of the keys of `environments`. */
  readonly environment: E;
  readonly provider: ProviderDefinition;
  readonly network: NetworkDefinition;
  /**
   * A standby cluster (`standby: true`) that takes over when this one fails: it runs this
   * cluster's apps at a low replica count, and the hub alerts when this cluster's API server is down.
   * @default - none
   */
  readonly drPartner?: string;
  /**
   * A disaster-recovery standby: it runs no apps of its own, only its primaries' apps at a low
   * replica count (see `drPartner`).
   * @default false
   */
  readonly standby?: boolean;
  /**
   * The explicit opt-in to remove a production or protected cluster (synth and plan refuse to
   * drop one that an earlier synth rendered otherwise). A cluster marked `decommission: true`
   * stays in the definition but nothing is rendered for it any more: its Cluster API objects,
   * registration and folders leave the tree at the next synth, after which the entry can be
   * deleted. Nothing may still refer to it (apps' `clusters`, previews, `drPartner`).
   * Argo CD never prunes a protected cluster's Cluster API objects
   * (`Prune=false,Delete=false`): delete its `Cluster` on the hub by hand to delete the cluster.
   * @default false
   */
  readonly decommission?: boolean;
}

/** The management cluster: runs Argo CD, the Cluster API controllers and the fleet's hub objects. */
export interface HubDefinition {
  /** DNS-1123 label; must not be the name of a spoke. */
  readonly name: string;
  readonly region: string;
  readonly provider: ProviderDefinition;
  readonly kubernetesVersion: string;
  readonly network: NetworkDefinition;
  /** @default [] */
  readonly nodePools?: readonly NodePoolDefinition[];
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Who applies the hub's tree (`clusters/<hub>`). With `'pulumi'` the hub's stack applies it, and no
   * root Application (or Flux root Kustomization) reconciles it; all it holds stays, so the hub's engine
   * still delivers the GitOps environments (and, through its registration, the hub's add-ons).
   * @default 'gitops'
   */
  readonly delivery?: DeliveryOwner;
  /**
   * Add-ons the hub itself runs (e.g. kube-prometheus-stack for Grafana, external-secrets for registration).
   * @default {}
   */
  readonly addons?: AddonSelection;
  /** Argo CD on the hub. */
  readonly argocd?: {
    /** @default 'argocd' */
    readonly namespace?: string;
    /**
     * IAM role Argo CD assumes for EKS spokes (`awsAuthConfig.roleARN`); needed
     * when any EKS spoke does not set its own.
     * @default - none
     */
    readonly awsRoleArn?: string;
    /**
     * What Argo CD may do on the spokes whose access fleetwright grants. `least-privilege`
     * binds a ClusterRole that allows only the API groups the cluster's add-ons and services
     * use: on EKS spokes (`capi-aws-eks`, `pulumi-eks`) to the Kubernetes group
     * `fleetwright:argocd` its IAM role is mapped to; on kubeadm Cluster API spokes
     * (`capi-aws`, `capi-docker`) to the ServiceAccount `kube-system/fleetwright-argocd`, whose
     * token Argo CD uses instead of Cluster API's admin certificate. `cluster-admin` grants
     * `AmazonEKSClusterAdminPolicy` on EKS, and keeps the admin certificate on kubeadm spokes.
     * @default 'least-privilege'
     */
    readonly spokeAccess?: 'least-privilege' | 'cluster-admin';
    /**
     * Further repositories every AppProject of the fleet accepts as sources (URLs, or
     * Argo CD globs such as `https://github.com/acme/*`), e.g. a shared Helm repository.
     * By default a project accepts only the fleet's repository, the pinned charts of its
     * clusters' add-ons and the repositories of the apps deployed there.
     * @default []
     */
    readonly additionalSourceRepos?: readonly string[];
  };
  /** Cluster API on the hub. */
  readonly clusterApi?: {
    /**
     * Namespace of every cluster's Cluster API objects (and CAPI's kubeconfig Secrets).
     * @default 'clusters'
     */
    readonly namespace?: string;
  };
  /** Where registration connection data comes from. */
  readonly registration?: {
    /**
     * A `ClusterSecretStore` on the hub that you manage (Vault, AWS Secrets Manager…);
     * read for `existing` clusters with `secret-store` auth (and Karmada's API server).
     * @default 'fleet-registry'
     */
    readonly secretStore?: string;
    /**
     * Namespace where the External Secrets Operator runs on the hub.
     * @default 'external-secrets'
     */
    readonly externalSecretsNamespace?: string;
  };
}

/** The whole fleet. */
export interface FleetDefinition<E extends string = string> {
  /** DNS-1123 label naming the fleet (the organisation); prefixes secret paths `<name>/<cluster>/…`. */
  readonly name: string;
  readonly repo: RepoDefinition;
  readonly hub: HubDefinition;
  /** Environments in rollout order (dev before staging before prod). */
  readonly environments: { readonly [K in E]: EnvironmentDefinition };
  readonly clusters: readonly ClusterDefinition<NoInfer<E>>[];
  /** @default [] */
  readonly apps?: readonly AppDefinition<NoInfer<E>>[];
  /**
   * Services fleetwright renders itself (Deployment or canary Rollout, Services).
   * @default []
   */
  readonly services?: readonly ServiceDefinition<NoInfer<E>>[];
  /**
   * Fleet-wide settings of the add-ons (ACME account, secret store, backup bucket, …).
   * @default {}
   */
  readonly platform?: PlatformDefinition;
  /**
   * How changes roll out: waves, upgrades that follow them, guard rails.
   * @default - one wave per environment, in order
   */
  readonly rollout?: RolloutDefinition;
  /**
   * Which GitOps engine the tree is rendered for: Argo CD, Flux, or both (for comparison or a
   * migration; apply only one to a cluster).
   * @default 'argocd'
   */
  readonly engine?: 'argocd' | 'flux' | 'both';
  /**
   * Flux settings, used when `engine` is 'flux' or 'both'.
   * @default {}
   */
  readonly flux?: FluxDefinition;
  /**
   * The Karmada control plane, used when a service has `delivery: 'karmada'`.
   * @default {}
   */
  readonly karmada?: KarmadaDefinition;
}

/**
 * Declare the fleet. Returns its argument unchanged: the function exists for
 * editor completion (environment names are checked against `environments`).
 * Validation happens when the CLI loads the file.
 */
export function defineFleet<const E extends string>(definition: FleetDefinition<E>): FleetDefinition<E> {
  return definition;
}

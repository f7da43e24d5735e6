/**
 * The resolved fleet model: validated, defaults merged, labels derived,
 * deeply frozen. Constructs, stacks and outputs read only these types.
 */
import type { AddonName } from './addons/names';
import type { AddonOptionsMap, HelmValues, PlatformDefinition } from './addons/options';
import type { PodSecurityLevel } from './addons/pod-security';
import type { ClusterSelectorDefinition, PreviewDefinition } from './delivery/definition';
import type { DeliveryOwner } from './definition';
import type { FluxSettings, Rollout, Service } from './delivery/types';

export type * from './delivery/types';

/** A Kubernetes version; `patch` is absent for EKS, which picks the patch release itself. */
export interface KubernetesVersion {
  readonly major: 1;
  readonly minor: number;
  readonly patch?: number;
}

export interface NodePool {
  readonly name: string;
  readonly instanceType?: string;
  readonly replicas: number;
  readonly autoscaling?: { readonly min: number; readonly max: number };
  readonly diskSizeGiB: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
}

export interface Taint {
  readonly key: string;
  readonly value: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface Network {
  readonly podCidr: string;
  readonly serviceCidr: string;
}

export interface KubeadmControlPlane {
  readonly replicas: 1 | 3 | 5;
}

export type Provider =
  | {
    readonly kind: 'capi-aws';
    readonly vpcCidr: string;
    readonly controlPlane: KubeadmControlPlane & { readonly instanceType: string };
    readonly sshKeyName?: string;
  }
  | {
    readonly kind: 'capi-aws-eks';
    readonly vpcCidr: string;
    readonly eksClusterName: string;
    readonly publicEndpoint: boolean;
    /** Role the hub's Argo CD assumes; absent only for the hub itself. */
    readonly argocdRoleArn?: string;
  }
  | {
    readonly kind: 'capi-docker';
    readonly controlPlane: KubeadmControlPlane;
  }
  | {
    readonly kind: 'pulumi-eks';
    readonly vpcCidr: string;
    readonly existingVpc?: {
      readonly vpcId: string;
      readonly privateSubnetIds: readonly string[];
      readonly publicSubnetIds: readonly string[];
    };
    readonly eksClusterName: string;
    readonly publicEndpoint: boolean;
    readonly argocdRoleArn?: string;
  }
  | {
    readonly kind: 'existing';
    readonly server: string;
    readonly auth:
    | { readonly kind: 'aws-iam'; readonly eksClusterName: string; readonly caData: string; readonly argocdRoleArn?: string }
    | { readonly kind: 'secret-store' };
  };

export type ProviderKind = Provider['kind'];

/** Argo CD authenticates to EKS spokes with an IAM role: no credential is stored anywhere. */
export interface AwsIamAuth {
  readonly kind: 'aws-iam';
  readonly eksClusterName: string;
  readonly roleArn: string;
}

/**
 * A ServiceAccount's token on the spoke (`ARGOCD_SPOKE_IDENTITY`): its token
 * Secret, which the spoke's token controller fills, is read by the hub with
 * Cluster API's admin kubeconfig; Argo CD gets only the token.
 */
export interface ServiceAccountTokenAuth {
  readonly kind: 'service-account-token';
  /** Namespace of the ServiceAccount and its token Secret on the spoke. */
  readonly namespace: string;
  readonly serviceAccount: string;
  /** The `kubernetes.io/service-account-token` Secret of the ServiceAccount. */
  readonly tokenSecret: string;
}

/**
 * How the hub's Argo CD gets a spoke's connection details. Decided by the
 * model from the provider; rendered by the registration constructs.
 */
export type Registration =
  /**
   * Cluster API clusters: an ExternalSecret on the hub reads the kubeconfig
   * Secret CAPI writes (`<cluster>-kubeconfig`) and templates the Argo CD
   * cluster Secret from it: server and CA always, the client certificate only
   * for `client-certificate` auth; for `service-account-token` auth, the token
   * comes from the spoke itself.
   */
  | {
    readonly kind: 'capi-kubeconfig';
    readonly kubeconfigSecret: string;
    readonly auth: AwsIamAuth | { readonly kind: 'client-certificate' } | ServiceAccountTokenAuth;
  }
  /**
   * `existing` clusters with `secret-store` auth: an ExternalSecret reads the
   * connection details from the hub's registration store at `key`: `server`
   * and `config` (Argo CD's connection JSON).
   */
  | {
    readonly kind: 'secret-store';
    readonly key: string;
    readonly auth: { readonly kind: 'config' };
  }
  /** Everything is known and nothing is secret: a plain cluster Secret in Git. */
  | {
    readonly kind: 'static';
    readonly server: string;
    readonly caData: string;
    readonly auth: AwsIamAuth;
  }
  /**
   * `pulumi-eks` clusters: the Pulumi stack that creates the cluster also
   * registers it, creating the Argo CD cluster Secret on the hub with
   * `@pulumi/kubernetes` (server and CA from the cluster's outputs, Argo CD
   * authenticating with `auth`; see `pulumiClusterSecret` in
   * `constructs/argocd/cluster-secret.ts`). Nothing of it is in Git. Only
   * clusters delivered by GitOps are registered: a registration would let the
   * hub's ApplicationSets sync a Pulumi-delivered cluster too.
   */
  | {
    readonly kind: 'pulumi';
    readonly auth: AwsIamAuth;
  };

/** Merged options of each enabled add-on (`enabled` and `values` taken out). */
export type AddonSettings = { readonly [K in AddonName]?: Omit<AddonOptionsMap[K], 'enabled' | 'values'> };

/** Helm values per add-on. */
export type AddonValues = { readonly [K in AddonName]?: HelmValues };

/** What a cluster (hub or spoke) runs. */
export interface AddonConfig {
  /** Enabled add-ons, sorted. */
  readonly addons: readonly AddonName[];
  /** Merged options of each enabled add-on. */
  readonly addonOptions: AddonSettings;
  /** The cluster's own Helm values per add-on (its own values file, over the environment's). */
  readonly addonValues: AddonValues;
}

interface ClusterBase extends AddonConfig {
  readonly name: string;
  readonly region: string;
  readonly provider: Provider;
  readonly kubernetesVersion: KubernetesVersion;
  readonly network: Network;
  readonly nodePools: readonly NodePool[];
}

/** The management cluster. It is registered with its own Argo CD as the in-cluster destination. */
export interface HubCluster extends ClusterBase {
  readonly role: 'hub';
  /** Who applies the hub's tree: with 'pulumi', the `management` stack, and no root Application or Kustomization reconciles it. */
  readonly delivery: DeliveryOwner;
  /** Registration labels: derived (region, role, project, add-ons, …) and free-form. */
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** A workload cluster registered with the hub. */
export interface Cluster extends ClusterBase {
  readonly role: 'spoke';
  readonly environment: string;
  /** Who applies the cluster's objects (its environment's `delivery`); 'pulumi' clusters are not registered in the tree. */
  readonly delivery: DeliveryOwner;
  readonly tier: 'production' | 'non-production';
  readonly rolloutTier: string;
  /** Every label of the registration: derived (env, region, tier, …) and free-form. */
  readonly labels: Readonly<Record<string, string>>;
  /** Annotations of the registration that ApplicationSets template on. */
  readonly annotations: Readonly<Record<string, string>>;
  readonly protected: boolean;
  readonly registration: Registration;
  /** The standby cluster that takes over when this one fails. */
  readonly drPartner?: string;
  /** A disaster-recovery standby: runs only its primaries' apps, at a low replica count. */
  readonly standby: boolean;
  /** The rollout wave the cluster is in. */
  readonly wave: string;
  /** The cluster's own version when an upgrade moved it to `kubernetesVersion`. */
  readonly upgradedFrom?: KubernetesVersion;
}

/** A spoke marked `decommission: true`: what the removal guards need of it. */
export interface DecommissionedCluster {
  readonly name: string;
  readonly environment: string;
}

export interface Environment {
  readonly name: string;
  /** Position in rollout order, from 0. */
  readonly order: number;
  /** Names of the environment's clusters, sorted. */
  readonly clusters: readonly string[];
  /** The environment's default tier. */
  readonly tier: 'production' | 'non-production';
  /** Who applies the objects of the environment's clusters. */
  readonly delivery: DeliveryOwner;
  /** Options the environment sets per add-on (before its clusters' own). */
  readonly addonOptions: AddonSettings;
  /** Helm values the environment sets per add-on (its overlay). */
  readonly addonValues: AddonValues;
}

export interface App {
  readonly name: string;
  readonly repoUrl: string;
  readonly revision: string;
  readonly path: string;
  readonly namespace: string;
  /** Environments whose clusters run the app, in rollout order. */
  readonly environments: readonly string[];
  /** Exactly these clusters (list generator), sorted. */
  readonly clusters?: readonly string[];
  readonly clusterSelector?: ClusterSelectorDefinition;
  /** Services in the app's repository (matrix with a list). */
  readonly services?: readonly string[];
  /** Folder pattern whose matches are services (matrix with a Git directory generator). */
  readonly serviceDirectories?: string;
  readonly previews?: PreviewDefinition;
  /** Pod Security level the app asks for its namespaces (before sharing a namespace with an add-on or service lowers it). */
  readonly podSecurity: PodSecurityLevel;
  /** Whether each of its namespaces gets the app's default-deny NetworkPolicy (see `AppDefinition.networkPolicy`). */
  readonly networkPolicy: boolean;
}

export interface Fleet {
  readonly name: string;
  readonly repo: {
    readonly url: string;
    readonly revision: string;
    /** Folder of the tree in the repository, '' for the root, no leading or trailing '/'. */
    readonly path: string;
  };
  readonly hub: HubCluster;
  readonly argocd: {
    readonly namespace: string;
    /** What Argo CD may do on EKS spokes whose access fleetwright grants (see `HubDefinition.argocd.spokeAccess`). */
    readonly spokeAccess: 'least-privilege' | 'cluster-admin';
    /** Repositories every AppProject accepts beyond the fleet's own (see `HubDefinition.argocd.additionalSourceRepos`). */
    readonly additionalSourceRepos: readonly string[];
  };
  readonly clusterApi: { readonly namespace: string };
  readonly registration: { readonly secretStore: string; readonly externalSecretsNamespace: string };
  /** In rollout order. */
  readonly environments: readonly Environment[];
  /** Spokes, sorted by name. */
  readonly clusters: readonly Cluster[];
  /**
   * Spokes the definition marks `decommission: true`, sorted by name: nothing is rendered for
   * them; synth and plan accept that an earlier tree held them, even production or protected ones.
   */
  readonly decommissioned: readonly DecommissionedCluster[];
  /** Sorted by name. */
  readonly apps: readonly App[];
  /** Fleet-wide add-on settings, as written. */
  readonly platform: PlatformDefinition;
  /** Sorted by name. */
  readonly services: readonly Service[];
  readonly rollout: Rollout;
  readonly engine: 'argocd' | 'flux' | 'both';
  /** Flux settings (used when `engine` is 'flux' or 'both'). */
  readonly flux: FluxSettings;
  /** The Karmada control plane (used by services delivered by Karmada). */
  readonly karmada: { readonly server: string };
  /**
   * Pod Security level of each namespace fleetwright creates under a fixed name (add-ons', services'),
   * sorted by namespace; see `namespacePodSecurity`.
   */
  readonly podSecurity: Readonly<Record<string, PodSecurityLevel>>;
}

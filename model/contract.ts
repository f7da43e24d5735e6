/**
 * The contract between cluster registration and everything that selects or
 * templates on it (ApplicationSets, Flux, plans). Defined once; both sides
 * import these constants.
 */
import type { AddonName } from './addons/names';
import { Names } from './names';
import type { Fleet } from './types';

/** Label keys on every cluster's registration. */
export const ClusterLabel = {
  /** Environment name, e.g. `prod`. */
  env: 'env',
  /** Region, e.g. `us-east-1`. */
  region: 'region',
  /** `production` or `non-production`. */
  tier: 'tier',
  /** Rollout wave selector, e.g. `canary`, `early`, `general`. */
  rolloutTier: 'rollout-tier',
  /** Provider kind, e.g. `capi-aws-eks`. */
  provider: 'fleetwright.io/provider',
  /** The fleet's name: selects only clusters this fleet registered. */
  fleet: 'fleetwright.io/fleet',
  /** `true` on protected clusters. */
  protected: 'fleetwright.io/protected',
  /** `hub` or `spoke`. */
  role: 'fleetwright.io/role',
  /** The Argo CD project of the cluster's applications: the environment, or `hub-platform` for the hub. */
  project: 'fleetwright.io/project',
  /** `true` on disaster-recovery standbys. */
  standby: 'fleetwright.io/standby',
} as const;

/** `env` label and project of the hub's own add-ons. */
export const HUB_ENVIRONMENT = 'hub';
export const HUB_PLATFORM_PROJECT = 'hub-platform';

/** Keys users may not set in free-form labels (the model derives them). */
export const RESERVED_LABEL_KEYS: readonly string[] = [
  ClusterLabel.env,
  ClusterLabel.region,
  ClusterLabel.tier,
  ClusterLabel.rolloutTier,
];

/** Label prefixes reserved for fleetwright. */
export const RESERVED_LABEL_PREFIXES: readonly string[] = ['fleetwright.io/', 'addons.fleetwright.io/'];

/** Label that says a cluster runs an add-on (value `true`); absent otherwise. */
export function addonLabel(addon: AddonName): string {
  return `addons.fleetwright.io/${addon}`;
}

/** Annotation keys on every cluster's registration. */
export const ClusterAnnotation = {
  /** Path of the cluster's entry folder in the fleet repository. */
  clusterPath: 'fleetwright.io/cluster-path',
  /** Kubernetes version, e.g. `1.31` or `1.31.4`. */
  kubernetesVersion: 'fleetwright.io/kubernetes-version',
  /** Prefix of the cluster's secrets in the secret store: `<fleet>/<cluster>`. */
  secretPrefix: 'fleetwright.io/secret-prefix',
} as const;

/** Labels fleetwright puts on every object it renders. */
export const ManagedByLabels: Readonly<Record<string, string>> = {
  'app.kubernetes.io/managed-by': 'fleetwright',
};

/**
 * Go-template expressions (ApplicationSet `goTemplate: true`) that read the
 * cluster generator's parameters. Typed so both sides agree on the keys.
 */
export const ClusterParam = {
  name: '{{ .name }}',
  server: '{{ .server }}',
  label(key: (typeof ClusterLabel)[keyof typeof ClusterLabel]): string {
    return `{{ index .metadata.labels ${JSON.stringify(key)} }}`;
  },
  annotation(key: (typeof ClusterAnnotation)[keyof typeof ClusterAnnotation]): string {
    return `{{ index .metadata.annotations ${JSON.stringify(key)} }}`;
  },
} as const;

/**
 * The Secret on the hub that holds a spoke's kubeconfig, which Flux's
 * Kustomizations and HelmReleases for that spoke read
 * (`spec.kubeConfig.secretRef`): `<cluster>-kubeconfig` in the Cluster API
 * namespace (`clusterApi.namespace`), the kubeconfig under the key `value`.
 *
 * Cluster API writes exactly this Secret for the clusters it creates (for
 * EKS, CAPA keeps a short-lived token in it fresh). For `pulumi-eks` and
 * `existing` clusters the fleet's Pulumi stack, or the user, creates it under
 * the same name. The kubeconfig must be self-contained (a token or a client
 * certificate): Flux's controllers run no exec plugin such as
 * `aws eks get-token`. Flux reads a secretRef from the namespace of the object
 * that refers to it, so a spoke's Flux objects live in this namespace.
 */
export function fluxKubeconfigSecret(fleet: Pick<Fleet, 'clusterApi'>, cluster: string): { readonly name: string; readonly namespace: string; readonly key: string } {
  return { name: Names.capiKubeconfigSecret(cluster), namespace: fleet.clusterApi.namespace, key: 'value' };
}

/**
 * Argo CD's identity on least-privilege kubeadm Cluster API spokes: a
 * ServiceAccount and its long-lived token Secret, put on the spoke by a
 * ClusterResourceSet and bound to the deployer ClusterRole.
 */
export const ARGOCD_SPOKE_IDENTITY = { namespace: 'kube-system', serviceAccount: 'fleetwright-argocd', tokenSecret: 'fleetwright-argocd-token' } as const;

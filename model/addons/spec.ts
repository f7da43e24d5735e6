/**
 * The model half of the add-on extension point: what an add-on is (pure
 * data, checked by the model). Its other half, what it renders, is the
 * `Addon` interface in `stacks/addons/spi.ts`, which carries one of these.
 */
import type { Problems } from '../problems';
import type { AddonName } from './names';
import type { AddonOptionsMap, PlatformDefinition } from './options';
import type { PodSecurityLevel } from './pod-security';

/** A pinned Helm chart. */
export interface HelmChart {
  /** Chart repository (https, or an OCI registry without `oci://`). */
  readonly repoUrl: string;
  readonly chart: string;
  /** Exact version: the one place it is pinned. */
  readonly version: string;
}

/** What an add-on's `check` sees for one cluster that runs it. */
export interface AddonCheckContext<K extends AddonName> {
  /** Merged options (environment, then cluster). */
  readonly options: AddonOptionsMap[K];
  /** Field path to report problems at, e.g. `clusters[3].addons.velero`. */
  readonly path: string;
  readonly cluster: {
    readonly name: string;
    readonly region?: string;
    readonly tier: 'production' | 'non-production';
    readonly providerKind: string;
    /** Whether the cluster's pods can assume IAM roles (EKS with IRSA). */
    readonly irsa: boolean;
    /** Add-ons the cluster runs. */
    readonly addons: ReadonlySet<AddonName>;
  };
  readonly platform: PlatformDefinition;
  readonly problems: Problems;
}

/** What an add-on's `checkFleet` sees: every cluster that runs it. */
export interface AddonFleetCheckContext<K extends AddonName> {
  readonly clusters: readonly {
    readonly name: string;
    /** Where the add-on is switched on for this cluster, e.g. `clusters[3].addons.cilium`. */
    readonly path: string;
    readonly options: AddonOptionsMap[K];
  }[];
  readonly platform: PlatformDefinition;
  readonly problems: Problems;
}

export interface AddonSpec<K extends AddonName = AddonName> {
  readonly name: K;
  /** One line for docs and `--help`. */
  readonly description: string;
  /** Namespace the add-on runs in. */
  readonly namespace: string;
  /**
   * The Pod Security Standard enforced on the namespace fleetwright creates for the
   * add-on: the most restrictive one its chart's pods pass (add-ons sharing a namespace
   * get the most permissive of theirs, see `namespacePodSecurity`).
   * @default none: the namespace exists before the add-on (e.g. `kube-system`) and keeps its labels
   */
  readonly podSecurity?: PodSecurityLevel;
  /** The chart, or none for add-ons made only of fleetwright's own objects. */
  readonly chart?: HelmChart;
  /**
   * API groups of the objects its chart creates (with the values fleetwright sets) and of
   * fleetwright's own objects for it, besides the Kubernetes groups every chart uses
   * (`CHART_API_GROUPS`): what Argo CD is allowed on a spoke that runs it when its access is
   * least-privilege (`hub.argocd.spokeAccess`). Only the groups objects are created in: a CRD
   * is created in `apiextensions.k8s.io`, not in its own group.
   * @default []
   */
  readonly apiGroups?: readonly string[];
  /** Add-ons that must run (and be synced) first on the same cluster: typed references. */
  readonly dependsOn: readonly AddonSpec[];
  /** The fleet-wide settings (a key of `platform`) the add-on cannot run without. */
  readonly requiresPlatform?: keyof PlatformDefinition;
  /** Whether it calls AWS APIs (IRSA on EKS, else credentials through External Secrets). */
  readonly awsAccess?: boolean;
  /** Apply on the server: charts whose CRDs are too large for client-side apply. */
  readonly serverSideApply?: boolean;
  /** Deployments whose replicas an HPA manages, so Argo CD ignores `/spec/replicas`. */
  readonly hpaManagedReplicas?: boolean;
  /**
   * Options that only an environment (or the hub) may set, because they shape objects
   * shared by the environment's clusters; a cluster setting one is a validation error.
   */
  readonly environmentOnlyOptions?: readonly string[];
  /** Checks the add-on's own options for one cluster (cron syntax, regions, …). */
  check?(context: AddonCheckContext<K>): void;
  /** Checks that relate the clusters running the add-on (unique IDs, …). */
  checkFleet?(context: AddonFleetCheckContext<K>): void;
}

/** Builds a spec with its name's type kept, so `dependsOn` entries are typed references. */
export function defineAddon<K extends AddonName>(spec: AddonSpec<K>): AddonSpec<K> {
  return spec;
}

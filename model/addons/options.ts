/**
 * What a fleet definition says about add-ons: per environment and per
 * cluster, which add-ons run and with which options; fleet-wide, the
 * settings every cluster shares (`platform`).
 */
import type { AddonName } from './names';
import type { PodSecurityLevel } from './pod-security';

/** JSON data, as Helm values are. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Helm values for a chart (merged over the add-on's own values, environment first, then cluster). */
export type HelmValues = { readonly [key: string]: JsonValue };

/** Options every add-on takes. */
export interface AddonOptionsBase {
  /**
   * Switch the add-on on or off (writing `true`/`false` instead of an object does the same).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Helm values for the chart: in an environment they go to its overlay, in a cluster to the cluster's own file.
   * @default {}
   */
  readonly values?: HelmValues;
}

/** A Velero backup schedule. */
export interface VeleroScheduleOptions {
  /**
   * Cron expression (5 fields, or a descriptor such as `@daily`).
   * @default - '0 2 * * *' (daily), '0 * * * *' (hourly), '30 3 * * *' (dr)
   */
  readonly cron?: string;
  /**
   * Retention, as a duration such as `720h` or `168h0m0s`.
   * @default - '720h' (daily, dr), '168h' (hourly)
   */
  readonly ttl?: string;
  /**
   * Namespaces to back up.
   * @default ['*']
   */
  readonly includedNamespaces?: readonly string[];
  /**
   * Namespaces to leave out.
   * @default ['kube-system', 'velero']
   */
  readonly excludedNamespaces?: readonly string[];
}

export interface VeleroOptions extends AddonOptionsBase {
  /**
   * Region of the disaster-recovery backup location; must differ from the cluster's region.
   * @default - platform.velero.drRegion
   */
  readonly drRegion?: string;
  /**
   * The three schedules; `false` switches one off.
   * @default - production tier: daily, hourly and dr; other tiers: daily only
   */
  readonly schedules?: {
    readonly daily?: VeleroScheduleOptions | false;
    readonly hourly?: VeleroScheduleOptions | false;
    readonly dr?: VeleroScheduleOptions | false;
  };
}

export interface KyvernoOptions extends AddonOptionsBase {
  /**
   * What the fleet's policies do with a violation: report it (`audit`) or refuse the object (`enforce`).
   * @default - 'enforce' for production tier, else 'audit'
   */
  readonly mode?: 'audit' | 'enforce';
}

export interface CiliumOptions extends AddonOptionsBase {
  /**
   * Cluster ID for Cilium ClusterMesh (1–255), unique in the fleet. Required when platform.cilium.clusterMesh is on.
   * @default - none
   */
  readonly clusterId?: number;
}

/** The options each add-on takes. */
export interface AddonOptionsMap {
  readonly 'argo-rollouts': AddonOptionsBase;
  readonly 'cert-manager': AddonOptionsBase;
  readonly cilium: CiliumOptions;
  readonly 'external-dns': AddonOptionsBase;
  readonly 'external-secrets': AddonOptionsBase;
  readonly 'ingress-nginx': AddonOptionsBase;
  readonly 'kube-prometheus-stack': AddonOptionsBase;
  readonly kyverno: KyvernoOptions;
  readonly thanos: AddonOptionsBase;
  readonly velero: VeleroOptions;
}

/** Add-ons a cluster runs: `true`/`false`, or options (which switch it on unless `enabled: false`). */
export type AddonSelection = { readonly [K in AddonName]?: boolean | AddonOptionsMap[K] };

/** A Vault server the clusters' External Secrets Operator reads from (Kubernetes auth). */
export interface VaultStoreDefinition {
  readonly kind: 'vault';
  /** Vault address, e.g. 'https://vault.acme.internal:8200'. */
  readonly server: string;
  /**
   * KV v2 mount holding the fleet's secrets.
   * @default 'secret'
   */
  readonly mountPath?: string;
  /**
   * Kubernetes auth mount; `{cluster}` is replaced by the cluster's name (one mount per cluster).
   * @default 'kubernetes-{cluster}'
   */
  readonly authMountPath?: string;
  /**
   * Vault role; `{cluster}` is replaced by the cluster's name.
   * @default 'external-secrets'
   */
  readonly role?: string;
}

/** AWS Secrets Manager in the cluster's region, reached through IRSA on EKS or the node role elsewhere on AWS. */
export interface AwsSecretsManagerStoreDefinition {
  readonly kind: 'aws-secrets-manager';
}

/** Fleet-wide settings of the add-ons. */
export interface PlatformDefinition {
  /**
   * IAM role an add-on's service account assumes on EKS (IRSA); `{cluster}` and `{addon}` are replaced.
   * Needed when an add-on that calls AWS (external-dns, velero, external-secrets with AWS Secrets
   * Manager) runs on an EKS cluster.
   * @example 'arn:aws:iam::111122223333:role/{cluster}-{addon}'
   * @default - none
   */
  readonly irsaRoleArn?: string;
  /**
   * Pod Security admission level of the namespace an add-on creates, instead of its catalog
   * entry's (`restricted` for most; `baseline` for ingress-nginx; `privileged` for
   * kube-prometheus-stack and velero). Add-ons sharing a namespace get the most
   * permissive level of the group. Only add-ons with a namespace of their own take one
   * (not cilium, which runs in kube-system).
   * @example { 'ingress-nginx': 'restricted', velero: 'baseline' }
   * @default - each add-on's catalog level
   */
  readonly podSecurity?: { readonly [K in AddonName]?: PodSecurityLevel };
  /** cert-manager: the ACME account of the fleet's `letsencrypt` ClusterIssuer. */
  readonly certManager?: {
    readonly acmeEmail: string;
    /** @default 'production' */
    readonly acmeServer?: 'production' | 'staging';
  };
  /** external-dns: the Route 53 zones it manages. */
  readonly externalDns?: {
    readonly domainFilters: readonly string[];
    /** @default 'upsert-only' (never deletes records) */
    readonly policy?: 'sync' | 'upsert-only';
  };
  /** external-secrets: the store behind every cluster's `fleet-secrets` ClusterSecretStore. */
  readonly externalSecrets?: { readonly store: VaultStoreDefinition | AwsSecretsManagerStoreDefinition };
  /** kyverno: registries images may come from. */
  readonly kyverno?: { readonly allowedRegistries: readonly string[] };
  /** velero: where backups go. */
  readonly velero?: {
    /** S3 bucket; `{region}` is replaced by the location's region, e.g. 'acme-velero-{region}'. */
    readonly bucket: string;
    /** Default region of every cluster's disaster-recovery location. */
    readonly drRegion?: string;
  };
  /** thanos: how the hub reaches each cluster's sidecar. */
  readonly thanos?: {
    /** gRPC address of a cluster's Thanos sidecar; `{cluster}` is replaced, e.g. '{cluster}.thanos.acme.internal:10901'. */
    readonly sidecarEndpoint: string;
  };
  /** cilium: cross-cluster networking. */
  readonly cilium?: {
    /** @default false */
    readonly clusterMesh?: boolean;
    /**
     * Address of a cluster's ClusterMesh API server (host:port); `{cluster}` is replaced.
     * Required when clusterMesh is on.
     * @example '{cluster}.mesh.acme.io:2379'
     */
    readonly clusterMeshEndpoint?: string;
  };
  /** disaster recovery: how standby clusters run their primaries' apps. */
  readonly disasterRecovery?: {
    /**
     * Replicas of every Deployment of a primary's apps on its standby.
     * @default 1
     */
    readonly replicas?: number;
  };
}

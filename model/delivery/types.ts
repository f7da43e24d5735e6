/** The resolved delivery part of the model: waves, upgrades, apps and services. */
import type { PodSecurityLevel } from '../addons/pod-security';
import type { KubernetesVersion } from '../types';

/** A group of clusters updated together. */
export interface Wave {
  readonly name: string;
  /** Position in rollout order, from 0. */
  readonly index: number;
  /** Values of the rollout label the wave selects. */
  readonly values: readonly string[];
  /** Count or percentage of the wave's clusters updated at once. */
  readonly maxUpdate: number | `${number}%`;
  /** The wave's clusters, sorted. */
  readonly clusters: readonly string[];
}

export interface Rollout {
  readonly by: 'environment' | 'rollout-tier';
  /** The registration label the waves select on (`env` or `rollout-tier`). */
  readonly label: 'env' | 'rollout-tier';
  readonly waves: readonly Wave[];
  /** The Kubernetes upgrade in progress, if any. */
  readonly upgrade?: { readonly kubernetesVersion: KubernetesVersion; readonly throughWave: string };
  /** Which ApplicationSets keep their Applications when their generator returns nothing. */
  readonly keepApplications: 'production' | 'all' | 'none';
}

export interface FluxSettings {
  readonly namespace: string;
  readonly interval: string;
  readonly timeout: string;
  readonly retryInterval: string;
}

export interface Canary {
  readonly steps: readonly number[];
  readonly pause: string;
  readonly analysis: { readonly successRate: number; readonly interval: string; readonly failureLimit: number };
  readonly host?: string;
}

export interface KarmadaPlacement {
  readonly weightBy: string;
  /** Label value → weight; empty for equal weights. */
  readonly weights: Readonly<Record<string, number>>;
  readonly clusterSelector: Readonly<Record<string, string>>;
  readonly failover: { readonly unreachableAfterSeconds: number; readonly notReadyAfterSeconds: number };
  readonly overrides: readonly { readonly match: Readonly<Record<string, string>>; readonly memoryLimit?: string; readonly imageRegistry?: string }[];
}

export interface Service {
  readonly name: string;
  readonly namespace: string;
  readonly image: string;
  readonly port: number;
  readonly replicas: number;
  readonly resources: { readonly cpu: string; readonly memory: string };
  /** In rollout order. */
  readonly environments: readonly string[];
  readonly delivery: 'argocd' | 'karmada';
  readonly canary?: Canary;
  readonly karmada?: KarmadaPlacement;
  /** Whether its pods get a default-deny NetworkPolicy (Argo CD delivery). */
  readonly networkPolicy: boolean;
  /** Pod Security level its pods must pass (its namespace's may be more permissive when shared, see `Fleet.podSecurity`). */
  readonly podSecurity: PodSecurityLevel;
}

/** Builds the delivery part of the model (after every rule passed). */
import { compareText } from '../compare';
import type { MergedCluster } from '../merge';
import type { ParsedDefinition } from '../parse';
import { parseKubernetesVersion } from '../rules/version';
import type { App, KubernetesVersion, ProviderKind } from '../types';
import type { Rollout, Service } from './types';
import { planWaves, type PlannedWave } from './waves';

export function buildRollout(parsed: ParsedDefinition, clusters: readonly MergedCluster[]): Rollout {
  const plan = planWaves(parsed, clusters);
  // Default waves of environments without clusters are left out.
  const kept = plan.waves.filter((w) => w.clusters.length > 0);
  const upgrade = parsed.rollout?.upgrade;
  return {
    by: plan.by,
    label: plan.by === 'environment' ? 'env' : 'rollout-tier',
    waves: kept.map((w, index) => ({
      name: w.def.name,
      index,
      values: [...w.def.values],
      maxUpdate: w.def.maxUpdate ?? '100%',
      clusters: w.clusters.map((c) => c.def.name).sort(compareText),
    })),
    ...(upgrade
      ? {
        upgrade: {
          kubernetesVersion: parseKubernetesVersion(upgrade.kubernetesVersion) as KubernetesVersion,
          throughWave: effectiveThroughWave(plan.waves, kept, upgrade.throughWave),
        },
      }
      : {}),
    keepApplications: parsed.rollout?.keepApplications ?? 'production',
  };
}

/**
 * The wave an upgrade reaches among the waves the model keeps: `throughWave`
 * itself, or, when it is a default wave of an environment without clusters
 * (left out of the model), the last kept wave before it; `throughWave` when
 * no kept wave comes before it (the upgrade then reaches no cluster).
 */
function effectiveThroughWave(all: readonly PlannedWave[], kept: readonly PlannedWave[], throughWave: string): string {
  const named = all.find((w) => w.def.name === throughWave);
  if (!named) return throughWave;
  return kept.filter((w) => w.index <= named.index).at(-1)?.def.name ?? throughWave;
}

/**
 * A cluster's version once an upgrade is applied: the target for clusters of
 * the waves up to `throughWave` (EKS takes only the minor), else its own.
 * Clusters fleetwright only registers (`existing`) are upgraded by whoever runs
 * them, so they keep the version the definition gives them.
 */
export function upgradedVersion(rollout: Rollout, cluster: string, own: KubernetesVersion, provider: ProviderKind): KubernetesVersion | undefined {
  const upgrade = rollout.upgrade;
  if (!upgrade || provider === 'existing') return undefined;
  const eks = provider === 'capi-aws-eks' || provider === 'pulumi-eks';
  const through = rollout.waves.findIndex((w) => w.name === upgrade.throughWave);
  const wave = waveIndex(rollout, cluster);
  if (wave === undefined || wave > through) return undefined;
  const target = eks ? { major: 1 as const, minor: upgrade.kubernetesVersion.minor } : upgrade.kubernetesVersion;
  return target.minor === own.minor && target.patch === own.patch ? undefined : target;
}

const waveIndexes = new WeakMap<Rollout, ReadonlyMap<string, number>>();

/** The index of the wave `cluster` is in (one lookup table per rollout, so building stays linear in the fleet). */
export function waveIndex(rollout: Rollout, cluster: string): number | undefined {
  let indexes = waveIndexes.get(rollout);
  if (!indexes) {
    indexes = new Map(rollout.waves.flatMap((w) => w.clusters.map((c) => [c, w.index] as const)));
    waveIndexes.set(rollout, indexes);
  }
  return indexes.get(cluster);
}

export function buildServices(parsed: ParsedDefinition): Service[] {
  return parsed.services
    .map(({ def }) => ({
      name: def.name,
      namespace: def.namespace ?? def.name,
      image: def.image,
      port: def.port,
      replicas: def.replicas,
      resources: { cpu: def.resources?.cpu ?? '100m', memory: def.resources?.memory ?? '128Mi' },
      environments: parsed.environmentNames.filter((env) => def.environments === undefined || def.environments.includes(env)),
      delivery: def.delivery ?? 'argocd',
      networkPolicy: def.networkPolicy ?? true,
      podSecurity: def.podSecurity ?? 'restricted',
      ...(def.canary
        ? {
          canary: {
            steps: [...def.canary.steps],
            pause: def.canary.pause ?? '5m',
            analysis: {
              successRate: def.canary.analysis?.successRate ?? 0.99,
              interval: def.canary.analysis?.interval ?? '1m',
              failureLimit: def.canary.analysis?.failureLimit ?? 1,
            },
            ...(def.canary.host !== undefined ? { host: def.canary.host } : {}),
          },
        }
        : {}),
      ...(def.delivery === 'karmada'
        ? {
          karmada: {
            weightBy: def.karmada?.weightBy ?? 'region',
            weights: { ...def.karmada?.weights },
            clusterSelector: { ...def.karmada?.clusterSelector },
            failover: {
              unreachableAfterSeconds: def.karmada?.failover?.unreachableAfterSeconds ?? 60,
              notReadyAfterSeconds: def.karmada?.failover?.notReadyAfterSeconds ?? 300,
            },
            overrides: (def.karmada?.overrides ?? []).map((o) => ({ ...o, match: { ...o.match } })),
          },
        }
        : {}),
    }))
    .sort((a, b) => compareText(a.name, b.name));
}

/** The optional generator fields of an app, copied into the model. */
export function appDelivery(def: ParsedDefinition['apps'][number]['def']): Partial<App> {
  return {
    ...(def.clusters ? { clusters: [...def.clusters].sort(compareText) } : {}),
    ...(def.clusterSelector ? { clusterSelector: def.clusterSelector } : {}),
    ...(def.services ? { services: [...def.services] } : {}),
    ...(def.serviceDirectories ? { serviceDirectories: def.serviceDirectories } : {}),
    ...(def.previews ? { previews: def.previews } : {}),
  };
}

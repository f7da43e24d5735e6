/**
 * Delivery rules: waves (every cluster in exactly one, none empty), upgrades
 * (one minor at a time, no downgrade), and services.
 */
import { isAddonName } from '../addons/names';
import type { RuleContext } from '../rules/context';
import { formatVersion, isVersion, parseKubernetesVersion } from '../rules/version';
import type { KubernetesVersion } from '../types';
import { planWaves, rolloutValue, rolloutValuePath, type WavePlan } from './waves';
import { registrationLabels } from '../registration-labels';

/** Names listed in one message before the rest is counted ("a, b, c, d, e and 7 more"). */
const LISTED_NAMES = 5;

export function checkRollout(context: RuleContext): void {
  const { parsed, clusters, problems } = context;
  if (!parsed.environments) return;
  const plan = planWaves(parsed, clusters);
  if (plan.by === 'rollout-tier' && !plan.declared) {
    const tiers = [...new Set(clusters.map((c) => c.rolloutTier))].sort();
    problems.missing(
      'rollout.waves',
      `waves by rollout tier have no default order: list them in rollout order, e.g. [${tiers.map((t) => `{ name: "${t}", values: ["${t}"] }`).join(', ')}]`,
    );
    return;
  }
  checkWaves(context, plan);
  // Clusters whose value comes from the same field (their environment's rolloutTier) share one message.
  const outside = new Grouped();
  for (const c of clusters) {
    if (c.envResolved && !plan.membership.has(c.path)) outside.add(`${rolloutValuePath(c, plan.by)}|${rolloutValue(c, plan.by)}`, c.def.name);
  }
  for (const [key, names] of outside.entries()) {
    const [path, value] = key.split('|') as [string, string];
    problems.at(path, value, `is in no rollout wave, so changes would never reach ${listNames(names)}`, `add ${JSON.stringify(value)} to a wave in rollout.waves`);
  }
  checkUpgrade(context, plan);
}

/** Declared waves: unique names, values that select clusters, each value in one wave only. */
function checkWaves({ parsed, problems }: RuleContext, plan: WavePlan): void {
  if (!plan.declared) return;
  const dimension = plan.by === 'environment' ? 'environment' : 'rollout tier';
  const names = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const wave of plan.waves) {
    const first = names.get(wave.def.name);
    if (first) problems.at(`${wave.path}.name`, wave.def.name, `is already the name of ${first}`, 'give every wave its own name');
    else names.set(wave.def.name, wave.path);
    wave.def.values.forEach((value, i) => {
      const path = `${wave.path}.values[${i}]`;
      const other = seen.get(value);
      if (other === wave.index) {
        problems.at(path, value, `is listed twice in ${wave.path}`, 'remove one');
        return;
      }
      if (other !== undefined) {
        const earlier = plan.waves[other]!;
        const affected = wave.clusters.filter((c) => rolloutValue(c, plan.by) === value).map((c) => c.def.name);
        const effect = affected.length > 0 ? `, which would put ${listNames(affected)} in two waves` : '';
        problems.at(path, value, `is also in ${earlier.path} (${earlier.def.name})${effect}`, `keep ${JSON.stringify(value)} in one wave only`);
        return;
      }
      seen.set(value, wave.index);
      if (plan.by === 'environment' && !parsed.environmentNames.includes(value)) {
        problems.at(path, value, 'is not a declared environment', `use one of ${parsed.environmentNames.map((n) => JSON.stringify(n)).join(', ')}`);
      }
    });
    const known = plan.by === 'rollout-tier' || wave.def.values.every((v) => parsed.environmentNames.includes(v));
    if (wave.clusters.length === 0 && known) {
      problems.at(
        `${wave.path}.values`,
        wave.def.values,
        `selects no cluster (no cluster has ${dimension} ${wave.def.values.map((v) => JSON.stringify(v)).join(' or ')})`,
        'remove the wave, or fix its values',
      );
    }
  }
}

/**
 * The upgrade: `throughWave` names a wave; for every cluster of the waves up
 * to it, the target is not older than the cluster's own version and at most
 * one minor above it; kubeadm clusters need a patch release. Clusters with the
 * same problem share one message.
 */
function checkUpgrade({ parsed, problems }: RuleContext, plan: WavePlan): void {
  const upgrade = parsed.rollout?.upgrade;
  if (!upgrade) return;
  const through = plan.waves.findIndex((w) => w.def.name === upgrade.throughWave);
  if (through < 0) {
    problems.at('rollout.upgrade.throughWave', upgrade.throughWave, 'is not a wave', `use one of ${plan.waves.map((w) => JSON.stringify(w.def.name)).join(', ')}`);
    return;
  }
  const target = parseKubernetesVersion(upgrade.kubernetesVersion);
  if (!isVersion(target)) return; // reported by the schema
  const older = new Grouped();
  const skewed = new Grouped();
  const kubeadm: string[] = [];
  for (const wave of plan.waves.slice(0, through + 1)) {
    for (const c of wave.clusters) {
      if (c.def.provider.kind === 'existing') continue; // upgraded outside fleetwright
      const source = c.kubernetesVersion;
      const own = source ? parseKubernetesVersion(source.value) : undefined;
      if (!source || !own || !isVersion(own)) continue; // reported by the provider rules
      if (isOlder(target, own)) older.add(`${source.value}|${source.path}`, c.def.name);
      else if (target.minor - own.minor > 1) skewed.add(`${source.value}|${source.path}|${own.minor}`, c.def.name);
      const kind = c.def.provider.kind;
      if ((kind === 'capi-aws' || kind === 'capi-docker') && target.patch === undefined) kubeadm.push(`${c.def.name} on "${kind}"`);
    }
  }
  const path = 'rollout.upgrade.kubernetesVersion';
  const value = upgrade.kubernetesVersion;
  for (const [key, names] of older.entries()) {
    const [version, from] = key.split('|');
    problems.at(path, value, `is older than the ${version} of ${listNames(names)} (${from}): Kubernetes does not downgrade`, `target ${version} or newer`);
  }
  for (const [key, names] of skewed.entries()) {
    const [version, from, ownMinor] = key.split('|');
    problems.at(
      path,
      value,
      `is ${target.minor - Number(ownMinor)} minor versions above the ${version} of ${listNames(names)} (${from}): the version-skew policy allows one minor at a time`,
      `upgrade to 1.${Number(ownMinor) + 1} first`,
    );
  }
  if (kubeadm.length > 0) {
    problems.at(path, value, `has no patch release, which kubeadm needs (${listNames(kubeadm)})`, `write the full version, e.g. "${formatVersion({ ...target, patch: 0 })}"`);
  }
}

/** Older as kubeadm sees it: a lower minor, or the same minor with a lower patch (EKS versions have none). */
function isOlder(target: KubernetesVersion, own: KubernetesVersion): boolean {
  if (target.minor !== own.minor) return target.minor < own.minor;
  return target.patch !== undefined && own.patch !== undefined && target.patch < own.patch;
}

/** Cluster names grouped by a key, in insertion order. */
class Grouped {
  private readonly groups = new Map<string, string[]>();
  add(key: string, name: string): void {
    const names = this.groups.get(key);
    if (names) names.push(name);
    else this.groups.set(key, [name]);
  }
  entries(): [string, string[]][] {
    return [...this.groups];
  }
}

/** `a`, `a and b`, `a, b and c`, `a, b, c, d, e and 7 more`. */
export function listNames(names: readonly string[]): string {
  const shown = names.slice(0, names.length > LISTED_NAMES + 1 ? LISTED_NAMES : names.length);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** Services: unique names, known environments, a placement Karmada can compute. */
export function checkServices({ parsed, clusters, problems }: RuleContext): void {
  const taken = new Map<string, string>(parsed.apps.map((a) => [a.def.name, a.path]));
  for (const s of parsed.services) {
    const { def, path } = s;
    const first = taken.get(def.name);
    if (first) problems.at(`${path}.name`, def.name, `is already the name of ${first}`, 'give every app and service its own name');
    else taken.set(def.name, path);
    if (isAddonName(def.name)) problems.at(`${path}.name`, def.name, 'is the name of an add-on, so their Applications would clash', 'rename the service');
    def.environments?.forEach((env, i) => {
      if (parsed.environments && !parsed.environmentNames.includes(env)) {
        problems.at(`${path}.environments[${i}]`, env, 'is not a declared environment', `use one of ${parsed.environmentNames.map((n) => JSON.stringify(n)).join(', ')}`);
      }
    });
    const steps = def.canary?.steps ?? [];
    steps.forEach((step, i) => {
      if (i > 0 && step <= steps[i - 1]!) problems.at(`${path}.canary.steps[${i}]`, step, `is not above the step before it (${steps[i - 1]})`, 'list increasing traffic weights, e.g. [5, 10, 30, 60]');
    });
    const delivery = def.delivery ?? 'argocd';
    if (delivery === 'argocd' && def.karmada) problems.at(`${path}.karmada`, def.karmada, 'is set, but the service is delivered by Argo CD', 'set delivery: "karmada", or remove karmada');
    if (delivery === 'karmada') {
      if (def.canary) problems.at(`${path}.canary`, def.canary, 'is set, but Karmada propagates plain Deployments', 'deliver canaries with Argo CD (delivery: "argocd"), or remove canary');
      // No weights ({}) means equal weights; weights that are all zero are a mistake.
      const weights = def.karmada?.weights;
      if (weights && Object.keys(weights).length > 0 && Object.values(weights).reduce((a, b) => a + b, 0) === 0) {
        problems.at(`${path}.karmada.weights`, weights, 'sum to zero, so Karmada would ignore them and spread the replicas equally', 'give at least one value a positive weight, or leave weights out for an equal spread');
      }
      if (weights) {
        const key = def.karmada?.weightBy ?? 'region';
        const envs = def.environments ?? parsed.environmentNames;
        const values = new Set(clusters.filter((c) => c.envResolved && envs.includes(c.def.environment) && !c.def.standby).map((c) => registrationLabels(c, parsed.name ?? '')[key]));
        for (const value of Object.keys(weights)) {
          if (!values.has(value)) problems.at(`${path}.karmada.weights["${value}"]`, weights[value], `weighs ${key}=${value}, which no cluster of the service has`, `use values of the service's clusters: ${[...values].filter((v) => v !== undefined).sort().map((v) => JSON.stringify(v)).join(', ')}`);
        }
      }
    }
  }
}

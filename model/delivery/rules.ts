/**
 * Delivery rules: waves (every cluster in exactly one, none empty), upgrades
 * (one minor at a time, no downgrade), and services.
 */
import { isAddonName } from '../addons/names';
import type { RuleContext } from '../rules/context';
import { isVersion, parseKubernetesVersion } from '../rules/version';
import { planWaves, rolloutValue } from './waves';

export function checkRollout(context: RuleContext): void {
  const { parsed, clusters, problems } = context;
  if (!parsed.environments) return;
  const plan = planWaves(parsed, clusters);
  const dimension = plan.by === 'environment' ? 'environment' : 'rolloutTier';
  const names = new Map<string, string>();
  for (const wave of plan.waves) {
    const first = names.get(wave.def.name);
    if (first) problems.at(`${wave.path}.name`, wave.def.name, `is already the name of ${first}`, 'give every wave its own name');
    else names.set(wave.def.name, wave.path);
    // Default waves follow the environments; an environment without clusters is fine.
    if (wave.clusters.length === 0 && parsed.rollout?.waves) {
      problems.at(
        `${wave.path}.values`,
        wave.def.values,
        `selects no cluster (no cluster has ${plan.by === 'environment' ? 'environment' : 'rollout tier'} ${wave.def.values.map((v) => JSON.stringify(v)).join(' or ')})`,
        'remove the wave, or fix its values',
      );
    }
  }
  for (const c of clusters) {
    if (!c.envResolved) continue;
    const member = plan.membership.get(c.path) ?? [];
    const value = rolloutValue(c, plan.by);
    if (member.length === 0) {
      problems.at(`${c.path}.${dimension}`, value, 'is in no rollout wave, so changes would never reach this cluster', `add ${JSON.stringify(value)} to a wave in rollout.waves`);
    } else if (member.length > 1) {
      const waves = member.map((i) => `${plan.waves[i]!.path} (${plan.waves[i]!.def.name})`);
      problems.at(`${c.path}.${dimension}`, value, `puts ${c.def.name} in two waves: ${waves.join(' and ')}`, `keep ${JSON.stringify(value)} in one wave only`);
    }
  }
  checkUpgrade(context, plan);
}

function checkUpgrade({ parsed, problems }: RuleContext, plan: ReturnType<typeof planWaves>): void {
  const upgrade = parsed.rollout?.upgrade;
  if (!upgrade) return;
  const through = plan.waves.findIndex((w) => w.def.name === upgrade.throughWave);
  if (through < 0) {
    problems.at('rollout.upgrade.throughWave', upgrade.throughWave, 'is not a wave', `use one of ${plan.waves.map((w) => JSON.stringify(w.def.name)).join(', ')}`);
    return;
  }
  const target = parseKubernetesVersion(upgrade.kubernetesVersion);
  if (!isVersion(target)) return; // reported by the schema
  for (const wave of plan.waves.slice(0, through + 1)) {
    for (const c of wave.clusters) {
      const own = c.kubernetesVersion ? parseKubernetesVersion(c.kubernetesVersion.value) : undefined;
      if (!own || !isVersion(own)) continue;
      if (target.minor < own.minor) {
        problems.at('rollout.upgrade.kubernetesVersion', upgrade.kubernetesVersion, `is older than ${c.def.name}'s ${c.kubernetesVersion!.value} (${c.kubernetesVersion!.path}): Kubernetes does not downgrade`, 'target a newer version');
      } else if (target.minor - own.minor > 1) {
        problems.at(
          'rollout.upgrade.kubernetesVersion',
          upgrade.kubernetesVersion,
          `is ${target.minor - own.minor} minor versions above ${c.def.name}'s ${c.kubernetesVersion!.value}: the version-skew policy allows one minor at a time`,
          `upgrade to 1.${own.minor + 1} first`,
        );
      }
      const kubeadm = c.def.provider.kind === 'capi-aws' || c.def.provider.kind === 'capi-docker';
      if (kubeadm && target.patch === undefined) {
        problems.at('rollout.upgrade.kubernetesVersion', upgrade.kubernetesVersion, `has no patch release, which kubeadm needs (${c.def.name}, provider "${c.def.provider.kind}")`, `write the full version, e.g. "1.${target.minor}.0"`);
      }
    }
  }
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
      const weights = def.karmada?.weights;
      if (weights && Object.values(weights).reduce((a, b) => a + b, 0) === 0) {
        problems.at(`${path}.karmada.weights`, weights, 'sum to zero, so Karmada could place no replica', 'give at least one value a positive weight');
      }
      if (weights) {
        const key = def.karmada?.weightBy ?? 'region';
        const envs = def.environments ?? parsed.environmentNames;
        const values = new Set(clusters.filter((c) => envs.includes(c.def.environment) && !c.def.standby).map((c) => labelOf(c, key)));
        for (const value of Object.keys(weights)) {
          if (!values.has(value)) problems.at(`${path}.karmada.weights["${value}"]`, weights[value], `weighs ${key}=${value}, which no cluster of the service has`, `use values of the service's clusters: ${[...values].filter((v) => v !== undefined).sort().map((v) => JSON.stringify(v)).join(', ')}`);
        }
      }
    }
  }
}

function labelOf(c: Parameters<typeof rolloutValue>[0], key: string): string | undefined {
  if (key === 'region') return c.region?.value;
  if (key === 'env') return c.def.environment;
  if (key === 'rollout-tier') return c.rolloutTier;
  if (key === 'tier') return c.tier;
  return c.labels.get(key)?.value;
}

/**
 * Rules for services Karmada propagates (`delivery: 'karmada'`): a placement
 * that selects clusters, weights that give every selected cluster a share on
 * purpose, overrides that apply somewhere, and names Karmada and Argo CD
 * accept. (Weights summing to zero and weights of values no cluster has are
 * checked with the other service rules in `rules.ts`.)
 *
 * Replicas below the number of weighted clusters are not a problem: Karmada
 * then gives some clusters none, which the replica report shows.
 */
import { compareText } from '../compare';
import { ClusterLabel } from '../contract';
import { registrationLabels } from '../registration-labels';
import type { RuleContext } from '../rules/context';

/**
 * Longest member cluster name Karmada accepts: it names each member's
 * execution namespace `karmada-es-<cluster>` (`ValidateClusterName`).
 */
export const KARMADA_CLUSTER_NAME_MAX = 48;

/** The cluster name under which the hub's Argo CD reaches Karmada's API server. */
export const KARMADA_ARGOCD_CLUSTER = 'karmada';

/** At most five names (sorted), then how many more. */
function names(list: readonly string[]): string {
  const sorted = [...list].sort(compareText);
  return sorted.length <= 5 ? sorted.join(', ') : `${sorted.slice(0, 5).join(', ')} and ${sorted.length - 5} more`;
}

const matches = (labels: Readonly<Record<string, string>>, selector: Readonly<Record<string, string>>): boolean =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

export function checkKarmada({ parsed, clusters, problems }: RuleContext): void {
  const services = parsed.services.filter((s) => s.def.delivery === 'karmada');
  if (services.length === 0 || !parsed.environments) return;
  const first = services[0]!.path;
  if (parsed.hub?.name === KARMADA_ARGOCD_CLUSTER) {
    problems.at('hub.name', parsed.hub.name, `is the name Argo CD gives Karmada's API server (${first} is delivered by Karmada)`, 'rename the hub');
  }
  for (const c of clusters) {
    if (c.def.name === KARMADA_ARGOCD_CLUSTER) {
      problems.at(`${c.path}.name`, c.def.name, `is the name Argo CD gives Karmada's API server (${first} is delivered by Karmada)`, 'rename the cluster');
    }
  }
  const labelled = clusters.filter((c) => c.envResolved && !c.def.standby).map((c) => ({ c, labels: registrationLabels(c, parsed.name ?? '') }));
  const tooLong = new Set<string>();
  for (const { def, path } of services) {
    const envs = def.environments ?? parsed.environmentNames;
    if (envs.some((env) => !parsed.environmentNames.includes(env))) continue; // reported with the service rules
    const selector = def.karmada?.clusterSelector ?? {};
    const members = labelled.filter(({ c, labels }) => envs.includes(c.def.environment) && matches(labels, selector));
    if (members.length === 0) {
      const where = `environments ${envs.map((e) => JSON.stringify(e)).join(', ')} (standbys excluded)`;
      if (def.karmada?.clusterSelector) {
        problems.at(`${path}.karmada.clusterSelector`, selector, `selects none of the clusters of ${where}, so Karmada would run ${def.name} nowhere`, "use labels of the clusters meant to run it, or widen the service's environments");
      } else {
        problems.at(`${path}.environments`, envs, `hold no cluster Karmada could propagate ${def.name} to (standbys excluded)`, 'add a cluster to these environments, or choose others');
      }
      continue;
    }
    checkWeights(path, def.karmada, members.map(({ c, labels }) => ({ name: c.def.name, labels })), problems);
    (def.karmada?.overrides ?? []).forEach((override, i) => {
      if (Object.keys(override.match).length === 0) {
        problems.at(`${path}.karmada.overrides[${i}].match`, override.match, `is empty, so the override would apply to every cluster of ${def.name}`, 'give the labels of the clusters it is for, or change the service itself');
      } else if (!members.some(({ labels }) => matches(labels, override.match))) {
        problems.at(
          `${path}.karmada.overrides[${i}].match`,
          override.match,
          `matches none of ${def.name}'s clusters (${names(members.map(({ c }) => c.def.name))}), so the override would never apply`,
          'use labels of the clusters it is meant for',
        );
      }
    });
    for (const { c } of members) {
      if (c.def.name.length > KARMADA_CLUSTER_NAME_MAX && !tooLong.has(c.path)) {
        tooLong.add(c.path);
        problems.at(
          `${c.path}.name`,
          c.def.name,
          `is ${c.def.name.length} characters, over Karmada's limit of ${KARMADA_CLUSTER_NAME_MAX} for member clusters (${path} propagates to it)`,
          `shorten the cluster name by ${c.def.name.length - KARMADA_CLUSTER_NAME_MAX} characters`,
        );
      }
    }
  }
}

type Placement = NonNullable<RuleContext['parsed']['services'][number]['def']['karmada']>;

/** Every member must get a share on purpose: a weight for its value (0 to keep it empty), and one of them a positive weight. */
function checkWeights(path: string, placement: Placement | undefined, members: readonly { name: string; labels: Readonly<Record<string, string>> }[], problems: RuleContext['problems']): void {
  const weights = placement?.weights;
  if (!weights || Object.keys(weights).length === 0) return; // equal weights
  if (Object.values(weights).every((w) => w === 0)) return; // reported by checkServices
  const key = placement.weightBy ?? ClusterLabel.region;
  const weightOf = (labels: Readonly<Record<string, string>>): number | undefined => {
    const value = labels[key];
    return value !== undefined && Object.hasOwn(weights, value) ? weights[value] : undefined;
  };
  if (!members.some((m) => (weightOf(m.labels) ?? 0) > 0)) {
    problems.at(
      `${path}.karmada.weights`,
      weights,
      `gives none of the service's clusters (${names(members.map((m) => m.name))}) a positive weight, so Karmada would ignore the weights and spread the replicas equally`,
      `give the ${key} of at least one of them a positive weight`,
    );
    return;
  }
  const unlabelled = members.filter((m) => m.labels[key] === undefined).map((m) => m.name);
  if (unlabelled.length > 0) {
    problems.at(`${path}.karmada.weightBy`, key, `is not a label of ${names(unlabelled)}, so Karmada would give ${unlabelled.length === 1 ? 'it' : 'them'} no replica`, 'weigh by a label every cluster of the service has, e.g. "region"');
  }
  const unweighed = new Map<string, string[]>();
  for (const m of members) {
    const value = m.labels[key];
    if (value !== undefined && weightOf(m.labels) === undefined) unweighed.set(value, [...(unweighed.get(value) ?? []), m.name]);
  }
  for (const [value, clusters] of [...unweighed].sort(([a], [b]) => compareText(a, b))) {
    problems.at(
      `${path}.karmada.weights`,
      weights,
      `has no weight for ${key} "${value}" of ${names(clusters)}, so Karmada would give ${clusters.length === 1 ? 'it' : 'them'} no replica`,
      `add a weight for "${value}" (0 keeps it empty on purpose), or leave ${clusters.length === 1 ? 'it' : 'them'} out with karmada.clusterSelector`,
    );
  }
}

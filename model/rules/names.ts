/** Names: unique, not reserved, and short enough for the names derived from them. */
import { limitedNames, Names } from '../names';
import type { RuleContext } from './context';
import * as syntax from './syntax';

/** Argo CD projects are named after environments; these names are taken. */
const RESERVED_ENVIRONMENTS = ['hub', 'default'];

export function checkNames({ parsed, clusters, problems }: RuleContext): void {
  const seen = new Map<string, string>();
  for (const { name, path } of parsed.identities) {
    if (name === undefined) continue;
    const first = seen.get(name);
    if (first === 'hub') {
      problems.at(`${path}.name`, name, "is the hub's name (hub.name): the hub cannot also be a spoke", 'rename this cluster, or remove it from clusters');
    } else if (first !== undefined) {
      problems.at(`${path}.name`, name, `is already the name of ${first}`, 'give every cluster a unique name');
    } else {
      seen.set(name, path);
    }
  }
  for (const c of clusters) {
    const name = c.def.name;
    const addons = [...c.addons].filter(([, m]) => m.enabled).map(([addon]) => addon);
    // Report the longest overrun only, so one fix (shorten by N) clears every derived name.
    let worst: { what: string; name: string; over: number; max: number } | undefined;
    for (const derived of limitedNames(name, c.nodePools.value.map((p) => p.name), addons)) {
      const over = derived.name.length - derived.max;
      if (over > 0 && (worst === undefined || over > worst.over)) worst = { what: derived.what, name: derived.name, over, max: derived.max };
    }
    if (worst) {
      problems.at(
        `${c.path}.name`,
        name,
        `makes the ${worst.what} name "${worst.name}" ${worst.name.length} characters long, over the limit of ${worst.max}`,
        `shorten the cluster name by ${worst.over} characters`,
      );
    }
  }

  const eksNames = new Map<string, string>();
  for (const c of clusters) {
    const p = c.def.provider;
    if ((p.kind === 'capi-aws-eks' || p.kind === 'pulumi-eks') && parsed.name !== undefined) {
      const eks = p.eksClusterName ?? Names.eksCluster(parsed.name, c.def.name);
      const issue = syntax.eksClusterName(eks);
      if (p.eksClusterName === undefined && issue) {
        problems.at(`${c.path}.provider.eksClusterName`, eks, `(the default, from the fleet and cluster names) ${issue[0]}`, 'set provider.eksClusterName');
      }
      const key = `${c.region?.value ?? ''}/${eks}`;
      const other = eksNames.get(key);
      if (other) problems.at(`${c.path}.provider.eksClusterName`, eks, `is also the EKS cluster name of ${other} in the same region`, 'set a distinct provider.eksClusterName');
      else eksNames.set(key, c.path);
    }
  }

  for (const env of parsed.environmentNames) {
    const path = `environments.${env}`;
    const issue = syntax.dnsLabel(env, 40);
    if (issue) problems.at(path, env, `(an environment name) ${issue[0]}`, issue[1]);
    else if (RESERVED_ENVIRONMENTS.includes(env)) problems.at(path, env, 'is reserved (it names an Argo CD project)', `rename the environment; ${RESERVED_ENVIRONMENTS.map((n) => `"${n}"`).join(' and ')} are taken`);
  }
  if (parsed.environments && parsed.environmentNames.length === 0) {
    problems.at('environments', {}, 'has no environments', 'declare at least one, e.g. { dev: {}, prod: { tier: "production" } }');
  }
  for (const c of clusters) {
    if (parsed.environments && !parsed.environmentNames.includes(c.def.environment)) {
      problems.at(
        `${c.path}.environment`,
        c.def.environment,
        'is not a declared environment',
        `use one of ${parsed.environmentNames.map((n) => JSON.stringify(n)).join(', ') || '(none declared)'} or add it to environments`,
      );
    }
  }
}

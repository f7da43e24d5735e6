/** What every cross-field rule sees. */
import type { HubDefinition, NetworkDefinition, NodePoolDefinition, ProviderDefinition } from '../definition';
import type { MergedCluster, Sourced } from '../merge';
import type { ParsedDefinition } from '../parse';
import type { Problems } from '../problems';

export interface RuleContext {
  readonly parsed: ParsedDefinition;
  readonly clusters: readonly MergedCluster[];
  readonly problems: Problems;
}

/** The facts the provider and network rules need, for the hub and the spokes alike. */
export interface ClusterFacts {
  readonly name: string;
  /** `hub` or `clusters[3]` */
  readonly path: string;
  readonly provider: ProviderDefinition;
  readonly region?: Sourced<string>;
  readonly kubernetesVersion?: Sourced<string>;
  readonly nodePools: Sourced<readonly NodePoolDefinition[]>;
  readonly network: NetworkDefinition;
  /** Where a missing default could be set, e.g. `environments.prod`; undefined for the hub. */
  readonly envPath?: string;
  /** False when the environment's defaults are unknown (unknown or broken environment): missing values are not reported. */
  readonly defaultsKnown: boolean;
}

export function clusterFacts(context: RuleContext): ClusterFacts[] {
  const facts: ClusterFacts[] = [];
  const hub: HubDefinition | undefined = context.parsed.hub;
  if (hub) {
    facts.push({
      name: hub.name,
      path: 'hub',
      provider: hub.provider,
      region: { value: hub.region, path: 'hub.region' },
      kubernetesVersion: { value: hub.kubernetesVersion, path: 'hub.kubernetesVersion' },
      nodePools: { value: hub.nodePools ?? [], path: 'hub.nodePools' },
      network: hub.network,
      defaultsKnown: true,
    });
  }
  for (const c of context.clusters) {
    facts.push({
      name: c.def.name,
      path: c.path,
      provider: c.def.provider,
      region: c.region,
      kubernetesVersion: c.kubernetesVersion,
      nodePools: c.nodePools,
      network: c.def.network,
      envPath: c.env ? c.envPath : undefined,
      defaultsKnown: c.envResolved,
    });
  }
  return facts;
}

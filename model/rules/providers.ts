/** Provider requirements that depend on merged values (region, version, node pools). */
import type { ProviderDefinition } from '../definition';
import type { Problems } from '../problems';
import { clusterFacts, type ClusterFacts, type RuleContext } from './context';
import * as syntax from './syntax';
import { isVersion, parseKubernetesVersion } from './version';

const AWS_KINDS = new Set(['capi-aws', 'capi-aws-eks', 'pulumi-eks']);
const KUBEADM_KINDS = new Set(['capi-aws', 'capi-docker']);
const EKS_KINDS = new Set(['capi-aws-eks', 'pulumi-eks']);

export function checkProviders(context: RuleContext): void {
  const { problems, parsed } = context;
  for (const facts of clusterFacts(context)) {
    checkRegion(facts, problems);
    checkVersion(facts, problems);
    checkNodePools(facts, problems);
  }
  // Spokes on EKS need a role for the hub's Argo CD.
  const hubRole = parsed.hub?.argocd?.awsRoleArn;
  for (const c of context.clusters) {
    const role = argocdRole(c.def.provider);
    if (role.needed && role.value === undefined && hubRole === undefined && parsed.hub) {
      problems.missing(
        `${c.path}.provider${role.field}`,
        `Argo CD on the hub authenticates to EKS with an IAM role: set ${c.path}.provider${role.field} or hub.argocd.awsRoleArn`,
      );
    }
  }
}

function argocdRole(p: ProviderDefinition): { needed: boolean; value?: string; field: string } {
  if (p.kind === 'capi-aws-eks' || p.kind === 'pulumi-eks') return { needed: true, value: p.argocdRoleArn, field: '.argocdRoleArn' };
  if (p.kind === 'existing' && p.auth.kind === 'aws-iam') return { needed: true, value: p.auth.argocdRoleArn, field: '.auth.argocdRoleArn' };
  return { needed: false, field: '' };
}

function whereToSet(facts: ClusterFacts, field: string): string {
  return facts.envPath ? `set ${facts.path}.${field} or ${facts.envPath}.${field}` : `set ${facts.path}.${field}`;
}

function checkRegion(facts: ClusterFacts, problems: Problems): void {
  if (!facts.region) {
    if (facts.defaultsKnown) problems.missing(`${facts.path}.region`, `${whereToSet(facts, 'region')}`);
    return;
  }
  if (AWS_KINDS.has(facts.provider.kind)) {
    const issue = syntax.awsRegion(facts.region.value);
    if (issue) problems.at(facts.region.path, facts.region.value, `${issue[0]} (provider "${facts.provider.kind}" of ${facts.name} runs on AWS)`, issue[1]);
  }
}

function checkVersion(facts: ClusterFacts, problems: Problems): void {
  const source = facts.kubernetesVersion;
  if (!source) {
    if (facts.defaultsKnown) problems.missing(`${facts.path}.kubernetesVersion`, whereToSet(facts, 'kubernetesVersion'));
    return;
  }
  const version = parseKubernetesVersion(source.value);
  if (!isVersion(version)) return; // reported by the schema
  const kind = facts.provider.kind;
  if (KUBEADM_KINDS.has(kind) && version.patch === undefined) {
    problems.at(source.path, source.value, `has no patch release, which kubeadm needs (provider "${kind}" of ${facts.name})`, `write the full version, e.g. "1.${version.minor}.0"`);
  }
  if (EKS_KINDS.has(kind) && version.patch !== undefined) {
    problems.at(source.path, source.value, `has a patch release, but EKS picks the patch itself (provider "${kind}" of ${facts.name})`, `write "1.${version.minor}"`);
  }
}

function checkNodePools(facts: ClusterFacts, problems: Problems): void {
  const { value: pools, path } = facts.nodePools;
  const kind = facts.provider.kind;
  if (pools.length === 0 && kind !== 'existing' && facts.defaultsKnown) {
    problems.missing(`${facts.path}.nodePools`, `provider "${kind}" needs at least one node pool: ${whereToSet(facts, 'nodePools')}`);
  }
  const names = new Set<string>();
  pools.forEach((pool, i) => {
    const poolPath = `${path}[${i}]`;
    if (names.has(pool.name)) problems.at(`${poolPath}.name`, pool.name, 'is used by another node pool of the same cluster', 'give each node pool a unique name');
    names.add(pool.name);
    if (AWS_KINDS.has(kind) && pool.instanceType === undefined) {
      problems.missing(`${poolPath}.instanceType`, `provider "${kind}" of ${facts.name} runs on EC2: set an instance type like "m6i.xlarge"`);
    }
    if (kind === 'capi-docker' && pool.instanceType !== undefined) {
      // Inherited from the environment, the pool may be right for its other clusters: the fix is here.
      const inherited = !path.startsWith(`${facts.path}.`);
      problems.at(
        `${poolPath}.instanceType`,
        pool.instanceType,
        `means nothing to provider "capi-docker" of ${facts.name}`,
        inherited ? `give ${facts.path} its own nodePools, without instanceType` : 'remove it',
      );
    }
    if (pool.autoscaling) {
      const { min, max } = pool.autoscaling;
      if (min > max) problems.at(`${poolPath}.autoscaling`, pool.autoscaling, 'has min above max', 'make min ≤ max');
      const replicas = pool.replicas ?? 2;
      if (replicas < min || replicas > max) {
        problems.at(`${poolPath}.replicas`, replicas, `lies outside autoscaling ${min}..${max}`, `use a value from ${min} to ${max}`);
      }
    }
  });
}

/**
 * Turns zod issues into fleetwright problems: path, value, what is wrong and
 * the fix, in the same form as the cross-field rules.
 */
import type { z } from 'zod';
import { formatPath, formatValue, type Problems } from './problems';

/** Every field name the definition knows, for "did you mean" hints. */
const KNOWN_FIELDS = [
  'name', 'repo', 'hub', 'environments', 'clusters', 'apps', 'url', 'revision', 'path', 'region', 'provider',
  'kubernetesVersion', 'network', 'nodePools', 'labels', 'argocd', 'namespace', 'awsRoleArn', 'clusterApi',
  'registration', 'secretStore', 'externalSecretsNamespace', 'environment', 'tier', 'rolloutTier', 'addons',
  'protected', 'podCidr', 'serviceCidr', 'kind', 'vpcCidr', 'controlPlane', 'replicas', 'instanceType',
  'sshKeyName', 'eksClusterName', 'argocdRoleArn', 'publicEndpoint', 'existingVpc', 'vpcId', 'privateSubnetIds',
  'publicSubnetIds', 'server', 'auth', 'caData', 'autoscaling', 'min', 'max', 'diskSizeGiB', 'taints', 'key',
  'value', 'effect', 'repoUrl', 'delivery',
];

/** Where fields that are often written one level too high belong. */
const NESTED: Record<string, string> = {
  podCidr: 'network', serviceCidr: 'network', vpcCidr: 'provider', controlPlane: 'provider', eksClusterName: 'provider',
  argocdRoleArn: 'provider', sshKeyName: 'provider', publicEndpoint: 'provider', existingVpc: 'provider', server: 'provider',
  caData: 'provider.auth', instanceType: 'a node pool (nodePools[])', replicas: 'a node pool (nodePools[])',
  autoscaling: 'a node pool (nodePools[])', taints: 'a node pool (nodePools[])', revision: 'repo',
  delivery: 'its environment (environments.<name>.delivery), which decides for all its clusters',
};

export function reportZodIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[], problems: Problems): void {
  for (const issue of issues) {
    const segments = [...prefix, ...issue.path];
    const path = formatPath(segments);
    const input = (issue as { input?: unknown }).input;
    switch (issue.code) {
      case 'custom':
        problems.add(path, `${path} ${issue.message}`);
        break;
      case 'invalid_type':
        if (input === undefined) problems.missing(path, `add it (${article(issue.expected)})`);
        else problems.at(path, input, `is ${article(describe(input))}, expected ${article(issue.expected)}`, typeFix(issue.expected, input));
        break;
      case 'invalid_value':
        if (input === undefined) problems.missing(path, `set one of ${issue.values.map(formatValue).join(', ')}`);
        else problems.at(path, input, 'is not an accepted value', `use one of ${issue.values.map(formatValue).join(', ')}`);
        break;
      case 'invalid_union': {
        const options = (issue as { options?: unknown[] }).options;
        const discriminator = (issue as { discriminator?: string }).discriminator;
        if (options && discriminator) {
          const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[discriminator] : undefined;
          const fix = `use one of ${options.map(formatValue).join(', ')}`;
          if (value === undefined) problems.missing(path, fix);
          else problems.at(path, value, `is not a known ${discriminator}`, fix);
        } else {
          problems.at(path, input, 'does not match any accepted form', 'see the field documentation');
        }
        break;
      }
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const keyPath = formatPath([...segments, key]);
          const home = NESTED[key];
          const guess = closest(key);
          if (home && guess === key) problems.add(keyPath, `${keyPath} is not a field at this level; move it into ${home}`);
          else problems.add(keyPath, `${keyPath} is not a known field; ${guess && guess !== key ? `did you mean "${guess}"?` : 'remove it'}`);
        }
        break;
      case 'too_small':
        if (issue.origin === 'array') problems.at(path, input, `has fewer than ${issue.minimum} item(s)`, `add at least ${issue.minimum}`);
        else problems.at(path, input, `is below the minimum ${issue.minimum}`, `use ${issue.minimum} or more`);
        break;
      case 'too_big':
        problems.at(path, input, `is above the maximum ${issue.maximum}`, `use ${issue.maximum} or less`);
        break;
      default:
        problems.at(path, input, issue.message, 'see the field documentation');
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isInteger(value)) return 'fraction';
  return typeof value;
}

function article(noun: string): string {
  const word = noun === 'int' ? 'whole number' : noun;
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

function typeFix(expected: string, input: unknown): string {
  if ((expected === 'number' || expected === 'int') && typeof input === 'string' && /^\d+$/.test(input)) {
    return `write ${input} without quotes`;
  }
  if (expected === 'int' && typeof input === 'number') return `use a whole number such as ${Math.round(input)}`;
  if (expected === 'string' && (typeof input === 'number' || typeof input === 'boolean')) {
    return `quote it: "${String(input)}"`;
  }
  return `change it to ${article(expected === 'int' ? 'whole number' : expected)}`;
}

/** Names people reach for from other tools. */
const SYNONYMS: Record<string, string> = {
  branch: 'revision', targetRevision: 'revision', ref: 'revision', env: 'environment', version: 'kubernetesVersion',
  k8sVersion: 'kubernetesVersion', pools: 'nodePools', nodeGroups: 'nodePools', machinePools: 'nodePools',
  podCIDR: 'podCidr', serviceCIDR: 'serviceCidr', vpcCIDR: 'vpcCidr', repoURL: 'repoUrl',
};

function closest(key: string): string | undefined {
  if (SYNONYMS[key]) return SYNONYMS[key];
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const known of KNOWN_FIELDS) {
    const d = distance(key.toLowerCase(), known.toLowerCase());
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

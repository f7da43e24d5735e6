/**
 * Add-on rules: the catalog has no dependency cycle; every add-on a cluster
 * runs has its dependencies running too, the fleet-wide settings it needs,
 * a way to reach AWS when it calls AWS; and its own options pass its checks.
 */
import type { Catalog } from '../addons/catalog';
import { findCycle } from '../addons/graph';
import type { MergedAddon } from '../addons/merge';
import { mergeSelections } from '../addons/merge';
import type { AddonName } from '../addons/names';
import type { PlatformDefinition } from '../addons/options';
import type { ProviderDefinition } from '../definition';
import type { Problems } from '../problems';
import type { RuleContext } from './context';

/**
 * One problem per distinct message, naming the first cluster and counting the
 * others: an environment default that breaks 500 clusters is one line.
 */
class PerClusterProblems {
  private readonly entries = new Map<string, { path: string; clusters: string[]; tail: string }>();

  add(head: string, cluster: string, tail: string, path: string): void {
    const key = `${head}\u0000${tail}`;
    const entry = this.entries.get(key);
    if (entry) entry.clusters.push(cluster);
    else this.entries.set(key, { path, clusters: [cluster], tail });
  }

  report(problems: Problems): void {
    for (const [key, { path, clusters, tail }] of this.entries) {
      const head = key.slice(0, key.indexOf('\u0000'));
      const who = clusters.length === 1 ? clusters[0] : `${clusters[0]} (and ${clusters.length - 1} more cluster${clusters.length > 2 ? 's' : ''})`;
      problems.add(path, `${head} ${who} ${clusters.length > 1 ? tail.replace(/^does not/, 'do not') : tail}`);
    }
  }
}

/** Providers whose pods can assume IAM roles through IRSA. */
export function hasIrsa(provider: ProviderDefinition): boolean {
  return provider.kind === 'capi-aws-eks' || provider.kind === 'pulumi-eks' || (provider.kind === 'existing' && provider.auth.kind === 'aws-iam');
}

interface AddonUser {
  readonly name: string;
  readonly path: string;
  readonly provider: ProviderDefinition;
  readonly region?: string;
  readonly tier: 'production' | 'non-production';
  readonly addons: ReadonlyMap<AddonName, MergedAddon>;
  /** False when the cluster's environment is unknown or broken: its defaults (add-ons too) are unknown. */
  readonly defaultsKnown: boolean;
}

export function checkAddons(context: RuleContext, catalog: Catalog): void {
  const { parsed, problems } = context;
  const cycle = findCycle(catalog);
  if (cycle) {
    const [a, b] = cycle;
    problems.add(
      '(add-on catalog)',
      `(add-on catalog) add-on "${a}" depends on "${b}", and ${cycle.length > 3 ? `through ${cycle.slice(2, -1).map((n) => `"${n}"`).join(', ')} ` : ''}"${b}" depends on "${a}": a dependency cycle; remove one of these dependencies`,
    );
    return;
  }
  const users: AddonUser[] = [
    ...(parsed.hub
      ? [{ name: parsed.hub.name, path: 'hub', provider: parsed.hub.provider, region: parsed.hub.region, tier: 'production' as const, addons: mergeSelections([{ selection: parsed.hub.addons, segments: ['hub'], level: 'cluster' }]), defaultsKnown: true }]
      : []),
    ...context.clusters.map((c) => ({ name: c.def.name, path: c.path, provider: c.def.provider, region: c.region?.value, tier: c.tier, addons: c.addons, defaultsKnown: c.envResolved })),
  ];
  const missingPlatform = new Map<string, { path: string; addon: AddonName; count: number }>();
  const missingIrsa = new Map<string, { path: string; addon: AddonName; count: number }>();
  const once = new PerClusterProblems();
  for (const user of users) {
    const enabled = new Set([...user.addons].filter(([, m]) => m.enabled).map(([name]) => name));
    for (const name of [...enabled].sort()) {
      const spec = catalog[name];
      const where = user.addons.get(name)!.path;
      for (const dep of spec.dependsOn) {
        if (!enabled.has(dep.name)) once.add(`${where} enables "${name}", which depends on "${dep.name}", but`, user.name, `does not run "${dep.name}"; enable "${dep.name}" there too, or disable "${name}"`, where);
      }
      if (spec.requiresPlatform && parsed.platform?.[spec.requiresPlatform] === undefined) {
        const key = spec.requiresPlatform;
        const seen = missingPlatform.get(key);
        if (seen) seen.count++;
        else missingPlatform.set(key, { path: where, addon: name, count: 1 });
      }
      if (spec.awsAccess) {
        if (hasIrsa(user.provider)) {
          if (parsed.platform?.irsaRoleArn === undefined) {
            const seen = missingIrsa.get('irsa');
            if (seen) seen.count++;
            else missingIrsa.set('irsa', { path: where, addon: name, count: 1 });
          }
        } else if (!enabled.has('external-secrets')) {
          once.add(
            `${where} enables "${name}", which calls AWS; without IAM roles for service accounts (provider "${user.provider.kind}") its credentials come through External Secrets, which`,
            user.name,
            'does not run; enable "external-secrets" there too',
            where,
          );
        }
      }
      const options = user.addons.get(name)!.options;
      spec.check?.({
        options: options as never,
        path: where,
        cluster: { name: user.name, region: user.region, tier: user.tier, providerKind: user.provider.kind, irsa: hasIrsa(user.provider), addons: enabled },
        platform: parsed.platform ?? {},
        problems,
      });
    }
  }
  once.report(problems);
  for (const name of Object.keys(catalog).sort() as AddonName[]) {
    const spec = catalog[name];
    if (!spec.checkFleet) continue;
    const running = users.flatMap((u) => {
      const m = u.addons.get(name);
      return m?.enabled ? [{ name: u.name, path: m.path, options: m.options as never }] : [];
    });
    if (running.length > 0) spec.checkFleet({ clusters: running, platform: parsed.platform ?? {}, problems });
  }
  checkEnvironmentOnlyOptions(context, catalog);
  checkCni(users, problems);
  checkMetricsReachHub(users, parsed.platform ?? {}, problems);
  for (const { path, addon, count } of missingIrsa.values()) {
    problems.add(
      'platform.irsaRoleArn',
      `platform.irsaRoleArn is missing, but ${path} enables "${addon}" on EKS${count > 1 ? ` (and ${count - 1} more add-on${count > 2 ? 's' : ''} on EKS clusters need it too)` : ''}, which reaches AWS through an IAM role for its service account; set a pattern like "arn:aws:iam::111122223333:role/{cluster}-{addon}"`,
    );
  }
  for (const [key, { path, addon, count }] of missingPlatform) {
    problems.add(
      `platform.${key}`,
      `platform.${key} is missing, but ${path} enables "${addon}"${count > 1 ? ` (and ${count - 1} more cluster${count > 2 ? 's' : ''} do)` : ''}, which needs it; set platform.${key}`,
    );
  }
}

/** A cluster may not set an option its add-on reads per environment. */
function checkEnvironmentOnlyOptions({ parsed, problems }: RuleContext, catalog: Catalog): void {
  for (const cluster of parsed.clusters) {
    for (const [name, raw] of Object.entries(cluster.def.addons ?? {})) {
      const spec = catalog[name as AddonName];
      if (!spec?.environmentOnlyOptions || typeof raw !== 'object' || raw === null) continue;
      for (const option of spec.environmentOnlyOptions) {
        if ((raw as Record<string, unknown>)[option] === undefined) continue;
        const path = `${cluster.path}.addons${/^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `["${name}"]`}.${option}`;
        problems.add(path, `${path} is set on a cluster, but "${name}" reads ${option} per environment (the objects it shapes are shared by the environment's clusters); set environments.${cluster.def.environment}.addons.${name}.${option} instead`);
      }
    }
  }
}

/**
 * A spoke's metrics reach the hub through its Thanos sidecar, at the address the
 * hub's Thanos Query dials. When that name lies in a zone the fleet's external-dns
 * manages (platform.externalDns.domainFilters), external-dns on the spoke publishes
 * it from the sidecar's Service, so the spoke must run external-dns; a name outside
 * those zones is the user's to publish.
 */
function checkMetricsReachHub(users: readonly AddonUser[], platform: PlatformDefinition, problems: Problems): void {
  const pattern = platform.thanos?.sidecarEndpoint;
  const zones = platform.externalDns?.domainFilters ?? [];
  if (pattern === undefined || zones.length === 0) return;
  for (const user of users) {
    if (user.path === 'hub' || !user.defaultsKnown) continue;
    if (user.addons.get('thanos')?.enabled !== true || user.addons.get('external-dns')?.enabled === true) continue;
    const address = pattern.replaceAll('{cluster}', user.name);
    const host = address.slice(0, address.lastIndexOf(':')).toLowerCase();
    const zone = zones.find((z) => host === z.toLowerCase() || host.endsWith(`.${z.toLowerCase()}`));
    if (zone === undefined) continue;
    const path = `${user.path}.addons["external-dns"]`;
    problems.add(
      path,
      `${path} is not enabled, but ${user.name} runs "thanos": the hub's Thanos Query dials "${address}", in zone "${zone}" that external-dns publishes from the sidecar's Service; enable external-dns for it or for its environment, or give platform.thanos.sidecarEndpoint a zone you publish yourself`,
    );
  }
}

/** Kubeadm clusters come without a pod network: they need Cilium. */
function checkCni(users: readonly AddonUser[], problems: Problems): void {
  for (const user of users) {
    const kind = user.provider.kind;
    if ((kind === 'capi-aws' || kind === 'capi-docker') && user.defaultsKnown && !user.addons.get('cilium')?.enabled) {
      const path = `${user.path}.addons.cilium`;
      problems.add(path, `${path} is not enabled, but a "${kind}" cluster (${user.name}) has no pod network until a CNI runs; enable cilium for it or for its environment`);
    }
  }
}

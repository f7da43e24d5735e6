/**
 * Rules for the engines a fleet is rendered for. With Flux (`engine: 'flux'`
 * or `'both'`, whose two halves must mean the same thing), features only Argo
 * CD provides are refused: pull-request previews (the pull request
 * generator), services discovered from folders at sync time (the Git
 * directory generator) and waves held until someone syncs them (`maxUpdate`
 * 0), and, with engine 'flux' alone, services Karmada propagates (only the
 * hub's Argo CD reaches Karmada's API server). Flux's own limits are checked
 * too: durations its CRDs accept, and names of the Kustomizations Flux copies
 * into label values (63 characters).
 *
 * The names of what Flux reconciles a fleet with are defined here, so the
 * stacks that render them and the rule that checks them cannot disagree.
 */
import { CATALOG } from '../addons/catalog';
import type { AddonName } from '../addons/names';
import { Names } from '../names';
import { formatPath } from '../problems';
import { AppNames } from '../names';
import { namespaceOwners, resolveAppNetworkPolicy } from '../rules/app-network-policy';
import { appTargets } from '../rules/apps';
import type { RuleContext } from '../rules/context';
import { planWaves } from './waves';

/**
 * Names of the fleet's Flux objects on the hub. Per cluster, the objects are
 * named as the Argo CD Applications they stand for (`cluster-config-<cluster>`,
 * `<add-on>-<cluster>`, `<app>-<cluster>`).
 */
export const FluxNames = {
  /** The GitRepository of the fleet repository. */
  fleetSource: 'fleet',
  /** The GitRepository of an app's repository. */
  appSource: (app: string) => `app-${app}`,
  /** The Kustomization the user applies once: it reconciles the rest. */
  root: 'fleet-root',
  /** Per cluster: the Kustomization of its entry folder. */
  clusterConfig: (cluster: string) => Names.clusterConfigApplication(cluster),
  /** Per cluster: its Cluster API objects (engine 'flux' only; with 'both' Argo CD applies them). */
  clusterApi: (cluster: string) => `cluster-api-${cluster}`,
  /** Per cluster and add-on: the HelmRelease, the Kustomization of its objects, and the hub Kustomization that applies the HelmRelease (in another namespace). */
  addon: (addon: string, cluster: string) => Names.addonApplication(addon, cluster),
  /** Per placement of an app (or DR copy): the Kustomization applying the app's default-deny NetworkPolicy to its namespace. */
  appNetworkPolicy: (placement: string) => `${placement}-netpol`,
  /** Per cluster: the namespaces of its apps and services (Flux creates no namespace by itself; never pruned). */
  namespaces: (cluster: string) => `namespaces-${cluster}`,
  /** Per add-on: the Kustomization of the objects it puts on the hub (engine 'flux' only). */
  hubAddon: (addon: string) => `hub-addon-${addon}`,
  /**
   * The gate after a wave of a component: a Kustomization of an empty folder that is Ready
   * once the component is Ready on every cluster of the wave (of the batch `batch`, 1-based,
   * when `maxUpdate` splits the wave).
   */
  gate: (component: string, wave: string, batch?: number) => `${component}-wave-${wave}${batch === undefined ? '' : `-${batch}`}`,
} as const;

/** The components whose waves get gates: the ApplicationSets they stand for. */
export const FluxComponent = {
  clusterConfig: 'cluster-config',
  addon: (addon: string) => Names.addonApplicationSet(addon),
  app: (app: string) => AppNames.applicationSet(app),
} as const;

/** Flux copies Kustomization and HelmRelease names into label values. */
const MAX_FLUX_NAME = 63;

/**
 * Clusters of a wave updated at once, as Argo CD counts `maxUpdate` for a step of
 * `size` Applications: a percentage rounds down, but to at least one unless it is 0%.
 */
export function maxUpdateCount(maxUpdate: number | string, size: number): number {
  if (typeof maxUpdate === 'number') return maxUpdate;
  const percent = Number(maxUpdate.slice(0, -1));
  const count = Math.floor((size * percent) / 100);
  return percent > 0 && count < 1 ? 1 : count;
}

/** Batches a wave of `size` clusters is split into for Flux (Flux has no `maxUpdate`: batches follow each other in name order). */
export function batchCount(maxUpdate: number | string, size: number): number {
  const count = maxUpdateCount(maxUpdate, size);
  return count <= 0 || size === 0 ? 0 : Math.ceil(size / Math.min(count, size));
}

export function checkEngine(context: RuleContext): void {
  const engine = context.parsed.engine ?? 'argocd';
  if (engine === 'argocd') return;
  checkArgoOnlyFeatures(context, engine);
  checkDurations(context);
  checkFluxNames(context);
}

function checkArgoOnlyFeatures({ parsed, clusters, problems }: RuleContext, engine: 'flux' | 'both'): void {
  const which = `engine "${engine}"`;
  for (const app of parsed.apps) {
    if (app.def.previews) {
      problems.at(
        `${app.path}.previews`,
        app.def.previews,
        `needs Argo CD's pull request generator, which Flux has no equivalent of (${which})`,
        'remove previews, or use engine "argocd"',
      );
    }
    if (app.def.serviceDirectories) {
      problems.at(
        `${app.path}.serviceDirectories`,
        app.def.serviceDirectories,
        `is read by Argo CD's Git directory generator when it syncs, which Flux has no equivalent of (${which})`,
        `list the services in ${app.path}.services, or use engine "argocd"`,
      );
    }
  }
  if (engine === 'flux') {
    for (const service of parsed.services) {
      if (service.def.delivery !== 'karmada') continue;
      problems.at(
        `${service.path}.delivery`,
        'karmada',
        'needs the hub\'s Argo CD, which applies the service to Karmada\'s API server (registered as an Argo CD cluster), and engine "flux" has none',
        'use engine "both", or deliver the service per cluster with delivery "argocd"',
      );
    }
  }
  const plan = planWaves(parsed, clusters);
  if (!plan.declared) return;
  for (const wave of plan.waves) {
    const maxUpdate = wave.def.maxUpdate;
    if (maxUpdate === undefined || maxUpdateCount(maxUpdate, Math.max(wave.clusters.length, 1)) > 0) continue;
    problems.at(
      `${wave.path}.maxUpdate`,
      maxUpdate,
      `holds the wave until someone syncs it in Argo CD, which Flux has no equivalent of (${which}; a suspended Kustomization would hold every later wave at each commit)`,
      'give a count of at least 1 or a percentage above 0, or use engine "argocd"',
    );
  }
}

function checkDurations({ parsed, problems }: RuleContext): void {
  for (const key of ['interval', 'timeout', 'retryInterval'] as const) {
    const value = parsed.flux?.[key];
    if (value === undefined || !/(ns|us|µs)/.test(value)) continue;
    problems.at(`flux.${key}`, value, 'uses a unit below the millisecond, which the Flux CRDs do not accept', 'write it in ms, s, m or h, e.g. "10m"');
  }
}

/** Names Flux adds to the Argo CD names (already checked elsewhere): app Kustomizations (DR copies' and NetworkPolicies' included) and wave gates. */
function checkFluxNames(context: RuleContext): void {
  const { parsed, clusters, problems } = context;
  const reported = new Set<string>();
  const tooLong = (path: string, value: string, what: string, name: string, field: string) => {
    if (reported.has(path)) return;
    reported.add(path);
    const over = name.length - MAX_FLUX_NAME;
    problems.at(
      path,
      value,
      `makes the Flux ${what} name "${name}" ${name.length} characters long, over the limit of ${MAX_FLUX_NAME}`,
      `shorten the ${field} by ${over} character${over === 1 ? '' : 's'}`,
    );
  };
  const owners = namespaceOwners(parsed.services.map(({ def }) => ({ name: def.name, namespace: def.namespace ?? def.name })));
  for (const app of parsed.apps) {
    const { def, path } = app;
    const targets = appTargets(context, app);
    const services: readonly (string | undefined)[] = def.services ?? [undefined];
    const placements = services.flatMap((s) => [
      ...targets.map((c) => (s === undefined ? AppNames.perCluster(def.name, c.def.name) : AppNames.perService(def.name, s, c.def.name))),
      ...targets.filter((c) => c.def.drPartner !== undefined).map((c) => AppNames.drCopy(def.name, c.def.name, s)),
    ]);
    // With the app's default-deny NetworkPolicy, each placement has a second Kustomization.
    const names = resolveAppNetworkPolicy(def, owners) ? placements.map(FluxNames.appNetworkPolicy) : placements;
    const longest = names.reduce((a, b) => (b.length > a.length ? b : a), '');
    if (longest.length > MAX_FLUX_NAME) tooLong(`${path}.name`, def.name, 'Kustomization', longest, 'app name or its longest cluster name');
  }
  // Gates: `<component>-wave-<wave>[-<batch>]`. The fleet's own components are short, so there the wave name is at fault.
  const plan = planWaves(parsed, clusters);
  const builtIn = [
    FluxComponent.clusterConfig,
    ...(Object.keys(CATALOG) as AddonName[]).filter((a) => clusters.some((c) => c.addons.get(a)?.enabled)).map(FluxComponent.addon),
  ];
  const named = [
    ...parsed.apps.map((a) => ({ component: FluxComponent.app(a.def.name), path: `${a.path}.name`, field: 'app name or the wave name' })),
    ...parsed.services.filter((s) => s.def.delivery !== 'karmada').map((s) => ({ component: s.def.name, path: `${s.path}.name`, field: 'service name or the wave name' })),
  ];
  for (const wave of plan.waves) {
    const batches = batchCount(wave.def.maxUpdate ?? '100%', wave.clusters.length);
    const gate = (component: string) => FluxNames.gate(component, wave.def.name, batches > 1 ? batches : undefined);
    for (const { component, path, field } of named) {
      if (gate(component).length > MAX_FLUX_NAME) tooLong(path, component, 'gate Kustomization', gate(component), field);
    }
    const longest = builtIn.map(gate).reduce((a, b) => (b.length > a.length ? b : a), '');
    if (longest.length <= MAX_FLUX_NAME) continue;
    const path = plan.declared ? `${wave.path}.name` : formatPath(['environments', wave.def.name]);
    tooLong(path, wave.def.name, 'gate Kustomization', longest, plan.declared ? 'wave name' : 'environment name');
  }
}

/**
 * Where a document belongs in a plan (its home: a cluster, an environment,
 * the hub, or the fleet as a whole) and which clusters a change to it
 * reaches. Read from the tree's layout (`model/layout.ts`):
 *
 * | folder | home | reaches |
 * | --- | --- | --- |
 * | `clusters/<c>/…`, `hub/cluster-api/<c>`, `hub/flux/clusters/<c>` | cluster c (the hub for the hub's own) | c |
 * | `hub/registration`: a cluster's registration; `hub/karmada`: a member's `Cluster` and its agent's grants; `hub/flux`: what is named after a cluster | that cluster | it |
 * | ApplicationSets and Applications (hub, apps, services) | the hub | their generators' selection (or literal destination) |
 * | `platform/<component>/base` | the fleet | the clusters running the add-on (cluster-config: every spoke) |
 * | `platform/<component>/overlays/<env>` | environment env (the hub for `hub`) | those of them in env |
 * | `services/<s>/base`, `overlays/<env>` | the fleet, environment env | the clusters the service's ApplicationSet selects (in env); with Flux alone, those whose Kustomizations apply its overlays |
 * | `apps/<app>/<folder>` | the fleet | the clusters of the app's ApplicationSets and Applications (DR copies) that sync that folder; with Flux alone, those whose Kustomizations apply it |
 * | anything else under `hub/` | the hub | the hub |
 */
import { HUB_ENVIRONMENT, Names } from '../../model';
import type { ClusterTable } from './clusters';
import { isRecord, type Document } from './documents';
import { reachedClusters } from './selectors';

export type Home =
  | { readonly kind: 'hub' }
  | { readonly kind: 'cluster'; readonly cluster: string }
  | { readonly kind: 'environment'; readonly environment: string }
  | { readonly kind: 'fleet' };

export interface Attribution {
  readonly home: Home;
  /** Clusters a change to the document reaches. */
  readonly reach: ReadonlySet<string>;
}

/** One side of the comparison, as attribution reads it. */
export interface AttributionSide {
  readonly table: ClusterTable;
  /** Files of the side (paths). */
  readonly files: ReadonlyMap<string, string>;
  /** The documents of a file of the side (parsed once, cached). */
  documents(file: string): readonly Document[];
}

const HUB: Home = { kind: 'hub' };
const FLEET: Home = { kind: 'fleet' };

export function attribute(doc: Document, side: AttributionSide): Attribution {
  const { table } = side;
  const hubReach = new Set(table.hub !== undefined ? [table.hub] : []);
  const onHub: Attribution = { home: HUB, reach: hubReach };
  const ofCluster = (cluster: string): Attribution =>
    cluster === table.hub ? onHub : { home: { kind: 'cluster', cluster }, reach: new Set([cluster]) };
  const s = doc.dir.split('/');
  const o = doc.object;

  if (s[0] === 'clusters' && s[1] !== undefined) return ofCluster(s[1]);
  if (o && o.group === 'argoproj.io' && (o.kind === 'ApplicationSet' || o.kind === 'Application')) {
    return { home: HUB, reach: reachedClusters(doc.content, table) ?? hubReach };
  }
  if (s[0] === 'hub') {
    if (s[1] === 'cluster-api' && s[2] !== undefined) return ofCluster(s[2]);
    if (s[1] === 'flux' && s[2] === 'clusters' && s[3] !== undefined) return ofCluster(s[3]);
    const registered = o && s[1] === 'registration' ? registrationOf(o.name, table) : undefined;
    if (registered !== undefined) return ofCluster(registered);
    if (o && (s[1] === 'karmada' || (s[1] === 'flux' && s.length === 2))) {
      // Karmada: a member's Cluster and its agent's grants; Flux: what is applied for a cluster (`…-<cluster>`).
      const member = memberOf(o.name, table);
      if (member !== undefined) return ofCluster(member);
    }
    return onHub;
  }
  if (s[0] === 'platform' && s[1] !== undefined) {
    const component = s[1];
    const runs = (name: string) => {
      const facts = table.clusters.get(name)!;
      return component === 'cluster-config' ? facts.role === 'spoke' : facts.addons.has(component);
    };
    if (s[2] === 'overlays' && s[3] !== undefined) {
      const env = s[3];
      const reach = new Set([...table.clusters.values()].filter((c) => c.environment === env && runs(c.name)).map((c) => c.name));
      return { home: env === HUB_ENVIRONMENT ? HUB : { kind: 'environment', environment: env }, reach };
    }
    return { home: FLEET, reach: new Set([...table.clusters.keys()].filter(runs)) };
  }
  if (s[0] === 'services' && s[1] !== undefined) {
    const set = `services/applicationset-${s[1]}.yaml`;
    // Engine 'flux': the Kustomizations applying the service's overlays (which include its base).
    const selected = side.files.has(set) ? reachOfApplicationSets(side, set) : reachOfFlux(side, `services/${s[1]}`);
    if (s[2] === 'overlays' && s[3] !== undefined) {
      const env = s[3];
      return { home: { kind: 'environment', environment: env }, reach: new Set([...selected].filter((c) => table.clusters.get(c)?.environment === env)) };
    }
    return { home: FLEET, reach: selected };
  }
  if (s[0] === 'apps' && s[1] !== undefined && s.length > 2) {
    const folder = doc.dir;
    const sets = appApplicationFiles(side, s[1]);
    // Engine 'flux': the app's folders are applied by Kustomizations of the clusters.
    if (sets.length === 0) return { home: FLEET, reach: reachOfFlux(side, folder) };
    const syncing = sets.filter((f) => side.documents(f).some((d) => mentions(d.content, folder)));
    return { home: FLEET, reach: reachOfApplicationSets(side, ...(syncing.length > 0 ? syncing : sets)) };
  }
  if (s[0] === 'apps' || s[0] === 'services') return onHub;
  return { home: FLEET, reach: new Set() };
}

/** The cluster whose registration (`Names.registrationSecret`) this is. */
function registrationOf(name: string, table: ClusterTable): string | undefined {
  const prefix = Names.registrationSecret('');
  return name.startsWith(prefix) && table.clusters.has(name.slice(prefix.length)) ? name.slice(prefix.length) : undefined;
}

/** The spoke an object is about: named after it, or ending in `-<spoke>`. */
function memberOf(name: string, table: ClusterTable): string | undefined {
  for (let start = 0; ; ) {
    const candidate = name.slice(start);
    if (table.clusters.get(candidate)?.role === 'spoke') return candidate;
    const dash = name.indexOf('-', start);
    if (dash === -1) return undefined;
    start = dash + 1;
  }
}

const appSets = new WeakMap<AttributionSide, ReadonlyMap<string, readonly string[]>>();

/**
 * The ApplicationSet and Application files of an app's folder (`apps/<app>/applicationset-*.yaml`,
 * its DR copies' `application-*.yaml`); the side's files are indexed once.
 */
function appApplicationFiles(side: AttributionSide, app: string): readonly string[] {
  let index = appSets.get(side);
  if (!index) {
    const built = new Map<string, string[]>();
    for (const file of side.files.keys()) {
      const parts = file.split('/');
      if (parts[0] === 'apps' && parts.length === 3 && (parts[2]!.startsWith('applicationset-') || parts[2]!.startsWith('application-'))) {
        if (!built.has(parts[1]!)) built.set(parts[1]!, []);
        built.get(parts[1]!)!.push(file);
      }
    }
    appSets.set(side, (index = built));
  }
  return index.get(app) ?? [];
}

/** The clusters the ApplicationSets in these files reach. */
function reachOfApplicationSets(side: AttributionSide, ...files: string[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const file of files) {
    if (!side.files.has(file)) continue;
    for (const d of side.documents(file)) for (const name of reachedClusters(d.content, side.table) ?? []) out.add(name);
  }
  return out;
}

/** Whether a source of the Application, or of the ApplicationSet's template, syncs `folder` (its `path` ends with it). */
function mentions(object: unknown, folder: string): boolean {
  if (!isRecord(object) || !isRecord(object.spec)) return false;
  const spec = object.kind === 'Application' ? object.spec : isRecord(object.spec.template) && isRecord(object.spec.template.spec) ? object.spec.template.spec : undefined;
  if (spec === undefined) return false;
  const sources = [...(Array.isArray(spec.sources) ? spec.sources : []), ...(spec.source !== undefined ? [spec.source] : [])];
  return sources.some((src) => isRecord(src) && typeof src.path === 'string' && (src.path === folder || src.path.endsWith(`/${folder}`)));
}

const fluxPaths = new WeakMap<AttributionSide, readonly { readonly path: string; readonly cluster: string }[]>();

/**
 * The clusters whose Flux Kustomizations (`hub/flux/clusters/<c>/kustomization-*.yaml`)
 * apply `folder` or a folder under it (their `spec.path` ends with it, or passes through
 * it); the side's Kustomizations are read once.
 */
function reachOfFlux(side: AttributionSide, folder: string): ReadonlySet<string> {
  let paths = fluxPaths.get(side);
  if (!paths) {
    const built: { path: string; cluster: string }[] = [];
    for (const file of side.files.keys()) {
      const parts = file.split('/');
      if (parts[0] !== 'hub' || parts[1] !== 'flux' || parts[2] !== 'clusters' || parts.length !== 5 || !parts[4]!.startsWith('kustomization-')) continue;
      for (const d of side.documents(file)) {
        const spec = isRecord(d.content) && isRecord(d.content.spec) ? d.content.spec : undefined;
        if (typeof spec?.path === 'string' && side.table.clusters.has(parts[3]!)) built.push({ path: spec.path, cluster: parts[3]! });
      }
    }
    fluxPaths.set(side, (paths = built));
  }
  const within = (path: string) => path === folder || path.endsWith(`/${folder}`) || path.startsWith(`${folder}/`) || path.includes(`/${folder}/`);
  return new Set(paths.filter((p) => within(p.path)).map((p) => p.cluster));
}

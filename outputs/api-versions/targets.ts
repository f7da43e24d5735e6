/**
 * Which clusters the objects of each folder of the tree are applied to, and
 * so which Kubernetes versions they must be served by. Derived from the units'
 * targets and includes, and from the model:
 *
 * - `hub` folders (everything under `hub/` and the hub's own folders) and
 *   `karmada` folders (objects for Karmada's API server): the hub;
 * - `cluster` folders (`clusters/<name>`, a cluster's add-on folders): that cluster;
 * - an add-on's base (`platform/<addon>/base`): every cluster running the add-on;
 * - per-environment shared folders (`platform/<x>/overlays/<env>`,
 *   `services/<svc>/overlays/<env>`): the clusters of the environment (the hub
 *   for the `hub` overlay), narrowed for an add-on's overlay to the clusters
 *   running the add-on (those its ApplicationSet selects);
 * - every folder also reaches what reaches the folders that include it
 *   (kustomize `resources`): a base reaches every cluster of its overlays.
 *
 * A shared folder that nothing includes and that names no environment is
 * taken to reach every cluster of the fleet, the hub included: the check then
 * errs on the side of reporting.
 */
import { ADDON_NAMES, HUB_ENVIRONMENT, Layout, type Fleet, type KubernetesVersion } from '../../model';
import type { Unit } from '../../stacks/rendered';

/** A cluster an object is applied to, with the version it runs. */
export interface TargetCluster {
  readonly name: string;
  readonly version: KubernetesVersion;
}

export class FolderTargets {
  private readonly clusters: ReadonlyMap<string, TargetCluster>;
  private readonly hub: TargetCluster;
  private readonly units: ReadonlyMap<string, Unit>;
  /** Environment → its clusters. */
  private readonly environments = new Map<string, Fleet['clusters'][number][]>();
  /** Folder → the folders whose kustomization includes it. */
  private readonly includers = new Map<string, string[]>();
  private readonly resolved = new Map<string, ReadonlyMap<string, TargetCluster>>();

  constructor(private readonly fleet: Fleet, units: readonly Unit[]) {
    this.hub = { name: fleet.hub.name, version: fleet.hub.kubernetesVersion };
    this.clusters = new Map([this.hub, ...fleet.clusters.map((c) => ({ name: c.name, version: c.kubernetesVersion }))].map((c) => [c.name, c]));
    this.units = new Map(units.map((u) => [u.dir, u]));
    for (const c of fleet.clusters) {
      const list = this.environments.get(c.environment);
      if (list) list.push(c);
      else this.environments.set(c.environment, [c]);
    }
    for (const unit of units) {
      for (const dir of unit.includes) {
        const list = this.includers.get(dir);
        if (list) list.push(unit.dir);
        else this.includers.set(dir, [unit.dir]);
      }
    }
  }

  /** The clusters the objects of `dir` are applied to, sorted by name. */
  of(dir: string): readonly TargetCluster[] {
    return [...this.resolve(dir, new Set()).values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private resolve(dir: string, visiting: Set<string>): ReadonlyMap<string, TargetCluster> {
    const done = this.resolved.get(dir);
    if (done) return done;
    visiting.add(dir);
    const targets = new Map<string, TargetCluster>();
    const unit = this.units.get(dir);
    for (const c of unit ? this.direct(unit) : []) targets.set(c.name, c);
    for (const includer of this.includers.get(dir) ?? []) {
      if (visiting.has(includer)) continue;
      for (const [name, c] of this.resolve(includer, visiting)) targets.set(name, c);
    }
    if (targets.size === 0 && unit?.target.scope === 'shared' && unit.target.environment === undefined) {
      for (const [name, c] of this.clusters) targets.set(name, c);
    }
    visiting.delete(dir);
    this.resolved.set(dir, targets);
    return targets;
  }

  /** The clusters a folder reaches by its own target, before includes. */
  private direct(unit: Unit): readonly TargetCluster[] {
    const { scope, cluster, environment } = unit.target;
    // Karmada's API server runs beside the hub's; its objects are checked against the hub's version.
    if (scope === 'hub' || scope === 'karmada') return [(cluster !== undefined ? this.clusters.get(cluster) : undefined) ?? this.hub];
    if (scope === 'cluster') {
      const target = cluster !== undefined ? this.clusters.get(cluster) : undefined;
      return target ? [target] : [];
    }
    if (environment === undefined) {
      // An add-on's base reaches every cluster running the add-on, whether or not a kustomization includes it.
      const addon = ADDON_NAMES.find((name) => Layout.platformBase(name) === unit.dir);
      return addon === undefined ? [] : [this.fleet.hub, ...this.fleet.clusters].filter((c) => c.addons.includes(addon)).map((c) => this.clusters.get(c.name)!);
    }
    if (environment === HUB_ENVIRONMENT) return [this.hub];
    const addon = ADDON_NAMES.find((name) => Layout.platformOverlay(name, environment) === unit.dir);
    return (this.environments.get(environment) ?? [])
      .filter((c) => addon === undefined || c.addons.includes(addon))
      .map((c) => this.clusters.get(c.name)!);
  }
}

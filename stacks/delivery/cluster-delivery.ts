/**
 * What reaches one cluster, engine-neutral: the components Argo CD syncs to
 * it (and Flux reconciles), from the same rendered units `synth` writes.
 *
 * - a spoke: its entry folder `clusters/<name>` (the `cluster-config`
 *   ApplicationSet); the hub: its tree `clusters/<hub>` (the root Application);
 * - per add-on the cluster runs (`clustersRunning`): the pinned chart with its
 *   merged values, and the folder of its objects;
 * - per service Argo CD delivers to it (`serviceClusters`): the environment's overlay;
 * - per app reaching it (`appClusters`), per DR copy on it (`drCopies`) and its
 *   previews: external references, from repositories fleetwright does not render;
 * - on the hub, `hub/karmada` as an external reference: Argo CD applies it to
 *   Karmada's API server, not to the hub. Services Karmada propagates reach
 *   their member clusters through Karmada and are not listed there.
 *
 * With engine 'flux', the hub's tree holds Flux's objects, and its
 * Kustomizations apply the Cluster API folders and the add-ons' hub folders
 * (`hub/cluster-api/<cluster>`, `hub/addons/<addon>`) themselves: build those
 * with `folderObjects` where they are wanted as objects.
 *
 * The clusters come from the same helpers the ApplicationSets use, inverted
 * once per fleet and units (cached), so asking for every cluster of a large
 * fleet stays linear.
 */
import { GitGenerator } from '../../constructs/argocd/git-generator';
import { PullRequestParam } from '../../constructs/argocd/pull-request-generator';
import { AppNames, CATALOG, Layout, repoPath, syncWaves, type AddonName, type App, type Cluster, type Fleet, type Service } from '../../model';
import { FluxNames } from '../../model/delivery/engine-rules';
import { clustersRunning } from '../addons/overlays';
import type { AddonCluster } from '../addons/spi';
import { drCopies } from '../apps/dr';
import { appPath } from '../apps/shapes';
import { appClusters } from '../apps/targets';
import { ROOT_APPLICATION } from '../hub/argocd';
import { KARMADA_APPLICATION } from '../karmada/conventions';
import type { Unit } from '../rendered';
import { serviceClusters } from '../services/application-set';
import { CLUSTER_CONFIG, FLEET_NAMESPACE } from '../spoke/cluster-config';
import { addonComponents, createdNamespaceLabels } from './addon-components';
import type { ClusterDelivery, ExternalComponent } from './components';
import { folderObjects } from './folders';
import { orderComponents, type Unordered } from './order';
import { appPlacements, drCopyPlacements, drReplicas, servicePlacement } from './placements';
import { addonValues, type MergedValues } from './values';

/** The fleet's placements inverted per cluster, computed once per fleet and units. */
interface Plan {
  readonly values: MergedValues;
  readonly folders: ReadonlySet<string>;
  readonly services: ReadonlyMap<string, readonly Service[]>;
  readonly apps: ReadonlyMap<string, readonly App[]>;
  readonly copies: ReadonlyMap<string, readonly { readonly app: App; readonly primary: Cluster }[]>;
  readonly previews: ReadonlyMap<string, readonly App[]>;
  /** Per cluster, the add-ons it runs (`clustersRunning`), in sync-wave order, then catalog order. */
  readonly addons: ReadonlyMap<string, readonly AddonName[]>;
  readonly spokes: ReadonlyMap<string, Cluster>;
}

type External = Omit<ExternalComponent, 'after'>;

const plans = new WeakMap<Fleet, WeakMap<readonly Unit[], Plan>>();

/**
 * The components that reach `cluster` (a spoke of `fleet`, or its hub), in an
 * order that puts each after what it needs, and what the cluster must already
 * have. `units` are the fleet's rendered folders (`renderFleet(fleet).units`).
 */
export function clusterDelivery(fleet: Fleet, units: readonly Unit[], of: AddonCluster): ClusterDelivery {
  const plan = planOf(fleet, units);
  // The fleet's own cluster of that name, so every answer reads the same model.
  const cluster = of.role === 'hub' ? (fleet.hub.name === of.name ? fleet.hub : undefined) : plan.spokes.get(of.name);
  if (!cluster) throw new Error(`clusterDelivery: ${of.name} is neither the hub nor a spoke of fleet ${fleet.name}; pass one of fleet.hub and fleet.clusters`);
  const components: Unordered[] = [entry(fleet, units, cluster), ...addonComponents(fleet, units, cluster, plan.addons.get(cluster.name) ?? [], plan.values)];
  if (cluster.role === 'spoke') {
    components.push(...services(fleet, units, cluster, plan), ...apps(units, cluster, plan), ...copies(fleet, units, cluster, plan), ...previews(units, cluster, plan));
  } else if (plan.folders.has(Layout.hubKarmada)) {
    components.push(karmada(fleet));
  }
  return orderComponents(cluster, components);
}

function planOf(fleet: Fleet, units: readonly Unit[]): Plan {
  let byUnits = plans.get(fleet);
  if (!byUnits) {
    byUnits = new WeakMap();
    plans.set(fleet, byUnits);
  }
  let plan = byUnits.get(units);
  if (!plan) {
    plan = buildPlan(fleet, units);
    byUnits.set(units, plan);
  }
  return plan;
}

function buildPlan(fleet: Fleet, units: readonly Unit[]): Plan {
  const services = new Map<string, Service[]>();
  for (const service of fleet.services.filter((s) => s.delivery === 'argocd')) {
    for (const c of serviceClusters(fleet, service)) push(services, c.name, service);
  }
  const apps = new Map<string, App[]>();
  const copies = new Map<string, { app: App; primary: Cluster }[]>();
  const previews = new Map<string, App[]>();
  for (const app of fleet.apps) {
    for (const c of appClusters(fleet, app)) push(apps, c.name, app);
    for (const { primary, standby } of drCopies(fleet, app)) push(copies, standby.name, { app, primary });
    if (app.previews) push(previews, app.previews.cluster, app);
  }
  const waves = syncWaves(CATALOG);
  const catalogOrder = Object.keys(CATALOG) as AddonName[];
  const addons = new Map<string, AddonName[]>();
  for (const addon of [...catalogOrder].sort((a, b) => waves.get(a)! - waves.get(b)! || catalogOrder.indexOf(a) - catalogOrder.indexOf(b))) {
    for (const c of clustersRunning(fleet, addon)) push(addons, c.name, addon);
  }
  const spokes = new Map(fleet.clusters.map((c) => [c.name, c]));
  return { values: addonValues(fleet, units), folders: new Set(units.map((u) => u.dir)), services, apps, copies, previews, addons, spokes };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A spoke's entry folder, or the hub's tree (synced by the root Application, or Flux's root Kustomization). */
function entry(fleet: Fleet, units: readonly Unit[], cluster: AddonCluster): Unordered {
  const folder = Layout.cluster(cluster.name);
  const objects = folderObjects(units, folder);
  if (cluster.role === 'hub') {
    const flux = fleet.engine === 'flux';
    return {
      kind: 'folder',
      id: 'hub',
      application: flux ? FluxNames.root : ROOT_APPLICATION,
      role: 'entry',
      folder,
      namespace: flux ? fleet.flux.namespace : fleet.argocd.namespace,
      createNamespace: false,
      objects,
    };
  }
  return { kind: 'folder', id: CLUSTER_CONFIG, application: FluxNames.clusterConfig(cluster.name), role: 'entry', folder, namespace: FLEET_NAMESPACE, createNamespace: true, ...createdNamespaceLabels(fleet, FLEET_NAMESPACE), objects };
}

function services(fleet: Fleet, units: readonly Unit[], cluster: Cluster, plan: Plan): Unordered[] {
  return (plan.services.get(cluster.name) ?? []).map((service) => {
    const placement = servicePlacement(service, cluster);
    return {
      kind: 'folder',
      id: `service/${service.name}`,
      application: placement.name,
      role: 'service',
      folder: placement.folder,
      namespace: placement.namespace,
      createNamespace: true,
      ...createdNamespaceLabels(fleet, placement.namespace),
      service: service.name,
      objects: folderObjects(units, placement.folder),
    };
  });
}

const APP_REASON = 'deployed from the app\'s own repository, which fleetwright does not render';

/** The app's default-deny NetworkPolicy folder, which each of its Applications applies as a second source. */
function networkPolicy(units: readonly Unit[], app: App): Pick<External, 'networkPolicy'> {
  if (!app.networkPolicy) return {};
  const folder = Layout.appNetworkPolicy(app.name);
  return { networkPolicy: { folder, objects: folderObjects(units, folder) } };
}

function apps(units: readonly Unit[], cluster: Cluster, plan: Plan): External[] {
  return (plan.apps.get(cluster.name) ?? []).flatMap((app): External[] => {
    const policy = networkPolicy(units, app);
    if (app.serviceDirectories !== undefined) {
      return [{ ...folders(app, cluster.environment), id: `app/${app.name}`, application: AppNames.applicationSet(app.name), role: 'app', reason: `${APP_REASON}; ${FOLDERS_REASON}`, ...policy }];
    }
    return appPlacements(app, cluster).map((p) => ({
      kind: 'external',
      id: p.service === undefined ? `app/${app.name}` : `app/${app.name}/${p.service}`,
      application: p.name,
      role: 'app',
      reason: APP_REASON,
      repoUrl: app.repoUrl,
      revision: app.revision,
      path: p.path,
      namespace: p.namespace,
      app: app.name,
      ...(p.service === undefined ? {} : { service: p.service }),
      ...policy,
    }));
  });
}

function copies(fleet: Fleet, units: readonly Unit[], standby: Cluster, plan: Plan): External[] {
  const replicas = drReplicas(fleet);
  const reason = `${APP_REASON}; the primary's configuration, with every Deployment scaled to ${replicas} by a kustomize patch Argo CD applies`;
  return (plan.copies.get(standby.name) ?? []).flatMap(({ app, primary }): External[] => {
    const policy = networkPolicy(units, app);
    if (app.serviceDirectories !== undefined) {
      return [{ ...folders(app, primary.environment), id: `dr/${app.name}/${primary.name}`, application: AppNames.drApplicationSet(app.name), role: 'dr-copy', reason: `${reason}; ${FOLDERS_REASON}`, primary: primary.name, replicas, ...policy }];
    }
    return drCopyPlacements(app, primary).map((p) => ({
      kind: 'external',
      id: p.service === undefined ? `dr/${app.name}/${primary.name}` : `dr/${app.name}/${primary.name}/${p.service}`,
      application: p.name,
      role: 'dr-copy',
      reason,
      repoUrl: app.repoUrl,
      revision: app.revision,
      path: p.path,
      namespace: p.namespace,
      app: app.name,
      ...(p.service === undefined ? {} : { service: p.service }),
      primary: primary.name,
      replicas,
      ...policy,
    }));
  });
}

const FOLDERS_REASON = 'its services are the folders Argo CD\'s Git directory generator finds at sync time';

/** An app whose services are folders of its repository: one reference for all of them, with the generator's template expressions. */
function folders(app: App, environment: string): Omit<External, 'id' | 'application' | 'role' | 'reason'> {
  const param = GitGenerator.directories({ repoUrl: app.repoUrl, revision: app.revision, include: [app.serviceDirectories!] }).param;
  return {
    kind: 'external',
    repoUrl: app.repoUrl,
    revision: app.revision,
    path: appPath(app.path, environment, { pathValue: param.basename, root: param.path }),
    namespace: param.basenameNormalized,
    app: app.name,
    serviceDirectories: app.serviceDirectories!,
  };
}

function previews(units: readonly Unit[], cluster: Cluster, plan: Plan): External[] {
  return (plan.previews.get(cluster.name) ?? []).map((app) => ({
    kind: 'external',
    id: `preview/${app.name}`,
    application: AppNames.previewApplicationSet(app.name),
    role: 'preview',
    reason: 'one Application per open pull request, known only when Argo CD\'s pull request generator lists them, each deploying its head commit',
    repoUrl: app.repoUrl,
    revision: PullRequestParam.headSha,
    path: appPath(app.previews!.path ?? app.path, cluster.environment),
    namespace: AppNames.preview(app.name, PullRequestParam.number),
    app: app.name,
    folder: Layout.appPreview(app.name),
    ...networkPolicy(units, app),
  }));
}

function karmada(fleet: Fleet): External {
  return {
    kind: 'external',
    id: 'karmada',
    application: KARMADA_APPLICATION,
    role: 'karmada',
    reason: 'applied by the hub\'s Argo CD to Karmada\'s API server, which propagates the services to its member clusters; not to the hub itself',
    repoUrl: fleet.repo.url,
    revision: fleet.repo.revision,
    path: repoPath(fleet, Layout.hubKarmada),
    namespace: 'default',
    folder: Layout.hubKarmada,
    server: fleet.karmada.server,
  };
}

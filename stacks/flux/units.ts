/**
 * The fleet for Flux (engine 'flux' or 'both'): every folder under
 * `hub/flux`. Sources, the root Kustomization and the wave gates sit in
 * `hub/flux`; per cluster (the hub too) `hub/flux/clusters/<cluster>` holds
 * a Kustomization per component that reaches it (its entry folder, each
 * add-on, each service and app), wired by ./waves into `dependsOn` chains
 * that follow the rollout waves exactly as Argo CD's RollingSync steps do.
 *
 * With engine 'flux', the root reconciles the hub's whole tree
 * (`clusters/<hub>`, which then includes `hub/flux` and nothing of Argo CD),
 * and Flux also applies each cluster's Cluster API folder and the add-ons'
 * hub objects. With 'both', Argo CD keeps the hub's tree and the root
 * reconciles `hub/flux` only: the two deliver the same definition to the
 * spokes, so run one of them at a time.
 */
import { ApiObject, type Chart } from 'cdk8s';
import { HelmRelease } from '../../constructs/flux/helm-release';
import { Kustomization } from '../../constructs/flux/kustomization';
import { Layout, repoPath, type Cluster, type Fleet } from '../../model';
import { FluxNames } from '../../model/delivery/engine-rules';
import { addonValues } from '../delivery/values';
import { renderUnit, type KubeObject, type Unit } from '../rendered';
import { addonNamespaces, addonPlan, hubAddonSpecs, usedAddons } from './addons';
import { clusterLabels, FluxFolder, FluxLabel } from './conventions';
import type { ComponentPlan, FluxSpec } from './plan';
import { addSources, fleetSource } from './sources';
import { chainSteps, fleetSteps } from './waves';
import { appPlan, clusterConfigPlan, drCopySpecs, namespaceSpecs, servicePlans } from './workloads';

/** Flux never prunes what carries this annotation. */
const NO_PRUNE = { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' };

/**
 * @param rendered the fleet's other folders: the add-ons' value files and
 *   objects, the Cluster API folders and the add-ons' hub folders.
 */
export function fluxUnits(definedFleet: Fleet, rendered: readonly Unit[]): Unit[] {
  // Flux reaches only clusters delivered by GitOps: a Pulumi-delivered environment's stack applies its
  // clusters' folders and charts, and a Pulumi-delivered hub's (the management stack) its own.
  const hubByGitops = definedFleet.hub.delivery === 'gitops';
  const fleet: Fleet = {
    ...definedFleet,
    hub: hubByGitops ? definedFleet.hub : { ...definedFleet.hub, addons: [] },
    clusters: definedFleet.clusters.filter((c) => c.delivery === 'gitops'),
  };
  const hubTarget = { scope: 'hub' as const, cluster: fleet.hub.name };
  const values = addonValues(fleet, rendered);
  const folders = new Set(rendered.map((u) => u.dir));
  const addons = usedAddons(fleet);
  const fluxOnly = fleet.engine === 'flux';

  const specs: FluxSpec[] = [];
  const gates: FluxSpec[] = [];
  const hub = renderUnit(Layout.hubFlux, hubTarget, [], (chart) => {
    const charts = addSources(chart, fleet, addons);
    const plans: ComponentPlan[] = [
      clusterConfigPlan(fleet),
      ...addons.map((addon) => addonPlan(fleet, addon, values, charts.get(addon))),
      ...servicePlans(fleet),
      ...fleet.apps.map((app) => appPlan(fleet, app)),
    ];
    for (const plan of plans) {
      const chain = chainSteps(plan.component, fleetSteps(fleet, plan.runsOn), fleet.flux.namespace);
      specs.push(...plan.specs((cluster) => chain.after.get(cluster)));
      gates.push(
        ...chain.gates.map((gate) => ({
          folder: Layout.hubFlux,
          kind: 'Kustomization' as const,
          props: {
            name: gate.name,
            namespace: fleet.flux.namespace,
            labels: { [FluxLabel.component]: plan.component, [FluxLabel.wave]: gate.step },
            interval: fleet.flux.interval,
            source: fleetSource(fleet),
            path: repoPath(fleet, FluxFolder.gate),
            dependsOn: gate.dependsOn,
          },
        })),
      );
    }
    specs.push(...fleet.apps.flatMap((app) => drCopySpecs(fleet, app)));
    specs.push(...namespaceSpecs(fleet, specs, addonNamespaces(fleet, addons)));
    if (fluxOnly) specs.push(...clusterApiSpecs(fleet, folders), ...hubAddonSpecs(fleet, folders));
    // With 'flux' the root reconciles the hub's tree, which the management stack applies when Pulumi delivers the hub.
    if (!fluxOnly || hubByGitops) {
      new Kustomization(chart, 'root', {
        name: FluxNames.root,
        namespace: fleet.flux.namespace,
        interval: fleet.flux.interval,
        retryInterval: fleet.flux.retryInterval,
        source: fleetSource(fleet),
        path: repoPath(fleet, fluxOnly ? Layout.cluster(fleet.hub.name) : Layout.hubFlux),
      });
    }
    // The namespace of the clusters' Flux objects (and of Cluster API's clusters): never pruned.
    new ApiObject(chart, 'namespace', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: fleet.clusterApi.namespace, annotations: { ...NO_PRUNE } },
    });
    for (const spec of [...gates, ...specs].filter((s) => s.folder === Layout.hubFlux)) addSpec(chart, spec);
  });
  checkUnique([...gates, ...specs]);

  // One chart per cluster for its folders (their objects are split back into folders after rendering).
  const byCluster = new Map<string, FluxSpec[]>();
  for (const spec of specs) {
    if (spec.folder === Layout.hubFlux) continue;
    const dir = clusterFolderOf(spec.folder);
    const list = byCluster.get(dir);
    if (list) list.push(spec);
    else byCluster.set(dir, [spec]);
  }
  const namespaceFolders = new Map(fleet.clusters.map((c) => [FluxFolder.namespaces(c.name), c]));
  const clusterFolders = [fleet.hub, ...fleet.clusters].map((c) => FluxFolder.cluster(c.name)).filter((dir) => byCluster.has(dir));
  return [
    { ...hub, includes: clusterFolders },
    renderUnit(FluxFolder.gate, hubTarget, [], () => {}),
    ...[...byCluster].flatMap(([dir, list]) => splitByFolder(renderUnit(dir, hubTarget, [], (chart) => list.forEach((spec) => addSpec(chart, spec))), list))
      .map((unit) => withTarget(namespaceFolders, unit)),
  ];
}

/** A spoke's namespaces folder is applied to that spoke (by a Kustomization with its kubeconfig); every other Flux folder to the hub. */
function withTarget(namespaceFolders: ReadonlyMap<string, Cluster>, unit: Unit): Unit {
  const cluster = namespaceFolders.get(unit.dir);
  return cluster ? { ...unit, target: { scope: 'cluster', cluster: cluster.name, environment: cluster.environment } } : unit;
}

/** `hub/flux/clusters/<cluster>` of a folder under it. */
function clusterFolderOf(folder: string): string {
  return folder.split('/').slice(0, 4).join('/');
}

/**
 * The folders of a cluster's chart: the cluster's own folder (which includes
 * none of the others: each of them is applied by the Kustomization that points
 * at it), and one per other folder its specs name.
 */
function splitByFolder(unit: Unit, specs: readonly FluxSpec[]): Unit[] {
  const folderOf = new Map(specs.map((s) => [objectKey(s.kind, s.kind === 'Namespace' ? undefined : s.props.namespace, s.kind === 'Namespace' ? s.name : s.props.name), s.folder]));
  const byFolder = new Map<string, KubeObject[]>([[unit.dir, []]]);
  for (const o of unit.objects) {
    const folder = folderOf.get(objectKey(o.kind, o.metadata.namespace, o.metadata.name))!;
    const list = byFolder.get(folder);
    if (list) list.push(o);
    else byFolder.set(folder, [o]);
  }
  return [...byFolder].map(([dir, objects]) => ({ ...unit, dir, objects, includes: [] }));
}

function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** With engine 'flux', each cluster's Cluster API folder; protected clusters (and the hub) are never pruned nor deleted with it. */
function clusterApiSpecs(fleet: Fleet, folders: ReadonlySet<string>): FluxSpec[] {
  return [fleet.hub, ...fleet.clusters]
    .filter((c) => folders.has(Layout.hubClusterApiCluster(c.name)))
    .map((c) => {
      const keep = c.role === 'hub' || c.protected;
      return {
        folder: Layout.hubFlux,
        kind: 'Kustomization' as const,
        props: {
          name: FluxNames.clusterApi(c.name),
          namespace: fleet.flux.namespace,
          labels: clusterLabels('cluster-api', c),
          interval: fleet.flux.interval,
          retryInterval: fleet.flux.retryInterval,
          source: fleetSource(fleet),
          path: repoPath(fleet, Layout.hubClusterApiCluster(c.name)),
          prune: !keep,
          ...(keep ? { deletionPolicy: 'Orphan' as const } : {}),
        },
      };
    });
}

function addSpec(chart: Chart, spec: FluxSpec): void {
  switch (spec.kind) {
    case 'Kustomization':
      new Kustomization(chart, `ks-${spec.props.namespace}-${spec.props.name}`, spec.props);
      return;
    case 'HelmRelease':
      new HelmRelease(chart, `hr-${spec.props.namespace}-${spec.props.name}`, spec.props);
      return;
    case 'Namespace':
      new ApiObject(chart, `ns-${spec.name}`, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: spec.name, ...(spec.labels ? { labels: { ...spec.labels } } : {}), ...(spec.annotations ? { annotations: { ...spec.annotations } } : {}) },
      });
  }
}

/** Two Flux objects of one kind, name and namespace would be one object on the hub. */
function checkUnique(specs: readonly FluxSpec[]): void {
  const seen = new Map<string, string>();
  for (const spec of specs) {
    if (spec.kind === 'Namespace') continue;
    const key = `${spec.kind} ${spec.props.namespace}/${spec.props.name}`;
    const first = seen.get(key);
    if (first !== undefined) throw new Error(`Flux: ${key} would be written to both ${first} and ${spec.folder}; rename the app, service, cluster or wave whose name it is derived from`);
    seen.set(key, spec.folder);
  }
}

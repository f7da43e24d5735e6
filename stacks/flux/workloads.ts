/**
 * What reaches the spokes besides add-ons, one Kustomization per cluster (and
 * service) as Argo CD has one Application: the cluster's entry folder
 * (`cluster-config`), the services fleetwright renders, and application
 * teams' apps from their own repositories, with their DR copies on standbys.
 *
 * Argo CD creates an Application's namespace (`CreateNamespace=true`); Flux
 * creates none, so each cluster gets a Kustomization of the namespaces its
 * apps and services use, never pruned (as Argo CD never deletes a namespace
 * it created), which those Kustomizations depend on. It also holds the
 * add-ons' labelled namespaces (see ./addons), and each Namespace carries the
 * Pod Security labels Argo CD writes through `managedNamespaceMetadata`
 * (`namespaceLabels`, one source of levels for both engines).
 *
 * An app's Kustomizations build from the app's own GitRepository while the
 * gates build from the fleet's: Flux compares revisions only between
 * Kustomizations of one source, so the waves order what the fleet repository
 * changes (paths, namespaces, new clusters), while a new commit of an app's
 * own repository reaches each cluster at its next reconciliation.
 *
 * Each placement of an app with a default-deny NetworkPolicy (its DR copies'
 * too) gets a second Kustomization, `<placement>-netpol`, applying the app's
 * policy folder from the fleet repository to the same namespace: Argo CD's
 * Applications take that folder as a second source.
 */
import type { FluxObjectRef } from '../../constructs/flux/api';
import { KustomizationHealth } from '../../constructs/flux/kustomization';
import { Layout, namespaceLabels, repoPath, type App, type Cluster, type Fleet } from '../../model';
import { FluxComponent, FluxNames } from '../../model/delivery/engine-rules';
import { drCopies } from '../apps/dr';
import { appClusters } from '../apps/targets';
import { appPlacements, drCopyPlacements, drReplicas, servicePlacement } from '../delivery/placements';
import { serviceClusters } from '../services/application-set';
import { clusterLabels, clusterNamespace, FluxFolder, FluxLabel, kubeConfigOf, namespacesRef, PRESERVE_ON_DELETION, refOf } from './conventions';
import { optional, type ComponentPlan, type FluxSpec } from './plan';
import { appSource, fleetSource } from './sources';

/** Every spoke's entry folder, `clusters/<name>`. */
export function clusterConfigPlan(fleet: Fleet): ComponentPlan {
  const ref = (c: Cluster) => refOf(FluxNames.clusterConfig(c.name), clusterNamespace(fleet, c));
  return {
    component: FluxComponent.clusterConfig,
    runsOn: new Map(fleet.clusters.map((c) => [c.name, [ref(c)]])),
    specs: (after) =>
      fleet.clusters.map((cluster) => ({
        folder: FluxFolder.cluster(cluster.name),
        kind: 'Kustomization' as const,
        props: {
          ...ref(cluster),
          labels: clusterLabels(FluxComponent.clusterConfig, cluster),
          ...timing(fleet),
          source: fleetSource(fleet),
          path: repoPath(fleet, Layout.cluster(cluster.name)),
          kubeConfig: kubeConfigOf(fleet, cluster),
          dependsOn: optional(after(cluster.name)),
          health: KustomizationHealth.waitForAll(),
          ...PRESERVE_ON_DELETION,
        },
      })),
  };
}

/** A workload on one cluster: its Kustomization's name, path in its source, and namespace. */
interface Placement {
  readonly name: string;
  readonly path: string;
  readonly namespace: string;
}

/** The services Argo CD would deliver per cluster (those Karmada propagates are not Flux's). */
export function servicePlans(fleet: Fleet): ComponentPlan[] {
  return fleet.services
    .filter((s) => s.delivery === 'argocd')
    .map((service) =>
      placementPlan(fleet, service.name, serviceClusters(fleet, service), fleetSource(fleet), (c) => {
        const p = servicePlacement(service, c);
        return [{ name: p.name, path: repoPath(fleet, p.folder), namespace: p.namespace }];
      }),
    );
}

/** An app on the clusters its generator reaches (per service, with services), each placement with the app's policy. */
export function appPlan(fleet: Fleet, app: App): ComponentPlan {
  if (app.serviceDirectories || app.previews) throw new Error(`appPlan: app ${app.name} uses Argo CD-only generators, which the model refuses with Flux`);
  return placementPlan(fleet, FluxComponent.app(app.name), appClusters(fleet, app), appSource(fleet, app), (c) => appPlacements(app, c), app.networkPolicy ? app : undefined);
}

/**
 * One Kustomization per cluster and placement; with `policyOf`, another one per
 * placement applying that app's default-deny NetworkPolicy to the same namespace,
 * in the same wave (the same `dependsOn`). The waves wait for the placements'
 * own Kustomizations, as before the policy existed.
 */
function placementPlan(
  fleet: Fleet,
  component: string,
  clusters: readonly Cluster[],
  source: ReturnType<typeof fleetSource>,
  place: (c: Cluster) => Placement[],
  policyOf?: App,
): ComponentPlan {
  const refs = (c: Cluster) => place(c).map((p) => refOf(p.name, clusterNamespace(fleet, c)));
  return {
    component,
    runsOn: new Map(clusters.map((c) => [c.name, refs(c)])),
    specs: (after) =>
      clusters.flatMap((cluster) =>
        place(cluster).flatMap((p): FluxSpec[] => {
          const labels = clusterLabels(component, cluster);
          const dependsOn = [...optional(after(cluster.name)), namespacesRef(fleet, cluster)];
          const own: FluxSpec = {
            folder: FluxFolder.cluster(cluster.name),
            kind: 'Kustomization',
            props: {
              name: p.name,
              namespace: clusterNamespace(fleet, cluster),
              labels,
              ...timing(fleet),
              source,
              path: p.path,
              targetNamespace: p.namespace,
              kubeConfig: kubeConfigOf(fleet, cluster),
              dependsOn,
              health: KustomizationHealth.waitForAll(),
              ...PRESERVE_ON_DELETION,
            },
          };
          return policyOf ? [own, networkPolicySpec(fleet, policyOf, cluster, p, labels, dependsOn)] : [own];
        }),
      ),
  };
}

/**
 * The Kustomization applying `app`'s default-deny NetworkPolicy folder (the one Argo CD's
 * Applications take as a second source) to the namespace of placement `p`, named after it.
 */
function networkPolicySpec(fleet: Fleet, app: App, cluster: Cluster, p: Placement, labels: Readonly<Record<string, string>>, dependsOn: readonly FluxObjectRef[]): FluxSpec {
  return {
    folder: FluxFolder.cluster(cluster.name),
    kind: 'Kustomization',
    props: {
      name: FluxNames.appNetworkPolicy(p.name),
      namespace: clusterNamespace(fleet, cluster),
      labels,
      ...timing(fleet),
      source: fleetSource(fleet),
      path: repoPath(fleet, Layout.appNetworkPolicy(app.name)),
      targetNamespace: p.namespace,
      kubeConfig: kubeConfigOf(fleet, cluster),
      dependsOn: [...dependsOn],
      ...PRESERVE_ON_DELETION,
    },
  };
}

/** The DR copies of an app: the primary's configuration on its standby, scaled to the fleet's DR replicas. No wave: Argo CD syncs them as plain Applications. */
export function drCopySpecs(fleet: Fleet, app: App): FluxSpec[] {
  const replicas = JSON.stringify([{ op: 'add', path: '/spec/replicas', value: drReplicas(fleet) }]);
  return drCopies(fleet, app).flatMap(({ primary, standby }) =>
    drCopyPlacements(app, primary).flatMap((p): FluxSpec[] => {
      const labels = { ...clusterLabels(FluxComponent.app(app.name), standby), [DR_PRIMARY_LABEL]: primary.name };
      const dependsOn = [namespacesRef(fleet, standby)];
      const copy: FluxSpec = {
        folder: FluxFolder.cluster(standby.name),
        kind: 'Kustomization',
        props: {
          name: p.name,
          namespace: clusterNamespace(fleet, standby),
          labels,
          ...timing(fleet),
          source: appSource(fleet, app),
          path: p.path,
          targetNamespace: p.namespace,
          kubeConfig: kubeConfigOf(fleet, standby),
          dependsOn,
          patches: [{ patch: replicas, target: { group: 'apps', kind: 'Deployment' } }],
          health: KustomizationHealth.waitForAll(),
          ...PRESERVE_ON_DELETION,
        },
      };
      return app.networkPolicy ? [copy, networkPolicySpec(fleet, app, standby, p, labels, dependsOn)] : [copy];
    }),
  );
}

/** Label of a DR copy: the primary it copies (as on Argo CD's DR Applications). */
export const DR_PRIMARY_LABEL = 'fleetwright.io/dr-primary';

/**
 * The namespaces Kustomization of every cluster some Kustomization of `specs`
 * puts into a namespace (`targetNamespace`) or that runs an add-on with a
 * labelled namespace (`addonNamespaces`, per cluster), and the folder of those
 * namespaces, each with its Pod Security labels.
 */
export function namespaceSpecs(fleet: Fleet, specs: readonly FluxSpec[], addonNamespaces: ReadonlyMap<string, readonly string[]>): FluxSpec[] {
  const byCluster = new Map<string, Set<string>>();
  const add = (cluster: string, namespace: string) => byCluster.set(cluster, (byCluster.get(cluster) ?? new Set()).add(namespace));
  for (const s of specs) {
    if (s.kind !== 'Kustomization' || !s.props.targetNamespace) continue;
    const cluster = s.props.labels?.[FluxLabel.cluster];
    if (cluster) add(cluster, s.props.targetNamespace);
  }
  for (const [cluster, namespaces] of addonNamespaces) for (const namespace of namespaces) add(cluster, namespace);
  const clusters = new Map([fleet.hub, ...fleet.clusters].map((c) => [c.name, c]));
  return [...byCluster.keys()].sort().flatMap((name): FluxSpec[] => {
    const cluster = clusters.get(name)!;
    const folder = FluxFolder.namespaces(name);
    return [
      ...[...byCluster.get(name)!].sort().map((ns) => {
        const labels = namespaceLabels(fleet, ns);
        return { folder, kind: 'Namespace' as const, name: ns, ...(labels ? { labels } : {}) };
      }),
      {
        folder: FluxFolder.cluster(name),
        kind: 'Kustomization' as const,
        props: {
          ...namespacesRef(fleet, cluster),
          labels: clusterLabels('namespaces', cluster),
          ...timing(fleet),
          source: fleetSource(fleet),
          path: repoPath(fleet, folder),
          kubeConfig: kubeConfigOf(fleet, cluster),
          // Never delete a namespace, as Argo CD never deletes one it created.
          prune: false,
          ...PRESERVE_ON_DELETION,
        },
      },
    ];
  });
}

function timing(fleet: Fleet) {
  return { interval: fleet.flux.interval, timeout: fleet.flux.timeout, retryInterval: fleet.flux.retryInterval };
}

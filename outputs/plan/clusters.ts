/**
 * What a plan knows of each cluster on one side of the comparison: from the
 * model when the side was rendered from a definition, else from the tree
 * (its manifest, registrations and folders), completed with the other
 * side's model for what a tree does not say.
 */
import { addonLabel, ClusterAnnotation, ClusterLabel, formatVersion, HUB_ENVIRONMENT, Layout, type AddonName, type Fleet, type Network } from '../../model';
import { ADDON_NAMES } from '../../model/addons/names';
import type { Manifest } from '../gitops/manifest';
import { isRecord, type Document } from './documents';
import { clusterApiVersion, entryVersion, versionText } from './tree-versions';

export interface ClusterFacts {
  readonly name: string;
  readonly role: 'hub' | 'spoke';
  /** The environment; `hub` for the hub. */
  readonly environment: string;
  readonly tier?: 'production' | 'non-production';
  readonly protected: boolean;
  readonly standby: boolean;
  /** The rollout wave (spokes of a side rendered from a definition). */
  readonly wave?: string;
  /**
   * Labels of the cluster's registration with the hub's Argo CD, when it has one (in the tree,
   * or made by its Pulumi stack): what ApplicationSet generators select on. Absent for clusters
   * no ApplicationSet can reach.
   */
  readonly labels?: Readonly<Record<string, string>>;
  /** Add-ons the cluster runs. */
  readonly addons: ReadonlySet<string>;
  readonly network?: Network;
  /**
   * The Kubernetes version the side gives the cluster (`1.34`, `1.35.1`, once an upgrade of the
   * rollout applies); absent when a tree says nothing of it. Never completed from the other side.
   */
  readonly kubernetesVersion?: string;
  /** The provider kind (`capi-aws`, `existing`, …), when known. */
  readonly provider?: string;
}

export interface ClusterTable {
  /** The hub's name, when known. */
  readonly hub?: string;
  /** Every cluster, the hub included. */
  readonly clusters: ReadonlyMap<string, ClusterFacts>;
  /** Environment names in rollout order. */
  readonly environments: readonly string[];
}

export function tableFromFleet(fleet: Fleet): ClusterTable {
  const hub = fleet.hub;
  const clusters = new Map<string, ClusterFacts>();
  clusters.set(hub.name, {
    name: hub.name,
    role: 'hub',
    environment: HUB_ENVIRONMENT,
    protected: true,
    standby: false,
    ...(hub.delivery === 'gitops' ? { labels: hub.labels } : {}),
    addons: new Set(hub.addons),
    network: hub.network,
    kubernetesVersion: formatVersion(hub.kubernetesVersion),
    provider: hub.provider.kind,
  });
  for (const c of fleet.clusters) {
    clusters.set(c.name, {
      name: c.name,
      role: 'spoke',
      environment: c.environment,
      tier: c.tier,
      protected: c.protected,
      standby: c.standby,
      wave: c.wave,
      // Pulumi-delivered environments are registered nowhere; pulumi-eks clusters by their stack.
      ...(c.delivery === 'gitops' ? { labels: c.labels } : {}),
      addons: new Set(c.addons),
      network: c.network,
      kubernetesVersion: formatVersion(c.kubernetesVersion),
      provider: c.provider.kind,
    });
  }
  return { hub: hub.name, clusters, environments: fleet.environments.map((e) => e.name) };
}

/**
 * The clusters of a tree synth wrote: the manifest's spokes, the labels of the registrations in
 * `hub/registration`, add-ons from those labels or the clusters' add-on folders, Kubernetes
 * versions from the registrations' annotations, the entry folders' `fleet-cluster` ConfigMaps
 * or the Cluster API objects (see `tree-versions.ts`). Facts the tree does not hold
 * (registrations made by Pulumi stacks, add-ons of unregistered clusters) come from `other`, the
 * head's table, for clusters it also has; waves and networks stay unknown (a move between waves,
 * a CIDR change are then seen in the objects that carry them), and so does a version the tree
 * does not say (it is never taken from `other`: the plan compares them).
 */
export function tableFromTree(manifest: Manifest, files: Iterable<string>, documents: (file: string) => readonly Document[], other?: ClusterTable): ClusterTable {
  const registrations = new Map<string, Registration>();
  const folders = new Map<string, Set<string>>();
  const entries = new Set<string>();
  const entryFiles = new Map<string, string[]>();
  const clusterApiFiles = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, file: string) => (map.get(key) ?? map.set(key, []).get(key)!).push(file);
  for (const file of files) {
    const parts = file.split('/');
    if (file.startsWith(`${Layout.hubRegistration}/`) && parts.length === 3) {
      for (const doc of documents(file)) {
        const registration = registrationOf(doc.content);
        if (registration) registrations.set(registration.name, registration);
      }
    } else if (file.startsWith(`${Layout.hubClusterApi}/`) && parts.length >= 4) {
      add(clusterApiFiles, parts[2]!, file);
    } else if (parts[0] === 'clusters' && parts.length >= 3) {
      entries.add(parts[1]!);
      if (parts.length === 3) add(entryFiles, parts[1]!, file);
      if (parts[2] === 'addons' && parts.length >= 5) {
        if (!folders.has(parts[1]!)) folders.set(parts[1]!, new Set());
        folders.get(parts[1]!)!.add(parts[3]!);
      }
    }
  }
  const spokes = new Set(manifest.clusters.map((c) => c.name));
  const hub =
    [...registrations].find(([, r]) => r.labels[ClusterLabel.role] === 'hub')?.[0] ??
    [...entries].find((name) => !spokes.has(name)) ??
    other?.hub;
  const addonsOf = (name: string, labels: Readonly<Record<string, string>> | undefined): Set<string> =>
    labels
      ? new Set(ADDON_NAMES.filter((a: AddonName) => labels[addonLabel(a)] === 'true'))
      : new Set([...(folders.get(name) ?? []), ...(other?.clusters.get(name)?.addons ?? [])]);
  const versionOf = (name: string): { kubernetesVersion?: string } => {
    const version =
      versionText(registrations.get(name)?.annotations[ClusterAnnotation.kubernetesVersion]) ??
      (entryFiles.get(name) ?? []).map((file) => entryVersion(name, documents(file))).find((v) => v !== undefined) ??
      clusterApiVersion((clusterApiFiles.get(name) ?? []).flatMap((file) => documents(file)));
    return version !== undefined ? { kubernetesVersion: version } : {};
  };
  const providerOf = (name: string, labels: Readonly<Record<string, string>> | undefined): { provider?: string } => {
    const provider = labels?.[ClusterLabel.provider] ?? other?.clusters.get(name)?.provider;
    return provider !== undefined ? { provider } : {};
  };
  const clusters = new Map<string, ClusterFacts>();
  if (hub !== undefined) {
    const labels = registrations.get(hub)?.labels ?? other?.clusters.get(hub)?.labels;
    clusters.set(hub, {
      name: hub,
      role: 'hub',
      environment: HUB_ENVIRONMENT,
      protected: true,
      standby: false,
      ...(labels ? { labels } : {}),
      addons: addonsOf(hub, labels),
      ...versionOf(hub),
      ...providerOf(hub, labels),
    });
  }
  for (const c of manifest.clusters) {
    const known = other?.clusters.get(c.name);
    const labels = registrations.get(c.name)?.labels ?? known?.labels;
    clusters.set(c.name, {
      name: c.name,
      role: 'spoke',
      environment: c.environment,
      ...(c.tier !== undefined ? { tier: c.tier } : labels?.[ClusterLabel.tier] === 'production' ? { tier: 'production' as const } : {}),
      protected: c.protected,
      standby: labels ? labels[ClusterLabel.standby] === 'true' : (known?.standby ?? false),
      ...(labels ? { labels } : {}),
      addons: addonsOf(c.name, labels),
      ...versionOf(c.name),
      ...providerOf(c.name, labels),
    });
  }
  const environments = [...(other?.environments ?? [])];
  for (const c of manifest.clusters) if (!environments.includes(c.environment)) environments.push(c.environment);
  return { hub, clusters, environments };
}

interface Registration {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, unknown>>;
}

/** The cluster name, labels and annotations of an Argo CD cluster registration (a cluster Secret, or the ExternalSecret that templates one). */
function registrationOf(object: unknown): Registration | undefined {
  if (!isRecord(object) || !isRecord(object.metadata)) return undefined;
  const isCluster = (labels: unknown): labels is Record<string, string> => isRecord(labels) && labels['argocd.argoproj.io/secret-type'] === 'cluster';
  const annotationsOf = (metadata: unknown) => (isRecord(metadata) && isRecord(metadata.annotations) ? metadata.annotations : {});
  if (object.kind === 'Secret' && isCluster(object.metadata.labels)) {
    const data = isRecord(object.stringData) ? object.stringData : {};
    const encoded = isRecord(object.data) && typeof object.data.name === 'string' ? Buffer.from(object.data.name, 'base64').toString('utf8') : undefined;
    const name = typeof data.name === 'string' ? data.name : encoded;
    return name === undefined ? undefined : { name, labels: object.metadata.labels, annotations: annotationsOf(object.metadata) };
  }
  if (object.kind === 'ExternalSecret' && isRecord(object.spec) && isRecord(object.spec.target) && isRecord(object.spec.target.template)) {
    const template = object.spec.target.template;
    const labels = isRecord(template.metadata) ? template.metadata.labels : undefined;
    const name = isRecord(template.data) ? template.data.name : undefined;
    return isCluster(labels) && typeof name === 'string' ? { name, labels, annotations: annotationsOf(template.metadata) } : undefined;
  }
  return undefined;
}

/** Every cluster of either table, by name (`head` wins for clusters both have). */
export function unionTable(base: ClusterTable, head: ClusterTable): ClusterTable {
  const clusters = new Map(base.clusters);
  for (const [name, facts] of head.clusters) clusters.set(name, facts);
  const environments = [...head.environments];
  for (const env of base.environments) if (!environments.includes(env)) environments.push(env);
  return { hub: head.hub ?? base.hub, clusters, environments };
}

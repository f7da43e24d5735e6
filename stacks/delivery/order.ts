/**
 * The order of a cluster's components: each after what it needs.
 *
 * - The catalog's dependencies: every component of an add-on after every
 *   component of the add-ons it depends on (what the sync waves of the add-on
 *   ApplicationSets express), and an add-on's objects after its chart.
 * - CRDs: a component whose objects instantiate a kind an add-on's chart
 *   installs (a ClusterIssuer: cert-manager; a ServiceMonitor:
 *   kube-prometheus-stack; …, see ./kinds) after that chart; a chart whose
 *   values switch on such objects (`serviceMonitor.enabled`) too.
 * - Namespaces: a component after the one that creates a namespace its
 *   objects are in (a chart's or folder's destination namespace, which Argo
 *   CD creates; a Namespace object), preferring the earliest such component.
 *
 * Among components free to go, the earlier in the Argo CD view goes first:
 * the entry folder, add-ons by sync wave then catalog order (chart, then
 * objects), services, then the external references. What no component
 * provides (kinds of Argo CD, Cluster API, Karmada or Flux; of an add-on the
 * cluster does not run; namespaces nothing creates) is a prerequisite of the
 * cluster, listed in the result.
 */
import { CATALOG } from '../../model';
import type { AddonCluster } from '../addons/spi';
import type { KubeObject } from '../rendered';
import type { ChartComponent, ClusterDelivery, ComponentNeeds, DeliveryComponent, ExternalComponent, FolderComponent, KindNeed, KindPrerequisite, NamespacePrerequisite } from './components';
import { apiGroup } from './folders';
import { kindSource, switchedOnKinds } from './kinds';

/** A component before its order and needs are known. */
export type Unordered = Omit<FolderComponent, 'after' | 'needs'> | Omit<ChartComponent, 'after' | 'needs'> | Omit<ExternalComponent, 'after'>;

/** Namespaces every cluster has. */
const KUBERNETES_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

interface Node {
  readonly component: Unordered;
  readonly index: number;
  readonly needs?: ComponentNeeds;
  readonly deps: Set<number>;
}

export function orderComponents(cluster: AddonCluster, unordered: readonly Unordered[]): ClusterDelivery {
  const ids = new Set<string>();
  for (const c of unordered) {
    if (ids.has(c.id)) throw new Error(`clusterDelivery: ${cluster.name} would get two components ${c.id}; rename the app, service or add-on it is derived from`);
    ids.add(c.id);
  }
  const nodes: Node[] = unordered.map((component, index) => ({ component, index, needs: needsOf(component), deps: new Set<number>() }));
  const kindPrerequisites = new Map<string, { need: KindNeed; neededBy: number[] }>();
  const namespacePrerequisites = new Map<string, number[]>();

  const charts = new Map(nodes.flatMap((n) => (n.component.kind === 'chart' ? [[n.component.addon, n.index] as const] : [])));
  const creators = namespaceCreators(nodes);
  for (const node of nodes) {
    const c = node.component;
    const addon = c.kind === 'chart' ? c.addon : c.kind === 'folder' ? c.addon : undefined;
    if (addon !== undefined) {
      for (const dep of CATALOG[addon].dependsOn) {
        if (!cluster.addons.includes(dep.name)) continue;
        for (const other of nodes) if (addonOf(other.component) === dep.name) node.deps.add(other.index);
      }
      const chart = charts.get(addon);
      if (c.kind === 'folder' && chart !== undefined) node.deps.add(chart);
    }
    for (const need of node.needs?.kinds ?? []) {
      const chart = need.source.by === 'addon' ? charts.get(need.source.addon) : undefined;
      if (chart !== undefined) {
        if (chart !== node.index) node.deps.add(chart);
        continue;
      }
      const key = `${need.group}/${need.kind}`;
      const entry = kindPrerequisites.get(key) ?? { need, neededBy: [] };
      entry.neededBy.push(node.index);
      kindPrerequisites.set(key, entry);
    }
    for (const namespace of node.needs?.namespaces ?? []) {
      const creator = creators.get(namespace)?.find((i) => i !== node.index);
      if (creator !== undefined) node.deps.add(creator);
      else namespacePrerequisites.set(namespace, [...(namespacePrerequisites.get(namespace) ?? []), node.index]);
    }
  }

  const order = sortNodes(cluster, nodes);
  const position = new Map(order.map((n, i) => [n.index, i]));
  const idsOf = (indexes: Iterable<number>) => [...new Set(indexes)].sort((a, b) => position.get(a)! - position.get(b)!).map((i) => nodes[i]!.component.id);
  const components = order.map((node): DeliveryComponent => {
    const after = idsOf(node.deps);
    return node.component.kind === 'external' ? { ...node.component, after } : { ...node.component, after, needs: node.needs! };
  });
  return {
    cluster: cluster.name,
    role: cluster.role,
    components,
    prerequisites: {
      kinds: [...kindPrerequisites.keys()].sort().map((key): KindPrerequisite => {
        const { need, neededBy } = kindPrerequisites.get(key)!;
        return { ...need, neededBy: idsOf(neededBy) };
      }),
      namespaces: [...namespacePrerequisites.keys()].sort().map((namespace): NamespacePrerequisite => ({ namespace, neededBy: idsOf(namespacePrerequisites.get(namespace)!) })),
    },
  };
}

function addonOf(c: Unordered): string | undefined {
  return c.kind === 'chart' || c.kind === 'folder' ? c.addon : undefined;
}

/** What a folder's objects or a chart's values need; nothing for external references. */
function needsOf(c: Unordered): ComponentNeeds | undefined {
  if (c.kind === 'external') return undefined;
  if (c.kind === 'chart') {
    const kinds = switchedOnKinds(c.values)
      .map(({ group, kind }) => ({ group, kind, source: kindSource(group, kind)! }))
      .filter((need) => !(need.source.by === 'addon' && need.source.addon === c.addon));
    return { namespaces: [], kinds };
  }
  const created = createdNamespaces(c);
  const defined = new Set(c.objects.flatMap(definedKind));
  const namespaces = new Set<string>();
  const kinds = new Map<string, KindNeed>();
  if (!c.createNamespace) namespaces.add(c.namespace);
  for (const o of c.objects) {
    if (o.metadata.namespace !== undefined) namespaces.add(o.metadata.namespace);
    const group = apiGroup(o.apiVersion);
    const key = `${group}/${o.kind}`;
    if (kinds.has(key) || defined.has(key)) continue;
    const source = kindSource(group, o.kind);
    if (source) kinds.set(key, { group, kind: o.kind, source });
  }
  return {
    namespaces: [...namespaces].filter((ns) => !created.has(ns) && !KUBERNETES_NAMESPACES.has(ns)).sort(),
    kinds: [...kinds.keys()].sort().map((key) => kinds.get(key)!),
  };
}

/** Namespaces a component creates: its destination (with CreateNamespace) and its Namespace objects. */
function createdNamespaces(c: Unordered): Set<string> {
  const created = new Set<string>();
  if (c.kind === 'external') return created;
  if (c.createNamespace) created.add(c.namespace);
  if (c.kind === 'folder') for (const o of c.objects) if (apiGroup(o.apiVersion) === '' && o.kind === 'Namespace') created.add(o.metadata.name);
  return created;
}

/** The `group/kind` a CustomResourceDefinition defines, so a folder shipping a CRD does not need it from elsewhere. */
function definedKind(o: KubeObject): string[] {
  if (apiGroup(o.apiVersion) !== 'apiextensions.k8s.io' || o.kind !== 'CustomResourceDefinition') return [];
  const spec = o.spec as { group?: string; names?: { kind?: string } } | undefined;
  return spec?.group !== undefined && spec.names?.kind !== undefined ? [`${spec.group}/${spec.names.kind}`] : [];
}

/** Per namespace, the components that create it, in Argo CD order. */
function namespaceCreators(nodes: readonly Node[]): Map<string, number[]> {
  const creators = new Map<string, number[]>();
  for (const node of nodes) {
    for (const ns of createdNamespaces(node.component)) creators.set(ns, [...(creators.get(ns) ?? []), node.index]);
  }
  return creators;
}

/** Kahn's algorithm; among the components free to go, the earliest in Argo CD order. */
function sortNodes(cluster: AddonCluster, nodes: readonly Node[]): Node[] {
  const done = new Set<number>();
  const order: Node[] = [];
  while (order.length < nodes.length) {
    const next = nodes.find((n) => !done.has(n.index) && [...n.deps].every((d) => done.has(d)));
    if (!next) {
      const stuck = nodes.filter((n) => !done.has(n.index));
      const edges = stuck.map((n) => `${n.component.id} after ${[...n.deps].filter((d) => !done.has(d)).map((d) => nodes[d]!.component.id).join(', ')}`);
      throw new Error(`clusterDelivery: on ${cluster.name} the components wait for each other (${edges.join('; ')}); an add-on's objects must not need what depends on the add-on`);
    }
    done.add(next.index);
    order.push(next);
  }
  return order;
}

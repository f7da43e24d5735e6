/**
 * What a stack applies to one cluster when it delivers it directly, planned
 * before any resource exists (so a problem stops the program before it
 * creates anything): the cluster's `ClusterDelivery` (what Argo CD would sync
 * to it, from the same rendered units synth writes) as steps in delivery
 * order, each after the steps it needs (`after`).
 *
 * - A folder step: the folder's objects, unchanged, one resource each. As
 *   Argo CD applies Namespaces and CRDs before the rest of a sync, an object
 *   waits for its step's Namespace and for the step's CRD of its kind. The
 *   destination namespace Argo CD creates (`CreateNamespace=true`) is created
 *   as a bare Namespace when nothing before the step creates it (a chart's
 *   chart step's Namespace, a Namespace object), with the component's Pod
 *   Security labels (`namespaceLabels`).
 * - A chart step: the add-on's pinned chart with its merged values. Helm
 *   would create the namespace unlabelled (`createNamespace`), so the first
 *   step into a namespace nothing created yet creates it as a labelled
 *   Namespace before its release; a later chart into the same namespace
 *   (thanos after kube-prometheus-stack in `monitoring`) waits for that
 *   Namespace, and one into a namespace a folder step created waits for the
 *   folder step.
 * - External components: Karmada's objects on the hub are skipped (the
 *   hub's Argo CD applies them to Karmada's API server, through the
 *   `fleet-karmada` Application this stack applies); apps, DR copies and
 *   previews cannot reach a Pulumi-delivered cluster (the definition's rules
 *   refuse them), so seeing one is an error.
 *
 * An object that two steps would apply is refused, as Argo CD reports a
 * resource shared by two Applications.
 */
import type { Cluster, HubCluster } from '../../model';
import { apiGroup, isKind, objectLabel, type ChartComponent, type ClusterDelivery, type ExternalComponent, type FolderComponent } from '../../stacks/delivery';
import type { KubeObject } from '../../stacks/rendered';
import { holdsProductionData, protectionOf } from './protection';

/** An object and how it is registered. */
export interface PlannedObject {
  readonly object: KubeObject;
  /** The resource's name: `<prefix>/<namespace>/<name>`, or `<prefix>/<name>` for cluster-scoped objects. */
  readonly name: string;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  /** Indexes (in the same list) of the objects it waits for: its Namespace, the CRD of its kind. */
  readonly after: readonly number[];
}

export interface FolderStep {
  readonly kind: 'folder';
  readonly id: string;
  readonly component: FolderComponent;
  /** The objects, and the destination Namespace first when the step creates it. */
  readonly objects: readonly PlannedObject[];
  /** Ids of the steps it waits for. */
  readonly after: readonly string[];
}

export interface ChartStep {
  readonly kind: 'chart';
  readonly id: string;
  readonly component: ChartComponent;
  /** The Namespace the step creates before its release, with its labels; none when a step before it (or Kubernetes) created it. */
  readonly namespace?: PlannedObject;
  readonly after: readonly string[];
}

export type ApplyStep = FolderStep | ChartStep;

export interface ApplyPlan {
  readonly cluster: string;
  readonly steps: readonly ApplyStep[];
  /** Components the stack leaves to someone else. */
  readonly skipped: readonly ExternalComponent[];
  /** What the stack logs: what must already be on the cluster, and what it skips. */
  readonly notes: readonly string[];
}

/** Namespaces every cluster has. */
const KUBERNETES_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** The resource name of an object applied under `prefix`. */
export function objectName(prefix: string, object: KubeObject): string {
  const { namespace, name } = object.metadata;
  return namespace === undefined ? `${prefix}/${name}` : `${prefix}/${namespace}/${name}`;
}

/** The Namespace a component creates (`CreateNamespace`), with its labels. */
function namespaceObject(name: string, labels: Readonly<Record<string, string>> | undefined): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(labels === undefined ? {} : { labels: { ...labels } }) } };
}

/** The `group/kind` a CustomResourceDefinition serves. */
function crdKind(object: KubeObject): string | undefined {
  if (!isKind(object, 'apiextensions.k8s.io', 'CustomResourceDefinition')) return undefined;
  const spec = object.spec as { group?: string; names?: { kind?: string } } | undefined;
  return spec?.group !== undefined && spec.names?.kind !== undefined ? `${spec.group}/${spec.names.kind}` : undefined;
}

/**
 * Plans `objects` applied under `prefix` to a cluster whose data is (or is
 * not) production data: names, protection, and each object after its
 * Namespace and its kind's CRD in the same list.
 */
export function planObjects(prefix: string, objects: readonly KubeObject[], productionData: boolean): PlannedObject[] {
  const namespaces = new Map<string, number>();
  const crds = new Map<string, number>();
  objects.forEach((o, i) => {
    if (isKind(o, '', 'Namespace')) namespaces.set(o.metadata.name, i);
    const served = crdKind(o);
    if (served !== undefined) crds.set(served, i);
  });
  return objects.map((object, i) => {
    const after = new Set<number>();
    const ns = object.metadata.namespace === undefined ? undefined : namespaces.get(object.metadata.namespace);
    if (ns !== undefined && ns !== i) after.add(ns);
    const crd = crds.get(`${apiGroup(object.apiVersion)}/${object.kind}`);
    if (crd !== undefined && crd !== i) after.add(crd);
    return { object, name: objectName(prefix, object), ...protectionOf(object, productionData), after: [...after].sort((a, b) => a - b) };
  });
}

/** Plans the direct apply of `delivery` to `cluster`. Throws for components a direct apply cannot deliver. */
export function planDirectApply(delivery: ClusterDelivery, cluster: Cluster | HubCluster): ApplyPlan {
  const name = cluster.name;
  const productionData = holdsProductionData(cluster);
  const declared = new Map<string, string>();
  for (const c of delivery.components) {
    if (c.kind !== 'folder') continue;
    for (const o of c.objects) if (isKind(o, '', 'Namespace')) declared.set(o.metadata.name, c.id);
  }
  const created = new Set<string>(KUBERNETES_NAMESPACES);
  /** The folder step that created a namespace (chart steps' Namespaces are waited for directly). */
  const createdBy = new Map<string, string>();
  const owners = new Map<string, string>();
  const claim = (o: KubeObject, id: string) => {
    const key = `${apiGroup(o.apiVersion)}|${o.kind}|${o.metadata.namespace ?? ''}|${o.metadata.name}`;
    const owner = owners.get(key);
    if (owner !== undefined) {
      throw new Error(`direct apply: ${name} would get ${objectLabel(o)} from ${owner} and from ${id}; one object must come from one folder (Argo CD reports it as shared by two Applications): render it once`);
    }
    owners.set(key, id);
  };
  const steps: ApplyStep[] = [];
  const skipped: ExternalComponent[] = [];
  const notes: string[] = [];
  for (const c of delivery.components) {
    if (c.kind === 'external') {
      if (c.role !== 'karmada') {
        throw new Error(
          `direct apply: ${name} would get ${c.id} (Application ${c.application}), ${c.reason}; ` +
            'a cluster whose stack applies its objects cannot run it, and the definition\'s rules refuse it there: deliver the cluster\'s environment with GitOps',
        );
      }
      skipped.push(c);
      notes.push(`${name}: skips ${c.id}: ${c.reason} (Application ${c.application}, which this stack applies to the hub)`);
      continue;
    }
    if (c.kind === 'chart') {
      if (!created.has(c.namespace)) {
        const object = namespaceObject(c.namespace, c.namespaceLabels);
        claim(object, c.id);
        created.add(c.namespace);
        steps.push({ kind: 'chart', id: c.id, component: c, namespace: planObjects(name, [object], productionData)[0]!, after: c.after });
      } else {
        const folder = createdBy.get(c.namespace);
        steps.push({ kind: 'chart', id: c.id, component: c, after: folder === undefined || c.after.includes(folder) ? c.after : [...c.after, folder] });
      }
      continue;
    }
    const objects: KubeObject[] = [];
    if (c.createNamespace && !created.has(c.namespace)) {
      const declaredBy = declared.get(c.namespace);
      if (declaredBy === undefined) {
        objects.push(namespaceObject(c.namespace, c.namespaceLabels));
      } else if (declaredBy !== c.id) {
        throw new Error(
          `direct apply: on ${name}, ${c.id} creates its namespace ${c.namespace} (CreateNamespace) before ${declaredBy}, which holds the Namespace object, is applied; ` +
            `make ${c.id} need ${declaredBy}, or move the Namespace object into ${c.id}`,
        );
      }
    }
    objects.push(...c.objects);
    for (const o of objects) {
      if (isKind(o, '', 'Namespace') && !created.has(o.metadata.name)) {
        created.add(o.metadata.name);
        createdBy.set(o.metadata.name, c.id);
      }
      claim(o, c.id);
    }
    steps.push({ kind: 'folder', id: c.id, component: c, objects: planObjects(name, objects, productionData), after: c.after });
  }
  for (const k of delivery.prerequisites.kinds) {
    const from = k.source.by === 'platform' ? k.source.platform : `add-on ${k.source.addon}, which ${name} does not run`;
    notes.push(`${name}: ${k.neededBy.join(', ')} need${k.neededBy.length === 1 ? 's' : ''} ${k.kind} (${k.group}) from ${from}: install it on ${name} before this stack applies them`);
  }
  for (const n of delivery.prerequisites.namespaces) {
    notes.push(`${name}: ${n.neededBy.join(', ')} need${n.neededBy.length === 1 ? 's' : ''} namespace ${n.namespace}, which nothing this stack applies creates: create it on ${name} first`);
  }
  return { cluster: name, steps, skipped, notes };
}

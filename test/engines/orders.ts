/**
 * The release order of a synthesized fleet, read from the rendered objects
 * of each engine (never from the model, so either renderer can be caught).
 *
 * Argo CD: every ApplicationSet with a RollingSync strategy is evaluated as
 * the ApplicationSet controller does: its generators over the rendered
 * cluster registrations (cluster, list and matrix generators), the generated
 * Applications' labels from the template, and each Application in the first
 * step all of whose expressions match its labels.
 *
 * Flux: a graph of "waits for" edges between the Flux objects under
 * `hub/flux`: `dependsOn`, `healthChecks`, and for an object applied by a
 * Kustomization (it is in the folder the Kustomization builds), the
 * Kustomization's own dependencies. A cluster comes after another for a
 * component when one of the component's objects on it waits, directly or
 * not, for one of the component's objects on the other.
 */
import type { KubeObject, Unit } from '../../stacks/rendered';

type Labels = Readonly<Record<string, string>>;

export interface Registration {
  readonly name: string;
  readonly labels: Labels;
  readonly annotations: Labels;
}

/** The cluster registrations of the hub's Argo CD: plain Secrets and ExternalSecrets templating them. */
export function registrations(units: readonly Unit[]): Registration[] {
  const unit = units.find((u) => u.dir === 'hub/registration');
  if (!unit) throw new Error('no hub/registration folder');
  return unit.objects.flatMap((o: any): Registration[] => {
    const secret = o.kind === 'Secret' ? { name: o.stringData?.name, labels: o.metadata.labels, annotations: o.metadata.annotations } : undefined;
    const templated = o.kind === 'ExternalSecret' ? { name: o.spec.target?.template?.data?.name, labels: o.spec.target?.template?.metadata?.labels, annotations: o.spec.target?.template?.metadata?.annotations } : undefined;
    const r = secret ?? templated;
    return r?.labels?.['argocd.argoproj.io/secret-type'] === 'cluster' ? [{ name: r.name, labels: r.labels, annotations: r.annotations ?? {} }] : [];
  });
}

export type Params = Readonly<Record<string, unknown>>;

function matches(labels: Labels, selector: any): boolean {
  for (const [k, v] of Object.entries(selector?.matchLabels ?? {})) if (labels[k] !== v) return false;
  return (selector?.matchExpressions ?? []).every((e: any) => {
    const value = labels[e.key];
    switch (e.operator) {
      case 'In':
        return value !== undefined && e.values.includes(value);
      case 'NotIn':
        return value === undefined || !e.values.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
      default:
        throw new Error(`unknown operator ${e.operator}`);
    }
  });
}

/** The parameter sets a generator produces. */
function generate(generator: any, clusters: readonly Registration[]): Params[] {
  if (generator.clusters) {
    return clusters.filter((c) => matches(c.labels, generator.clusters.selector)).map((c) => ({ name: c.name, metadata: { labels: c.labels, annotations: c.annotations } }));
  }
  if (generator.list) return generator.list.elements;
  if (generator.matrix) {
    const [first, second] = generator.matrix.generators.map((g: any) => generate(g, clusters));
    return first!.flatMap((a: Params) => second!.map((b: Params) => ({ ...a, ...b })));
  }
  throw new Error(`generator ${Object.keys(generator).join()} is not evaluated here`);
}

/** A Go template over parameters, as far as the templates here go: `.a.b` and `index .a.b "key"`. */
export function render(template: string, params: Params): string {
  return template.replace(/\{\{\s*(index\s+)?\.([\w.]+)(?:\s+"([^"]+)")?\s*\}\}/g, (_all, index, path: string, key: string | undefined) => {
    let value: any = params;
    for (const part of path.split('.')) value = value?.[part];
    // Go's index returns the zero value for a missing map key (missingkey=error covers field access only).
    if (index) value = value?.[key!] ?? '';
    if (typeof value !== 'string') throw new Error(`missing parameter in ${template}`);
    return value;
  });
}

export interface ArgoRelease {
  /** Step index per cluster (-1: no step selects it, never synced). */
  readonly steps: ReadonlyMap<string, number>;
  /** `maxUpdate` of each step. */
  readonly maxUpdate: readonly (number | string)[];
}

/** Per ApplicationSet with a RollingSync strategy: the step each cluster's Applications are in. */
export function argoReleases(units: readonly Unit[]): Map<string, ArgoRelease> {
  const clusters = registrations(units);
  const out = new Map<string, ArgoRelease>();
  for (const set of units.flatMap((u) => u.objects).filter((o) => o.kind === 'ApplicationSet') as any[]) {
    const rolling = set.spec.strategy?.rollingSync;
    if (!rolling) continue;
    const steps = new Map<string, number>();
    for (const generator of set.spec.generators) {
      for (const params of generate(generator, clusters)) {
        const labels = Object.fromEntries(Object.entries(set.spec.template.metadata.labels ?? {}).map(([k, v]) => [k, render(v as string, params)]));
        const step = rolling.steps.findIndex((s: any) => matches(labels, { matchExpressions: s.matchExpressions }));
        const cluster = params['name'] as string;
        if (steps.has(cluster) && steps.get(cluster) !== step) throw new Error(`${set.metadata.name}: ${cluster} in two steps`);
        steps.set(cluster, step);
      }
    }
    out.set(set.metadata.name, { steps, maxUpdate: rolling.steps.map((s: any) => s.maxUpdate ?? '100%') });
  }
  return out;
}

const key = (kind: string, namespace: string | undefined, name: string) => `${kind}/${namespace}/${name}`;

export interface FluxGraph {
  readonly objects: ReadonlyMap<string, KubeObject>;
  /** Object → the objects it waits for. */
  readonly waitsFor: ReadonlyMap<string, readonly string[]>;
}

/** The "waits for" graph of every Kustomization and HelmRelease under `hub/flux`. */
export function fluxGraph(units: readonly Unit[], repoPath: string): FluxGraph {
  const fluxUnits = units.filter((u) => u.dir === 'hub/flux' || u.dir.startsWith('hub/flux/'));
  const objects = new Map<string, KubeObject>();
  const folderOf = new Map<string, string>();
  for (const unit of fluxUnits) {
    for (const o of unit.objects) {
      if (o.kind !== 'Kustomization' && o.kind !== 'HelmRelease') continue;
      const k = key(o.kind, o.metadata.namespace, o.metadata.name);
      if (objects.has(k)) throw new Error(`${k} twice`);
      objects.set(k, o);
      folderOf.set(k, unit.dir);
    }
  }
  const waitsFor = new Map<string, string[]>();
  const add = (from: string, to: string) => {
    if (!objects.has(to)) throw new Error(`${from} waits for ${to}, which is not rendered`);
    waitsFor.set(from, [...(waitsFor.get(from) ?? []), to]);
  };
  const prefix = repoPath === '' ? './' : `./${repoPath}/`;
  for (const [k, o] of objects as Map<string, any>) {
    for (const d of o.spec.dependsOn ?? []) add(k, key(o.kind, d.namespace ?? o.metadata.namespace, d.name));
    for (const h of o.spec.healthChecks ?? []) add(k, key(h.kind, h.namespace ?? o.metadata.namespace, h.name));
    if (o.kind !== 'Kustomization' || !o.spec.path.startsWith(`${prefix}hub/flux/`)) continue;
    // What a Kustomization applies is reconciled at a new revision only once the Kustomization may run.
    const folder = o.spec.path.slice(prefix.length);
    for (const [other, otherFolder] of folderOf) {
      if (otherFolder !== folder || other === k) continue;
      for (const d of o.spec.dependsOn ?? []) add(other, key('Kustomization', d.namespace ?? o.metadata.namespace, d.name));
    }
  }
  return { objects, waitsFor };
}

/** Everything `start` waits for, directly or not. */
function reachable(graph: FluxGraph, start: string): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    for (const next of graph.waitsFor.get(stack.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

/** Per component, its objects by cluster (DR copies left out: neither engine orders them). */
export function fluxComponents(graph: FluxGraph): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const [k, o] of graph.objects) {
    const labels = o.metadata.labels ?? {};
    const component = labels['fleetwright.io/component'];
    const cluster = labels['fleetwright.io/cluster'];
    if (!component || !cluster || labels['fleetwright.io/dr-primary']) continue;
    const byCluster = out.get(component) ?? new Map<string, string[]>();
    byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), k]);
    out.set(component, byCluster);
  }
  return out;
}

/** Pairs `a<b` of a component's clusters where b waits for a. */
export function fluxOrder(graph: FluxGraph, byCluster: ReadonlyMap<string, readonly string[]>): Set<string> {
  const owner = new Map<string, string>();
  for (const [cluster, keys] of byCluster) for (const k of keys) owner.set(k, cluster);
  const pairs = new Set<string>();
  for (const [cluster, keys] of byCluster) {
    for (const k of keys) {
      for (const r of reachable(graph, k)) {
        const before = owner.get(r);
        if (before !== undefined && before !== cluster) pairs.add(`${before}<${cluster}`);
      }
    }
  }
  return pairs;
}

/** Groups of clusters by their depth in an order (0: waits for none), each sorted. */
export function levels(clusters: readonly string[], order: ReadonlySet<string>): string[][] {
  const depth = new Map<string, number>();
  const of = (c: string): number => {
    const known = depth.get(c);
    if (known !== undefined) return known;
    const before = clusters.filter((b) => order.has(`${b}<${c}`));
    const d = before.length === 0 ? 0 : 1 + Math.max(...before.map(of));
    depth.set(c, d);
    return d;
  };
  const out: string[][] = [];
  for (const c of [...clusters].sort()) (out[of(c)] ??= []).push(c);
  return out.map((g) => g.sort());
}

/**
 * Clusters Argo CD updates at most at once in a step of `size`: a count, or a
 * percentage rounded down to at least one (the ApplicationSet controller's
 * `GetScaledValueFromIntOrPercent(…, false)` and its minimum of one).
 */
function argoMaxUpdate(maxUpdate: number | string, size: number): number {
  if (typeof maxUpdate === 'number') return maxUpdate;
  const percent = Number(maxUpdate.replace('%', ''));
  return Math.max(percent > 0 ? 1 : 0, Math.floor((size * percent) / 100));
}

/** Argo CD's order (`a<b`: b's step comes after a's), and the order of Flux's batches inside each step (cluster-name order). */
export function argoOrder(release: ArgoRelease): { steps: Set<string>; batches: Set<string> } {
  const byStep = new Map<number, string[]>();
  for (const [cluster, step] of release.steps) if (step >= 0) byStep.set(step, [...(byStep.get(step) ?? []), cluster]);
  const steps = new Set<string>();
  const batches = new Set<string>();
  const all = [...release.steps].filter(([, s]) => s >= 0);
  for (const [a, sa] of all) for (const [b, sb] of all) if (sa < sb) steps.add(`${a}<${b}`);
  for (const [step, clusters] of byStep) {
    const sorted = clusters.sort();
    const size = argoMaxUpdate(release.maxUpdate[step]!, sorted.length);
    sorted.forEach((a, i) => sorted.forEach((b, j) => {
      if (Math.floor(i / size) < Math.floor(j / size)) batches.add(`${a}<${b}`);
    }));
  }
  return { steps, batches };
}

/** Every way the two engines' release orders differ, for each ApplicationSet with a RollingSync strategy. */
export function disagreements(units: readonly Unit[], repoPath: string): string[] {
  const graph = fluxGraph(units, repoPath);
  const flux = fluxComponents(graph);
  const problems: string[] = [];
  for (const [component, release] of argoReleases(units)) {
    const argoClusters = [...release.steps].filter(([, s]) => s >= 0).map(([c]) => c).sort();
    const unstepped = [...release.steps].filter(([, s]) => s < 0).map(([c]) => c);
    if (unstepped.length > 0) problems.push(`${component}: no RollingSync step selects ${unstepped.join(', ')}`);
    const byCluster = flux.get(component) ?? new Map<string, string[]>();
    const fluxClusters = [...byCluster.keys()].sort();
    if (fluxClusters.join() !== argoClusters.join()) problems.push(`${component}: Argo CD reaches [${argoClusters}], Flux [${fluxClusters}]`);
    const order = fluxOrder(graph, byCluster);
    const { steps, batches } = argoOrder(release);
    for (const pair of steps) if (!order.has(pair)) problems.push(`${component}: Argo CD releases ${pair.replace('<', ' before ')}, Flux does not`);
    for (const pair of order) if (!steps.has(pair) && !batches.has(pair)) problems.push(`${component}: Flux releases ${pair.replace('<', ' before ')}, Argo CD does not`);
    for (const pair of batches) if (!steps.has(pair) && !order.has(pair)) problems.push(`${component}: Flux does not batch ${pair.replace('<', ' before ')} as maxUpdate asks`);
  }
  return problems;
}

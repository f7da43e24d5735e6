/**
 * Which clusters an Argo CD ApplicationSet or Application reaches: its
 * generators' selection over the clusters' registration labels (cluster
 * generator: label selector; list generator: the listed names; matrix: the
 * intersection), or its template's literal destination.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Cluster/
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Matrix/
 */
import type { ClusterTable } from './clusters';
import { isRecord } from './documents';

/** `undefined`: the generator does not narrow the clusters (a Git or pull-request generator, a list of services). */
type Selection = ReadonlySet<string> | undefined;

/** Clusters an ApplicationSet or Application reaches, or undefined when the object says nothing about clusters. */
export function reachedClusters(object: unknown, table: ClusterTable): ReadonlySet<string> | undefined {
  if (!isRecord(object) || !isRecord(object.spec)) return undefined;
  if (object.kind === 'Application') return literalDestination(object.spec, table);
  if (object.kind !== 'ApplicationSet') return undefined;
  const generators = Array.isArray(object.spec.generators) ? object.spec.generators : [];
  const selections = generators.map((g) => generatorSelection(g, table));
  const template = isRecord(object.spec.template) && isRecord(object.spec.template.spec) ? object.spec.template.spec : {};
  if (selections.length === 0 || selections.some((s) => s === undefined)) {
    // A generator that does not select clusters: the template names the destination.
    const literal = literalDestination(template, table);
    if (literal || selections.every((s) => s === undefined)) return literal;
  }
  const out = new Set<string>();
  for (const s of selections) for (const name of s ?? []) out.add(name);
  return out;
}

function generatorSelection(generator: unknown, table: ClusterTable): Selection {
  if (!isRecord(generator)) return undefined;
  if (isRecord(generator.clusters)) {
    const selector = isRecord(generator.clusters.selector) ? generator.clusters.selector : {};
    const out = new Set<string>();
    for (const facts of table.clusters.values()) if (facts.labels && matches(selector, facts.labels)) out.add(facts.name);
    return out;
  }
  if (isRecord(generator.list)) {
    const elements = Array.isArray(generator.list.elements) ? generator.list.elements : [];
    const named = elements.map((e) => (isRecord(e) && typeof e.name === 'string' && table.clusters.has(e.name) ? e.name : undefined));
    return named.length > 0 && named.every((n) => n !== undefined) ? new Set(named as string[]) : undefined;
  }
  if (isRecord(generator.matrix) && Array.isArray(generator.matrix.generators)) {
    let out: Set<string> | undefined;
    for (const child of generator.matrix.generators) {
      const s = generatorSelection(child, table);
      if (s === undefined) continue;
      out = out === undefined ? new Set(s) : new Set([...out].filter((n) => s.has(n)));
    }
    return out;
  }
  return undefined;
}

/** Whether `labels` satisfy a Kubernetes label selector (matchLabels and matchExpressions). */
export function matches(selector: Record<string, unknown>, labels: Readonly<Record<string, string>>): boolean {
  const matchLabels = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  for (const [key, value] of Object.entries(matchLabels)) if (labels[key] !== value) return false;
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (const e of expressions) {
    if (!isRecord(e) || typeof e.key !== 'string') return false;
    const values = Array.isArray(e.values) ? e.values : [];
    const has = Object.hasOwn(labels, e.key);
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** `destination.name` when it is a known cluster written out (no template expression). */
function literalDestination(spec: Record<string, unknown>, table: ClusterTable): ReadonlySet<string> | undefined {
  const destination = isRecord(spec.destination) ? spec.destination : {};
  const name = destination.name;
  if (typeof name === 'string' && !name.includes('{{') && table.clusters.has(name)) return new Set([name]);
  if (destination.server === 'https://kubernetes.default.svc' && table.hub !== undefined) return new Set([table.hub]);
  return undefined;
}

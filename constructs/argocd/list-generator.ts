/**
 * The ApplicationSet list generator: one parameter set per element of a
 * literal list. With `goTemplate` an element is passed to the template as it
 * is, nested objects included (without it, only string values are allowed).
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-List/
 */
import { GeneratorCheck, type Generator } from './cluster-generator';
import type { ApplicationSetGeneratorSpec } from './types';

/** A registered cluster, as the list generator renders it for {@link ListGenerator.clusters}. */
export interface ListedCluster {
  /** The cluster's name in Argo CD (its registration). */
  readonly name: string;
  /**
   * Registration labels the template reads (`{{ index .metadata.labels "env" }}`).
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Registration annotations the template reads.
   * @default {}
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A parameter value of a list element: text, or nested objects and lists of text. */
export type ListValue = string | readonly ListValue[] | { readonly [key: string]: ListValue };

export class ListGenerator implements Generator {
  /**
   * One parameter set per element. Parameter names become template keys (`{{ .service }}`),
   * so each must be a Go identifier.
   */
  static elements(elements: readonly Readonly<Record<string, ListValue>>[]): ListGenerator {
    const check = new GeneratorCheck('ListGenerator');
    check.expect(elements.length > 0, 'elements', [], 'is empty, so no Application would be generated', 'list at least one element');
    elements.forEach((element, i) => {
      const keys = Object.keys(element);
      check.expect(keys.length > 0, `elements[${i}]`, element, 'has no parameter', 'give each element at least one key');
      for (const key of keys) {
        check.expect(/^[A-Za-z_][A-Za-z0-9_]*$/.test(key), `elements[${i}] key`, key, 'is not a Go identifier, so the template could not read it as {{ .key }}', 'use letters, digits and _');
      }
    });
    check.done();
    return new ListGenerator({ list: { elements: elements.map((e) => sortedCopy(e)) as unknown as NonNullable<ApplicationSetGeneratorSpec['list']>['elements'] } });
  }

  /**
   * These clusters, each rendered like the cluster generator's parameters (`.name`,
   * `.metadata.labels`, `.metadata.annotations`), so a template written for
   * {@link ClusterGenerator} reads them unchanged. There is no `.server`: address the
   * destination by name.
   */
  static clusters(clusters: readonly ListedCluster[]): ListGenerator {
    const check = new GeneratorCheck('ListGenerator');
    const seen = new Set<string>();
    for (const c of clusters) {
      check.expect(!seen.has(c.name), 'clusters', c.name, 'is listed twice, so its Applications would be generated twice', 'list each cluster once');
      seen.add(c.name);
    }
    check.done();
    return ListGenerator.elements(clusters.map((c) => ({ name: c.name, metadata: { labels: { ...c.labels }, annotations: { ...c.annotations } } })));
  }

  private constructor(readonly spec: ApplicationSetGeneratorSpec) {}
}

/** Keys sorted at every level, so the rendered list is stable whatever the input order. */
function sortedCopy(value: ListValue): ListValue {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(sortedCopy);
  const object = value as { readonly [key: string]: ListValue };
  return Object.fromEntries(Object.keys(object).sort().map((k) => [k, sortedCopy(object[k]!)]));
}

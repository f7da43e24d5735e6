import { App, Chart } from 'cdk8s';

/** A fresh chart to build constructs in; `objects()` returns what it renders. */
export function testChart(): { chart: Chart; objects: () => any[] } {
  const chart = new Chart(new App(), 'test');
  return { chart, objects: () => chart.toJson() };
}

/** The single object of `kind` (and `name`, when given) rendered by `objects`. */
export function only(objects: readonly any[], kind: string, name?: string): any {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata?.name === name));
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}${name ? ` "${name}"` : ''}, found ${found.length}`);
  }
  return found[0];
}

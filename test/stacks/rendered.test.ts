/**
 * `chartObjects` renders a chart's objects without cdk8s's dependency graph
 * when nothing needs ordering; it must return exactly what `chart.toJson()`
 * returns, for every folder of every kind of fleet, and defer to it when a
 * chart has dependencies or failing validations.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { afterEach, describe, expect, it } from 'vitest';
import { generateFleet } from '../../bench/generate-fleet';
import { resolveFleet, type FleetDefinition } from '../../model';
import { renderFleet } from '../../stacks/fleet';
import { chartObjects, chartRendering } from '../../stacks/rendered';
import { exampleDefinitionFor, exampleFleet } from '../helpers/example';
import { karmadaDefinition } from '../helpers/karmada-fleet';
import { servicesDefinition } from '../helpers/services';

afterEach(() => {
  chartRendering.alwaysToJson = false;
});

const freshChart = () => new Chart(new App(), 'test', { disableResourceNameHashes: true });

describe('GIVEN fleets of every shape WHEN every folder is rendered both ways', () => {
  it.each([
    ['the example', () => exampleFleet],
    ['the example for both engines', () => resolveFleet(exampleDefinitionFor('both'))],
    ['the services fleet', () => resolveFleet(servicesDefinition())],
    ['a Karmada fleet', () => resolveFleet(karmadaDefinition() as FleetDefinition)],
    ['a generated fleet of 40 clusters', () => resolveFleet(generateFleet(40))],
  ])('THEN %s gets the same objects, in the same order, as chart.toJson() renders them', (_name, fleet) => {
    const f = fleet();
    const fast = renderFleet(f).units;
    chartRendering.alwaysToJson = true;
    const viaToJson = renderFleet(f).units;
    expect(fast.length).toBeGreaterThan(10);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(viaToJson));
  });
});

describe('GIVEN charts that need cdk8s\'s own rendering', () => {
  it('WHEN an object depends on another THEN the order is the dependency order, as chart.toJson() gives it', () => {
    const chart = freshChart();
    const first = new ApiObject(chart, 'a', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
    const second = new ApiObject(chart, 'b', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });
    first.addDependency(second);
    expect(chartObjects(chart).map((o: any) => o.metadata.name)).toEqual(['b', 'a']);
  });

  it('WHEN a construct\'s validation fails THEN the error is cdk8s\'s', () => {
    const chart = freshChart();
    new kplus.ConfigMap(chart, 'cm', { metadata: { name: 'cm' } });
    chart.node.addValidation({ validate: () => ['the chart is wrong'] });
    expect(() => chartObjects(chart)).toThrow('Validation failed with the following errors:\n  [test] the chart is wrong');
  });

  it('WHEN nothing needs ordering THEN objects come in construct order, as chart.toJson() gives them', () => {
    const build = () => {
      const chart = freshChart();
      const role = new kplus.Role(chart, 'role', { metadata: { name: 'reader' } });
      role.allow(['get'], kplus.Secret.fromSecretName(chart, 'secret', 'kubeconfig'));
      const account = new kplus.ServiceAccount(chart, 'account', { metadata: { name: 'reader' } });
      new kplus.RoleBinding(chart, 'binding', { metadata: { name: 'reader' }, role }).addSubjects(account);
      new kplus.Namespace(chart, 'ns', { metadata: { name: 'tools' } });
      return chart;
    };
    expect(chartObjects(build())).toEqual(build().toJson());
    expect(chartObjects(build()).map((o: any) => o.kind)).toEqual(['Role', 'ServiceAccount', 'RoleBinding', 'Namespace']);
  });
});

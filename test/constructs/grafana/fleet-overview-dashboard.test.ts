import { describe, expect, it } from 'vitest';
import { GrafanaDashboard } from '../../../constructs/grafana/dashboard';
import { FleetOverviewDashboard } from '../../../constructs/grafana/fleet-overview-dashboard';
import { sortedJson } from '../../../model/sorted-json';
import { only, testChart } from '../../helpers/synth';

const clusters = ['management', 'prod-eu-west-1', 'prod-us-east-1'];

function render(names: readonly string[] = clusters) {
  const { chart, objects } = testChart();
  const overview = new FleetOverviewDashboard(chart, 'overview', { namespace: 'monitoring', clusters: names, datasourceUid: 'thanos-query' });
  const cm = only(objects(), 'ConfigMap', 'fleet-overview');
  return { overview, cm, model: JSON.parse(cm.data['fleet-overview.json']) };
}

describe('FleetOverviewDashboard', () => {
  it('GIVEN the fleet\'s clusters WHEN synthesized THEN the cluster variable offers exactly them, and the ConfigMap is labelled for the dashboard sidecar', () => {
    const { cm, model } = render();
    expect(cm.metadata).toEqual({ name: 'fleet-overview', namespace: 'monitoring', labels: { grafana_dashboard: '1' } });
    const variable = model.templating.list[0];
    expect(variable).toEqual({
      name: 'cluster',
      label: 'Cluster',
      type: 'custom',
      query: 'management,prod-eu-west-1,prod-us-east-1',
      options: clusters.map((c) => ({ text: c, value: c, selected: false })),
      current: { text: ['All'], value: ['$__all'] },
      includeAll: true,
      multi: true,
    });
    expect(model.uid).toBe('fleet-overview');
  });

  it('GIVEN the panels WHEN synthesized THEN node readiness is read per cluster label and out-of-sync apps per Argo CD destination, all through the given datasource', () => {
    const { model } = render();
    const exprs = model.panels.map((p: any) => [p.title, p.targets[0].expr]);
    expect(exprs).toEqual([
      ['Ready nodes', 'sum by (cluster) (kube_node_status_condition{condition="Ready", status="true", cluster=~"$cluster"})'],
      ['Nodes not ready', 'sum by (cluster) (kube_node_status_condition{condition="Ready", status!="true", cluster=~"$cluster"})'],
      ['Argo CD applications out of sync',
        'sum by (name) ((count by (dest_server) (argocd_app_info{sync_status="OutOfSync"}) or (0 * count by (dest_server) (argocd_app_info))) * on (dest_server) group_left (name) max by (dest_server, name) (label_replace(argocd_cluster_info{name=~"$cluster"}, "dest_server", "$1", "server", "(.*)")))'],
    ]);
    for (const panel of model.panels) {
      expect(panel.datasource).toEqual({ type: 'prometheus', uid: 'thanos-query' });
      expect(panel.targets[0].datasource).toEqual({ type: 'prometheus', uid: 'thanos-query' });
    }
  });

  it('GIVEN the same fleet WHEN rendered twice THEN the JSON is identical and its keys are sorted at every depth', () => {
    const first = render().cm.data['fleet-overview.json'];
    expect(render().cm.data['fleet-overview.json']).toBe(first);
    const sortedEverywhere = (v: unknown): boolean =>
      Array.isArray(v) ? v.every(sortedEverywhere)
        : v !== null && typeof v === 'object' ? Object.keys(v).join() === Object.keys(v).sort().join() && Object.values(v).every(sortedEverywhere)
          : true;
    expect(sortedEverywhere(JSON.parse(first))).toBe(true);
    expect(first).toBe(sortedJson(JSON.parse(first)));
  });

  it('GIVEN one more cluster WHEN rendered THEN the only change is one more option of the variable', () => {
    const before = render().model;
    const after = render([...clusters, 'prod-sa-east-1']).model;
    expect(after.templating.list[0].options).toEqual([...before.templating.list[0].options, { text: 'prod-sa-east-1', value: 'prod-sa-east-1', selected: false }]);
    const withoutVariable = (m: any) => ({ ...m, templating: undefined });
    expect(withoutVariable(after)).toEqual(withoutVariable(before));
  });

  it('GIVEN a representative fleet WHEN synthesized THEN the dashboard matches the snapshot', () => {
    expect(render().cm).toMatchSnapshot();
  });

  it('GIVEN no cluster or a cluster listed twice WHEN built THEN it is refused', () => {
    const { chart } = testChart();
    expect(() => new FleetOverviewDashboard(chart, 'a', { namespace: 'monitoring', clusters: [], datasourceUid: 'thanos-query' })).toThrow(
      'FleetOverviewDashboard "fleet-overview": clusters [] is empty; give the clusters the dashboard offers',
    );
    expect(() => new FleetOverviewDashboard(chart, 'b', { namespace: 'monitoring', clusters: ['a', 'a'], datasourceUid: 'thanos-query' })).toThrow(
      'FleetOverviewDashboard "fleet-overview": clusters ["a"] are listed twice; list each cluster once',
    );
  });
});

describe('GrafanaDashboard', () => {
  it('GIVEN a model built in any key order WHEN synthesized THEN the file is the same', () => {
    const a = testChart();
    new GrafanaDashboard(a.chart, 'd', { name: 'x', namespace: 'monitoring', dashboard: { uid: 'x', title: 'X', panels: [{ type: 'stat', id: 1 }] } });
    const b = testChart();
    new GrafanaDashboard(b.chart, 'd', { name: 'x', namespace: 'monitoring', dashboard: { panels: [{ id: 1, type: 'stat' }], title: 'X', uid: 'x' } });
    expect(only(a.objects(), 'ConfigMap').data['x.json']).toBe(only(b.objects(), 'ConfigMap').data['x.json']);
    expect(only(a.objects(), 'ConfigMap').data['x.json']).toBe('{\n  "panels": [\n    {\n      "id": 1,\n      "type": "stat"\n    }\n  ],\n  "title": "X",\n  "uid": "x"\n}\n');
  });

  it('GIVEN a bad uid and no title WHEN built THEN both problems are reported', () => {
    const { chart } = testChart();
    expect(() => new GrafanaDashboard(chart, 'd', { name: 'x', namespace: 'm', dashboard: { uid: 'a b', title: '' } })).toThrow(
      'GrafanaDashboard "x": dashboard.uid "a b" is not a Grafana uid; use at most 40 letters, digits, - or _\nGrafanaDashboard "x": dashboard.title "" is empty; give the dashboard a title',
    );
  });
});

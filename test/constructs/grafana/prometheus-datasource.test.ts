import { describe, expect, it } from 'vitest';
import { PrometheusDatasource } from '../../../constructs/grafana/prometheus-datasource';
import { only, testChart } from '../../helpers/synth';

const props = { name: 'thanos-query-datasource', namespace: 'monitoring', datasourceName: 'Thanos Query', uid: 'thanos-query', url: 'http://thanos-query.monitoring.svc:10902', isDefault: true };

describe('PrometheusDatasource', () => {
  it('GIVEN Thanos Query WHEN synthesized THEN a ConfigMap labelled for the datasource sidecar holds the provisioning file with sorted keys', () => {
    const { chart, objects } = testChart();
    new PrometheusDatasource(chart, 'ds', props);
    const cm = only(objects(), 'ConfigMap', 'thanos-query-datasource');
    expect(cm.metadata).toEqual({ name: 'thanos-query-datasource', namespace: 'monitoring', labels: { grafana_datasource: '1' } });
    expect(Object.keys(cm.data)).toEqual(['thanos-query-datasource.yaml']);
    const file = cm.data['thanos-query-datasource.yaml'];
    expect(JSON.parse(file)).toEqual({
      apiVersion: 1,
      datasources: [{ name: 'Thanos Query', uid: 'thanos-query', type: 'prometheus', access: 'proxy', url: 'http://thanos-query.monitoring.svc:10902', isDefault: true, editable: false, jsonData: { httpMethod: 'POST' } }],
    });
    expect(file.indexOf('"access"')).toBeLessThan(file.indexOf('"editable"'));
    expect(file.indexOf('"type"')).toBeLessThan(file.indexOf('"uid"'));
  });

  it('GIVEN another sidecar label and no default WHEN synthesized THEN both are honoured', () => {
    const { chart, objects } = testChart();
    new PrometheusDatasource(chart, 'ds', { ...props, isDefault: undefined, sidecarLabel: { key: 'grafana-datasource', value: 'yes' } });
    const cm = only(objects(), 'ConfigMap');
    expect(cm.metadata.labels).toEqual({ 'grafana-datasource': 'yes' });
    expect(JSON.parse(cm.data['thanos-query-datasource.yaml']).datasources[0].isDefault).toBe(false);
  });

  it('GIVEN a long uid, a URL without scheme and no name WHEN built THEN every problem is reported', () => {
    const { chart } = testChart();
    expect(() => new PrometheusDatasource(chart, 'bad', { ...props, uid: 'x'.repeat(41), url: 'thanos-query:10902', datasourceName: ' ' })).toThrow(
      [
        `PrometheusDatasource "thanos-query-datasource": uid "${'x'.repeat(41)}" is not a Grafana uid; use at most 40 letters, digits, - or _`,
        'PrometheusDatasource "thanos-query-datasource": url "thanos-query:10902" is not an http(s) URL; give the Prometheus API address, e.g. "http://thanos-query.monitoring.svc:10902"',
        'PrometheusDatasource "thanos-query-datasource": datasourceName " " is empty; name the datasource as users should see it',
      ].join('\n'),
    );
  });
});

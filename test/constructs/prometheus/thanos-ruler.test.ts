import { describe, expect, it } from 'vitest';
import { ThanosRuler } from '../../../constructs/prometheus/thanos-ruler';
import { only, testChart } from '../../helpers/synth';

const props = {
  name: 'fleet',
  namespace: 'monitoring',
  image: 'quay.io/thanos/thanos:v0.42.0',
  queryEndpoints: ['thanos-query.monitoring.svc:10902'],
  alertmanagerUrls: ['http://kube-prometheus-stack-alertmanager.monitoring.svc:9093'],
  ruleSelector: { 'fleetwright.io/evaluated-by': 'thanos-ruler' },
};

describe('ThanosRuler', () => {
  it('GIVEN Query, Alertmanager and a rule selector WHEN synthesized THEN the ruler evaluates exactly the selected rules against Query', () => {
    const { chart, objects } = testChart();
    new ThanosRuler(chart, 'ruler', props);
    const ruler = only(objects(), 'ThanosRuler', 'fleet');
    expect(ruler.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(ruler.metadata).toEqual({ name: 'fleet', namespace: 'monitoring', annotations: { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' } });
    expect(ruler.spec).toEqual({
      image: 'quay.io/thanos/thanos:v0.42.0',
      version: 'v0.42.0',
      replicas: 1,
      queryEndpoints: ['thanos-query.monitoring.svc:10902'],
      alertmanagersUrl: ['http://kube-prometheus-stack-alertmanager.monitoring.svc:9093'],
      ruleSelector: { matchLabels: { 'fleetwright.io/evaluated-by': 'thanos-ruler' } },
      evaluationInterval: '30s',
    });
  });

  it('GIVEN an empty selector, no Query, a URL without scheme and an unpinned image WHEN built THEN every problem is reported', () => {
    const { chart } = testChart();
    expect(() => new ThanosRuler(chart, 'bad', { ...props, image: 'quay.io/thanos/thanos:latest', queryEndpoints: [], alertmanagerUrls: ['alertmanager:9093'], ruleSelector: {} })).toThrow(
      [
        'ThanosRuler "fleet": image "quay.io/thanos/thanos:latest" is not pinned to a version; give a tag or digest, e.g. "quay.io/thanos/thanos:v0.42.0"',
        'ThanosRuler "fleet": queryEndpoints [] is empty; give the Thanos Query to evaluate the rules against',
        'ThanosRuler "fleet": alertmanagerUrls[0] "alertmanager:9093" is not an Alertmanager URL; use scheme://host:port, e.g. "http://alertmanager.monitoring.svc:9093"',
        'ThanosRuler "fleet": ruleSelector {} is empty, so every PrometheusRule of the namespace would be evaluated; select the rules by a label of their own',
      ].join('\n'),
    );
  });
});

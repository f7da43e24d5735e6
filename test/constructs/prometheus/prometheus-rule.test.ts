import { Duration } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { PrometheusRule } from '../../../constructs/prometheus/prometheus-rule';
import { only, testChart } from '../../helpers/synth';

describe('PrometheusRule', () => {
  it('GIVEN a group evaluated with partial responses WHEN synthesized THEN the rules, durations and the Thanos strategy are rendered, syncable before the CRD exists', () => {
    const { chart, objects } = testChart();
    new PrometheusRule(chart, 'rules', {
      metadata: { name: 'dr', namespace: 'monitoring', labels: { 'fleetwright.io/evaluated-by': 'thanos-ruler' } },
      groups: [{
        name: 'disaster-recovery',
        partialResponse: 'warn',
        interval: Duration.seconds(30),
        rules: [{ alert: 'PrimaryDown', expr: 'absent(up{job="apiserver"} == 1)', for: Duration.minutes(5), labels: { severity: 'critical' }, annotations: { summary: 'down' } }],
      }],
    });
    const rule = only(objects(), 'PrometheusRule', 'dr');
    expect(rule.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(rule.metadata).toEqual({
      name: 'dr',
      namespace: 'monitoring',
      labels: { 'fleetwright.io/evaluated-by': 'thanos-ruler' },
      annotations: { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' },
    });
    expect(rule.spec).toEqual({
      groups: [{
        name: 'disaster-recovery',
        interval: '30s',
        partial_response_strategy: 'warn',
        rules: [{ alert: 'PrimaryDown', expr: 'absent(up{job="apiserver"} == 1)', for: '5m', labels: { severity: 'critical' }, annotations: { summary: 'down' } }],
      }],
    });
  });

  it('GIVEN a rule without for, labels or annotations WHEN synthesized THEN only alert and expr are written', () => {
    const { chart, objects } = testChart();
    new PrometheusRule(chart, 'rules', { metadata: { name: 'r', namespace: 'm' }, groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'vector(1)' }] }] });
    expect(only(objects(), 'PrometheusRule').spec.groups).toEqual([{ name: 'g', rules: [{ alert: 'A', expr: 'vector(1)' }] }]);
  });

  it('GIVEN groups named twice, an empty group, a bad alert name, an empty expression and a bad label WHEN built THEN every problem is reported', () => {
    const { chart } = testChart();
    expect(() => new PrometheusRule(chart, 'bad', {
      metadata: { name: 'bad', namespace: 'm' },
      groups: [
        { name: 'g', rules: [{ alert: 'Primary Down', expr: ' ', labels: { 'dr-partner': 'x' } }] },
        { name: 'g', rules: [] },
      ],
    })).toThrow(
      [
        'PrometheusRule "bad": groups ["g"] are named twice; give each group its own name',
        'PrometheusRule "bad": groups[0].rules[0].alert "Primary Down" is not an alert name; use letters, digits, _ and :, not starting with a digit',
        'PrometheusRule "bad": groups[0].rules[0].expr " " is empty; give the PromQL expression the alert fires on',
        'PrometheusRule "bad": groups[0].rules[0].labels "dr-partner" is not a label name; use letters, digits and _',
        'PrometheusRule "bad": groups[1].rules [] is empty; give the group at least one rule',
      ].join('\n'),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { DockerCluster } from '../../../constructs/cluster-api';
import { ConstructPropsError } from '../../../constructs/errors';
import { only, testChart } from '../../helpers/synth';

describe('DockerCluster', () => {
  it('GIVEN a name WHEN synthesized THEN renders a v1beta2 DockerCluster with the default haproxy load balancer', () => {
    const { chart, objects } = testChart();
    const infra = new DockerCluster(chart, 'DC', { name: 'dev', namespace: 'capi', annotations: { team: 'platform' } });
    const dc = only(objects(), 'DockerCluster');
    expect(dc.apiVersion).toBe('infrastructure.cluster.x-k8s.io/v1beta2');
    expect(dc.metadata).toEqual({ name: 'dev', namespace: 'capi', annotations: { team: 'platform' } });
    expect(dc.spec).toEqual({});
    expect(infra.ref).toEqual({ apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'DockerCluster', name: 'dev' });
  });

  it('GIVEN an invalid label value WHEN constructed THEN reports the label', () => {
    const { chart } = testChart();
    expect(() => new DockerCluster(chart, 'DC', { name: 'dev', namespace: 'capi', labels: { team: 'platform team' } })).toThrow(
      new ConstructPropsError([
        `DockerCluster "dev": labels["team"] "platform team" is not a valid label value; use letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
      ]),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { AWSManagedCluster } from '../../../constructs/cluster-api';
import { ConstructPropsError } from '../../../constructs/errors';
import { only, testChart } from '../../helpers/synth';

describe('AWSManagedCluster', () => {
  it('GIVEN a name WHEN synthesized THEN renders an empty spec for CAPA to fill', () => {
    const { chart, objects } = testChart();
    const infra = new AWSManagedCluster(chart, 'AMC', { name: 'prod-eks', namespace: 'capi' });
    const amc = only(objects(), 'AWSManagedCluster');
    expect(amc.apiVersion).toBe('infrastructure.cluster.x-k8s.io/v1beta2');
    expect(amc.spec).toEqual({});
    expect(infra.ref).toEqual({ apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'AWSManagedCluster', name: 'prod-eks' });
  });

  it('GIVEN an upper-case namespace WHEN constructed THEN reports the namespace', () => {
    const { chart } = testChart();
    expect(() => new AWSManagedCluster(chart, 'AMC', { name: 'prod-eks', namespace: 'CAPI' })).toThrow(
      new ConstructPropsError([`AWSManagedCluster "prod-eks": namespace "CAPI" is not a DNS-1123 label; use lowercase letters, digits and '-', starting and ending with a letter or digit`]),
    );
  });
});

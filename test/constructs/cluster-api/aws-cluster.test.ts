import { describe, expect, it } from 'vitest';
import { AWSCluster } from '../../../constructs/cluster-api';
import { ConstructPropsError } from '../../../constructs/errors';
import { only, testChart } from '../../helpers/synth';

const base = { name: 'prod-eu', namespace: 'capi', region: 'eu-west-1', vpcCidr: '10.10.0.0/16' };

describe('AWSCluster', () => {
  it('GIVEN region, VPC CIDR and key pair WHEN synthesized THEN renders them with an internet-facing NLB for the API server', () => {
    const { chart, objects } = testChart();
    new AWSCluster(chart, 'AWSCluster', { ...base, sshKeyName: 'platform' });
    const awsCluster = only(objects(), 'AWSCluster');
    expect(awsCluster.apiVersion).toBe('infrastructure.cluster.x-k8s.io/v1beta2');
    expect(awsCluster.spec).toEqual({
      region: 'eu-west-1',
      sshKeyName: 'platform',
      network: { vpc: { cidrBlock: '10.10.0.0/16' } },
      controlPlaneLoadBalancer: { loadBalancerType: 'nlb', scheme: 'internet-facing', healthCheckProtocol: 'HTTPS' },
    });
  });

  it('GIVEN no key pair WHEN synthesized THEN renders an empty sshKeyName so CAPA attaches no key', () => {
    const { chart, objects } = testChart();
    new AWSCluster(chart, 'AWSCluster', base);
    expect(only(objects(), 'AWSCluster').spec.sshKeyName).toBe('');
  });

  it('GIVEN an internal API server scheme WHEN synthesized THEN the load balancer is internal', () => {
    const { chart, objects } = testChart();
    new AWSCluster(chart, 'AWSCluster', { ...base, apiServerScheme: 'internal' });
    expect(only(objects(), 'AWSCluster').spec.controlPlaneLoadBalancer.scheme).toBe('internal');
  });

  it('GIVEN an invalid region and a /12 VPC WHEN constructed THEN reports both', () => {
    const { chart } = testChart();
    expect(() => new AWSCluster(chart, 'AWSCluster', { ...base, region: 'Europe', vpcCidr: '10.0.0.0/12' })).toThrow(
      new ConstructPropsError([
        'AWSCluster "prod-eu": region "Europe" is not an AWS region; use a region code like "us-east-1"',
        'AWSCluster "prod-eu": vpcCidr "10.0.0.0/12" is a /12, outside the /16 to /28 allowed for an AWS VPC; use a prefix length between 16 and 28',
      ]),
    );
  });
});

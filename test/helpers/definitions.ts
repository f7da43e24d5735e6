/**
 * Fleet definitions for tests: a small valid fleet covering every provider,
 * and a deep copy to mutate per test.
 */
import type { FleetDefinition } from '../../model';

export function validDefinition(): FleetDefinition {
  return {
    name: 'acme',
    repo: { url: 'https://github.com/acme/fleet.git', path: 'gitops' },
    hub: {
      name: 'management',
      region: 'us-east-1',
      provider: { kind: 'pulumi-eks', vpcCidr: '10.0.0.0/16' },
      kubernetesVersion: '1.34',
      network: { podCidr: '10.100.0.0/16', serviceCidr: '172.20.0.0/20' },
      nodePools: [{ name: 'system', instanceType: 'm6i.large' }],
      argocd: { awsRoleArn: 'arn:aws:iam::111122223333:role/fleet-argocd' },
    },
    environments: {
      dev: { region: 'us-east-1', nodePools: [{ name: 'general', instanceType: 'm6i.large' }], addons: { cilium: true } },
      prod: { tier: 'production', kubernetesVersion: '1.34', nodePools: [{ name: 'general', instanceType: 'm6i.xlarge', replicas: 3 }] },
    },
    clusters: [
      {
        name: 'dev-aws',
        environment: 'dev',
        kubernetesVersion: '1.34.2',
        provider: { kind: 'capi-aws', vpcCidr: '10.1.0.0/16', controlPlane: { instanceType: 'm6i.large' } },
        network: { podCidr: '10.101.0.0/16', serviceCidr: '172.20.16.0/20' },
      },
      {
        name: 'dev-docker',
        environment: 'dev',
        kubernetesVersion: '1.34.2',
        provider: { kind: 'capi-docker' },
        nodePools: [{ name: 'workers', replicas: 1 }],
        network: { podCidr: '10.102.0.0/16', serviceCidr: '172.20.32.0/20' },
      },
      {
        name: 'prod-eks',
        environment: 'prod',
        region: 'eu-west-1',
        provider: { kind: 'capi-aws-eks', vpcCidr: '10.3.0.0/16' },
        network: { podCidr: '10.103.0.0/16', serviceCidr: '172.20.48.0/20' },
      },
      {
        name: 'prod-pulumi',
        environment: 'prod',
        region: 'us-east-1',
        provider: { kind: 'pulumi-eks', vpcCidr: '10.4.0.0/16' },
        network: { podCidr: '10.104.0.0/16', serviceCidr: '172.20.64.0/20' },
      },
      {
        name: 'prod-existing',
        environment: 'prod',
        region: 'ap-southeast-1',
        provider: {
          kind: 'existing',
          server: 'https://ABC.gr7.ap-southeast-1.eks.amazonaws.com',
          auth: { kind: 'aws-iam', eksClusterName: 'acme-prod-existing', caData: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lCQURBS0JnZ3Foa2pPUFFRREFqQWpNU0V3SHdZRFZRUUREQmhyTXk1elpYSjIKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=' },
        },
        network: { podCidr: '10.105.0.0/16', serviceCidr: '172.20.80.0/20' },
      },
      {
        name: 'prod-other',
        environment: 'prod',
        region: 'us-west-2',
        provider: { kind: 'existing', server: 'https://k8s.example.com:6443', auth: { kind: 'secret-store' } },
        network: { podCidr: '10.106.0.0/16', serviceCidr: '172.20.96.0/20' },
      },
    ],
  };
}

/** A mutable deep copy of the valid definition, for tests that break it. */
export function mutableDefinition(): any {
  return structuredClone(validDefinition());
}

import { describe, expect, it } from 'vitest';
import { AWSManagedControlPlane } from '../../../constructs/cluster-api';
import { ConstructPropsError } from '../../../constructs/errors';
import { only, testChart } from '../../helpers/synth';

const base = { name: 'prod-eks', namespace: 'capi', region: 'eu-west-1', version: 'v1.31', vpcCidr: '10.30.0.0/16' };

describe('AWSManagedControlPlane', () => {
  it('GIVEN only the required props WHEN synthesized THEN renders a private endpoint, OIDC, API authentication and audit logs', () => {
    const { chart, objects } = testChart();
    new AWSManagedControlPlane(chart, 'AMCP', base);
    const amcp = only(objects(), 'AWSManagedControlPlane');
    expect(amcp.apiVersion).toBe('controlplane.cluster.x-k8s.io/v1beta2');
    expect(amcp.spec).toEqual({
      region: 'eu-west-1',
      version: 'v1.31',
      network: { vpc: { cidrBlock: '10.30.0.0/16' } },
      endpointAccess: { public: false, private: true },
      associateOIDCProvider: true,
      accessConfig: { authenticationMode: 'api', bootstrapClusterCreatorAdminPermissions: true },
      logging: { apiServer: false, audit: true, authenticator: true, controllerManager: false, scheduler: false },
    });
  });

  it('GIVEN cluster admin roles WHEN synthesized THEN grants each AmazonEKSClusterAdminPolicy in its own partition, sorted and deduplicated', () => {
    const { chart, objects } = testChart();
    new AWSManagedControlPlane(chart, 'AMCP', {
      ...base,
      clusterAdminRoleArns: [
        'arn:aws:iam::123456789012:role/fleet-argocd',
        'arn:aws-cn:iam::123456789012:role/admins',
        'arn:aws:iam::123456789012:role/fleet-argocd',
      ],
    });
    expect(only(objects(), 'AWSManagedControlPlane').spec.accessEntries).toEqual([
      {
        principalARN: 'arn:aws-cn:iam::123456789012:role/admins',
        type: 'standard',
        accessPolicies: [{ policyARN: 'arn:aws-cn:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', accessScope: { type: 'cluster' } }],
      },
      {
        principalARN: 'arn:aws:iam::123456789012:role/fleet-argocd',
        type: 'standard',
        accessPolicies: [{ policyARN: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', accessScope: { type: 'cluster' } }],
      },
    ]);
  });

  it('GIVEN group access WHEN synthesized THEN the role is mapped to its groups (sorted, deduplicated) with no access policy, after the admin entries', () => {
    const { chart, objects } = testChart();
    new AWSManagedControlPlane(chart, 'AMCP', {
      ...base,
      clusterAdminRoleArns: ['arn:aws:iam::123456789012:role/admins'],
      groupAccess: [{ roleArn: 'arn:aws:iam::123456789012:role/fleet-argocd', kubernetesGroups: ['fleetwright:argocd', 'acme:viewers', 'fleetwright:argocd'] }],
    });
    expect(only(objects(), 'AWSManagedControlPlane').spec.accessEntries).toEqual([
      {
        principalARN: 'arn:aws:iam::123456789012:role/admins',
        type: 'standard',
        accessPolicies: [{ policyARN: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', accessScope: { type: 'cluster' } }],
      },
      { principalARN: 'arn:aws:iam::123456789012:role/fleet-argocd', type: 'standard', kubernetesGroups: ['acme:viewers', 'fleetwright:argocd'] },
    ]);
  });

  it('GIVEN group access with no group, a system: group or a role that is also cluster-admin WHEN constructed THEN reports each', () => {
    const { chart } = testChart();
    const role = 'arn:aws:iam::123456789012:role/fleet-argocd';
    expect(
      () =>
        new AWSManagedControlPlane(chart, 'AMCP', {
          ...base,
          clusterAdminRoleArns: [role],
          groupAccess: [
            { roleArn: role, kubernetesGroups: [] },
            { roleArn: 'arn:aws:iam::123456789012:role/other', kubernetesGroups: ['system:masters'] },
          ],
        }),
    ).toThrow(
      [
        'AWSManagedControlPlane "prod-eks": groupAccess[0].kubernetesGroups [] is empty, so the role could do nothing; name the Kubernetes groups the cluster\'s RBAC binds',
        'AWSManagedControlPlane "prod-eks": groupAccess[0].roleArn "arn:aws:iam::123456789012:role/fleet-argocd" is also in clusterAdminRoleArns, and EKS allows one access entry per role; give the role either cluster-admin or groups',
        'AWSManagedControlPlane "prod-eks": groupAccess[1].kubernetesGroups ["system:masters"] names a system: group, which EKS refuses in access entries; use a group of your own, e.g. "fleetwright:argocd"',
      ].join('\n'),
    );
  });

  it('GIVEN a public endpoint, a cluster name, no OIDC and all logs WHEN synthesized THEN renders each', () => {
    const { chart, objects } = testChart();
    new AWSManagedControlPlane(chart, 'AMCP', {
      ...base,
      publicEndpoint: true,
      eksClusterName: 'acme-prod_eu',
      associateOidcProvider: false,
      authenticationMode: 'api_and_config_map',
      controlPlaneLogs: ['apiServer', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
    });
    const spec = only(objects(), 'AWSManagedControlPlane').spec;
    expect(spec.endpointAccess).toEqual({ public: true, private: true });
    expect(spec.eksClusterName).toBe('acme-prod_eu');
    expect(spec.associateOIDCProvider).toBe(false);
    expect(spec.accessConfig.authenticationMode).toBe('api_and_config_map');
    expect(spec.logging).toEqual({ apiServer: true, audit: true, authenticator: true, controllerManager: true, scheduler: true });
  });

  it('GIVEN a kubeadm-style version, a bad EKS name and a user ARN WHEN constructed THEN reports all three', () => {
    const { chart } = testChart();
    expect(
      () =>
        new AWSManagedControlPlane(chart, 'AMCP', {
          ...base,
          version: 'v1.31.4',
          eksClusterName: '-prod',
          clusterAdminRoleArns: ['arn:aws:iam::123456789012:user/alice'],
        }),
    ).toThrow(
      new ConstructPropsError([
        'AWSManagedControlPlane "prod-eks": version "v1.31.4" is not an EKS version (major.minor only: EKS picks the patch release itself); write it like "v1.31"',
        `AWSManagedControlPlane "prod-eks": eksClusterName "-prod" is not a valid EKS cluster name; use letters, digits, '-' and '_', starting with a letter or digit`,
        'AWSManagedControlPlane "prod-eks": clusterAdminRoleArns[0] "arn:aws:iam::123456789012:user/alice" is not an IAM role ARN; use "arn:aws:iam::<12-digit account>:role/<name>"',
      ]),
    );
  });
});

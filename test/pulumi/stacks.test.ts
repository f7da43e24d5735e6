/**
 * The example's four stacks, each run with its own Pulumi.<stack>.yaml on
 * mocked Pulumi: what each creates (types and counts), what it protects, its
 * outputs and their secrecy, and that every resource is registered while the
 * program runs (none inside an apply or a then, which a preview would miss).
 */
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import { promiseOf, type RecordedResource } from '../helpers/pulumi';
import { runStack, stackFileConfig, type StackRun } from '../helpers/pulumi-stacks';

/** What a stack of the example creates around each EKS cluster (fleetwright:eks:Cluster and its children), by type. */
function eksCounts(options: { readonly zones: number; readonly natGateways: number; readonly nodeGroups: number; readonly argocd: false | 'least-privilege' | 'cluster-admin' }): Record<string, number> {
  return {
    'aws:ec2/eip:Eip': options.natGateways,
    'aws:ec2/internetGateway:InternetGateway': 1,
    'aws:ec2/natGateway:NatGateway': options.natGateways,
    'aws:ec2/route:Route': 1 + options.zones,
    'aws:ec2/routeTable:RouteTable': 1 + options.zones,
    'aws:ec2/routeTableAssociation:RouteTableAssociation': 2 * options.zones,
    'aws:ec2/subnet:Subnet': 2 * options.zones,
    'aws:ec2/vpc:Vpc': 1,
    ...(options.argocd === 'cluster-admin' ? { 'aws:eks/accessEntry:AccessEntry': 1, 'aws:eks/accessPolicyAssociation:AccessPolicyAssociation': 1 } : {}),
    // Least privilege: the entry maps Argo CD's role to a group, whose ClusterRole and binding the stack applies itself.
    ...(options.argocd === 'least-privilege'
      ? { 'aws:eks/accessEntry:AccessEntry': 1, 'kubernetes:rbac.authorization.k8s.io/v1:ClusterRole': 1, 'kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding': 1 }
      : {}),
    'aws:eks/cluster:Cluster': 1,
    'aws:eks/nodeGroup:NodeGroup': options.nodeGroups,
    'aws:iam/openIdConnectProvider:OpenIdConnectProvider': 1,
    'aws:iam/role:Role': 2,
    'aws:iam/rolePolicyAttachment:RolePolicyAttachment': 4,
    'fleetwright:eks:Cluster': 1,
  };
}

const sorted = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));

async function resolved(outputs: unknown): Promise<any> {
  return promiseOf(pulumi.output(outputs));
}

function everyResourceRegisteredWhileRunning(run: StackRun): void {
  expect(run.registeredAfter).toEqual([]);
  expect(run.registeredDuring).toHaveLength(run.recorder.resources.length + run.recorder.reads.length);
}

const providerRef = (r: RecordedResource) => `${r.urn}::${r.name}-id`;

describe('GIVEN the management stack (the hub management on pulumi-eks, delivered by GitOps) WHEN it runs', () => {
  let run: StackRun;
  beforeAll(async () => {
    run = await runStack('management', stackFileConfig('management'));
    expect(run.error).toBeUndefined();
  });

  it('THEN it creates the hub\'s EKS cluster in a fleetwright:fleet:Cluster, with its AWS provider, and applies nothing to the hub', () => {
    expect(run.recorder.countsByType()).toEqual(sorted({
      ...eksCounts({ zones: 3, natGateways: 3, nodeGroups: 1, argocd: false }),
      'fleetwright:fleet:Cluster': 1,
      'pulumi:providers:aws': 1,
    }));
    expect(run.recorder.reads).toEqual([]);
  });

  it('THEN the AWS provider is explicit, in the configured region and account, and every AWS resource uses it', () => {
    const aws = run.recorder.one('pulumi:providers:aws', 'aws');
    expect(aws.inputs).toMatchObject({ region: 'us-east-1', allowedAccountIds: '["111122223333"]' });
    const awsResources = run.recorder.resources.filter((r) => r.type.startsWith('aws:'));
    expect(awsResources.filter((r) => r.provider !== providerRef(aws))).toEqual([]);
  });

  it('THEN the hub\'s data-bearing AWS resources are protected', () => {
    expect(run.recorder.resources.filter((r) => r.protect).map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      'aws:ec2/vpc:Vpc management-vpc',
      'aws:eks/cluster:Cluster management-cluster',
      'aws:eks/nodeGroup:NodeGroup management-system',
    ]);
  });

  it('THEN it exports the hub\'s name, endpoint and kubeconfig, the kubeconfig a secret', async () => {
    const outputs = run.outputs!;
    const values = await resolved(outputs);
    expect(values).toMatchObject({ environment: 'management', delivery: 'gitops', name: 'management', endpoint: expect.stringMatching(/^https:\/\/[0-9A-F]{32}\.gr7\.us-east-1\.eks\.amazonaws\.com$/) });
    expect(values.kubeconfig).toContain('command: aws');
    expect(values.clusters).toEqual([{ name: 'management', endpoint: values.endpoint, kubeconfig: values.kubeconfig }]);
    expect(await pulumi.isSecret(outputs.kubeconfig!)).toBe(true);
    expect(await pulumi.isSecret(outputs.clusters[0]!.kubeconfig!)).toBe(true);
    expect(await pulumi.isSecret(pulumi.output(outputs.endpoint!))).toBe(false);
  });

  it('THEN every resource is registered while the program runs, none inside an apply', () => everyResourceRegisteredWhileRunning(run));
});

describe('GIVEN the dev stack (dev-us-east-1 on capi-aws, delivered by the stack) WHEN it runs', () => {
  let run: StackRun;
  beforeAll(async () => {
    run = await runStack('dev', stackFileConfig('dev'));
    expect(run.error).toBeUndefined();
  });

  it('THEN it applies the cluster\'s Cluster API objects to the hub and its folders and charts to the cluster, with no AWS provider', () => {
    expect(run.recorder.countsByType()).toEqual(sorted({
      'fleetwright:fleet:Cluster': 1,
      'fleetwright:fleet:ClusterApi': 1,
      'fleetwright:fleet:DirectApply': 1,
      'fleetwright:fleet:Folder': 4,
      'kubernetes:bootstrap.cluster.x-k8s.io/v1beta2:KubeadmConfigTemplate': 1,
      'kubernetes:cert-manager.io/v1:ClusterIssuer': 2,
      'kubernetes:cluster.x-k8s.io/v1beta2:Cluster': 1,
      'kubernetes:cluster.x-k8s.io/v1beta2:MachineDeployment': 1,
      'kubernetes:controlplane.cluster.x-k8s.io/v1beta2:KubeadmControlPlane': 1,
      'kubernetes:core/v1:ConfigMap': 2,
      // fleet-system, and the labelled namespaces of the five charts outside kube-system.
      'kubernetes:core/v1:Namespace': 6,
      'kubernetes:external-secrets.io/v1:ClusterSecretStore': 1,
      'kubernetes:external-secrets.io/v1:ExternalSecret': 1,
      'kubernetes:helm.sh/v3:Release': 6,
      'kubernetes:infrastructure.cluster.x-k8s.io/v1beta2:AWSCluster': 1,
      'kubernetes:infrastructure.cluster.x-k8s.io/v1beta2:AWSMachineTemplate': 2,
      'kubernetes:velero.io/v1:BackupStorageLocation': 2,
      'kubernetes:velero.io/v1:Schedule': 1,
      'kubernetes:velero.io/v1:VolumeSnapshotLocation': 1,
      'pulumi:providers:kubernetes': 2,
    }));
    expect(run.recorder.reads.map((r) => `${r.type} ${r.name}`)).toEqual(['pulumi:pulumi:StackReference hub', 'kubernetes:core/v1:Secret dev-us-east-1-kubeconfig']);
  });

  it('THEN everything of the cluster is inside its fleetwright:fleet:Cluster, and registers no cluster anywhere', () => {
    const group = run.recorder.one('fleetwright:fleet:Cluster', 'dev-us-east-1');
    const inside = new Set(run.recorder.descendantsOf(group.urn).map((r) => r.urn));
    expect(run.recorder.resources.filter((r) => r !== group && !inside.has(r.urn)).map((r) => r.name)).toEqual(['hub']);
    expect(run.recorder.resources.filter((r) => r.inputs.metadata?.labels?.['argocd.argoproj.io/secret-type'] === 'cluster')).toEqual([]);
  });

  it('THEN it exports the cluster\'s name, its endpoint from the Cluster API kubeconfig, and that kubeconfig as a secret', async () => {
    const outputs = run.outputs!;
    expect(await resolved(outputs)).toEqual({
      environment: 'dev',
      delivery: 'pulumi',
      clusters: [{ name: 'dev-us-east-1', endpoint: 'https://dev-us-east-1.capi.example:6443', kubeconfig: expect.stringContaining('server: https://dev-us-east-1.capi.example:6443') }],
    });
    expect(await pulumi.isSecret(outputs.clusters[0]!.kubeconfig!)).toBe(true);
    expect(await pulumi.isSecret(pulumi.output(outputs.clusters[0]!.endpoint!))).toBe(false);
  });

  it('THEN every resource is registered while the program runs, none inside an apply', () => everyResourceRegisteredWhileRunning(run));
});

describe('GIVEN the staging stack (staging-us-east-1 on capi-aws-eks, delivered by GitOps) WHEN it runs', () => {
  let run: StackRun;
  beforeAll(async () => {
    run = await runStack('staging', stackFileConfig('staging'));
    expect(run.error).toBeUndefined();
  });

  it('THEN it creates nothing, not even an AWS provider: the hub\'s Argo CD creates and registers the cluster', () => {
    expect(run.recorder.resources).toEqual([]);
    expect(run.recorder.reads).toEqual([]);
  });

  it('THEN it exports the cluster\'s name only: the stack does not know its endpoint', async () => {
    expect(await resolved(run.outputs)).toEqual({ environment: 'staging', delivery: 'gitops', clusters: [{ name: 'staging-us-east-1' }] });
  });
});

describe('GIVEN the prod stack (delivered by GitOps; prod-us-east-1 on pulumi-eks) WHEN it runs', () => {
  let run: StackRun;
  beforeAll(async () => {
    run = await runStack('prod', stackFileConfig('prod'));
    expect(run.error).toBeUndefined();
  });

  it('THEN it creates prod-us-east-1 and its registration on the hub, and nothing for the clusters the tree creates or registers', () => {
    expect(run.recorder.countsByType()).toEqual(sorted({
      ...eksCounts({ zones: 3, natGateways: 3, nodeGroups: 2, argocd: 'least-privilege' }),
      'fleetwright:fleet:Cluster': 1,
      'kubernetes:core/v1:Secret': 1,
      'pulumi:providers:aws': 1,
      // The hub's, and prod-us-east-1's own for Argo CD's ClusterRole.
      'pulumi:providers:kubernetes': 2,
    }));
    expect(run.recorder.ofType('fleetwright:fleet:Cluster').map((r) => r.name)).toEqual(['prod-us-east-1']);
    expect(run.recorder.reads.map((r) => `${r.type} ${r.name}`)).toEqual(['pulumi:pulumi:StackReference hub']);
  });

  it('THEN the production cluster\'s data-bearing AWS resources are protected, and nothing else', () => {
    expect(run.recorder.resources.filter((r) => r.protect).map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      'aws:ec2/vpc:Vpc prod-us-east-1-vpc',
      'aws:eks/cluster:Cluster prod-us-east-1-cluster',
      'aws:eks/nodeGroup:NodeGroup prod-us-east-1-general',
      'aws:eks/nodeGroup:NodeGroup prod-us-east-1-memory',
    ]);
    expect(run.recorder.one('aws:eks/cluster:Cluster').inputs.deletionProtection).toBe(true);
  });

  it('THEN it exports every prod cluster with what it knows of it, each kubeconfig a secret', async () => {
    const outputs = run.outputs!;
    const values = await resolved(outputs);
    expect(values.clusters.map((c: any) => [c.name, Object.keys(c).sort()])).toEqual([
      ['prod-ap-southeast-1', ['endpoint', 'kubeconfig', 'name']],
      ['prod-eu-west-1', ['name']],
      ['prod-us-east-1', ['endpoint', 'kubeconfig', 'name']],
      ['prod-us-west-2', ['name']],
    ]);
    expect(values.clusters[0]).toMatchObject({ endpoint: 'https://4F2C8E1A9B7D6C5E3F1A2B3C4D5E6F70.gr7.ap-southeast-1.eks.amazonaws.com' });
    expect(values.clusters[0].kubeconfig).toContain('- arn:aws:iam::111122223333:role/acme-fleet-argocd');
    for (const c of outputs.clusters.filter((c) => c.kubeconfig)) expect(await pulumi.isSecret(c.kubeconfig!)).toBe(true);
  });

  it('THEN every resource is registered while the program runs, none inside an apply', () => everyResourceRegisteredWhileRunning(run));
});

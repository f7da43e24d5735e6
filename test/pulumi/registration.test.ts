/**
 * Registration of pulumi-eks clusters by their environment's stack: the
 * Argo CD cluster Secret on the hub (the connection config a Pulumi secret)
 * and, when Flux runs, the kubeconfig Secret Flux reads, under the name the
 * tree's Flux objects refer to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fluxKubeconfigSecret, resolveFleet } from '../../model';
import { FLUX_ACCESS } from '../../outputs/pulumi/flux-kubeconfig';
import { argocdAccessObjects } from '../../stacks/spoke/argocd-access';
import { exampleFleet } from '../helpers/example';
import type { RecordedResource } from '../helpers/pulumi';
import { pulumiDeliveredDefinition } from '../helpers/pulumi-delivered';
import { definitionFile, runStack, serviceAccountToken, stackFileConfig, type StackRun } from '../helpers/pulumi-stacks';

const providerRef = (r: RecordedResource) => `${r.urn}::${r.name}-id`;

describe('GIVEN the example prod stack (engine argocd) WHEN it registers prod-us-east-1', () => {
  let run: StackRun;
  let secret: RecordedResource;
  beforeAll(async () => {
    run = await runStack('prod', stackFileConfig('prod'));
    expect(run.error).toBeUndefined();
    secret = run.recorder.one('kubernetes:core/v1:Secret');
  });

  it('THEN the Argo CD cluster Secret has the registration\'s exact metadata, as the ApplicationSets select it', () => {
    expect(secret.name).toBe('prod-us-east-1/hub/argocd/cluster-prod-us-east-1');
    expect(secret.inputs.type).toBe('Opaque');
    expect(secret.inputs.metadata).toEqual({
      name: 'cluster-prod-us-east-1',
      namespace: 'argocd',
      annotations: {
        'fleetwright.io/cluster-path': 'gitops/clusters/prod-us-east-1',
        'fleetwright.io/kubernetes-version': '1.34',
        'fleetwright.io/secret-prefix': 'acme/prod-us-east-1',
      },
      labels: {
        'acme.io/cost-center': 'platform-prod',
        'addons.fleetwright.io/argo-rollouts': 'true',
        'addons.fleetwright.io/cert-manager': 'true',
        'addons.fleetwright.io/external-dns': 'true',
        'addons.fleetwright.io/external-secrets': 'true',
        'addons.fleetwright.io/ingress-nginx': 'true',
        'addons.fleetwright.io/kube-prometheus-stack': 'true',
        'addons.fleetwright.io/kyverno': 'true',
        'addons.fleetwright.io/thanos': 'true',
        'addons.fleetwright.io/velero': 'true',
        'argocd.argoproj.io/secret-type': 'cluster',
        env: 'prod',
        'fleetwright.io/fleet': 'acme',
        'fleetwright.io/project': 'prod',
        'fleetwright.io/protected': 'true',
        'fleetwright.io/provider': 'pulumi-eks',
        'fleetwright.io/role': 'spoke',
        region: 'us-east-1',
        'rollout-tier': 'canary',
        tier: 'production',
      },
    });
  });

  it('THEN its stringData is a Pulumi secret holding the server, and awsAuthConfig with the hub\'s Argo CD role and the cluster\'s CA', () => {
    expect(secret.secretInputs).toEqual(['stringData']);
    const eks = run.recorder.one('aws:eks/cluster:Cluster');
    expect(Object.keys(secret.inputs.stringData).sort()).toEqual(['config', 'name', 'server']);
    expect(secret.inputs.stringData.name).toBe('prod-us-east-1');
    expect(secret.inputs.stringData.server).toMatch(/^https:\/\/[0-9A-F]{32}\.gr7\.us-east-1\.eks\.amazonaws\.com$/);
    expect(JSON.parse(secret.inputs.stringData.config)).toEqual({
      awsAuthConfig: { clusterName: 'acme-prod-us-east-1', roleARN: 'arn:aws:iam::111122223333:role/acme-fleet-argocd' },
      tlsClientConfig: { caData: 'Q0Egb2YgYWNtZS1wcm9kLXVzLWVhc3QtMQ==', insecure: false },
    });
    expect(eks.inputs.name).toBe('acme-prod-us-east-1');
  });

  it('THEN it is created on the hub (through the management stack\'s kubeconfig) after Argo CD\'s access and the node groups', () => {
    const hub = run.recorder.one('pulumi:providers:kubernetes', 'hub');
    expect(secret.provider).toBe(providerRef(hub));
    const names = secret.dependencies.map((u) => u.split('::').pop()).sort();
    expect(names).toEqual([
      'prod-us-east-1-argocd',
      'prod-us-east-1-cluster',
      'prod-us-east-1-general',
      'prod-us-east-1-memory',
      'prod-us-east-1/argocd-access/ClusterRole/fleetwright-deployer',
      'prod-us-east-1/argocd-access/ClusterRoleBinding/fleetwright-deployer',
    ]);
    expect(secret.parent).toBe(run.recorder.one('fleetwright:fleet:Cluster', 'prod-us-east-1').urn);
  });

  it('THEN Argo CD\'s role is mapped to the group fleetwright:argocd with no EKS access policy, and the stack applies the group\'s rights to the new cluster itself', () => {
    const entry = run.recorder.one('aws:eks/accessEntry:AccessEntry', 'prod-us-east-1-argocd');
    expect(entry.inputs.principalArn).toBe('arn:aws:iam::111122223333:role/acme-fleet-argocd');
    expect(entry.inputs.kubernetesGroups).toEqual(['fleetwright:argocd']);
    expect(run.recorder.ofType('aws:eks/accessPolicyAssociation:AccessPolicyAssociation')).toEqual([]);
    const provider = run.recorder.one('pulumi:providers:kubernetes', 'prod-us-east-1-argocd-access');
    const role = run.recorder.one('kubernetes:rbac.authorization.k8s.io/v1:ClusterRole');
    const binding = run.recorder.one('kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding');
    expect(role.provider).toBe(providerRef(provider));
    expect(binding.provider).toBe(providerRef(provider));
    // The same objects the tree gives Cluster API's EKS clusters through a ClusterResourceSet.
    const expected = argocdAccessObjects(exampleFleet.clusters.find((c) => c.name === 'prod-us-east-1')!);
    expect(role.inputs).toEqual(expected.find((o) => o.kind === 'ClusterRole'));
    expect(binding.inputs.subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'fleetwright:argocd' }]);
  });
});

describe('GIVEN a GitOps-delivered prod with a pulumi-eks cluster and engine "both" WHEN its stack runs', () => {
  let run: StackRun;
  let cleanup: () => void;
  beforeAll(async () => {
    const file = definitionFile(pulumiDeliveredDefinition({ delivery: 'gitops', engine: 'both' }));
    cleanup = file.cleanup;
    run = await runStack('prod', { 'fleetwright:config': file.file, 'fleetwright:environment': 'prod', 'aws:region': 'us-east-1' });
    expect(run.error).toBeUndefined();
  });
  afterAll(() => cleanup());

  it('THEN prod-pulumi gets both an Argo CD cluster Secret and the kubeconfig Secret Flux reads, on the hub', () => {
    const hub = providerRef(run.recorder.one('pulumi:providers:kubernetes', 'hub'));
    const onHub = run.recorder.resources.filter((r) => r.provider === hub).map((r) => `${r.type} ${r.name}`);
    expect(onHub.sort()).toEqual([
      'kubernetes:core/v1:Secret prod-pulumi/hub/argocd/cluster-prod-pulumi',
      'kubernetes:core/v1:Secret prod-pulumi/hub/clusters/prod-pulumi-kubeconfig',
    ]);
  });

  it('THEN the Flux Secret has the shared convention\'s name and key, and a self-contained token kubeconfig as a Pulumi secret', () => {
    const fleet = resolveFleet(pulumiDeliveredDefinition({ delivery: 'gitops', engine: 'both' }));
    const convention = fluxKubeconfigSecret(fleet, 'prod-pulumi');
    const secret = run.recorder.one('kubernetes:core/v1:Secret', 'prod-pulumi/hub/clusters/prod-pulumi-kubeconfig');
    expect(secret.inputs.metadata).toEqual({ name: convention.name, namespace: convention.namespace, labels: { 'app.kubernetes.io/managed-by': 'fleetwright' } });
    expect(secret.secretInputs).toEqual(['stringData']);
    expect(Object.keys(secret.inputs.stringData)).toEqual([convention.key]);
    const kubeconfig: string = secret.inputs.stringData[convention.key];
    expect(kubeconfig).toContain(`      token: ${serviceAccountToken(FLUX_ACCESS.serviceAccount)}\n`);
    expect(kubeconfig).toContain('      certificate-authority-data: Q0Egb2YgYWNtZS1wcm9kLXB1bHVtaQ==\n');
    expect(kubeconfig).toMatch(/server: https:\/\/[0-9A-F]{32}\.gr7\.us-east-1\.eks\.amazonaws\.com\n/);
    expect(kubeconfig).not.toContain('exec:');
  });

  it('THEN Flux acts on the spoke as a ServiceAccount bound to the least-privilege deployer role (after it exists), with a token Secret, through the spoke\'s own provider', () => {
    const spoke = providerRef(run.recorder.one('pulumi:providers:kubernetes', 'prod-pulumi'));
    const onSpoke = run.recorder.resources.filter((r) => r.provider === spoke);
    expect(onSpoke.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      'kubernetes:core/v1:Secret prod-pulumi/kube-system/fleetwright-flux-token',
      'kubernetes:core/v1:ServiceAccount prod-pulumi/kube-system/fleetwright-flux',
      'kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding prod-pulumi/fleetwright-flux',
    ]);
    const binding = onSpoke.find((r) => r.type.endsWith('ClusterRoleBinding'))!;
    expect(binding.inputs.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'fleetwright-deployer' });
    expect(binding.dependencies).toContain(run.recorder.one('kubernetes:rbac.authorization.k8s.io/v1:ClusterRole', 'prod-pulumi/argocd-access/ClusterRole/fleetwright-deployer').urn);
    expect(binding.inputs.subjects).toEqual([{ kind: 'ServiceAccount', name: 'fleetwright-flux', namespace: 'kube-system' }]);
    const token = onSpoke.find((r) => r.name.endsWith('fleetwright-flux-token'))!;
    expect(token.inputs.type).toBe('kubernetes.io/service-account-token');
    expect(token.inputs.metadata.annotations).toEqual({ 'kubernetes.io/service-account.name': 'fleetwright-flux' });
  });

  it('THEN the clusters the tree creates or registers get nothing from the stack', () => {
    expect(run.recorder.ofType('fleetwright:fleet:Cluster').map((r) => r.name)).toEqual(['prod-pulumi']);
  });
});

describe('GIVEN the same fleet with engine "flux" WHEN its stack runs', () => {
  it('THEN prod-pulumi gets the Flux kubeconfig Secret and no Argo CD cluster Secret', async () => {
    const file = definitionFile(pulumiDeliveredDefinition({ delivery: 'gitops', engine: 'flux' }));
    try {
      const run = await runStack('prod', { 'fleetwright:config': file.file, 'fleetwright:environment': 'prod', 'aws:region': 'us-east-1' });
      expect(run.error).toBeUndefined();
      const hub = providerRef(run.recorder.one('pulumi:providers:kubernetes', 'hub'));
      expect(run.recorder.resources.filter((r) => r.provider === hub).map((r) => r.name)).toEqual(['prod-pulumi/hub/clusters/prod-pulumi-kubeconfig']);
    } finally {
      file.cleanup();
    }
  });
});

describe('GIVEN the same fleet with hub.argocd.spokeAccess "cluster-admin" WHEN its stack runs', () => {
  it('THEN Argo CD\'s role gets AmazonEKSClusterAdminPolicy, no ClusterRole is applied, and Flux is bound to cluster-admin', async () => {
    const d = pulumiDeliveredDefinition({ delivery: 'gitops', engine: 'both' }) as any;
    const file = definitionFile({ ...d, hub: { ...d.hub, argocd: { ...d.hub.argocd, spokeAccess: 'cluster-admin' } } });
    try {
      const run = await runStack('prod', { 'fleetwright:config': file.file, 'fleetwright:environment': 'prod', 'aws:region': 'us-east-1' });
      expect(run.error).toBeUndefined();
      expect(run.recorder.one('aws:eks/accessEntry:AccessEntry').inputs.kubernetesGroups).toBeUndefined();
      expect(run.recorder.one('aws:eks/accessPolicyAssociation:AccessPolicyAssociation').inputs.policyArn).toBe('arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy');
      expect(run.recorder.ofType('kubernetes:rbac.authorization.k8s.io/v1:ClusterRole')).toEqual([]);
      expect(run.recorder.one('kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding').inputs.roleRef.name).toBe('cluster-admin');
    } finally {
      file.cleanup();
    }
  });
});

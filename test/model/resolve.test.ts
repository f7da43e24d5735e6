import { describe, expect, it } from 'vitest';
import { resolveFleet } from '../../model';
import { mutableDefinition, validDefinition } from '../helpers/definitions';

describe('resolving the fleet model', () => {
  const fleet = resolveFleet(validDefinition());
  const cluster = (name: string) => fleet.clusters.find((c) => c.name === name)!;

  it('GIVEN environment defaults WHEN a cluster sets nothing THEN it inherits them, and its own values win', () => {
    const devAws = cluster('dev-aws');
    expect(devAws.region).toBe('us-east-1');
    expect(devAws.nodePools).toEqual([
      { name: 'general', instanceType: 'm6i.large', replicas: 2, diskSizeGiB: 80, labels: {}, taints: [] },
    ]);
    expect(devAws.kubernetesVersion).toEqual({ major: 1, minor: 34, patch: 2 });
    const prodEks = cluster('prod-eks');
    expect(prodEks.region).toBe('eu-west-1');
    expect(prodEks.kubernetesVersion).toEqual({ major: 1, minor: 34 });
    expect(prodEks.tier).toBe('production');
    expect(prodEks.protected).toBe(true);
    expect(devAws.protected).toBe(false);
  });

  it('GIVEN a cluster WHEN resolved THEN its registration labels and annotations are derived', () => {
    const d = mutableDefinition();
    d.environments.prod.labels = { 'acme.io/team': 'platform', 'acme.io/cost': 'a' };
    d.environments.prod.addons = { 'ingress-nginx': true, 'argo-rollouts': { values: { replicas: 2 } } };
    d.clusters[2].labels = { 'acme.io/cost': 'b' };
    d.clusters[2].addons = { 'argo-rollouts': false, 'cert-manager': true };
    d.platform = { certManager: { acmeEmail: 'ops@acme.io' } };
    d.clusters[2].rolloutTier = 'canary';
    const c = resolveFleet(d).clusters.find((x) => x.name === 'prod-eks')!;
    expect(c.labels).toEqual({
      'acme.io/cost': 'b',
      'acme.io/team': 'platform',
      'addons.fleetwright.io/cert-manager': 'true',
      'addons.fleetwright.io/ingress-nginx': 'true',
      env: 'prod',
      'fleetwright.io/fleet': 'acme',
      'fleetwright.io/project': 'prod',
      'fleetwright.io/protected': 'true',
      'fleetwright.io/provider': 'capi-aws-eks',
      'fleetwright.io/role': 'spoke',
      region: 'eu-west-1',
      'rollout-tier': 'canary',
      tier: 'production',
    });
    expect(Object.keys(c.labels)).toEqual(Object.keys(c.labels).sort());
    expect(c.annotations).toEqual({
      'fleetwright.io/cluster-path': 'gitops/clusters/prod-eks',
      'fleetwright.io/kubernetes-version': '1.34',
      'fleetwright.io/secret-prefix': 'acme/prod-eks',
    });
    expect(c.addons).toEqual(['cert-manager', 'ingress-nginx']);
    expect(c.addonOptions).toEqual({ 'cert-manager': {}, 'ingress-nginx': {} });
    expect(c.addonValues).toEqual({});
    const prod = resolveFleet(d).environments.find((e) => e.name === 'prod')!;
    expect(prod.addonValues).toEqual({ 'argo-rollouts': { replicas: 2 } });
    expect(prod.addonOptions).toEqual({ 'argo-rollouts': {}, 'ingress-nginx': {} });
  });

  it.each([
    ['dev-aws', { kind: 'capi-kubeconfig', kubeconfigSecret: 'dev-aws-kubeconfig', auth: { kind: 'service-account-token', namespace: 'kube-system', serviceAccount: 'fleetwright-argocd', tokenSecret: 'fleetwright-argocd-token' } }],
    ['dev-docker', { kind: 'capi-kubeconfig', kubeconfigSecret: 'dev-docker-kubeconfig', auth: { kind: 'service-account-token', namespace: 'kube-system', serviceAccount: 'fleetwright-argocd', tokenSecret: 'fleetwright-argocd-token' } }],
    ['prod-eks', {
      kind: 'capi-kubeconfig',
      kubeconfigSecret: 'prod-eks-kubeconfig',
      auth: { kind: 'aws-iam', eksClusterName: 'acme-prod-eks', roleArn: 'arn:aws:iam::111122223333:role/fleet-argocd' },
    }],
    ['prod-pulumi', {
      kind: 'pulumi',
      auth: { kind: 'aws-iam', eksClusterName: 'acme-prod-pulumi', roleArn: 'arn:aws:iam::111122223333:role/fleet-argocd' },
    }],
    ['prod-existing', {
      kind: 'static',
      server: 'https://ABC.gr7.ap-southeast-1.eks.amazonaws.com',
      caData: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lCQURBS0JnZ3Foa2pPUFFRREFqQWpNU0V3SHdZRFZRUUREQmhyTXk1elpYSjIKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=',
      auth: { kind: 'aws-iam', eksClusterName: 'acme-prod-existing', roleArn: 'arn:aws:iam::111122223333:role/fleet-argocd' },
    }],
    ['prod-other', { kind: 'secret-store', key: 'acme/prod-other/argocd-cluster', auth: { kind: 'config' } }],
  ])('GIVEN provider of %s WHEN resolved THEN the registration is %j', (name, expected) => {
    expect(cluster(name).registration).toEqual(expected);
  });

  it('GIVEN the model WHEN code tries to change it THEN it is frozen all the way down', () => {
    expect(Object.isFrozen(fleet)).toBe(true);
    expect(Object.isFrozen(fleet.clusters[0]!.labels)).toBe(true);
    expect(Object.isFrozen(fleet.clusters[0]!.nodePools[0]!.taints)).toBe(true);
    expect(() => {
      (fleet.clusters[0] as { name: string }).name = 'x';
    }).toThrow(TypeError);
  });

  it('GIVEN the same clusters in reverse order WHEN resolved THEN the model is identical', () => {
    const d = mutableDefinition();
    d.clusters.reverse();
    expect(JSON.stringify(resolveFleet(d))).toBe(JSON.stringify(fleet));
  });

  it('GIVEN defaults WHEN resolved THEN the hub and repo settings have their documented defaults', () => {
    expect(fleet.repo).toEqual({ url: 'https://github.com/acme/fleet.git', revision: 'main', path: 'gitops' });
    expect(fleet.argocd).toEqual({ namespace: 'argocd', spokeAccess: 'least-privilege', additionalSourceRepos: [] });
    expect(fleet.clusterApi).toEqual({ namespace: 'clusters' });
    expect(fleet.registration).toEqual({ secretStore: 'fleet-registry', externalSecretsNamespace: 'external-secrets' });
    expect(fleet.environments).toEqual([
      { name: 'dev', order: 0, clusters: ['dev-aws', 'dev-docker'], tier: 'non-production', delivery: 'gitops', addonOptions: { cilium: {} }, addonValues: {} },
      { name: 'prod', order: 1, clusters: ['prod-eks', 'prod-existing', 'prod-other', 'prod-pulumi'], tier: 'production', delivery: 'gitops', addonOptions: {}, addonValues: {} },
    ]);
    expect(fleet.hub.delivery).toBe('gitops');
    expect(fleet.clusters.map((c) => c.delivery)).toEqual(fleet.clusters.map(() => 'gitops'));
    expect(fleet.hub.labels).toEqual({
      env: 'hub',
      'fleetwright.io/fleet': 'acme',
      'fleetwright.io/project': 'hub-platform',
      'fleetwright.io/protected': 'true',
      'fleetwright.io/provider': 'pulumi-eks',
      'fleetwright.io/role': 'hub',
      region: 'us-east-1',
    });
    expect(fleet.platform).toEqual({});
  });

  it('GIVEN repo.path "." WHEN resolved THEN paths point at the repository root', () => {
    const d = mutableDefinition();
    d.repo.path = './';
    const c = resolveFleet(d).clusters[0]!;
    expect(c.annotations['fleetwright.io/cluster-path']).toBe('clusters/dev-aws');
  });
});

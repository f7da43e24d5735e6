import { describe, expect, it } from 'vitest';
import { ClusterRegistration } from '../../constructs/argocd/cluster-registration';
import { ConstructPropsError } from '../../constructs/errors';
import { resolveFleet } from '../../model';
import { validDefinition } from '../helpers/definitions';
import { only, testChart } from '../helpers/synth';

const fleet = resolveFleet(validDefinition());

function registrationOf(name: string): any[] {
  const { chart, objects } = testChart();
  new ClusterRegistration(chart, 'r', {
    cluster: fleet.clusters.find((c) => c.name === name)!,
    namespace: 'argocd',
    registrationStore: 'fleet-registry',
    kubeconfigStore: 'fleet-capi-kubeconfigs',
  });
  return objects();
}

describe('cluster registration', () => {
  it('GIVEN an existing EKS cluster reached through IAM WHEN registered THEN a plain cluster Secret carries awsAuthConfig and no credential', () => {
    const secret = only(registrationOf('prod-existing'), 'Secret');
    expect(secret.metadata.name).toBe('cluster-prod-existing');
    expect(secret.metadata.labels['argocd.argoproj.io/secret-type']).toBe('cluster');
    expect(secret.metadata.labels.env).toBe('prod');
    expect(secret.metadata.annotations['fleetwright.io/cluster-path']).toBe('gitops/clusters/prod-existing');
    expect(secret.stringData).toEqual({
      name: 'prod-existing',
      server: 'https://ABC.gr7.ap-southeast-1.eks.amazonaws.com',
      config: '{"awsAuthConfig":{"clusterName":"acme-prod-existing","roleARN":"arn:aws:iam::111122223333:role/fleet-argocd"},"tlsClientConfig":{"caData":"LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lCQURBS0JnZ3Foa2pPUFFRREFqQWpNU0V3SHdZRFZRUUREQmhyTXk1elpYSjIKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=","insecure":false}}',
    });
    expect(secret.data).toBeUndefined();
  });

  it('GIVEN a Cluster API kubeadm cluster (least privilege, the default) WHEN registered THEN server and CA come from CAPI\'s kubeconfig and the token of Argo CD\'s ServiceAccount from the spoke', () => {
    const es = only(registrationOf('dev-aws'), 'ExternalSecret');
    expect(es.apiVersion).toBe('external-secrets.io/v1');
    expect(es.spec.secretStoreRef).toEqual({ kind: 'ClusterSecretStore', name: 'fleet-capi-kubeconfigs' });
    expect(es.spec.data).toEqual([
      { secretKey: 'kubeconfig', remoteRef: { key: 'dev-aws-kubeconfig', property: 'value' } },
      { secretKey: 'token', remoteRef: { key: 'fleetwright-argocd-token', property: 'token' }, sourceRef: { storeRef: { kind: 'ClusterSecretStore', name: 'spoke-dev-aws' } } },
    ]);
    expect(es.spec.target.name).toBe('cluster-dev-aws');
    expect(es.spec.target.creationPolicy).toBe('Owner');
    expect(es.spec.target.template.engineVersion).toBe('v2');
    expect(es.spec.target.template.metadata.labels['argocd.argoproj.io/secret-type']).toBe('cluster');
    expect(es.spec.target.template.data.name).toBe('dev-aws');
    const config: string = es.spec.target.template.data.config;
    expect(config.split('\n').at(-1)).toBe('{"bearerToken":"{{ .token }}","tlsClientConfig":{"caData":"{{ $ca }}","insecure":false}}');
    // The admin client certificate is never read into Argo CD's Secret.
    expect(config).not.toContain('client-key-data');
    expect(es.spec.target.template.data.server.endsWith('{{ $server }}')).toBe(true);
  });

  it('GIVEN spokeAccess cluster-admin WHEN a kubeadm cluster is registered THEN Argo CD gets the client certificate of CAPI\'s kubeconfig', () => {
    const d: any = validDefinition();
    d.hub.argocd = { ...d.hub.argocd, spokeAccess: 'cluster-admin' };
    const admin = resolveFleet(d);
    const { chart, objects } = testChart();
    new ClusterRegistration(chart, 'r', { cluster: admin.clusters.find((c) => c.name === 'dev-aws')!, namespace: 'argocd', registrationStore: 'fleet-registry', kubeconfigStore: 'fleet-capi-kubeconfigs' });
    const es = only(objects(), 'ExternalSecret');
    expect(es.spec.data).toEqual([{ secretKey: 'kubeconfig', remoteRef: { key: 'dev-aws-kubeconfig', property: 'value' } }]);
    expect(es.spec.target.template.data.config).toMatchSnapshot();
  });

  it('GIVEN a Cluster API EKS cluster WHEN registered THEN only server and CA come from the kubeconfig and Argo CD authenticates with its IAM role', () => {
    const config: string = only(registrationOf('prod-eks'), 'ExternalSecret').spec.target.template.data.config;
    expect(config.split('\n').at(-1)).toBe(
      '{"awsAuthConfig":{"clusterName":"acme-prod-eks","roleARN":"arn:aws:iam::111122223333:role/fleet-argocd"},"tlsClientConfig":{"caData":"{{ $ca }}","insecure":false}}',
    );
    expect(config).not.toContain('client-key-data');
  });

  it('GIVEN a Pulumi EKS cluster WHEN the tree would register it THEN the construct refuses: the stack that creates the cluster registers it', () => {
    expect(() => registrationOf('prod-pulumi')).toThrow(
      new ConstructPropsError(['ClusterRegistration "prod-pulumi": cluster.registration.kind "pulumi" is registered by the Pulumi stack that creates the cluster; leave the cluster out of the tree\'s registrations']),
    );
  });

  it('GIVEN a cluster of a Pulumi-delivered environment WHEN the tree would register it THEN the construct refuses, so no ApplicationSet can reach it', () => {
    const { chart } = testChart();
    const cluster = { ...fleet.clusters.find((c) => c.name === 'prod-existing')!, delivery: 'pulumi' as const };
    expect(() => new ClusterRegistration(chart, 'r', { cluster, namespace: 'argocd', registrationStore: 'fleet-registry', kubeconfigStore: 'fleet-capi-kubeconfigs' })).toThrow(
      new ConstructPropsError([
        'ClusterRegistration "prod-existing": cluster.delivery "pulumi" means its Pulumi stack applies its objects, and a registration would let the hub\'s ApplicationSets sync them too; register only clusters of environments delivered by GitOps',
      ]),
    );
  });

  it('GIVEN an existing cluster with secret-store auth WHEN registered THEN the whole connection config comes from the store', () => {
    const es = only(registrationOf('prod-other'), 'ExternalSecret');
    expect(es.spec.data.map((d: any) => d.remoteRef.property)).toEqual(['server', 'config']);
    expect(es.spec.target.template.data).toEqual({ name: 'prod-other', server: '{{ .server }}', config: '{{ .config }}' });
  });
});

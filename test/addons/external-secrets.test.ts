import { describe, expect, it } from 'vitest';
import { CATALOG, checkFleet, resolveFleet, type Fleet } from '../../model';
import { synthesize, type SynthOutput } from '../../outputs/synth';
import type { KubeObject } from '../../stacks/rendered';
import { mutableDefinition } from '../helpers/definitions';
import { exampleFleet, exampleSynth } from '../helpers/example';
import { unitOf, valuesOf } from '../helpers/addons';

/** external-secrets on every cluster of the test fleet (and the hub), reading from `store`. */
function esoDefinition(store: object = { kind: 'vault', server: 'https://vault.acme.io:8200' }): any {
  const d = mutableDefinition();
  d.platform = { irsaRoleArn: 'arn:aws:iam::111122223333:role/{cluster}-{addon}', externalSecrets: { store } };
  d.hub.addons = { 'external-secrets': true };
  d.environments.dev.addons = { cilium: true, 'external-secrets': true };
  d.environments.prod.addons = { 'external-secrets': true };
  return d;
}

/** AWS Secrets Manager on the clusters that have AWS: the kubeadm-on-EC2 dev-aws and the EKS clusters. */
function awsDefinition(): any {
  const d = esoDefinition({ kind: 'aws-secrets-manager' });
  d.environments.dev.addons = { cilium: true };
  d.clusters[0].addons = { 'external-secrets': true };
  d.clusters[5].addons = { 'external-secrets': false };
  return d;
}

const fleet = resolveFleet(esoDefinition());
const out = synthesize(fleet);
const awsOut = synthesize(resolveFleet(awsDefinition()));
const storeOf = (o: SynthOutput, cluster: string) => unitOf(o, `clusters/${cluster}/addons/external-secrets`)!.objects.find((x) => x.kind === 'ClusterSecretStore') as any;

/** Every object Argo CD applies to `cluster`: its folders' objects and those of the folders they include. */
function deliveredTo(o: SynthOutput, cluster: string): KubeObject[] {
  const byDir = new Map(o.rendered.units.map((u) => [u.dir, u]));
  const seen = new Set<string>();
  const collect = (dir: string): KubeObject[] => {
    if (seen.has(dir)) return [];
    seen.add(dir);
    const unit = byDir.get(dir)!;
    return [...unit.objects, ...unit.includes.flatMap(collect)];
  };
  return o.rendered.units.filter((u) => u.target.cluster === cluster).flatMap((u) => collect(u.dir));
}

function problemsOf(d: any): string[] {
  return checkFleet(d).problems.map((p) => p.message);
}

describe('external-secrets: chart and values', () => {
  it('GIVEN the catalog WHEN read THEN pins chart 2.9.0 (External Secrets Operator v2.9.0), applied server-side', () => {
    expect(CATALOG['external-secrets'].chart).toEqual({ repoUrl: 'https://charts.external-secrets.io', chart: 'external-secrets', version: '2.9.0' });
    expect(CATALOG['external-secrets'].serverSideApply).toBe(true);
  });

  it('GIVEN any fleet WHEN synthesized THEN the base values install the CRDs, name the operator ServiceAccount and leave the ServiceMonitor off', () => {
    expect(valuesOf(out, 'platform/external-secrets/base')).toEqual({
      installCRDs: true,
      serviceAccount: { create: true, name: 'external-secrets' },
      serviceMonitor: { enabled: false },
    });
  });

  it('GIVEN production and non-production overlays WHEN synthesized THEN production runs two replicas with leader election and a disruption budget', () => {
    const ha = { replicaCount: 2, leaderElect: true, podDisruptionBudget: { enabled: true, minAvailable: 1 } };
    expect(valuesOf(out, 'platform/external-secrets/overlays/prod')).toEqual(ha);
    expect(valuesOf(out, 'platform/external-secrets/overlays/hub')).toEqual(ha);
    expect(valuesOf(out, 'platform/external-secrets/overlays/dev')).toEqual({});
  });

  it('GIVEN a cluster that runs kube-prometheus-stack WHEN synthesized THEN its ServiceMonitor is on, labelled for that Prometheus', () => {
    const d = esoDefinition();
    d.clusters[2].addons = { 'kube-prometheus-stack': true };
    expect(valuesOf(synthesize(resolveFleet(d)), 'clusters/prod-eks/addons/external-secrets')).toEqual({
      serviceMonitor: { enabled: true, additionalLabels: { release: 'kube-prometheus-stack' } },
    });
  });
});

describe('external-secrets: the fleet-secrets store', () => {
  it("GIVEN a Vault store with defaults WHEN synthesized THEN each cluster logs in at its own Kubernetes auth mount as the operator and reads KV v2 at secret (snapshot)", () => {
    const store = storeOf(out, 'prod-eks');
    expect(store.metadata.name).toBe('fleet-secrets');
    expect(store.spec).toEqual({
      provider: {
        vault: {
          server: 'https://vault.acme.io:8200',
          path: 'secret',
          version: 'v2',
          auth: {
            kubernetes: {
              mountPath: 'kubernetes-prod-eks',
              role: 'external-secrets',
              serviceAccountRef: { name: 'external-secrets', namespace: 'external-secrets' },
            },
          },
        },
      },
    });
    expect(storeOf(out, 'management').spec.provider.vault.auth.kubernetes.mountPath).toBe('kubernetes-management');
    expect(valuesOf(out, 'clusters/prod-eks/addons/external-secrets')).toBeUndefined();
    expect(store).toMatchSnapshot();
  });

  it('GIVEN a Vault store with its own mount, auth mount and role patterns WHEN synthesized THEN {cluster} is replaced in both', () => {
    const o = synthesize(resolveFleet(esoDefinition({ kind: 'vault', server: 'https://vault.acme.io', mountPath: 'kv-fleet', authMountPath: 'k8s/{cluster}', role: 'eso-{cluster}' })));
    expect(storeOf(o, 'dev-docker').spec.provider.vault).toEqual({
      server: 'https://vault.acme.io',
      path: 'kv-fleet',
      version: 'v2',
      auth: { kubernetes: { mountPath: 'k8s/dev-docker', role: 'eso-dev-docker', serviceAccountRef: { name: 'external-secrets', namespace: 'external-secrets' } } },
    });
  });

  it("GIVEN AWS Secrets Manager and the EKS cluster prod-eks WHEN synthesized THEN the store authenticates with the operator's ServiceAccount, which assumes the cluster's role, in its region", () => {
    expect(storeOf(awsOut, 'prod-eks').spec.provider).toEqual({
      aws: { service: 'SecretsManager', region: 'eu-west-1', auth: { jwt: { serviceAccountRef: { name: 'external-secrets', namespace: 'external-secrets' } } } },
    });
    expect(valuesOf(awsOut, 'clusters/prod-eks/addons/external-secrets')).toEqual({
      serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/prod-eks-external-secrets' } },
    });
  });

  it('GIVEN AWS Secrets Manager and the kubeadm-on-EC2 cluster dev-aws WHEN synthesized THEN the store uses the instance role (no auth block, no annotation)', () => {
    expect(storeOf(awsOut, 'dev-aws').spec.provider).toEqual({ aws: { service: 'SecretsManager', region: 'us-east-1' } });
    expect(valuesOf(awsOut, 'clusters/dev-aws/addons/external-secrets')).toBeUndefined();
  });
});

describe('external-secrets: fleet-wide', () => {
  it.each([
    ['the test fleet with Vault', fleet, out],
    ['the test fleet with AWS Secrets Manager', resolveFleet(awsDefinition()), awsOut],
    ['the example fleet', exampleFleet, exampleSynth()],
  ])('GIVEN every cluster of %s WHEN synthesized THEN those running external-secrets get exactly one fleet-secrets store, the others none', (_t, f: Fleet, o) => {
    for (const cluster of [f.hub, ...f.clusters]) {
      const stores = deliveredTo(o, cluster.name).filter((x) => x.kind === 'ClusterSecretStore' && x.metadata.name === 'fleet-secrets');
      expect(stores.length, cluster.name).toBe(cluster.addons.includes('external-secrets') ? 1 : 0);
    }
  });
});

describe('external-secrets: checks', () => {
  it('GIVEN AWS Secrets Manager on clusters without AWS (capi-docker, existing through the secret store) WHEN checked THEN each is refused with the fix', () => {
    const d = esoDefinition({ kind: 'aws-secrets-manager' });
    expect(problemsOf(d)).toEqual([
      'platform.externalSecrets.store.kind "aws-secrets-manager" needs an AWS identity, but environments.dev.addons["external-secrets"] runs external-secrets on cluster "dev-docker" (provider "capi-docker"), which has neither IAM roles for service accounts nor an EC2 instance role; use a Vault store (kind "vault"), or disable external-secrets on cluster "dev-docker"',
      'platform.externalSecrets.store.kind "aws-secrets-manager" needs an AWS identity, but environments.prod.addons["external-secrets"] runs external-secrets on cluster "prod-other" (provider "existing", registered through the secret store), which has neither IAM roles for service accounts nor an EC2 instance role; use a Vault store (kind "vault"), or disable external-secrets on cluster "prod-other"',
    ]);
  });

  it('GIVEN AWS Secrets Manager on an EKS cluster and no platform.irsaRoleArn WHEN checked THEN asks for the role pattern', () => {
    const d = awsDefinition();
    delete d.platform.irsaRoleArn;
    d.hub.addons = {};
    d.environments.prod.addons = {};
    d.clusters[2].addons = { 'external-secrets': true };
    expect(problemsOf(d)).toEqual([
      'platform.irsaRoleArn is missing, but clusters[2].addons["external-secrets"] runs external-secrets with AWS Secrets Manager on EKS cluster "prod-eks", which reaches AWS through an IAM role for its service account; set a pattern like "arn:aws:iam::111122223333:role/{cluster}-{addon}"',
    ]);
  });

  it('GIVEN a Vault store on every provider WHEN checked THEN there is no problem', () => {
    expect(problemsOf(esoDefinition())).toEqual([]);
  });
});

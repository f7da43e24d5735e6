import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addonLabel, checkFleet, resolveFleet } from '../../model';
import { clusterMeshAddress } from '../../model/addons/catalog/cilium';
import { KUSTOMIZATION } from '../../outputs/gitops/tree';
import { synthesize } from '../../outputs/synth';
import { conformanceRequired, CRDS, kubectlTool, validatorTool, VALIDATOR } from '../helpers/conformance';
import { mutableDefinition } from '../helpers/definitions';
import { exampleFleet, exampleSynth, testFleet, testSynth } from '../helpers/example';
import { tempDir } from '../helpers/tmp';
import { running, syncedRunning, selectedBy, unitOf, valuesOf } from '../helpers/addons';

const problemsOf = (mutate: (d: any) => void): string[] => {
  const d = mutableDefinition();
  mutate(d);
  return checkFleet(d).problems.map((p) => p.message);
};

const CERTGEN_HOOK = { 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' };
const VAULT = { store: { kind: 'vault', server: 'https://vault.acme.io:8200' } };

/** The test fleet's two kubeadm clusters and a third, meshed: IDs 1, 2, 3. */
function meshDefinition(): any {
  const d = mutableDefinition();
  d.platform = { cilium: { clusterMesh: true, clusterMeshEndpoint: '{cluster}.mesh.acme.io:2379' }, externalSecrets: VAULT };
  d.environments.dev.addons = { cilium: true, 'external-secrets': true };
  d.clusters[0].addons = { cilium: { clusterId: 1 } };
  d.clusters[1].addons = { cilium: { clusterId: 2 } };
  d.clusters.push({
    name: 'dev-docker-b',
    environment: 'dev',
    kubernetesVersion: '1.34.2',
    provider: { kind: 'capi-docker' },
    nodePools: [{ name: 'workers', replicas: 1 }],
    network: { podCidr: '10.107.0.0/16', serviceCidr: '172.20.112.0/20' },
    addons: { cilium: { clusterId: 3 } },
  });
  return d;
}


/** Names of the registrations (the hub's too) an ApplicationSet's cluster selector picks. */


describe('cilium: values', () => {
  const out = testSynth();

  it('GIVEN the test fleet WHEN synthesized THEN the base values pick cluster-pool IPAM and certificates made in the cluster by post-sync jobs, with no ClusterMesh', () => {
    expect(valuesOf(out, 'platform/cilium/base')).toEqual({
      ipam: { mode: 'cluster-pool' },
      hubble: { tls: { auto: { method: 'cronJob' } } },
      certgen: { annotations: { job: CERTGEN_HOOK } },
    });
  });

  it('GIVEN the non-production dev environment WHEN synthesized THEN its overlay runs one operator', () => {
    expect(valuesOf(out, 'platform/cilium/overlays/dev')).toEqual({ operator: { replicas: 1 } });
  });

  it.each([
    ['dev-aws', 'capi-aws', '10.101.0.0/16'],
    ['dev-docker', 'capi-docker', '10.102.0.0/16'],
  ])('GIVEN the kubeadm cluster %s (%s) WHEN synthesized THEN its values name it and pool its pod range %s', (name, _kind, podCidr) => {
    expect(valuesOf(out, `clusters/${name}/addons/cilium`)).toEqual({
      cluster: { name },
      ipam: { operator: { clusterPoolIPv4PodCIDRList: [podCidr], clusterPoolIPv4MaskSize: 24 } },
    });
    expect(unitOf(out, `clusters/${name}/addons/cilium`)!.objects).toEqual([]);
  });

  it('GIVEN a production environment running cilium WHEN synthesized THEN its overlay runs two operators', () => {
    const d = mutableDefinition();
    d.clusters[5].addons = { cilium: true };
    expect(valuesOf(synthesize(resolveFleet(d)), 'platform/cilium/overlays/prod')).toEqual({ operator: { replicas: 2 } });
  });
});

describe('cilium: checks', () => {
  it('GIVEN cilium enabled for the prod environment WHEN checked THEN each EKS cluster is refused, and the cluster registered through the secret store is not', () => {
    const why = "whose pods are networked by the AWS VPC CNI, but fleetwright runs Cilium only as a cluster's sole CNI (cluster-pool IPAM over network.podCidr, ClusterMesh); disable cilium for this cluster (the VPC CNI enforces NetworkPolicies itself)";
    expect(problemsOf((d) => (d.environments.prod.addons = { cilium: true }))).toEqual([
      `environments.prod.addons.cilium is enabled on prod-eks, an EKS cluster (provider "capi-aws-eks") ${why}`,
      `environments.prod.addons.cilium is enabled on prod-pulumi, an EKS cluster (provider "pulumi-eks") ${why}`,
      `environments.prod.addons.cilium is enabled on prod-existing, an EKS cluster (provider "existing") ${why}`,
    ]);
  });

  it('GIVEN a cluster name longer than Cilium accepts WHEN checked THEN it is refused with the length', () => {
    expect(problemsOf((d) => (d.clusters[1].name = 'dev-docker-with-a-rather-long-name'))).toEqual([
      'environments.dev.addons.cilium is enabled on "dev-docker-with-a-rather-long-name", a name of 34 characters, over the 32 Cilium accepts as cluster.name; shorten the cluster\'s name to at most 32 characters',
    ]);
  });

  it('GIVEN ClusterMesh on and nothing else WHEN checked THEN the IDs, the CA source and the endpoint are asked for', () => {
    expect(problemsOf((d) => (d.platform = { cilium: { clusterMesh: true } }))).toEqual([
      'environments.dev.addons.cilium puts dev-aws in the ClusterMesh (platform.cilium.clusterMesh), whose shared CA comes through External Secrets, which dev-aws does not run; enable "external-secrets" there too',
      'environments.dev.addons.cilium puts dev-docker in the ClusterMesh (platform.cilium.clusterMesh), whose shared CA comes through External Secrets, which dev-docker does not run; enable "external-secrets" there too',
      "environments.dev.addons.cilium.clusterId is missing for dev-aws, but platform.cilium.clusterMesh is on and every cluster in the mesh needs its own ID; set clusterId in dev-aws's cilium options to a number from 1 to 255 that no other cluster uses",
      "environments.dev.addons.cilium.clusterId is missing for dev-docker, but platform.cilium.clusterMesh is on and every cluster in the mesh needs its own ID; set clusterId in dev-docker's cilium options to a number from 1 to 255 that no other cluster uses",
      "platform.cilium.clusterMeshEndpoint is missing, but platform.cilium.clusterMesh is on, so clusters cannot reach each other's ClusterMesh API server; set an address pattern such as \"{cluster}.mesh.acme.io:2379\"",
    ]);
  });

  it('GIVEN two clusters with the same ClusterMesh ID WHEN checked THEN the second names the first', () => {
    expect(problemsOf((d) => {
      Object.assign(d, meshDefinition());
      d.clusters[6].addons = { cilium: { clusterId: 1 } };
    })).toEqual([
      'clusters[6].addons.cilium.clusterId 1 (dev-docker-b) is already the clusterId of dev-aws (clusters[0].addons.cilium.clusterId); give every cluster running cilium its own clusterId from 1 to 255',
    ]);
  });

  it('GIVEN one ID set for the whole environment WHEN checked THEN every cluster after the first is a duplicate of it', () => {
    expect(problemsOf((d) => {
      d.platform = { cilium: { clusterMesh: true, clusterMeshEndpoint: '{cluster}.mesh.acme.io' }, externalSecrets: VAULT };
      d.environments.dev.addons = { cilium: { clusterId: 7 }, 'external-secrets': true };
    })).toEqual([
      'environments.dev.addons.cilium.clusterId 7 (dev-docker) is already the clusterId of dev-aws (environments.dev.addons.cilium.clusterId); give every cluster running cilium its own clusterId from 1 to 255',
    ]);
  });

  it.each([
    ['without {cluster}', 'mesh.acme.io:2379', 'platform.cilium.clusterMeshEndpoint "mesh.acme.io:2379" has no {cluster} placeholder, so every cluster would get the same address; include {cluster}, e.g. "{cluster}.mesh.acme.io:2379"'],
    ['with a port out of range', '{cluster}.mesh.acme.io:99999', 'platform.cilium.clusterMeshEndpoint "{cluster}.mesh.acme.io:99999" is not a DNS name with an optional port (1 to 65535); write it like "{cluster}.mesh.acme.io:2379"'],
    ['with a scheme', 'https://{cluster}.mesh.acme.io', 'platform.cilium.clusterMeshEndpoint "https://{cluster}.mesh.acme.io" is not a DNS name with an optional port (1 to 65535); write it like "{cluster}.mesh.acme.io:2379"'],
  ])('GIVEN a ClusterMesh endpoint %s WHEN checked THEN it is refused', (_t, endpoint, message) => {
    expect(problemsOf((d) => {
      Object.assign(d, meshDefinition());
      d.platform.cilium.clusterMeshEndpoint = endpoint;
    })).toEqual([message]);
  });

  it('GIVEN IDs outside 1 to 255 WHEN checked THEN the schema refuses them', () => {
    expect(problemsOf((d) => {
      d.clusters[0].addons = { cilium: { clusterId: 256 } };
      d.clusters[1].addons = { cilium: { clusterId: 0 } };
    })).toEqual([
      'clusters[0].addons.cilium.clusterId 256 is above the maximum 255; use 255 or less',
      'clusters[1].addons.cilium.clusterId 0 is below the minimum 1; use 1 or more',
    ]);
  });

  it('GIVEN IDs but no ClusterMesh WHEN checked THEN duplicates are still refused, and nothing else is asked for', () => {
    expect(problemsOf((d) => {
      d.clusters[0].addons = { cilium: { clusterId: 4 } };
      d.clusters[1].addons = { cilium: { clusterId: 4 } };
    })).toEqual([
      'clusters[1].addons.cilium.clusterId 4 (dev-docker) is already the clusterId of dev-aws (clusters[0].addons.cilium.clusterId); give every cluster running cilium its own clusterId from 1 to 255',
    ]);
  });

  it.each([
    ['{cluster}.mesh.acme.io:32379', { address: 'a.mesh.acme.io', port: 32379 }],
    ['{cluster}.mesh.acme.io', { address: 'a.mesh.acme.io', port: 2379 }],
    ['{cluster}.mesh.acme.io:0', undefined],
    ['{cluster}.mesh.acme.io/x', undefined],
  ])('GIVEN the endpoint pattern %s WHEN resolved for cluster a THEN the address is %j', (pattern, expected) => {
    expect(clusterMeshAddress(pattern, 'a')).toEqual(expected);
  });
});

describe('cilium: ClusterMesh across three clusters', () => {
  const fleet = resolveFleet(meshDefinition());
  const out = synthesize(fleet);
  const names = ['dev-aws', 'dev-docker', 'dev-docker-b'];

  it('GIVEN ClusterMesh on WHEN synthesized THEN the base values run a LoadBalancer API server with certificates from the shared CA', () => {
    expect(valuesOf(out, 'platform/cilium/base')).toEqual({
      ipam: { mode: 'cluster-pool' },
      hubble: { tls: { auto: { method: 'cronJob' } } },
      certgen: { annotations: { job: CERTGEN_HOOK }, generateCA: false },
      clustermesh: {
        useAPIServer: true,
        apiserver: { service: { type: 'LoadBalancer' }, tls: { authMode: 'cluster', auto: { enabled: true, method: 'cronJob' } } },
        config: { enabled: true },
      },
    });
  });

  it('GIVEN dev-docker with ID 2 WHEN synthesized THEN its values carry the ID, its own name for the certificate, and the two other clusters as peers', () => {
    expect(valuesOf(out, 'clusters/dev-docker/addons/cilium')).toEqual({
      cluster: { name: 'dev-docker', id: 2 },
      ipam: { operator: { clusterPoolIPv4PodCIDRList: ['10.102.0.0/16'], clusterPoolIPv4MaskSize: 24 } },
      clustermesh: {
        apiserver: { tls: { server: { extraDnsNames: ['dev-docker.mesh.acme.io'] } } },
        config: {
          clusters: {
            'dev-aws': { address: 'dev-aws.mesh.acme.io', port: 2379 },
            'dev-docker-b': { address: 'dev-docker-b.mesh.acme.io', port: 2379 },
          },
        },
      },
    });
  });

  it('GIVEN dev-aws WHEN synthesized THEN the CA comes from its part of the fleet store into cilium-ca, nothing secret in Git', () => {
    const objects = unitOf(out, 'clusters/dev-aws/addons/cilium')!.objects;
    expect(objects).toHaveLength(1);
    expect(objects[0]).toMatchObject({
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'cilium-ca', namespace: 'kube-system', annotations: { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' } },
      spec: {
        secretStoreRef: { kind: 'ClusterSecretStore', name: 'fleet-secrets' },
        target: { name: 'cilium-ca', creationPolicy: 'Owner' },
        data: [
          { secretKey: 'ca.crt', remoteRef: { key: 'acme/dev-aws/cilium-clustermesh-ca', property: 'ca_crt' } },
          { secretKey: 'ca.key', remoteRef: { key: 'acme/dev-aws/cilium-clustermesh-ca', property: 'ca_key' } },
        ],
      },
    });
    expect({ values: valuesOf(out, 'clusters/dev-aws/addons/cilium'), objects }).toMatchSnapshot();
  });

  it('GIVEN every meshed cluster WHEN synthesized THEN its peers are exactly the other clusters running cilium, each with a distinct ID', () => {
    const ids = new Set<number>();
    for (const cluster of running(fleet, 'cilium')) {
      const values = valuesOf(out, `clusters/${cluster.name}/addons/cilium`) as any;
      ids.add(values.cluster.id);
      expect(Object.keys(values.clustermesh.config.clusters).sort(), cluster.name).toEqual(names.filter((n) => n !== cluster.name));
    }
    expect(ids.size).toBe(names.length);
  });

  it('GIVEN the mesh fleet WHEN the ApplicationSet selector is applied to the registrations THEN it selects exactly the clusters that run cilium, and only their registrations carry the label', () => {
    expect(selectedBy(out, 'cilium', fleet)).toEqual(names);
    for (const cluster of [fleet.hub, ...fleet.clusters]) {
      expect(cluster.labels[addonLabel('cilium')], cluster.name).toBe(cluster.addons.includes('cilium') ? 'true' : undefined);
    }
  });

  it('GIVEN the mesh fleet WHEN written THEN every object validates against the upstream schemas and every kustomization builds', async () => {
    const validator = validatorTool();
    const kubectl = kubectlTool();
    if ((!validator.available || !kubectl.available) && !conformanceRequired) return;
    const { dir, cleanup } = tempDir();
    try {
      const folders: string[] = [];
      for (const [file, content] of out.files) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), content);
        if (file.includes('/cilium/') && path.basename(file) === KUSTOMIZATION) folders.push(path.join(dir, path.dirname(file)));
      }
      const result = spawnSync(process.execPath, [VALIDATOR, '--crds', CRDS, dir], { encoding: 'utf8' });
      expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^validated \d+ objects: 0 errors, 0 unknown-field, \d+ unknown-kind$/);
      for (const folder of folders) {
        const code = await new Promise<number | null>((resolve) => spawn('kubectl', ['kustomize', folder], { stdio: 'ignore' }).on('close', resolve));
        expect(code, path.relative(dir, folder)).toBe(0);
      }
    } finally {
      cleanup();
    }
  });
});

describe('cilium: fleet-wide', () => {
  it.each([
    ['the example fleet', exampleFleet, exampleSynth],
    ['the test fleet', testFleet, testSynth],
  ])('GIVEN %s WHEN synthesized THEN the cilium ApplicationSet selects exactly the clusters that run it, each with values naming it and pooling its own pod range', (_name, fleet, synth) => {
    const out = synth();
    expect(selectedBy(out, 'cilium', fleet)).toEqual(syncedRunning(fleet, 'cilium').map((c) => c.name).sort());
    for (const cluster of running(fleet, 'cilium')) {
      const values = valuesOf(out, `clusters/${cluster.name}/addons/cilium`) as any;
      expect(values.cluster.name, cluster.name).toBe(cluster.name);
      expect(values.ipam.operator.clusterPoolIPv4PodCIDRList, cluster.name).toEqual([cluster.network.podCidr]);
    }
  });

  it('GIVEN every kubeadm cluster of the example and test fleets WHEN resolved THEN it runs cilium, and no EKS cluster does', () => {
    for (const cluster of [exampleFleet, testFleet].flatMap((f) => [f.hub, ...f.clusters])) {
      const kubeadm = cluster.provider.kind === 'capi-aws' || cluster.provider.kind === 'capi-docker';
      expect(cluster.addons.includes('cilium'), cluster.name).toBe(kubeadm);
    }
  });
});

import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pulumiClusterSecret } from '../../constructs/argocd/cluster-secret';
import { ConstructPropsError } from '../../constructs/errors';
import { resolveFleet, type Fleet } from '../../model';
import { KUSTOMIZATION } from '../../outputs/gitops/tree';
import { synthesize } from '../../outputs/synth';
import type { KubeObject, Unit } from '../../stacks/rendered';
import { disagreements } from '../engines/orders';
import { announceSkip, conformanceRequired, CRDS, kubectlTool, validatorTool, VALIDATOR } from '../helpers/conformance';
import { GITOPS_CLUSTERS, PULUMI_CLUSTERS, pulumiDeliveredDefinition } from '../helpers/pulumi-delivered';
import { withPulumiRegistrations } from '../helpers/registrations';
import { tempDir } from '../helpers/tmp';

function synth(options: Parameters<typeof pulumiDeliveredDefinition>[0]): { fleet: Fleet; units: readonly Unit[]; files: ReadonlyMap<string, string> } {
  const fleet = resolveFleet(pulumiDeliveredDefinition(options));
  const out = synthesize(fleet);
  return { fleet, units: out.rendered.units, files: out.files };
}

const objectsOf = (units: readonly Unit[], dir: string): readonly KubeObject[] => units.find((u) => u.dir === dir)?.objects ?? [];
const names = (objects: readonly KubeObject[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`);

/** Every Flux object (under hub/flux) and the JSON of each. */
const fluxObjects = (units: readonly Unit[]) => units.filter((u) => u.dir === 'hub/flux' || u.dir.startsWith('hub/flux/')).flatMap((u) => u.objects);

const gitops = synth({ delivery: 'gitops' });
const pulumi = synth({});

describe('an environment and a hub delivered by Pulumi, in the tree (Argo CD)', () => {
  it('GIVEN prod and the hub delivered by Pulumi WHEN synthesized THEN every folder is rendered as with GitOps, and only the hub\'s Argo CD, registration and Cluster API folders differ (Argo CD gets no access to prod-eks)', () => {
    expect(pulumi.units.map((u) => u.dir)).toEqual(gitops.units.map((u) => u.dir));
    for (const cluster of PULUMI_CLUSTERS) expect(pulumi.units.some((u) => u.dir === `clusters/${cluster}`), cluster).toBe(true);
    expect(pulumi.units.some((u) => u.dir === 'hub/cluster-api/prod-eks')).toBe(true);
    const differ = pulumi.units.filter((u, i) => JSON.stringify(u) !== JSON.stringify(gitops.units[i])).map((u) => u.dir);
    expect(differ).toEqual(['hub/argocd', 'hub/cluster-api', 'hub/cluster-api/prod-eks', 'hub/registration']);
  });

  it('GIVEN prod and the hub delivered by Pulumi WHEN the hub registers clusters THEN only the GitOps clusters the tree registers are there (not the hub, whose add-ons the management stack installs), and the kubeconfig reader reads only theirs', () => {
    const registration = objectsOf(pulumi.units, 'hub/registration');
    expect(names(registration)).toEqual([
      'ServiceAccount/fleet-capi-kubeconfigs',
      'Role/fleet-capi-kubeconfigs',
      'RoleBinding/fleet-capi-kubeconfigs',
      'ClusterSecretStore/fleet-capi-kubeconfigs',
      // The kubeadm spokes' Argo CD tokens, read with their CAPI kubeconfigs.
      'ClusterSecretStore/spoke-dev-aws',
      'ClusterSecretStore/spoke-dev-docker',
      'ExternalSecret/cluster-dev-aws',
      'ExternalSecret/cluster-dev-docker',
    ]);
    const role = registration.find((o) => o.kind === 'Role') as any;
    expect(role.rules.flatMap((r: any) => r.resourceNames)).toEqual(['dev-aws-kubeconfig', 'dev-docker-kubeconfig']);
    // With GitOps, prod's clusters are registered (prod-eks reading its CAPI kubeconfig), but never a pulumi-eks cluster.
    const before = objectsOf(gitops.units, 'hub/registration');
    expect(names(before).filter((n) => !names(registration).includes(n))).toEqual(['Secret/cluster-management', 'ExternalSecret/cluster-prod-eks', 'Secret/cluster-prod-existing']);
    expect((before.find((o) => o.kind === 'Role') as any).rules.flatMap((r: any) => r.resourceNames)).toEqual(['dev-aws-kubeconfig', 'dev-docker-kubeconfig', 'prod-eks-kubeconfig']);
  });

  it('GIVEN prod delivered by Pulumi WHEN the hub\'s Cluster API folder is built THEN it includes only the GitOps clusters\' folders, and prod-eks\'s folder still holds its cluster', () => {
    const parent = pulumi.units.find((u) => u.dir === 'hub/cluster-api')!;
    expect(parent.includes).toEqual(['hub/cluster-api/dev-aws', 'hub/cluster-api/dev-docker']);
    expect(parent.objects).toEqual(gitops.units.find((u) => u.dir === 'hub/cluster-api')!.objects);
    expect(gitops.units.find((u) => u.dir === 'hub/cluster-api')!.includes).toEqual(['hub/cluster-api/dev-aws', 'hub/cluster-api/dev-docker', 'hub/cluster-api/prod-eks']);
    expect(names(objectsOf(pulumi.units, 'hub/cluster-api/prod-eks'))).toContain('Cluster/prod-eks');
    expect(pulumi.files.get('hub/cluster-api/kustomization.yaml')).not.toContain('prod-eks');
  });

  it('GIVEN the hub delivered by Pulumi WHEN its Argo CD folder is rendered THEN the root Application fleet-root is gone and nothing else changed', () => {
    const without = objectsOf(gitops.units, 'hub/argocd').filter((o) => !(o.kind === 'Application' && o.metadata.name === 'fleet-root'));
    expect(objectsOf(gitops.units, 'hub/argocd').length - without.length).toBe(1);
    expect(objectsOf(pulumi.units, 'hub/argocd')).toEqual(without);
  });

  it('GIVEN only prod delivered by Pulumi WHEN the hub is delivered by GitOps THEN fleet-root stays and the hub is registered in-cluster', () => {
    const { units } = synth({ hubDelivery: 'gitops' });
    expect(names(objectsOf(units, 'hub/argocd'))).toContain('Application/fleet-root');
    const registration = objectsOf(units, 'hub/registration');
    expect(registration.filter((o) => o.metadata.name !== 'cluster-management')).toEqual(objectsOf(pulumi.units, 'hub/registration'));
    expect(names(registration)).toContain('Secret/cluster-management');
  });
});

describe('an environment and a hub delivered by Pulumi, with Flux', () => {
  it.each(['both', 'flux'] as const)('GIVEN engine %s WHEN the Flux objects are rendered THEN none reaches a cluster of prod, and every GitOps cluster has its entry folder Kustomization', (engine) => {
    const { units } = synth({ engine });
    const flux = fluxObjects(units);
    for (const cluster of PULUMI_CLUSTERS) {
      expect(flux.filter((o) => JSON.stringify(o).includes(cluster)).map((o) => `${o.kind}/${o.metadata.name}`), cluster).toEqual([]);
      expect(units.some((u) => u.dir.startsWith(`hub/flux/clusters/${cluster}`)), cluster).toBe(false);
    }
    for (const cluster of GITOPS_CLUSTERS) expect(names(flux), cluster).toContain(`Kustomization/cluster-config-${cluster}`);
  });

  it('GIVEN engine flux and prod delivered by Pulumi WHEN Flux applies Cluster API folders THEN only the GitOps clusters\' are applied', () => {
    const flux = fluxObjects(synth({ engine: 'flux' }).units);
    expect(names(flux).filter((n) => n.startsWith('Kustomization/cluster-api-'))).toEqual(['Kustomization/cluster-api-dev-aws', 'Kustomization/cluster-api-dev-docker']);
  });

  it('GIVEN the hub delivered by Pulumi WHEN engine is flux THEN no root Kustomization reconciles the hub\'s tree; with both, the root still reconciles hub/flux, which is not in the hub\'s tree', () => {
    const root = (units: readonly Unit[]) => fluxObjects(units).filter((o) => o.kind === 'Kustomization' && o.metadata.name === 'fleet-root') as any[];
    expect(root(synth({ engine: 'flux' }).units)).toEqual([]);
    expect(root(synth({ engine: 'flux', hubDelivery: 'gitops' }).units).map((k) => k.spec.path)).toEqual(['./gitops/clusters/management']);
    expect(root(synth({ engine: 'both' }).units).map((k) => k.spec.path)).toEqual(['./gitops/hub/flux']);
  });

  it.each(['both', 'flux'] as const)('GIVEN the hub delivered by Pulumi and engine %s WHEN the Flux objects are rendered THEN none installs a chart on the hub (the management stack does); with the hub delivered by GitOps they do', (engine) => {
    const hubReleases = (units: readonly Unit[]) => names(fluxObjects(units).filter((o) => o.kind === 'HelmRelease' && o.metadata.name.endsWith('-management')));
    expect(hubReleases(synth({ engine }).units)).toEqual([]);
    expect(hubReleases(synth({ engine, hubDelivery: 'gitops' }).units)).not.toEqual([]);
  });

  it('GIVEN engine both WHEN the Argo CD registrations (the tree\'s and the Pulumi stacks\') and the Flux objects are compared THEN both engines reach the same clusters in the same order', () => {
    const { fleet, units } = synth({ engine: 'both' });
    expect(disagreements(withPulumiRegistrations(fleet, units), fleet.repo.path)).toEqual([]);
    // Without the Pulumi stacks' registrations, Argo CD would miss dev-pulumi: the comparison can fail.
    expect(disagreements(units, fleet.repo.path)).toContain('cluster-config: Argo CD reaches [dev-aws,dev-docker], Flux [dev-aws,dev-docker,dev-pulumi]');
  });
});

describe('registration of pulumi-eks clusters by their Pulumi stack', () => {
  const cluster = (name: string) => pulumi.fleet.clusters.find((c) => c.name === name)!;

  it('GIVEN a pulumi-eks cluster of a GitOps environment WHEN synthesized THEN the tree holds no Secret or ExternalSecret for it', () => {
    for (const { units } of [gitops, pulumi]) {
      expect(units.flatMap((u) => u.objects).filter((o) => (o.kind === 'Secret' || o.kind === 'ExternalSecret') && o.metadata.name === 'cluster-dev-pulumi')).toEqual([]);
    }
  });

  it('GIVEN a pulumi-eks cluster of a GitOps environment WHEN its stack builds the cluster Secret THEN it is the Argo CD cluster Secret with the registration labels and an awsAuthConfig connection', () => {
    const secret = pulumiClusterSecret(cluster('dev-pulumi'), pulumi.fleet.argocd.namespace);
    expect({ ...secret, stringData: secret.stringData({ server: 'https://ABC.gr7.us-east-1.eks.amazonaws.com', caData: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lCQURBS0JnZ3Foa2pPUFFRREFqQWpNU0V3SHdZRFZRUUREQmhyTXk1elpYSjIKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=' }) }).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: {
        name: 'cluster-dev-pulumi',
        namespace: 'argocd',
        labels: {
          'addons.fleetwright.io/ingress-nginx': 'true',
          'argocd.argoproj.io/secret-type': 'cluster',
          env: 'dev',
          'fleetwright.io/fleet': 'acme',
          'fleetwright.io/project': 'dev',
          'fleetwright.io/provider': 'pulumi-eks',
          'fleetwright.io/role': 'spoke',
          region: 'us-east-1',
          'rollout-tier': 'general',
          tier: 'non-production',
        },
        annotations: {
          'fleetwright.io/cluster-path': 'gitops/clusters/dev-pulumi',
          'fleetwright.io/kubernetes-version': '1.34',
          'fleetwright.io/secret-prefix': 'acme/dev-pulumi',
        },
      },
      stringData: {
        config: '{"awsAuthConfig":{"clusterName":"acme-dev-pulumi","roleARN":"arn:aws:iam::111122223333:role/fleet-argocd"},"tlsClientConfig":{"caData":"LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lCQURBS0JnZ3Foa2pPUFFRREFqQWpNU0V3SHdZRFZRUUREQmhyTXk1elpYSjIKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=","insecure":false}}',
        name: 'dev-pulumi',
        server: 'https://ABC.gr7.us-east-1.eks.amazonaws.com',
      },
    });
    expect(Object.keys(secret.metadata.labels)).toEqual(Object.keys(secret.metadata.labels).sort());
  });

  it('GIVEN an existing EKS cluster WHEN the tree registers it THEN its plain Secret carries the same data the Pulumi builder gives for the same connection', () => {
    const { units } = synth({ delivery: 'gitops' });
    const existing = objectsOf(units, 'hub/registration').find((o) => o.metadata.name === 'cluster-prod-existing') as any;
    const stack = pulumiClusterSecret({ ...cluster('prod-pulumi'), delivery: 'gitops' }, 'argocd');
    const data = stack.stringData({ server: existing.stringData.server, caData: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lCQURBS0JnZ3Foa2pPUFFRREFqQWpNU0V3SHdZRFZRUUREQmhyTXk1elpYSjIKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=' });
    expect(JSON.parse(existing.stringData.config).tlsClientConfig).toEqual(JSON.parse(data.config).tlsClientConfig);
    expect(Object.keys(JSON.parse(existing.stringData.config))).toEqual(Object.keys(JSON.parse(data.config)));
  });

  it('GIVEN a pulumi-eks cluster of a Pulumi-delivered environment WHEN its stack would register it THEN the builder refuses: the hub\'s ApplicationSets would sync it too', () => {
    expect(() => pulumiClusterSecret(cluster('prod-pulumi'), 'argocd')).toThrow(
      new ConstructPropsError([
        'pulumiClusterSecret "prod-pulumi": cluster.delivery "pulumi" means its Pulumi stack applies its objects, and a registration would let the hub\'s ApplicationSets sync them too; register only clusters of environments delivered by GitOps',
      ]),
    );
  });

  it('GIVEN a Cluster API cluster WHEN a stack would register it THEN the builder refuses: the tree registers it', () => {
    expect(() => pulumiClusterSecret(cluster('dev-aws'), 'argocd')).toThrow(
      new ConstructPropsError([
        'pulumiClusterSecret "dev-aws": cluster.registration.kind "capi-kubeconfig" is registered by the GitOps tree, not by a Pulumi stack; create registration Secrets only for pulumi-eks clusters',
      ]),
    );
  });
});

const validator = validatorTool();
const kubectl = kubectlTool();
announceSkip('validation of a Pulumi-delivered fleet', validator);
announceSkip('kubectl kustomize of a Pulumi-delivered fleet', kubectl);

describe('conformance of a fleet with a Pulumi-delivered environment and hub', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const { files } = synth({ engine: 'both' });
  const write = (): string[] => {
    const folders: string[] = [];
    for (const [file, content] of files) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
      if (path.basename(file) === KUSTOMIZATION) folders.push(path.join(dir, path.dirname(file)));
    }
    return folders;
  };
  const folders = write();

  it.skipIf(!validator.available && !conformanceRequired)('GIVEN engine both WHEN every object is validated against the upstream CRDs THEN there are 0 errors and 0 unknown fields', () => {
    const result = spawnSync(process.execPath, [VALIDATOR, '--crds', CRDS, dir], { encoding: 'utf8' });
    expect(result.stdout.split('\n').filter((l) => / (error|unknown-field): /.test(l))).toEqual([]);
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^validated \d+ objects: 0 errors, 0 unknown-field, \d+ unknown-kind$/);
    expect(result.status).toBe(0);
  });

  it.skipIf(!kubectl.available && !conformanceRequired)('GIVEN engine both WHEN every kustomization is built THEN all builds succeed, the left-out Cluster API folder too', async () => {
    expect(folders).toContain(path.join(dir, 'hub/cluster-api/prod-eks'));
    const failures: string[] = [];
    for (const folder of folders) {
      const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn('kubectl', ['kustomize', folder], { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d) => (err += d));
        child.on('close', (c) => resolve({ code: c, stderr: err }));
      });
      if (code !== 0) failures.push(`${path.relative(dir, folder)}: ${stderr.trim()}`);
    }
    expect(failures).toEqual([]);
  });
});

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG, checkFleet, hasIrsa, resolveFleet } from '../../model';
import { veleroSchedules } from '../../model/addons/catalog/velero';
import { synthesize, type SynthOutput } from '../../outputs/synth';
import { VELERO_AWS_PLUGIN_IMAGE } from '../../stacks/addons/velero';
import { conformanceRequired, CRDS, validatorTool, VALIDATOR } from '../helpers/conformance';
import { mutableDefinition } from '../helpers/definitions';
import { exampleFleet, exampleSynth } from '../helpers/example';
import { tempDir } from '../helpers/tmp';
import { running, unitOf, valuesOf } from '../helpers/addons';

/**
 * Velero on every cluster of the test fleet: dev (non-production) on kubeadm
 * clusters (credentials through Vault), prod on EKS (IRSA) and on an
 * `existing` cluster registered through the secret store. prod-other sits
 * in the fleet's DR region (us-west-2), so it sends its DR copy east.
 */
function veleroDefinition(): any {
  const d = mutableDefinition();
  d.platform = {
    irsaRoleArn: 'arn:aws:iam::111122223333:role/{cluster}-{addon}',
    externalSecrets: { store: { kind: 'vault', server: 'https://vault.acme.io:8200' } },
    velero: { bucket: 'acme-velero-{region}', drRegion: 'us-west-2' },
  };
  d.environments.dev.addons = { cilium: true, 'external-secrets': true, velero: true };
  d.environments.prod.addons = { 'external-secrets': true, velero: true };
  d.clusters[5].addons = { velero: { drRegion: 'us-east-1' } };
  return d;
}

const fleet = resolveFleet(veleroDefinition());
const out = synthesize(fleet);
const objectsOf = (o: SynthOutput, cluster: string) => unitOf(o, `clusters/${cluster}/addons/velero`)!.objects as any[];
const find = (objects: any[], kind: string, name: string) => objects.find((x) => x.kind === kind && x.metadata.name === name);
const tierOf = (c: ReturnType<typeof running>[number]) => (c.role === 'hub' ? 'production' : c.tier);

function problemsOf(mutate: (d: any) => void): string[] {
  const d = veleroDefinition();
  mutate(d);
  return checkFleet(d).problems.map((p) => p.message);
}

describe('velero: chart and values', () => {
  it('GIVEN the catalog WHEN read THEN pins chart 12.1.0 (Velero v1.18.1) from the vmware-tanzu repository', () => {
    expect(CATALOG.velero.chart).toEqual({ repoUrl: 'https://vmware-tanzu.github.io/helm-charts', chart: 'velero', version: '12.1.0' });
  });

  it('GIVEN any fleet WHEN synthesized THEN the base values add the AWS plugin, create no location, keep snapshots and metrics on', () => {
    expect(valuesOf(out, 'platform/velero/base')).toEqual({
      initContainers: [{ name: 'velero-plugin-for-aws', image: 'velero/velero-plugin-for-aws:v1.14.2', imagePullPolicy: 'IfNotPresent', volumeMounts: [{ mountPath: '/target', name: 'plugins' }] }],
      configuration: { backupStorageLocation: [], volumeSnapshotLocation: [] },
      backupsEnabled: true,
      snapshotsEnabled: true,
      metrics: { enabled: true },
      resources: { requests: { cpu: '500m', memory: '128Mi' }, limits: { cpu: '1000m', memory: '512Mi' } },
    });
    expect(VELERO_AWS_PLUGIN_IMAGE).toMatch(/:v1\.14\.\d+$/);
  });

  it('GIVEN the EKS cluster prod-eks WHEN synthesized THEN the server ServiceAccount assumes its role and no credentials Secret is mounted', () => {
    expect(valuesOf(out, 'clusters/prod-eks/addons/velero')).toEqual({
      credentials: { useSecret: false },
      serviceAccount: { server: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/prod-eks-velero' } } },
    });
    expect(objectsOf(out, 'prod-eks').filter((o) => o.kind === 'ExternalSecret')).toEqual([]);
  });

  it('GIVEN the kubeadm cluster dev-aws WHEN synthesized THEN the chart mounts the Secret its ExternalSecret writes as an AWS credentials file (key cloud)', () => {
    expect(valuesOf(out, 'clusters/dev-aws/addons/velero')).toEqual({ credentials: { useSecret: true, existingSecret: 'velero-aws-credentials' } });
    const secret = find(objectsOf(out, 'dev-aws'), 'ExternalSecret', 'velero-aws-credentials');
    expect(secret.metadata.namespace).toBe('velero');
    expect(secret.spec.secretStoreRef).toEqual({ kind: 'ClusterSecretStore', name: 'fleet-secrets' });
    expect(secret.spec.data).toEqual([
      { secretKey: 'accessKeyId', remoteRef: { key: 'acme/dev-aws/velero-aws', property: 'access_key_id' } },
      { secretKey: 'secretAccessKey', remoteRef: { key: 'acme/dev-aws/velero-aws', property: 'secret_access_key' } },
    ]);
    expect(secret.spec.target.template.data).toEqual({
      cloud: '[default]\naws_access_key_id={{ .accessKeyId }}\naws_secret_access_key={{ .secretAccessKey }}\n',
    });
  });

  it('GIVEN a cluster that runs kube-prometheus-stack WHEN synthesized THEN a ServiceMonitor labelled for its Prometheus is on', () => {
    const d = veleroDefinition();
    d.platform.irsaRoleArn = 'arn:aws:iam::111122223333:role/{cluster}-{addon}';
    d.clusters[2].addons = { 'kube-prometheus-stack': true };
    const values = valuesOf(synthesize(resolveFleet(d)), 'clusters/prod-eks/addons/velero');
    expect(values.metrics).toEqual({ serviceMonitor: { enabled: true, additionalLabels: { release: 'kube-prometheus-stack' } } });
  });
});

describe('velero: locations and schedules', () => {
  it('GIVEN the non-production cluster dev-aws WHEN synthesized THEN it has both locations, the snapshot location and the daily schedule only (snapshot)', () => {
    const objects = objectsOf(out, 'dev-aws');
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'BackupStorageLocation/default',
      'BackupStorageLocation/dr',
      'ExternalSecret/velero-aws-credentials',
      'Schedule/daily',
      'VolumeSnapshotLocation/default',
    ]);
    const credential = { name: 'velero-aws-credentials', key: 'cloud' };
    expect(find(objects, 'BackupStorageLocation', 'default').spec).toEqual({
      provider: 'aws',
      objectStorage: { bucket: 'acme-velero-us-east-1', prefix: 'dev-aws' },
      config: { region: 'us-east-1' },
      credential,
      default: true,
      accessMode: 'ReadWrite',
    });
    expect(find(objects, 'BackupStorageLocation', 'dr').spec).toEqual({
      provider: 'aws',
      objectStorage: { bucket: 'acme-velero-us-west-2', prefix: 'dev-aws' },
      config: { region: 'us-west-2' },
      credential,
      default: false,
      accessMode: 'ReadWrite',
    });
    expect(find(objects, 'VolumeSnapshotLocation', 'default').spec).toEqual({ provider: 'aws', config: { region: 'us-east-1' }, credential });
    expect(objects.filter((o) => o.kind !== 'ExternalSecret').every((o) => o.metadata.annotations['argocd.argoproj.io/sync-options'] === 'SkipDryRunOnMissingResource=true')).toBe(true);
    expect(objects).toMatchSnapshot();
  });

  it('GIVEN the production cluster prod-eks WHEN synthesized THEN daily, hourly and dr have exactly their scopes, TTLs and locations', () => {
    const objects = objectsOf(out, 'prod-eks');
    const base = { includedNamespaces: ['*'], excludedNamespaces: ['kube-system', 'velero'] };
    expect(find(objects, 'Schedule', 'daily').spec).toEqual({
      schedule: '0 2 * * *',
      template: { ...base, includeClusterResources: true, storageLocation: 'default', ttl: '720h', snapshotVolumes: true, volumeSnapshotLocations: ['default'] },
      useOwnerReferencesInBackup: false,
      paused: false,
    });
    expect(find(objects, 'Schedule', 'hourly').spec).toEqual({
      schedule: '0 * * * *',
      template: {
        ...base,
        labelSelector: { matchLabels: { 'backup.fleetwright.io/hourly': 'true' } },
        storageLocation: 'default',
        ttl: '168h',
        snapshotVolumes: true,
        volumeSnapshotLocations: ['default'],
      },
      useOwnerReferencesInBackup: false,
      paused: false,
    });
    // EBS snapshots stay in the cluster's region: the DR copy holds the objects only.
    expect(find(objects, 'Schedule', 'dr').spec).toEqual({
      schedule: '30 3 * * *',
      template: { ...base, includeClusterResources: true, storageLocation: 'dr', ttl: '720h', snapshotVolumes: false },
      useOwnerReferencesInBackup: false,
      paused: false,
    });
    // The BSLs of an IRSA cluster use the server's own credentials.
    expect(find(objects, 'BackupStorageLocation', 'dr').spec.credential).toBeUndefined();
  });

  it('GIVEN environment and cluster overrides WHEN synthesized THEN false switches a schedule off, an object switches it on and overrides fields', () => {
    const d = veleroDefinition();
    d.environments.prod.addons.velero = { schedules: { hourly: false, daily: { ttl: '1440h' } } };
    d.clusters[2].addons = { velero: { schedules: { hourly: { cron: '15 * * * *' }, daily: { excludedNamespaces: ['kube-system', 'velero', 'scratch'] } } } };
    d.clusters[0].addons = { velero: { schedules: { dr: { includedNamespaces: ['payments'] } } } };
    const o = synthesize(resolveFleet(d));
    const schedules = (cluster: string) => Object.fromEntries(objectsOf(o, cluster).filter((x) => x.kind === 'Schedule').map((x) => [x.metadata.name, x.spec]));
    const eks = schedules('prod-eks');
    expect(Object.keys(eks).sort()).toEqual(['daily', 'dr', 'hourly']);
    expect([eks.daily.template.ttl, eks.daily.template.excludedNamespaces]).toEqual(['1440h', ['kube-system', 'velero', 'scratch']]);
    expect([eks.hourly.schedule, eks.hourly.template.ttl]).toEqual(['15 * * * *', '168h']);
    expect(Object.keys(schedules('prod-pulumi')).sort()).toEqual(['daily', 'dr']);
    const devAws = schedules('dev-aws');
    expect(Object.keys(devAws).sort()).toEqual(['daily', 'dr']);
    expect([devAws.dr.template.includedNamespaces, devAws.dr.template.storageLocation]).toEqual([['payments'], 'dr']);
  });

  it('GIVEN the tier defaults WHEN nothing is overridden THEN production runs daily, hourly and dr and other tiers daily only', () => {
    expect(veleroSchedules('production', {}).map((s) => [s.name, s.cron, s.ttl, s.location, s.selection])).toEqual([
      ['daily', '0 2 * * *', '720h', 'default', 'all'],
      ['hourly', '0 * * * *', '168h', 'default', 'labelled'],
      ['dr', '30 3 * * *', '720h', 'dr', 'all'],
    ]);
    expect(veleroSchedules('non-production', {}).map((s) => s.name)).toEqual(['daily']);
  });
});

describe('velero: fleet-wide', () => {
  it.each([
    ['the test fleet', fleet, out],
    ['the example fleet', exampleFleet, exampleSynth()],
  ])('GIVEN every production cluster of %s running velero WHEN synthesized THEN it has the daily, hourly and dr schedules with TTLs 720h, 168h and 720h', (_t, f, o) => {
    const production = running(f, 'velero').filter((c) => tierOf(c) === 'production');
    expect(production.length).toBeGreaterThan(0);
    for (const cluster of production) {
      const ttls = Object.fromEntries(objectsOf(o, cluster.name).filter((x) => x.kind === 'Schedule').map((x) => [x.metadata.name, x.spec.template.ttl]));
      expect(ttls, cluster.name).toEqual({ daily: '720h', hourly: '168h', dr: '720h' });
    }
  });

  it.each([
    ['the test fleet', fleet, out],
    ['the example fleet', exampleFleet, exampleSynth()],
  ])("GIVEN every cluster of %s running velero WHEN synthesized THEN its default location is in its region, its DR location in another, both in the fleet's bucket under its name", (_t, f, o) => {
    for (const cluster of running(f, 'velero')) {
      const objects = objectsOf(o, cluster.name);
      const home = find(objects, 'BackupStorageLocation', 'default').spec;
      const dr = find(objects, 'BackupStorageLocation', 'dr').spec;
      expect(home.config.region, cluster.name).toBe(cluster.region);
      expect(dr.config.region, cluster.name).not.toBe(cluster.region);
      for (const location of [home, dr]) {
        expect(location.objectStorage, cluster.name).toEqual({ bucket: f.platform.velero!.bucket.replace('{region}', location.config.region), prefix: cluster.name });
      }
      expect(find(objects, 'VolumeSnapshotLocation', 'default').spec.config.region, cluster.name).toBe(cluster.region);
      // Every schedule writes to a location the cluster has.
      for (const schedule of objects.filter((x) => x.kind === 'Schedule')) expect(['default', 'dr'], cluster.name).toContain(schedule.spec.template.storageLocation);
    }
  });

  it.each([
    ['the test fleet', fleet, out],
    ['the example fleet', exampleFleet, exampleSynth()],
  ])('GIVEN every cluster of %s running velero WHEN synthesized THEN its credentials are by reference only: an IAM role on EKS, else an ExternalSecret its locations name', (_t, f, o) => {
    for (const cluster of running(f, 'velero')) {
      const values = valuesOf(o, `clusters/${cluster.name}/addons/velero`);
      const objects = objectsOf(o, cluster.name);
      const secrets = objects.filter((x) => x.kind === 'ExternalSecret');
      const credentials = objects.filter((x) => x.kind.endsWith('Location')).map((x) => x.spec.credential);
      if (hasIrsa(cluster.provider)) {
        expect(values.serviceAccount.server.annotations['eks.amazonaws.com/role-arn'], cluster.name).toMatch(/^arn:aws:iam::\d{12}:role\//);
        expect(secrets, cluster.name).toEqual([]);
        expect(credentials.every((c) => c === undefined), cluster.name).toBe(true);
      } else {
        expect(secrets.map((s) => s.spec.target.name), cluster.name).toEqual([values.credentials.existingSecret]);
        expect(credentials.every((c) => c.name === values.credentials.existingSecret && c.key === 'cloud'), cluster.name).toBe(true);
        expect(values.credentials.secretContents, cluster.name).toBeUndefined();
      }
    }
  });

  it('GIVEN the test fleet WHEN written THEN every object validates against the upstream schemas', () => {
    const tool = validatorTool();
    if (!tool.available && !conformanceRequired) return;
    const { dir, cleanup } = tempDir();
    try {
      for (const [file, content] of out.files) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), content);
      }
      const result = spawnSync(process.execPath, [VALIDATOR, '--crds', CRDS, dir], { encoding: 'utf8' });
      expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^validated \d+ objects: 0 errors, 0 unknown-field, \d+ unknown-kind$/);
    } finally {
      cleanup();
    }
  });
});

describe('velero: checks', () => {
  it("GIVEN the fleet's DR region equal to a cluster's region WHEN checked THEN names the platform setting, the value and the cluster to fix", () => {
    expect(problemsOf((d) => {
      d.clusters[5].addons = {};
    })).toEqual([
      'platform.velero.drRegion "us-west-2" is the region of cluster "prod-other" itself, so its disaster-recovery backups would be lost with that region; set drRegion in the velero options of cluster "prod-other" to a region other than "us-west-2"',
    ]);
  });

  it("GIVEN a cluster's own DR region equal to its region WHEN checked THEN names the cluster's option", () => {
    expect(problemsOf((d) => {
      d.clusters[2].addons = { velero: { drRegion: 'eu-west-1' } };
    })).toEqual([
      'clusters[2].addons.velero.drRegion "eu-west-1" is the region of cluster "prod-eks" itself, so its disaster-recovery backups would be lost with that region; set drRegion in the velero options of cluster "prod-eks" to a region other than "eu-west-1"',
    ]);
  });

  it('GIVEN no DR region in the options nor in platform.velero WHEN checked THEN every cluster without one is named with the fix', () => {
    expect(problemsOf((d) => {
      delete d.platform.velero.drRegion;
      d.environments.prod.addons.velero = false;
    })).toEqual([
      'environments.dev.addons.velero.drRegion is missing, and so is platform.velero.drRegion: the disaster-recovery backups of cluster "dev-aws" have no region; set platform.velero.drRegion, or drRegion in the velero options of cluster "dev-aws", to a region other than "us-east-1"',
      'environments.dev.addons.velero.drRegion is missing, and so is platform.velero.drRegion: the disaster-recovery backups of cluster "dev-docker" have no region; set platform.velero.drRegion, or drRegion in the velero options of cluster "dev-docker", to a region other than "us-east-1"',
    ]);
  });

  it('GIVEN a bad cron and TTL in the options WHEN checked THEN the schema reports them (syntax is checked before the add-on)', () => {
    expect(problemsOf((d) => {
      d.clusters[2].addons = { velero: { schedules: { daily: { cron: 'daily', ttl: '30d' } } } };
    })).toEqual([
      'clusters[2].addons.velero.schedules.daily.cron "daily" has 1 field, not 5; use 5 fields (minute hour day-of-month month day-of-week), e.g. "0 2 * * *", or a descriptor such as "@daily"',
      'clusters[2].addons.velero.schedules.daily.ttl "30d" is not a duration; write it like "720h" (30 days) or "168h0m0s"',
    ]);
  });
});

/**
 * Kubernetes upgrades follow the rollout waves: moving `rollout.upgrade.throughWave`
 * on changes the Cluster API objects of one wave's clusters at a time.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFleet, type Fleet } from '../../model';
import { KUSTOMIZATION } from '../../outputs/gitops/tree';
import { synthesize, type SynthOutput } from '../../outputs/synth';
import { announceSkip, conformanceRequired, CRDS, kubectlTool, validatorTool, VALIDATOR } from '../helpers/conformance';
import { mutableDefinition } from '../helpers/definitions';
import { tempDir } from '../helpers/tmp';

const TARGET = '1.35.0';

/**
 * The test fleet with waves by rollout tier: dev-docker (capi-docker, 1.34.2) is the canary,
 * dev-aws (capi-aws, 1.34.2) early, the prod clusters (EKS by Cluster API and Pulumi, existing; 1.34) general.
 */
function waved(throughWave?: string): Fleet {
  const d = mutableDefinition();
  d.clusters[1].rolloutTier = 'canary';
  d.clusters[0].rolloutTier = 'early';
  d.rollout = {
    by: 'rollout-tier',
    waves: [
      { name: 'canary', values: ['canary'] },
      { name: 'early', values: ['early'] },
      { name: 'general', values: ['general'] },
    ],
    ...(throughWave ? { upgrade: { kubernetesVersion: TARGET, throughWave } } : {}),
  };
  return resolveFleet(d);
}

const before = synthesize(waved());
const through = {
  canary: synthesize(waved('canary')),
  early: synthesize(waved('early')),
  general: synthesize(waved('general')),
};

/** Files added (A), removed (D) or modified (M) from `a` to `b`. */
function changes(a: SynthOutput, b: SynthOutput): string[] {
  const paths = [...new Set([...a.files.keys(), ...b.files.keys()])].sort();
  return paths.filter((p) => a.files.get(p) !== b.files.get(p)).map((p) => `${a.files.has(p) ? (b.files.has(p) ? 'M' : 'D') : 'A'} ${p}`);
}

function objects(out: SynthOutput, cluster: string): any[] {
  return out.rendered.units.find((u) => u.dir === `hub/cluster-api/${cluster}`)!.objects as any[];
}

function one(out: SynthOutput, cluster: string, kind: string): any {
  const found = objects(out, cluster).filter((o) => o.kind === kind);
  expect(found, `${kind} of ${cluster}`).toHaveLength(1);
  return found[0];
}

function names(out: SynthOutput, cluster: string, kind: string): string[] {
  return objects(out, cluster).filter((o) => o.kind === kind).map((o) => o.metadata.name);
}

describe('Kubernetes upgrades through the rollout waves', () => {
  it('GIVEN an upgrade through the canary wave WHEN synthesized THEN exactly the canary cluster\'s files change', () => {
    expect(changes(before, through.canary)).toEqual([
      'M clusters/dev-docker/configmap-fleet-cluster.yaml',
      'D hub/cluster-api/dev-docker/dockermachinetemplate-dev-docker-control-plane-4fda0fe7.yaml',
      'A hub/cluster-api/dev-docker/dockermachinetemplate-dev-docker-control-plane-7a904221.yaml',
      'D hub/cluster-api/dev-docker/dockermachinetemplate-dev-docker-workers-4fda0fe7.yaml',
      'A hub/cluster-api/dev-docker/dockermachinetemplate-dev-docker-workers-7a904221.yaml',
      'M hub/cluster-api/dev-docker/kubeadmcontrolplane-dev-docker-control-plane.yaml',
      'M hub/cluster-api/dev-docker/kustomization.yaml',
      'M hub/cluster-api/dev-docker/machinedeployment-dev-docker-workers.yaml',
      'M hub/registration/externalsecret-cluster-dev-docker.yaml',
    ]);
  });

  it('GIVEN an upgrade through the canary wave WHEN synthesized THEN its control plane, MachineDeployment and kind node images run the target, from new content-named templates', () => {
    const kcp = one(through.canary, 'dev-docker', 'KubeadmControlPlane');
    const md = one(through.canary, 'dev-docker', 'MachineDeployment');
    expect(kcp.spec.version).toBe('v1.35.0');
    expect(md.spec.template.spec.version).toBe('v1.35.0');
    expect(names(before, 'dev-docker', 'DockerMachineTemplate')).toEqual(['dev-docker-control-plane-4fda0fe7', 'dev-docker-workers-4fda0fe7']);
    expect(names(through.canary, 'dev-docker', 'DockerMachineTemplate')).toEqual(['dev-docker-control-plane-7a904221', 'dev-docker-workers-7a904221']);
    expect(objects(through.canary, 'dev-docker').filter((o) => o.kind === 'DockerMachineTemplate').map((o) => o.spec.template.spec.customImage)).toEqual([
      'kindest/node:v1.35.0',
      'kindest/node:v1.35.0',
    ]);
    expect(kcp.spec.machineTemplate.spec.infrastructureRef.name).toBe('dev-docker-control-plane-7a904221');
    expect(md.spec.template.spec.infrastructureRef.name).toBe('dev-docker-workers-7a904221');
    // The bootstrap template does not depend on the version: it stays.
    expect(names(through.canary, 'dev-docker', 'KubeadmConfigTemplate')).toEqual(names(before, 'dev-docker', 'KubeadmConfigTemplate'));
  });

  it('GIVEN an upgrade through the canary wave WHEN resolved THEN the canary remembers its version and advertises the new one; later waves keep theirs', () => {
    const fleet = waved('canary');
    const byName = new Map(fleet.clusters.map((c) => [c.name, c]));
    expect(byName.get('dev-docker')!.upgradedFrom).toEqual({ major: 1, minor: 34, patch: 2 });
    expect(byName.get('dev-docker')!.annotations['fleetwright.io/kubernetes-version']).toBe('1.35.0');
    expect(byName.get('dev-aws')!.upgradedFrom).toBeUndefined();
    expect(byName.get('dev-aws')!.kubernetesVersion).toEqual({ major: 1, minor: 34, patch: 2 });
  });

  it('GIVEN throughWave moved on one wave at a time WHEN synthesized THEN the Cluster API objects change in wave order, the canary first', () => {
    const capiChanged = (out: SynthOutput) => [
      ...new Set(changes(before, out).map((c) => /^. hub\/cluster-api\/([^/]+)\//.exec(c)?.[1]).filter((c): c is string => c !== undefined)),
    ];
    expect(capiChanged(through.canary)).toEqual(['dev-docker']);
    expect(capiChanged(through.early)).toEqual(['dev-aws', 'dev-docker']);
    // prod-pulumi and the existing clusters have no Cluster API objects.
    expect(capiChanged(through.general)).toEqual(['dev-aws', 'dev-docker', 'prod-eks']);
  });

  it('GIVEN an upgrade through the early wave WHEN synthesized THEN the capi-aws cluster runs the target and keeps its machine templates (CAPA looks the AMI up by the machine\'s version)', () => {
    expect(one(through.early, 'dev-aws', 'KubeadmControlPlane').spec.version).toBe('v1.35.0');
    expect(one(through.early, 'dev-aws', 'MachineDeployment').spec.template.spec.version).toBe('v1.35.0');
    expect(names(through.early, 'dev-aws', 'AWSMachineTemplate')).toEqual(names(before, 'dev-aws', 'AWSMachineTemplate'));
    expect(one(through.early, 'dev-docker', 'KubeadmControlPlane').spec.version).toBe('v1.35.0');
  });

  it('GIVEN an upgrade through the general wave WHEN synthesized THEN EKS clusters get the minor only (EKS picks the patch)', () => {
    expect(one(before, 'prod-eks', 'AWSManagedControlPlane').spec.version).toBe('v1.34');
    expect(one(through.general, 'prod-eks', 'AWSManagedControlPlane').spec.version).toBe('v1.35');
    expect(one(through.general, 'prod-eks', 'MachinePool').spec.template.spec.version).toBe('v1.35.0');
    const fleet = waved('general');
    expect(fleet.clusters.map((c) => [c.name, c.kubernetesVersion, c.upgradedFrom])).toEqual([
      ['dev-aws', { major: 1, minor: 35, patch: 0 }, { major: 1, minor: 34, patch: 2 }],
      ['dev-docker', { major: 1, minor: 35, patch: 0 }, { major: 1, minor: 34, patch: 2 }],
      ['prod-eks', { major: 1, minor: 35 }, { major: 1, minor: 34 }],
      // Registered only: upgraded by whoever runs it, so it keeps its declared version.
      ['prod-existing', { major: 1, minor: 34 }, undefined],
      ['prod-other', { major: 1, minor: 34 }, undefined],
      ['prod-pulumi', { major: 1, minor: 35 }, { major: 1, minor: 34 }],
    ]);
  });

  it('GIVEN the upgrade finished WHEN the environments take the target as their own version THEN the tree is the same and nothing is marked as upgraded', () => {
    const d = mutableDefinition();
    d.clusters[1].rolloutTier = 'canary';
    d.clusters[0].rolloutTier = 'early';
    d.rollout = { by: 'rollout-tier', waves: [{ name: 'canary', values: ['canary'] }, { name: 'early', values: ['early'] }, { name: 'general', values: ['general'] }] };
    d.clusters[0].kubernetesVersion = TARGET;
    d.clusters[1].kubernetesVersion = TARGET;
    d.environments.prod.kubernetesVersion = '1.35';
    // Registered-only clusters were not upgraded by the waves; they keep their own version.
    d.clusters[4].kubernetesVersion = '1.34';
    d.clusters[5].kubernetesVersion = '1.34';
    const fleet = resolveFleet(d);
    expect(fleet.clusters.filter((c) => c.upgradedFrom)).toEqual([]);
    expect(changes(through.general, synthesize(fleet))).toEqual([]);
  });
});

const validator = validatorTool();
const kubectl = kubectlTool();
announceSkip('validation of an upgraded fleet against ../shared/crds', validator);
announceSkip('kubectl kustomize builds of an upgraded fleet', kubectl);

describe('conformance of a fleet in the middle of an upgrade', () => {
  const { dir, cleanup } = tempDir('fleetwright-upgrade-');
  beforeAll(() => {
    for (const [file, content] of through.early.files) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
  });
  afterAll(cleanup);

  it.skipIf(!validator.available && !conformanceRequired)('GIVEN the tree upgraded through the early wave WHEN validated THEN there are 0 errors and 0 unknown fields', () => {
    const result = spawnSync(process.execPath, [VALIDATOR, '--crds', CRDS, dir], { encoding: 'utf8' });
    expect(result.stdout.split('\n').filter((l) => / (error|unknown-field): /.test(l))).toEqual([]);
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^validated \d+ objects: 0 errors, 0 unknown-field, \d+ unknown-kind$/);
  });

  it.skipIf(!kubectl.available && !conformanceRequired)('GIVEN the tree upgraded through the early wave WHEN the upgraded clusters\' folders are built THEN they build', async () => {
    const folders = [...through.early.files.keys()]
      .filter((f) => path.basename(f) === KUSTOMIZATION && /^(hub\/cluster-api\/(dev-aws|dev-docker)|clusters\/(dev-aws|dev-docker))\/kustomization\.yaml$/.test(f))
      .map((f) => path.join(dir, path.dirname(f)));
    expect(folders).toHaveLength(4);
    const results = await Promise.all(
      folders.map(
        (folder) =>
          new Promise<string>((resolve) => {
            const child = spawn('kubectl', ['kustomize', folder], { stdio: ['ignore', 'ignore', 'pipe'] });
            let stderr = '';
            child.stderr.on('data', (d) => (stderr += d));
            child.on('close', (code) => resolve(code === 0 ? '' : `${folder}: ${stderr.trim()}`));
          }),
      ),
    );
    expect(results.filter((r) => r !== '')).toEqual([]);
  });
});

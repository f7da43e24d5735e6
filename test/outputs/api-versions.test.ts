import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveFleet, type Fleet } from '../../model';
import { apiLifecycle, ApiVersionError, checkApiVersions, FolderTargets, KUBERNETES_APIS, servingIn, type ApiFinding } from '../../outputs/api-versions';
import { synthesize, synthesizeTo } from '../../outputs/synth';
import { renderFleet, type RenderedFleet } from '../../stacks/fleet';
import type { KubeObject, Unit, UnitTarget } from '../../stacks/rendered';
import { mutableDefinition } from '../helpers/definitions';
import { exampleFleet, exampleSynth } from '../helpers/example';
import { tempDir } from '../helpers/tmp';

/**
 * The test fleet on three versions: the dev clusters (kubeadm) on 1.28, the
 * prod clusters on 1.31, the hub on 1.34; argo-rollouts runs on prod-eks only.
 */
function versionedFleet(): Fleet {
  const d = mutableDefinition();
  d.clusters[0].kubernetesVersion = '1.28.15';
  d.clusters[1].kubernetesVersion = '1.28.15';
  d.environments.prod.kubernetesVersion = '1.31';
  d.clusters[2].addons = { 'argo-rollouts': true };
  return resolveFleet(d);
}

const fleet = versionedFleet();
const rendered = renderFleet(fleet);

function object(apiVersion: string, kind: string, name: string, namespace?: string): KubeObject {
  return { apiVersion, kind, metadata: { name, ...(namespace !== undefined ? { namespace } : {}) }, spec: {} };
}

function unit(dir: string, target: UnitTarget, objects: KubeObject[], includes: string[] = []): Unit {
  return { dir, target, objects, includes, files: [], kustomization: true };
}

/** The fleet's folders plus `extra`. */
function withUnits(...extra: Unit[]): RenderedFleet {
  return { units: [...rendered.units, ...extra].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0)) };
}

function check(...extra: Unit[]): ApiFinding[] {
  return checkApiVersions(fleet, withUnits(...extra).units);
}

const devAws = { scope: 'cluster', cluster: 'dev-aws', environment: 'dev' } as const;
const hub = { scope: 'hub', cluster: 'management' } as const;

/** A shared base included by the dev and prod overlays: it reaches clusters on 1.28 and 1.31. */
function sharedBase(...objects: KubeObject[]): Unit[] {
  return [
    unit('platform/legacy/base', { scope: 'shared' }, objects),
    unit('platform/legacy/overlays/dev', { scope: 'shared', environment: 'dev' }, [], ['platform/legacy/base']),
    unit('platform/legacy/overlays/prod', { scope: 'shared', environment: 'prod' }, [], ['platform/legacy/base']),
  ];
}

describe('the table of built-in Kubernetes APIs', () => {
  it.each<[string, string, number]>([
    ['extensions/v1beta1', 'Deployment', 16],
    ['extensions/v1beta1', 'DaemonSet', 16],
    ['extensions/v1beta1', 'ReplicaSet', 16],
    ['extensions/v1beta1', 'NetworkPolicy', 16],
    ['extensions/v1beta1', 'PodSecurityPolicy', 16],
    ['apps/v1beta1', 'Deployment', 16],
    ['apps/v1beta1', 'StatefulSet', 16],
    ['apps/v1beta2', 'DaemonSet', 16],
    ['apps/v1beta2', 'ReplicaSet', 16],
    ['extensions/v1beta1', 'Ingress', 22],
    ['networking.k8s.io/v1beta1', 'Ingress', 22],
    ['networking.k8s.io/v1beta1', 'IngressClass', 22],
    ['admissionregistration.k8s.io/v1beta1', 'MutatingWebhookConfiguration', 22],
    ['admissionregistration.k8s.io/v1beta1', 'ValidatingWebhookConfiguration', 22],
    ['apiextensions.k8s.io/v1beta1', 'CustomResourceDefinition', 22],
    ['apiregistration.k8s.io/v1beta1', 'APIService', 22],
    ['authentication.k8s.io/v1beta1', 'TokenReview', 22],
    ['authorization.k8s.io/v1beta1', 'SubjectAccessReview', 22],
    ['certificates.k8s.io/v1beta1', 'CertificateSigningRequest', 22],
    ['coordination.k8s.io/v1beta1', 'Lease', 22],
    ['rbac.authorization.k8s.io/v1beta1', 'ClusterRoleBinding', 22],
    ['scheduling.k8s.io/v1beta1', 'PriorityClass', 22],
    ['storage.k8s.io/v1beta1', 'CSIDriver', 22],
    ['storage.k8s.io/v1beta1', 'CSINode', 22],
    ['storage.k8s.io/v1beta1', 'StorageClass', 22],
    ['storage.k8s.io/v1beta1', 'VolumeAttachment', 22],
    ['batch/v1beta1', 'CronJob', 25],
    ['discovery.k8s.io/v1beta1', 'EndpointSlice', 25],
    ['events.k8s.io/v1beta1', 'Event', 25],
    ['autoscaling/v2beta1', 'HorizontalPodAutoscaler', 25],
    ['policy/v1beta1', 'PodDisruptionBudget', 25],
    ['policy/v1beta1', 'PodSecurityPolicy', 25],
    ['node.k8s.io/v1beta1', 'RuntimeClass', 25],
    ['flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema', 26],
    ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', 26],
    ['storage.k8s.io/v1beta1', 'CSIStorageCapacity', 27],
    ['flowcontrol.apiserver.k8s.io/v1beta2', 'PriorityLevelConfiguration', 29],
    ['flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', 32],
  ])('GIVEN %s %s (deprecation guide) WHEN looked up THEN Kubernetes 1.%i stopped serving it', (apiVersion, kind, removed) => {
    expect(apiLifecycle(apiVersion, kind)?.removed).toBe(removed);
  });

  it.each<[string, string, [number, string][]]>([
    ['flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', [[28, 'deprecated'], [29, 'removed']]],
    ['flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', [[28, 'served'], [29, 'deprecated'], [31, 'deprecated'], [32, 'removed'], [36, 'removed']]],
    ['flowcontrol.apiserver.k8s.io/v1', 'FlowSchema', [[28, 'not-yet'], [29, 'served']]],
    ['admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy', [[29, 'not-yet'], [30, 'served']]],
    ['v1', 'Endpoints', [[32, 'served'], [33, 'deprecated'], [36, 'deprecated']]],
    ['batch/v1beta1', 'CronJob', [[28, 'removed']]],
  ])('GIVEN %s %s WHEN a release is asked THEN it serves, deprecates or no longer serves it from the right release', (apiVersion, kind, expected) => {
    const api = apiLifecycle(apiVersion, kind)!;
    expect(expected.map(([minor]) => [minor, servingIn(api, minor)])).toEqual(expected);
  });

  it('GIVEN every entry WHEN read THEN deprecation comes before removal, and every supported release that deprecates or removes it serves a replacement, or a note says what to do', () => {
    for (const api of KUBERNETES_APIS) {
      const id = `${api.apiVersion} ${api.kind}`;
      if (api.deprecated !== undefined && api.removed !== undefined) expect(api.deprecated, id).toBeLessThan(api.removed);
      for (let minor = 28; minor <= 36; minor++) {
        if (servingIn(api, minor) === 'served') continue;
        const served = (api.replacements ?? []).some((r) => {
          const replacement = apiLifecycle(r.apiVersion, r.kind ?? api.kind);
          return !replacement || ['served', 'deprecated'].includes(servingIn(replacement, minor));
        });
        expect(served || api.note !== undefined, `${id} on 1.${minor}`).toBe(true);
      }
    }
  });

  it('GIVEN the API versions of kinds served by CRDs or still served WHEN looked up THEN none has a limited lifecycle', () => {
    expect(apiLifecycle('batch/v1', 'CronJob')).toBeUndefined();
    expect(apiLifecycle('apps/v1', 'Deployment')).toBeUndefined();
    expect(apiLifecycle('argoproj.io/v1alpha1', 'Application')).toBeUndefined();
    expect(apiLifecycle('v1', 'ConfigMap')).toBeUndefined();
  });
});

describe('which clusters each folder reaches', () => {
  const targets = new FolderTargets(fleet, withUnits(...sharedBase(), unit('platform/unreached', { scope: 'shared' }, [])).units);
  const names = (dir: string) => targets.of(dir).map((c) => `${c.name}@1.${c.version.minor}`);

  it('GIVEN the hub\'s folders and a cluster\'s WHEN resolved THEN they reach the hub, and the cluster', () => {
    expect(names('hub/registration')).toEqual(['management@1.34']);
    expect(names('hub/cluster-api/dev-aws')).toEqual(['management@1.34']);
    expect(names('clusters/dev-aws')).toEqual(['dev-aws@1.28']);
  });

  it('GIVEN a base included by its overlays WHEN resolved THEN it reaches every cluster of every overlay, and the hub only if an overlay is the hub\'s', () => {
    expect(names('platform/cluster-config/base')).toEqual(['dev-aws@1.28', 'dev-docker@1.28', 'prod-eks@1.31', 'prod-existing@1.31', 'prod-other@1.31', 'prod-pulumi@1.31']);
    expect(names('platform/legacy/base')).toEqual(names('platform/cluster-config/base'));
    expect(names('platform/legacy/overlays/prod')).toEqual(['prod-eks@1.31', 'prod-existing@1.31', 'prod-other@1.31', 'prod-pulumi@1.31']);
  });

  it('GIVEN an add-on running on one cluster of an environment WHEN its folders are resolved THEN they reach that cluster only', () => {
    expect(names('platform/argo-rollouts/base')).toEqual(['prod-eks@1.31']);
    expect(names('platform/argo-rollouts/overlays/prod')).toEqual(['prod-eks@1.31']);
  });

  it('GIVEN a shared folder that nothing includes and that names no environment WHEN resolved THEN it is taken to reach every cluster, the hub included', () => {
    expect(names('platform/unreached')).toEqual([
      'dev-aws@1.28', 'dev-docker@1.28', 'management@1.34', 'prod-eks@1.31', 'prod-existing@1.31', 'prod-other@1.31', 'prod-pulumi@1.31',
    ]);
  });
});

describe('objects checked against the API versions of their clusters', () => {
  it('GIVEN an object of an API its cluster no longer serves WHEN checked THEN it is an error naming the file, the object, the cluster and version, and the replacement', () => {
    expect(check(unit('clusters/dev-aws/legacy', devAws, [object('batch/v1beta1', 'CronJob', 'backup', 'ops')]))).toEqual([
      {
        severity: 'error',
        file: 'clusters/dev-aws/legacy/cronjob-backup.yaml',
        apiVersion: 'batch/v1beta1',
        kind: 'CronJob',
        namespace: 'ops',
        name: 'backup',
        clusters: [{ name: 'dev-aws', version: { major: 1, minor: 28, patch: 15 } }],
        message: 'clusters/dev-aws/legacy/cronjob-backup.yaml: CronJob ops/backup uses batch/v1beta1, which Kubernetes 1.25 stopped serving, but it is applied to dev-aws (Kubernetes 1.28); use batch/v1',
      },
    ]);
  });

  it('GIVEN an object of a deprecated API WHEN checked THEN it is a warning naming the replacement', () => {
    expect(check(unit('hub/legacy', hub, [object('v1', 'Endpoints', 'external-db', 'default')])).map((f) => [f.severity, f.message])).toEqual([
      ['warning', 'hub/legacy/endpoints-external-db.yaml: Endpoints default/external-db uses v1, deprecated since Kubernetes 1.33, on management (Kubernetes 1.34); use discovery.k8s.io/v1 EndpointSlice'],
    ]);
  });

  it('GIVEN objects of served APIs and of CRDs WHEN checked THEN there is nothing to report', () => {
    expect(
      check(
        unit('clusters/dev-aws/current', devAws, [
          object('batch/v1', 'CronJob', 'backup', 'ops'),
          object('apps/v1', 'Deployment', 'web', 'ops'),
          object('argoproj.io/v1alpha1', 'Rollout', 'web', 'ops'),
          object('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', 'fleet'),
        ]),
      ),
    ).toEqual([]);
  });

  it('GIVEN a shared folder reaching clusters of two versions WHEN checked THEN an object must be served by all of them, and each version is named', () => {
    expect(
      check(
        ...sharedBase(
          object('batch/v1beta1', 'CronJob', 'backup', 'ops'),
          object('flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', 'old'),
          object('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', 'fleet'),
          object('flowcontrol.apiserver.k8s.io/v1', 'PriorityLevelConfiguration', 'fleet'),
        ),
      ).map((f) => [f.severity, f.message]),
    ).toEqual([
      [
        'error',
        'platform/legacy/base/cronjob-backup.yaml: CronJob ops/backup uses batch/v1beta1, which Kubernetes 1.25 stopped serving, but it is applied to dev-aws and dev-docker (Kubernetes 1.28), prod-eks, prod-existing, prod-other and prod-pulumi (Kubernetes 1.31); use batch/v1',
      ],
      [
        'error',
        'platform/legacy/base/flowschema-old.yaml: FlowSchema old uses flowcontrol.apiserver.k8s.io/v1beta2, which Kubernetes 1.29 stopped serving, but it is applied to prod-eks, prod-existing, prod-other and prod-pulumi (Kubernetes 1.31); use flowcontrol.apiserver.k8s.io/v1beta3',
      ],
      [
        'warning',
        'platform/legacy/base/flowschema-fleet.yaml: FlowSchema fleet uses flowcontrol.apiserver.k8s.io/v1beta3, deprecated since Kubernetes 1.29 (not served from 1.32 on), on prod-eks, prod-existing, prod-other and prod-pulumi (Kubernetes 1.31); move to flowcontrol.apiserver.k8s.io/v1 once every cluster it reaches serves it',
      ],
      [
        'error',
        'platform/legacy/base/prioritylevelconfiguration-fleet.yaml: PriorityLevelConfiguration fleet uses flowcontrol.apiserver.k8s.io/v1, which Kubernetes serves from 1.29 on, but it is applied to dev-aws and dev-docker (Kubernetes 1.28); use flowcontrol.apiserver.k8s.io/v1beta3 until they run 1.29',
      ],
    ]);
  });

  it('GIVEN an object no API version of which every cluster it reaches serves WHEN checked THEN the error says so', () => {
    const d = mutableDefinition();
    d.clusters[0].kubernetesVersion = '1.28.15';
    d.clusters[1].kubernetesVersion = '1.28.15';
    d.environments.prod.kubernetesVersion = '1.32';
    const wide = resolveFleet(d);
    const findings = checkApiVersions(wide, [...renderFleet(wide).units, ...sharedBase(object('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', 'fleet'))]);
    expect(findings.map((f) => f.message)).toEqual([
      'platform/legacy/base/flowschema-fleet.yaml: FlowSchema fleet uses flowcontrol.apiserver.k8s.io/v1beta3, which Kubernetes 1.32 stopped serving, but it is applied to prod-eks, prod-existing, prod-other and prod-pulumi (Kubernetes 1.32); no API version of FlowSchema is served by every cluster it reaches: bring their Kubernetes versions closer, then use flowcontrol.apiserver.k8s.io/v1',
    ]);
  });

  it("GIVEN objects for Karmada's API server WHEN checked THEN they are checked against the hub's version", () => {
    const karmada = { scope: 'karmada', cluster: 'management' } as const;
    expect(check(unit('hub/karmada/legacy', karmada, [object('extensions/v1beta1', 'Deployment', 'web', 'shop')])).map((f) => f.message)).toEqual([
      'hub/karmada/legacy/deployment-web.yaml: Deployment shop/web uses extensions/v1beta1, which Kubernetes 1.16 stopped serving, but it is applied to management (Kubernetes 1.34); use apps/v1',
    ]);
  });

  it('GIVEN an API without a successor WHEN checked THEN the error says what to do instead', () => {
    expect(check(unit('clusters/dev-aws/legacy', devAws, [object('policy/v1beta1', 'PodSecurityPolicy', 'restricted')])).map((f) => f.message)).toEqual([
      'clusters/dev-aws/legacy/podsecuritypolicy-restricted.yaml: PodSecurityPolicy restricted uses policy/v1beta1, which Kubernetes 1.25 stopped serving, but it is applied to dev-aws (Kubernetes 1.28); PodSecurityPolicy has no successor API: enforce Pod Security Standards with the pod-security.kubernetes.io labels of namespaces (Pod Security Admission)',
    ]);
  });

  it('GIVEN two objects of one kind and name in two namespaces WHEN reported THEN each names the file the tree writes it to', () => {
    const legacy = unit('clusters/dev-aws/legacy', devAws, [object('batch/v1beta1', 'CronJob', 'backup', 'ops'), object('batch/v1beta1', 'CronJob', 'backup', 'web')]);
    const files = check(legacy).map((f) => f.file);
    expect(files).toEqual(['clusters/dev-aws/legacy/cronjob-ops-backup.yaml', 'clusters/dev-aws/legacy/cronjob-web-backup.yaml']);
    // The same folder with served APIs, written by the tree as synth writes it.
    const served = unit('clusters/dev-aws/legacy', devAws, [object('batch/v1', 'CronJob', 'backup', 'ops'), object('batch/v1', 'CronJob', 'backup', 'web')]);
    const tree = synthesize(fleet, withUnits(served)).files;
    expect(files.filter((f) => !tree.has(f))).toEqual([]);
  });
});

describe('synthesis refuses APIs its clusters do not serve', () => {
  const { dir, cleanup } = tempDir('fleetwright-api-');
  afterAll(cleanup);

  it('GIVEN the example fleet WHEN synthesized THEN no object uses a removed or deprecated API', () => {
    expect(checkApiVersions(exampleFleet, exampleSynth().rendered.units)).toEqual([]);
    expect(exampleSynth().warnings).toEqual([]);
  });

  it('GIVEN an object of a removed API WHEN synthesized into a folder THEN synthesis fails with one line per object and nothing is written', () => {
    const out = path.join(dir, 'never');
    const crafted = withUnits(unit('clusters/dev-aws/legacy', devAws, [object('batch/v1beta1', 'CronJob', 'backup', 'ops'), object('policy/v1beta1', 'PodDisruptionBudget', 'web', 'ops')]));
    let error: unknown;
    try {
      synthesizeTo(fleet, out, crafted);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiVersionError);
    expect((error as Error).message).toBe(
      'the synthesized tree uses Kubernetes APIs that its clusters do not serve, so nothing was written:\n' +
        '  ✖ clusters/dev-aws/legacy/cronjob-backup.yaml: CronJob ops/backup uses batch/v1beta1, which Kubernetes 1.25 stopped serving, but it is applied to dev-aws (Kubernetes 1.28); use batch/v1\n' +
        '  ✖ clusters/dev-aws/legacy/poddisruptionbudget-web.yaml: PodDisruptionBudget ops/web uses policy/v1beta1, which Kubernetes 1.25 stopped serving, but it is applied to dev-aws (Kubernetes 1.28); use policy/v1\n' +
        'move the objects to the APIs named, or keep those clusters on a version that serves them',
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it('GIVEN an object of a deprecated API WHEN synthesized THEN it is written and the warning is returned', () => {
    const out = path.join(dir, 'written');
    const result = synthesizeTo(fleet, out, withUnits(unit('hub/legacy', hub, [object('v1', 'Endpoints', 'external-db', 'default')])));
    expect(result.warnings).toEqual([
      'hub/legacy/endpoints-external-db.yaml: Endpoints default/external-db uses v1, deprecated since Kubernetes 1.33, on management (Kubernetes 1.34); use discovery.k8s.io/v1 EndpointSlice',
    ]);
    expect(fs.existsSync(path.join(out, 'hub/legacy/endpoints-external-db.yaml'))).toBe(true);
  });

  it('GIVEN an upgrade that moves clusters to a release that no longer serves an API WHEN synthesized THEN the upgraded clusters are named with their new version', () => {
    const d = mutableDefinition();
    d.clusters[0].kubernetesVersion = '1.31.4';
    d.clusters[1].kubernetesVersion = '1.31.4';
    d.rollout = { upgrade: { kubernetesVersion: '1.32.0', throughWave: 'dev' } };
    d.environments.prod.kubernetesVersion = '1.31';
    const upgraded = resolveFleet(d);
    const findings = checkApiVersions(upgraded, [...renderFleet(upgraded).units, ...sharedBase(object('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', 'fleet'))]);
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      [
        'error',
        'platform/legacy/base/flowschema-fleet.yaml: FlowSchema fleet uses flowcontrol.apiserver.k8s.io/v1beta3, which Kubernetes 1.32 stopped serving, but it is applied to dev-aws and dev-docker (Kubernetes 1.32); use flowcontrol.apiserver.k8s.io/v1',
      ],
    ]);
  });
});

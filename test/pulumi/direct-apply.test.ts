/**
 * The example's dev stack delivers dev-us-east-1 (capi-aws) itself: it applies
 * the cluster's Cluster API objects to the hub, reads the kubeconfig Cluster
 * API writes, and applies through it what Argo CD would otherwise sync. Every
 * object and chart is compared with the synthesized tree, read through the
 * rendered ApplicationSets (and `kubectl kustomize` where available), the
 * Cluster API `Cluster` without the Pulumi-only await annotations the stack
 * adds (`CONTROL_PLANE_AWAIT_ANNOTATIONS`, outputs/pulumi/cluster-api.ts).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { Layout } from '../../model';
import { CONTROL_PLANE_AWAIT_ANNOTATIONS } from '../../outputs/pulumi/cluster-api';
import { folderObjects } from '../../stacks/delivery';
import type { KubeObject } from '../../stacks/rendered';
import { argoChartNamespaces } from '../helpers/argo-namespaces';
import { argoView } from '../helpers/argocd-view';
import { announceSkip, conformanceRequired, kubectlTool } from '../helpers/conformance';
import { exampleFleet, exampleSynth } from '../helpers/example';
import type { RecordedResource } from '../helpers/pulumi';
import { capiKubeconfig, runStack, stackFileConfig, type StackRun } from '../helpers/pulumi-stacks';
import { tempDir } from '../helpers/tmp';

const CLUSTER = 'dev-us-east-1';
const cluster = exampleFleet.clusters.find((c) => c.name === CLUSTER)!;
const units = exampleSynth().rendered.units;

const key = (o: { apiVersion: string; kind: string; metadata: { namespace?: string; name: string } }) =>
  `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const byKey = (objects: readonly KubeObject[]) => Object.fromEntries(objects.map((o) => [key(o), o]).sort(([a], [b]) => (a! < b! ? -1 : 1)));

let run: StackRun;
let spokeProvider: RecordedResource;
let hubProvider: RecordedResource;
/** Kubernetes objects (not releases) applied to dev-us-east-1. */
let applied: RecordedResource[];
let releases: RecordedResource[];
let capiObjects: RecordedResource[];

const providerRef = (r: RecordedResource) => `${r.urn}::${r.name}-id`;

/**
 * An object the stack applies to the hub as synth renders it: without the
 * annotations of `CONTROL_PLANE_AWAIT_ANNOTATIONS` (exactly those keys with
 * exactly those values), the only thing a stack adds. Anything else stays, so
 * the comparison still sees every other difference.
 */
function asRendered(r: RecordedResource): KubeObject {
  const object = r.inputs as KubeObject;
  const annotations = Object.entries(object.metadata.annotations ?? {}).filter(([k, v]) => CONTROL_PLANE_AWAIT_ANNOTATIONS[k] !== v);
  const metadata = Object.fromEntries(Object.entries(object.metadata).filter(([k]) => k !== 'annotations')) as KubeObject['metadata'];
  return { ...object, metadata: annotations.length === 0 ? metadata : { ...metadata, annotations: Object.fromEntries(annotations) } };
}

/** Whether the stack added an annotation of `CONTROL_PLANE_AWAIT_ANNOTATIONS` to the object. */
const awaited = (r: RecordedResource) => Object.keys(CONTROL_PLANE_AWAIT_ANNOTATIONS).some((k) => k in (r.inputs.metadata.annotations ?? {}));

beforeAll(async () => {
  run = await runStack('dev', stackFileConfig('dev'));
  expect(run.error).toBeUndefined();
  const providers = run.recorder.ofType('pulumi:providers:kubernetes');
  spokeProvider = providers.find((p) => p.name === CLUSTER)!;
  hubProvider = providers.find((p) => p.name === 'hub')!;
  const onSpoke = run.recorder.resources.filter((r) => r.provider === providerRef(spokeProvider));
  applied = onSpoke.filter((r) => r.type !== 'kubernetes:helm.sh/v3:Release');
  releases = onSpoke.filter((r) => r.type === 'kubernetes:helm.sh/v3:Release');
  capiObjects = run.recorder.resources.filter((r) => r.provider === providerRef(hubProvider));
});

describe('GIVEN the dev stack (environments.dev.delivery "pulumi") WHEN it runs', () => {
  it('THEN the objects applied to dev-us-east-1 are exactly those Argo CD would sync to it, and the labelled namespaces it would create for the charts: kinds, names, namespaces and content', () => {
    const view = argoView(exampleFleet, units, cluster);
    expect(view.folders.map((f) => f.folder).sort()).toEqual([
      'clusters/dev-us-east-1',
      'clusters/dev-us-east-1/addons/cilium',
      'clusters/dev-us-east-1/addons/external-secrets',
      'clusters/dev-us-east-1/addons/velero',
      'platform/cert-manager/overlays/dev',
    ]);
    const expected = [...view.folders.flatMap((f) => folderObjects(units, f.folder)), ...argoChartNamespaces(units, view)];
    expect(byKey(applied.map((r) => r.inputs as KubeObject))).toEqual(byKey(expected));
    expect(applied).toHaveLength(expected.length);
  });

  it('THEN the charts are the ApplicationSets\' charts, versions, release names, namespaces and merged values', () => {
    const expected = argoView(exampleFleet, units, cluster).charts.map((c) => ({
      name: c.releaseName,
      chart: c.chart,
      version: c.targetRevision,
      repo: c.repoURL,
      namespace: c.namespace,
      values: c.values,
    }));
    const actual = releases.map((r) => ({
      name: r.inputs.name,
      chart: r.inputs.chart,
      version: r.inputs.version,
      repo: r.inputs.repositoryOpts.repo,
      namespace: r.inputs.namespace,
      values: r.inputs.values,
    }));
    const byName = (list: { name: string }[]) => [...list].sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(byName(actual)).toEqual(byName(expected));
    expect(actual.map((r) => r.name).sort()).toEqual(['cert-manager', 'cilium', 'external-secrets', 'ingress-nginx', 'kube-prometheus-stack', 'velero']);
    // The namespace exists before the release: the stack's labelled Namespace, or kube-system.
    for (const r of releases) expect(r.inputs).toMatchObject({ createNamespace: false, allowNullValues: true });
  });

  it('THEN the objects applied to the hub are exactly hub/cluster-api/dev-us-east-1, which the hub\'s kustomization leaves out', () => {
    const folder = Layout.hubClusterApiCluster(CLUSTER);
    expect(byKey(capiObjects.map(asRendered))).toEqual(byKey(folderObjects(units, folder)));
    // What asRendered leaves out is on the Cluster only, with its exact values.
    expect(capiObjects.filter(awaited).map((r) => `${r.type} ${r.name}`)).toEqual([
      'kubernetes:cluster.x-k8s.io/v1beta2:Cluster dev-us-east-1/hub/clusters/dev-us-east-1',
    ]);
    expect(run.recorder.one('kubernetes:cluster.x-k8s.io/v1beta2:Cluster').inputs.metadata.annotations).toEqual({
      'pulumi.com/waitFor': 'condition=ControlPlaneInitialized',
      'pulumi.com/timeoutSeconds': '1800',
    });
    expect(units.find((u) => u.dir === Layout.hubClusterApi)!.includes).not.toContain(folder);
    expect(capiObjects.map((r) => r.name).sort()).toEqual([
      'dev-us-east-1/hub/clusters/dev-us-east-1',
      'dev-us-east-1/hub/clusters/dev-us-east-1',
      'dev-us-east-1/hub/clusters/dev-us-east-1-control-plane',
      'dev-us-east-1/hub/clusters/dev-us-east-1-control-plane-9806f07f',
      'dev-us-east-1/hub/clusters/dev-us-east-1-general',
      'dev-us-east-1/hub/clusters/dev-us-east-1-general-8789cb69',
      'dev-us-east-1/hub/clusters/dev-us-east-1-general-94e4c9dc',
    ]);
  });

  it('THEN the kubeconfig Cluster API writes is read from the hub after the cluster\'s objects, and feeds the cluster\'s provider as a secret', () => {
    const read = run.recorder.reads.find((r) => r.type === 'kubernetes:core/v1:Secret')!;
    expect(read).toMatchObject({ name: 'dev-us-east-1-kubeconfig', id: 'clusters/dev-us-east-1-kubeconfig', provider: providerRef(hubProvider) });
    expect(read.dependencies).toEqual(capiObjects.map((r) => r.urn).sort());
    expect(spokeProvider.inputs).toMatchObject({ kubeconfig: capiKubeconfig(CLUSTER), clusterIdentifier: CLUSTER });
    expect(spokeProvider.secretInputs).toContain('kubeconfig');
  });

  it('THEN the hub is reached through the management stack\'s kubeconfig output, kept secret', () => {
    expect(run.recorder.reads.find((r) => r.type === 'pulumi:pulumi:StackReference')).toMatchObject({ name: 'hub', id: 'acme/fleetwright/management' });
    expect(hubProvider.inputs.clusterIdentifier).toBe('management');
    expect(hubProvider.secretInputs).toContain('kubeconfig');
  });

  it('THEN each step waits for what it needs: charts for their CRDs, the namespace before its objects', () => {
    const urnOf = (type: string, name: string) => run.recorder.one(type, name).urn;
    const release = (name: string) => urnOf('kubernetes:helm.sh/v3:Release', `${CLUSTER}/${name}`);
    const object = (type: string, name: string) => run.recorder.one(type, `${CLUSTER}/${name}`);
    expect(object('kubernetes:cert-manager.io/v1:ClusterIssuer', 'letsencrypt').dependencies).toEqual([release('cert-manager')]);
    expect(object('kubernetes:velero.io/v1:Schedule', 'velero/daily').dependencies).toEqual([release('external-secrets'), release('velero')].sort());
    expect(object('kubernetes:external-secrets.io/v1:ClusterSecretStore', 'fleet-secrets').dependencies).toEqual([release('external-secrets')]);
    expect(run.recorder.one('kubernetes:helm.sh/v3:Release', `${CLUSTER}/external-secrets`).dependencies).toEqual(
      [release('kube-prometheus-stack'), object('kubernetes:core/v1:Namespace', 'external-secrets').urn].sort(),
    );
    expect(run.recorder.one('kubernetes:helm.sh/v3:Release', `${CLUSTER}/cert-manager`).dependencies).toEqual([object('kubernetes:core/v1:Namespace', 'cert-manager').urn]);
    expect(run.recorder.one('kubernetes:helm.sh/v3:Release', `${CLUSTER}/cilium`).dependencies).toEqual([]);
    const namespace = object('kubernetes:core/v1:Namespace', 'fleet-system');
    expect(object('kubernetes:core/v1:ConfigMap', 'fleet-system/fleet-cluster').dependencies).toEqual([namespace.urn]);
  });

  it('THEN nothing is protected or retained: dev is not a production cluster, nor protected', () => {
    expect([...applied, ...capiObjects].filter((r) => r.protect || r.retainOnDelete)).toEqual([]);
  });
});

const kubectl = kubectlTool();
announceSkip('kubectl kustomize of the folders the dev stack applies', kubectl);

describe.skipIf(!kubectl.available && !conformanceRequired)('GIVEN the example tree written to disk WHEN kubectl kustomize builds the folders of dev-us-east-1', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const build = (folder: string): KubeObject[] => {
    const result = spawnSync('kubectl', ['kustomize', path.join(dir, folder)], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    return parseAllDocuments(result.stdout).map((d) => d.toJSON() as KubeObject).filter((o) => o !== null);
  };

  beforeAll(() => {
    for (const [file, content] of exampleSynth().files) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
  });

  it('THEN they build exactly the objects the stack applies to the cluster and to the hub', () => {
    const view = argoView(exampleFleet, units, cluster);
    const folders = view.folders.map((f) => f.folder);
    expect(byKey(applied.map((r) => r.inputs as KubeObject))).toEqual(byKey([...folders.flatMap(build), ...argoChartNamespaces(units, view)]));
    expect(byKey(capiObjects.map(asRendered))).toEqual(byKey(build(Layout.hubClusterApiCluster(CLUSTER))));
  });
});

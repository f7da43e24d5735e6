import { describe, expect, it } from 'vitest';
import { planChanges } from '../../outputs/plan';
import type { ClusterTable } from '../../outputs/plan/clusters';
import { example, planBetween, sideOfFiles, smallTable } from '../helpers/plan';

/** A plan from these files to those, on the small table (hub `hub`, spokes `a` in prod and `b` in dev). */
function plan(before: Record<string, string>, after: Record<string, string>, tables: { base?: ClusterTable; head?: ClusterTable } = {}) {
  return planChanges(sideOfFiles(before, tables.base ?? smallTable(), 'base'), sideOfFiles(after, tables.head ?? smallTable(), 'head'));
}

const object = (apiVersion: string, kind: string, name: string, namespace?: string, rest = '') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}${rest}`;

describe('plan: destructive changes are flagged', () => {
  it('GIVEN a Namespace, a PVC and a StatefulSet with volume claim templates removed WHEN planned THEN each is flagged with its cluster and file', () => {
    const files = {
      'clusters/a/namespace-data.yaml': object('v1', 'Namespace', 'data'),
      'clusters/a/persistentvolumeclaim-db.yaml': object('v1', 'PersistentVolumeClaim', 'db', 'data', 'spec:\n  resources:\n    requests:\n      storage: 1Gi\n'),
      'hub/statefulset-store.yaml': object('apps/v1', 'StatefulSet', 'store', 'monitoring', 'spec:\n  volumeClaimTemplates:\n    - metadata:\n        name: data\n'),
      'clusters/b/statefulset-cache.yaml': object('apps/v1', 'StatefulSet', 'cache', 'c', 'spec:\n  replicas: 1\n'),
    };
    expect(plan(files, {}).destructive).toEqual([
      { kind: 'volume-removed', cluster: 'hub', file: 'hub/statefulset-store.yaml', message: 'StatefulSet monitoring/store removed, with volume claim templates (its volumes are orphaned)' },
      { kind: 'namespace-removed', cluster: 'a', file: 'clusters/a/namespace-data.yaml', message: 'Namespace data removed (its objects are deleted with it)' },
      { kind: 'volume-removed', cluster: 'a', file: 'clusters/a/persistentvolumeclaim-db.yaml', message: 'PersistentVolumeClaim data/db removed (its volume may be deleted)' },
    ]);
  });

  it('GIVEN a Velero location and schedule removed WHEN planned THEN both are flagged', () => {
    const files = {
      'clusters/a/addons/velero/backupstoragelocation-dr.yaml': object('velero.io/v1', 'BackupStorageLocation', 'dr', 'velero'),
      'clusters/a/addons/velero/schedule-daily.yaml': object('velero.io/v1', 'Schedule', 'daily', 'velero'),
    };
    expect(plan(files, {}).destructive).toEqual([
      { kind: 'backup-removed', cluster: 'a', file: 'clusters/a/addons/velero/backupstoragelocation-dr.yaml', message: 'BackupStorageLocation velero/dr removed (backups stop going there)' },
      { kind: 'backup-removed', cluster: 'a', file: 'clusters/a/addons/velero/schedule-daily.yaml', message: 'Schedule velero/daily removed (backups stop)' },
    ]);
  });

  it('GIVEN pruning switched off on an Application, an ApplicationSet\'s template and a Flux Kustomization WHEN planned THEN each is flagged', () => {
    const app = (prune: boolean, enabled = true) =>
      object('argoproj.io/v1alpha1', 'Application', 'root', 'argocd', `spec:\n  syncPolicy:\n    automated:\n      enabled: ${enabled}\n      prune: ${prune}\n`);
    const set = (prune?: boolean) =>
      object('argoproj.io/v1alpha1', 'ApplicationSet', 'addon-x', 'argocd', `spec:\n  generators: []\n  template:\n    spec:\n      syncPolicy:\n        automated:\n${prune === undefined ? '          selfHeal: true\n' : `          prune: ${prune}\n`}`);
    const flux = (prune: boolean) => object('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'config-a', 'clusters', `spec:\n  prune: ${prune}\n`);
    const p = plan(
      { 'hub/argocd/application-root.yaml': app(true), 'hub/addons/applicationset-addon-x.yaml': set(true), 'hub/flux/clusters/a/kustomization-config-a.yaml': flux(true) },
      // Argo CD 3 skips automated sync, pruning included, when automated.enabled is false.
      { 'hub/argocd/application-root.yaml': app(true, false), 'hub/addons/applicationset-addon-x.yaml': set(), 'hub/flux/clusters/a/kustomization-config-a.yaml': flux(false) },
    );
    expect(p.destructive).toEqual([
      {
        kind: 'prune-disabled',
        cluster: 'hub',
        file: 'hub/addons/applicationset-addon-x.yaml',
        message: 'ApplicationSet argocd/addon-x: automatic pruning switched off (spec.template.spec.syncPolicy.automated.prune true → spec.template.spec.syncPolicy.automated.prune (absent)); objects removed from Git stay in the cluster',
      },
      {
        kind: 'prune-disabled',
        cluster: 'hub',
        file: 'hub/argocd/application-root.yaml',
        message: 'Application argocd/root: automatic pruning switched off (spec.syncPolicy.automated.prune true → spec.syncPolicy.automated.enabled false); objects removed from Git stay in the cluster',
      },
      {
        kind: 'prune-disabled',
        cluster: 'a',
        file: 'hub/flux/clusters/a/kustomization-config-a.yaml',
        message: 'Kustomization clusters/config-a: automatic pruning switched off (spec.prune true → spec.prune false); objects removed from Git stay in the cluster',
      },
    ]);
    // Switching pruning on is not destructive.
    expect(plan({ 'hub/argocd/application-root.yaml': app(false) }, { 'hub/argocd/application-root.yaml': app(true) }).destructive).toEqual([]);
  });

  it('GIVEN a cluster\'s pod range changed in the definition WHEN planned THEN the model\'s change is flagged once for the cluster', () => {
    const head = example();
    head.clusters.find((c: any) => c.name === 'dev-us-east-1').network.podCidr = '10.111.0.0/16';
    const p = planBetween(example(), head);
    expect(p.destructive).toEqual([
      { kind: 'cidr-changed', cluster: 'dev-us-east-1', message: 'cluster dev-us-east-1: pod CIDR 10.101.0.0/16 → 10.111.0.0/16 (a network range cannot change in place: the cluster must be rebuilt)' },
    ]);
    expect(p.changes.map((c) => c.file)).toEqual(['clusters/dev-us-east-1/addons/cilium/values.yaml', 'hub/cluster-api/dev-us-east-1/cluster-dev-us-east-1.yaml']);
  });

  it('GIVEN a CIDR changed in an object and no model on the base side WHEN planned THEN the object is flagged', () => {
    const cluster = (cidr: string) => object('cluster.x-k8s.io/v1beta2', 'Cluster', 'a', 'clusters', `spec:\n  clusterNetwork:\n    services:\n      cidrBlocks:\n        - ${cidr}\n`);
    expect(plan({ 'hub/cluster-api/a/cluster-a.yaml': cluster('172.20.0.0/20') }, { 'hub/cluster-api/a/cluster-a.yaml': cluster('172.21.0.0/20') }).destructive).toEqual([
      {
        kind: 'cidr-changed',
        cluster: 'a',
        file: 'hub/cluster-api/a/cluster-a.yaml',
        message: 'Cluster clusters/a: spec.clusterNetwork.services.cidrBlocks[-], spec.clusterNetwork.services.cidrBlocks[+] changed (a network range cannot change in place)',
      },
    ]);
  });

  it('GIVEN a non-production cluster removed WHEN planned THEN the removal is flagged but not refused', () => {
    const head = smallTable();
    (head.clusters as Map<string, unknown>).delete('b');
    const p = planChanges(
      { ...sideOfFiles({ 'clusters/b/configmap-fleet-cluster.yaml': object('v1', 'ConfigMap', 'fleet-cluster', 'fleet-system') }, smallTable(), 'base'), previous: [{ name: 'b', environment: 'dev', protected: false, tier: 'non-production' }] },
      sideOfFiles({}, head, 'head'),
    );
    expect(p.destructive).toEqual([
      { kind: 'cluster-removed', cluster: 'b', message: 'cluster b (environment dev) removed: its registration, Cluster API objects and folders leave the tree' },
    ]);
    expect(p.refused).toEqual([]);
  });
});

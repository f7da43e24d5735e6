import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ClusterResourceSet } from '../../../constructs/cluster-api';
import { only, testChart } from '../../helpers/synth';

const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [] };
const binding = { kind: 'ClusterRoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: { name: 'r' } };

describe('ClusterResourceSet', () => {
  it('GIVEN objects WHEN synthesized THEN the ConfigMap holds them as one manifest (keys sorted) and the set selects the Cluster by its labels', () => {
    const { chart, objects } = testChart();
    new ClusterResourceSet(chart, 'crs', { name: 'prod-access', namespace: 'clusters', clusterLabels: { 'fleetwright.io/cluster': 'prod' }, objects: [role, binding] });
    const manifest = only(objects(), 'ConfigMap').data['resources.yaml'];
    expect(manifest.startsWith('{\n  "apiVersion": "rbac.authorization.k8s.io/v1",\n  "kind": "ClusterRole",')).toBe(true);
    expect(parseAllDocuments(manifest).map((d) => d.toJS())).toEqual([role, binding]);
    expect(only(objects(), 'ClusterResourceSet').spec).toEqual({
      clusterSelector: { matchLabels: { 'fleetwright.io/cluster': 'prod' } },
      resources: [{ kind: 'ConfigMap', name: 'prod-access' }],
      strategy: 'Reconcile',
    });
  });

  it('GIVEN no labels and no objects WHEN constructed THEN both are reported', () => {
    const { chart } = testChart();
    expect(() => new ClusterResourceSet(chart, 'crs', { name: 'prod-access', namespace: 'clusters', clusterLabels: {}, objects: [] })).toThrow(
      [
        'ClusterResourceSet "prod-access": clusterLabels {} is empty, and an empty selector matches no cluster; give a label of the Cluster objects it is for',
        'ClusterResourceSet "prod-access": objects [] is empty; give the objects to apply',
      ].join('\n'),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { isKubeletSettableLabel, isMachineSyncedLabel, splitNodeLabels } from '../../../constructs/cluster-api';

describe('node label rules', () => {
  it.each([
    ['example.com/team', true],
    ['team', true],
    ['node.kubernetes.io/pool', true],
    ['topology.kubernetes.io/zone', true],
    ['kubelet.kubernetes.io/anything', true],
    ['node-role.kubernetes.io/worker', false],
    ['kubernetes.io/role', false],
    ['foo.k8s.io/bar', false],
  ])('GIVEN label key %s WHEN checked for the kubelet THEN settable is %s', (key, settable) => {
    expect(isKubeletSettableLabel(key)).toBe(settable);
  });

  it.each([
    ['node-role.kubernetes.io/worker', true],
    ['node-restriction.kubernetes.io/pool', true],
    ['team.node-restriction.kubernetes.io/pool', true],
    ['node.cluster.x-k8s.io/pool', true],
    ['example.com/team', false],
    ['node.kubernetes.io/pool', false],
  ])('GIVEN label key %s WHEN checked for Cluster API THEN synced to the Node is %s', (key, synced) => {
    expect(isMachineSyncedLabel(key)).toBe(synced);
  });

  it('GIVEN mixed pool labels WHEN split THEN node-role labels go to the Machine and the rest to the kubelet', () => {
    expect(splitNodeLabels({ 'node-role.kubernetes.io/gpu': '', 'example.com/gpu': 'true' })).toEqual({
      machine: { 'node-role.kubernetes.io/gpu': '' },
      kubelet: { 'example.com/gpu': 'true' },
    });
  });
});

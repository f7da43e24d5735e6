import { describe, expect, it } from 'vitest';
import { MachinePool } from '../../../constructs/cluster-api';
import { ConstructPropsError } from '../../../constructs/errors';
import { only, testChart } from '../../helpers/synth';

const cluster = { apiGroup: 'cluster.x-k8s.io', kind: 'Cluster', name: 'prod-eks' };
const infrastructure = { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'AWSManagedMachinePool', name: 'prod-eks-workers' };
const base = { name: 'prod-eks-workers', namespace: 'capi', cluster, version: 'v1.31.0', infrastructure };

describe('MachinePool', () => {
  it('GIVEN no bootstrap config WHEN synthesized THEN renders an empty dataSecretName for a provider-bootstrapped pool', () => {
    const { chart, objects } = testChart();
    new MachinePool(chart, 'MP', { ...base, replicas: 3 });
    const mp = only(objects(), 'MachinePool');
    expect(mp.apiVersion).toBe('cluster.x-k8s.io/v1beta2');
    expect(mp.spec).toEqual({
      clusterName: 'prod-eks',
      replicas: 3,
      template: { spec: { clusterName: 'prod-eks', version: 'v1.31.0', bootstrap: { dataSecretName: '' }, infrastructureRef: infrastructure } },
    });
  });

  it('GIVEN a bootstrap config WHEN synthesized THEN references it instead of a data secret', () => {
    const { chart, objects } = testChart();
    const bootstrapConfig = { apiGroup: 'bootstrap.cluster.x-k8s.io', kind: 'KubeadmConfig', name: 'prod-eks-workers' };
    new MachinePool(chart, 'MP', { ...base, bootstrapConfig });
    expect(only(objects(), 'MachinePool').spec.template.spec.bootstrap).toEqual({ configRef: bootstrapConfig });
  });

  it('GIVEN autoscaling WHEN synthesized THEN sets the autoscaler annotations and omits replicas', () => {
    const { chart, objects } = testChart();
    new MachinePool(chart, 'MP', { ...base, replicas: 2, autoscaling: { minReplicas: 1, maxReplicas: 6 } });
    const mp = only(objects(), 'MachinePool');
    expect(mp.metadata.annotations).toEqual({
      'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size': '1',
      'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size': '6',
    });
    expect(mp.spec.replicas).toBeUndefined();
  });

  it('GIVEN an EKS-style minor version and negative replicas WHEN constructed THEN reports both', () => {
    const { chart } = testChart();
    expect(() => new MachinePool(chart, 'MP', { ...base, version: 'v1.31', replicas: -1 })).toThrow(
      new ConstructPropsError([
        `MachinePool "prod-eks-workers": version "v1.31" is not a full Kubernetes release, which Cluster API's MachinePool webhook requires; write it like "v1.31.0" (EKS ignores the patch)`,
        'MachinePool "prod-eks-workers": replicas -1 is not a whole number of at least 0; use 0 or more',
      ]),
    );
  });
});

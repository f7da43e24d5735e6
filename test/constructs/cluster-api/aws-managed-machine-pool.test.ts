import { describe, expect, it } from 'vitest';
import { AWSManagedMachinePool } from '../../../constructs/cluster-api';
import { ConstructPropsError } from '../../../constructs/errors';
import { only, testChart } from '../../helpers/synth';

const base = { name: 'prod-eks-workers', namespace: 'capi', instanceType: 'm6i.xlarge', scaling: { minReplicas: 2, maxReplicas: 6 } };

describe('AWSManagedMachinePool', () => {
  it('GIVEN an x86 instance type WHEN synthesized THEN renders an on-demand AL2023 x86 node group named after the object', () => {
    const { chart, objects } = testChart();
    new AWSManagedMachinePool(chart, 'AMMP', base);
    const ammp = only(objects(), 'AWSManagedMachinePool');
    expect(ammp.apiVersion).toBe('infrastructure.cluster.x-k8s.io/v1beta2');
    expect(ammp.spec).toEqual({
      eksNodegroupName: 'prod-eks-workers',
      instanceType: 'm6i.xlarge',
      amiType: 'AL2023_x86_64_STANDARD',
      capacityType: 'onDemand',
      diskSize: 80,
      scaling: { minSize: 2, maxSize: 6 },
    });
  });

  it.each([['m7g.large'], ['c7gn.2xlarge'], ['t4g.medium'], ['a1.large']])('GIVEN Graviton type %s WHEN synthesized THEN defaults to the AL2023 ARM AMI', (instanceType) => {
    const { chart, objects } = testChart();
    new AWSManagedMachinePool(chart, 'AMMP', { ...base, instanceType });
    expect(only(objects(), 'AWSManagedMachinePool').spec.amiType).toBe('AL2023_ARM_64_STANDARD');
  });

  it('GIVEN labels and taints WHEN synthesized THEN renders EKS labels and taints with EKS effect names', () => {
    const { chart, objects } = testChart();
    new AWSManagedMachinePool(chart, 'AMMP', {
      ...base,
      nodeLabels: { 'example.com/gpu': 'true' },
      nodeTaints: [
        { key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' },
        { key: 'spot', effect: 'PreferNoSchedule' },
        { key: 'drain', value: 'now', effect: 'NoExecute' },
      ],
      capacityType: 'spot',
      diskSizeGiB: 200,
    });
    const spec = only(objects(), 'AWSManagedMachinePool').spec;
    expect(spec.labels).toEqual({ 'example.com/gpu': 'true' });
    expect(spec.taints).toEqual([
      { key: 'nvidia.com/gpu', value: 'true', effect: 'no-schedule' },
      { key: 'spot', value: '', effect: 'prefer-no-schedule' },
      { key: 'drain', value: 'now', effect: 'no-execute' },
    ]);
    expect(spec.capacityType).toBe('spot');
    expect(spec.diskSize).toBe(200);
  });

  it('GIVEN an empty node group, a 10 GiB disk and a kubernetes.io label WHEN constructed THEN reports all three', () => {
    const { chart } = testChart();
    expect(
      () =>
        new AWSManagedMachinePool(chart, 'AMMP', {
          ...base,
          scaling: { minReplicas: 0, maxReplicas: 0 },
          diskSizeGiB: 10,
          nodeLabels: { 'kubernetes.io/role': 'worker' },
        }),
    ).toThrow(
      new ConstructPropsError([
        'AWSManagedMachinePool "prod-eks-workers": scaling.maxReplicas 0 is not a whole number of at least 1; use 1 or more',
        'AWSManagedMachinePool "prod-eks-workers": diskSizeGiB 10 is not a whole number of at least 20 (the size of EKS-optimized AMIs); use 80 or more for nodes that pull images',
        'AWSManagedMachinePool "prod-eks-workers": nodeLabels["kubernetes.io/role"] "kubernetes.io/role" is in a namespace the kubelet may not set (NodeRestriction), so the nodes would not register; use your own prefix, e.g. "example.com/role"',
      ]),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { KubeadmConfigTemplate } from '../../../constructs/cluster-api';
import { ConstructPropsError } from '../../../constructs/errors';
import { only, testChart } from '../../helpers/synth';

const base = { name: 'prod-eu-workers', namespace: 'capi' };

describe('KubeadmConfigTemplate', () => {
  it('GIVEN node labels, taints and kubelet flags WHEN synthesized THEN sets them on the join node registration', () => {
    const { chart, objects } = testChart();
    new KubeadmConfigTemplate(chart, 'KCT', {
      ...base,
      kubeletArgs: { 'cloud-provider': 'external' },
      nodeLabels: { 'example.com/team': 'data', 'node.kubernetes.io/pool': 'gpu' },
      nodeTaints: [
        { key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' },
        { key: 'dedicated', effect: 'NoExecute' },
      ],
      nodeName: '{{ ds.meta_data.local_hostname }}',
    });
    const kct = only(objects(), 'KubeadmConfigTemplate');
    expect(kct.apiVersion).toBe('bootstrap.cluster.x-k8s.io/v1beta2');
    expect(kct.spec.template.spec).toEqual({
      joinConfiguration: {
        nodeRegistration: {
          name: '{{ ds.meta_data.local_hostname }}',
          kubeletExtraArgs: [
            { name: 'cloud-provider', value: 'external' },
            { name: 'node-labels', value: 'example.com/team=data,node.kubernetes.io/pool=gpu' },
          ],
          taints: [
            { key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' },
            { key: 'dedicated', effect: 'NoExecute' },
          ],
        },
      },
    });
  });

  it('GIVEN node labels in any order WHEN synthesized THEN the node-labels flag lists them sorted by key', () => {
    const { chart, objects } = testChart();
    new KubeadmConfigTemplate(chart, 'KCT', { ...base, nodeLabels: { zone: 'a', app: 'web' } });
    const args = only(objects(), 'KubeadmConfigTemplate').spec.template.spec.joinConfiguration.nodeRegistration.kubeletExtraArgs;
    expect(args).toEqual([{ name: 'node-labels', value: 'app=web,zone=a' }]);
  });

  it('GIVEN nothing to configure WHEN synthesized THEN states the cloud-config format so the template is not empty', () => {
    const { chart, objects } = testChart();
    new KubeadmConfigTemplate(chart, 'KCT', base);
    expect(only(objects(), 'KubeadmConfigTemplate').spec).toEqual({ template: { spec: { format: 'cloud-config' } } });
  });

  it('GIVEN props WHEN renderSpec is called THEN returns the spec the construct renders, without checking the props', () => {
    const { chart, objects } = testChart();
    const content = { kubeletArgs: { 'cloud-provider': 'external' }, nodeLabels: { zone: 'a' }, nodeTaints: [{ key: 'dedicated', effect: 'NoExecute' as const }] };
    new KubeadmConfigTemplate(chart, 'KCT', { ...base, ...content });
    expect(KubeadmConfigTemplate.renderSpec(content)).toEqual(only(objects(), 'KubeadmConfigTemplate').spec);
    expect(KubeadmConfigTemplate.renderSpec({})).toEqual({ template: { spec: { format: 'cloud-config' } } });
  });

  it('GIVEN a node-role label, a bad taint key and a node-labels kubelet flag WHEN constructed THEN reports each with its fix', () => {
    const { chart } = testChart();
    expect(
      () =>
        new KubeadmConfigTemplate(chart, 'KCT', {
          ...base,
          kubeletArgs: { 'node-labels': 'a=b' },
          nodeLabels: { 'node-role.kubernetes.io/worker': '' },
          nodeTaints: [{ key: 'bad key', effect: 'NoSchedule' }],
        }),
    ).toThrow(
      new ConstructPropsError([
        'KubeadmConfigTemplate "prod-eu-workers": kubeletArgs["node-labels"] "a=b" is set from a typed prop; use nodeLabels instead',
        'KubeadmConfigTemplate "prod-eu-workers": nodeLabels["node-role.kubernetes.io/worker"] "node-role.kubernetes.io/worker" is in a namespace the kubelet may not set (NodeRestriction), so the node would not register; use your own prefix, or for node-role.kubernetes.io/… labels set them on the MachineDeployment (machineLabels), which Cluster API copies to the Node',
        `KubeadmConfigTemplate "prod-eu-workers": nodeTaints[0].key "bad key" is not a valid label key; use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit (optionally after a DNS prefix and '/')`,
      ]),
    );
  });
});

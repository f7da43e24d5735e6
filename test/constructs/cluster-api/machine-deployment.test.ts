import { describe, expect, it } from 'vitest';
import { MachineDeployment } from '../../../constructs/cluster-api';
import { ConstructPropsError } from '../../../constructs/errors';
import { only, testChart } from '../../helpers/synth';

const cluster = { apiGroup: 'cluster.x-k8s.io', kind: 'Cluster', name: 'prod-eu' };
const bootstrapConfig = { apiGroup: 'bootstrap.cluster.x-k8s.io', kind: 'KubeadmConfigTemplate', name: 'prod-eu-workers' };
const machineTemplate = { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'AWSMachineTemplate', name: 'prod-eu-workers' };
const base = { name: 'prod-eu-workers', namespace: 'capi', cluster, version: 'v1.31.4', bootstrapConfig, machineTemplate };

describe('MachineDeployment', () => {
  it('GIVEN a fixed-size pool WHEN synthesized THEN renders replicas, the selector labels and the template refs', () => {
    const { chart, objects } = testChart();
    new MachineDeployment(chart, 'MD', { ...base, replicas: 4 });
    const md = only(objects(), 'MachineDeployment');
    const selector = { 'cluster.x-k8s.io/cluster-name': 'prod-eu', 'cluster.x-k8s.io/deployment-name': 'prod-eu-workers' };
    expect(md.apiVersion).toBe('cluster.x-k8s.io/v1beta2');
    expect(md.metadata.annotations).toBeUndefined();
    expect(md.spec).toEqual({
      clusterName: 'prod-eu',
      replicas: 4,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: selector },
        spec: { clusterName: 'prod-eu', version: 'v1.31.4', bootstrap: { configRef: bootstrapConfig }, infrastructureRef: machineTemplate },
      },
    });
  });

  it('GIVEN autoscaling WHEN synthesized THEN sets the autoscaler min/max annotations and leaves replicas to the autoscaler', () => {
    const { chart, objects } = testChart();
    new MachineDeployment(chart, 'MD', { ...base, replicas: 3, autoscaling: { minReplicas: 2, maxReplicas: 10 }, annotations: { team: 'data' } });
    const md = only(objects(), 'MachineDeployment');
    expect(md.metadata.annotations).toEqual({
      team: 'data',
      'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size': '2',
      'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size': '10',
    });
    expect(md.spec.replicas).toBeUndefined();
  });

  it('GIVEN machine labels WHEN synthesized THEN puts them on the machine template next to the selector labels', () => {
    const { chart, objects } = testChart();
    new MachineDeployment(chart, 'MD', { ...base, machineLabels: { 'node-role.kubernetes.io/gpu': '' } });
    expect(only(objects(), 'MachineDeployment').spec.template.metadata.labels).toEqual({
      'node-role.kubernetes.io/gpu': '',
      'cluster.x-k8s.io/cluster-name': 'prod-eu',
      'cluster.x-k8s.io/deployment-name': 'prod-eu-workers',
    });
  });

  it('GIVEN replicas above the autoscaling maximum WHEN constructed THEN reports the bounds', () => {
    const { chart } = testChart();
    expect(() => new MachineDeployment(chart, 'MD', { ...base, replicas: 12, autoscaling: { minReplicas: 2, maxReplicas: 10 } })).toThrow(
      new ConstructPropsError(['MachineDeployment "prod-eu-workers": replicas 12 lies outside autoscaling 2..10; use a value from 2 to 10']),
    );
  });

  it('GIVEN min above max, a minor-only version and an infrastructure ref as cluster WHEN constructed THEN reports all of them', () => {
    const { chart } = testChart();
    expect(
      () =>
        new MachineDeployment(chart, 'MD', {
          ...base,
          cluster: machineTemplate,
          version: 'v1.31',
          autoscaling: { minReplicas: 5, maxReplicas: 3 },
        }),
    ).toThrow(
      new ConstructPropsError([
        'MachineDeployment "prod-eu-workers": cluster {"apiGroup":"infrastructure.cluster.x-k8s.io","kind":"AWSMachineTemplate","name":"prod-eu-workers"} does not refer to "Cluster" of API group "cluster.x-k8s.io"; pass the construct itself or a ref to "Cluster" of API group "cluster.x-k8s.io"',
        'MachineDeployment "prod-eu-workers": version "v1.31" is not a full Kubernetes release; write it like "v1.31.4"',
        'MachineDeployment "prod-eu-workers": autoscaling {"minReplicas":5,"maxReplicas":3} has minReplicas above maxReplicas; make minReplicas ≤ maxReplicas',
      ]),
    );
  });
});

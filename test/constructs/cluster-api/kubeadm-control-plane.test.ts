import { describe, expect, it } from 'vitest';
import { KubeadmControlPlane } from '../../../constructs/cluster-api';
import { ConstructPropsError } from '../../../constructs/errors';
import { only, testChart } from '../../helpers/synth';

const machineTemplate = { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'AWSMachineTemplate', name: 'prod-eu-control-plane' };
const base = { name: 'prod-eu-control-plane', namespace: 'capi', version: 'v1.31.4', machineTemplate };

describe('KubeadmControlPlane', () => {
  it('GIVEN only the required props WHEN synthesized THEN renders 3 replicas, the version and the machine template ref', () => {
    const { chart, objects } = testChart();
    new KubeadmControlPlane(chart, 'KCP', base);
    const kcp = only(objects(), 'KubeadmControlPlane');
    expect(kcp.apiVersion).toBe('controlplane.cluster.x-k8s.io/v1beta2');
    expect(kcp.spec).toEqual({ replicas: 3, version: 'v1.31.4', machineTemplate: { spec: { infrastructureRef: machineTemplate } } });
  });

  it('GIVEN kubelet, API server and controller manager flags WHEN synthesized THEN renders v1beta2 name/value lists sorted by flag on init and join', () => {
    const { chart, objects } = testChart();
    new KubeadmControlPlane(chart, 'KCP', {
      ...base,
      replicas: 5,
      kubeletArgs: { 'cloud-provider': 'external', 'anonymous-auth': 'false' },
      apiServerArgs: { 'audit-log-path': '/var/log/kubernetes/audit.log' },
      controllerManagerArgs: { 'cloud-provider': 'external' },
      apiServerCertSans: ['localhost'],
      nodeName: '{{ ds.meta_data.local_hostname }}',
    });
    const spec = only(objects(), 'KubeadmControlPlane').spec;
    const nodeRegistration = {
      name: '{{ ds.meta_data.local_hostname }}',
      kubeletExtraArgs: [
        { name: 'anonymous-auth', value: 'false' },
        { name: 'cloud-provider', value: 'external' },
      ],
    };
    expect(spec.replicas).toBe(5);
    expect(spec.kubeadmConfigSpec).toEqual({
      clusterConfiguration: {
        apiServer: { certSANs: ['localhost'], extraArgs: [{ name: 'audit-log-path', value: '/var/log/kubernetes/audit.log' }] },
        controllerManager: { extraArgs: [{ name: 'cloud-provider', value: 'external' }] },
      },
      initConfiguration: { nodeRegistration },
      joinConfiguration: { nodeRegistration },
    });
  });

  it('GIVEN the construct WHEN read THEN exposes a controlplane.cluster.x-k8s.io ref', () => {
    const { chart } = testChart();
    expect(new KubeadmControlPlane(chart, 'KCP', base).ref).toEqual({
      apiGroup: 'controlplane.cluster.x-k8s.io',
      kind: 'KubeadmControlPlane',
      name: 'prod-eu-control-plane',
    });
  });

  it('GIVEN 2 replicas, a minor-only version and a bootstrap ref as machine template WHEN constructed THEN reports all three', () => {
    const { chart } = testChart();
    const wrongRef = { apiGroup: 'bootstrap.cluster.x-k8s.io', kind: 'KubeadmConfigTemplate', name: 'x' };
    expect(() => new KubeadmControlPlane(chart, 'KCP', { ...base, replicas: 2, version: 'v1.31', machineTemplate: wrongRef })).toThrow(
      new ConstructPropsError([
        'KubeadmControlPlane "prod-eu-control-plane": replicas 2 must be odd so etcd keeps quorum; use 1, 3 or 5',
        'KubeadmControlPlane "prod-eu-control-plane": version "v1.31" is not a full Kubernetes release: kubeadm installs an exact patch release; write it like "v1.31.4"',
        'KubeadmControlPlane "prod-eu-control-plane": machineTemplate {"apiGroup":"bootstrap.cluster.x-k8s.io","kind":"KubeadmConfigTemplate","name":"x"} does not refer to an object of API group "infrastructure.cluster.x-k8s.io"; pass the construct itself or a ref to an object of API group "infrastructure.cluster.x-k8s.io"',
      ]),
    );
  });

  it('GIVEN zero replicas WHEN constructed THEN reports it like an even count', () => {
    const { chart } = testChart();
    expect(() => new KubeadmControlPlane(chart, 'KCP', { ...base, replicas: 0 })).toThrow(
      new ConstructPropsError(['KubeadmControlPlane "prod-eu-control-plane": replicas 0 must be odd so etcd keeps quorum; use 1, 3 or 5']),
    );
  });
});

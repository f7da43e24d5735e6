import { describe, expect, it } from 'vitest';
import { Cluster } from '../../../constructs/cluster-api';
import { ConstructPropsError } from '../../../constructs/errors';
import { only, testChart } from '../../helpers/synth';

const infrastructure = { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'AWSCluster', name: 'prod-eu' };
const controlPlane = { apiGroup: 'controlplane.cluster.x-k8s.io', kind: 'KubeadmControlPlane', name: 'prod-eu-control-plane' };

describe('Cluster', () => {
  it('GIVEN refs and CIDRs WHEN synthesized THEN renders a v1beta2 Cluster with apiGroup refs and the cluster network', () => {
    const { chart, objects } = testChart();
    new Cluster(chart, 'Cluster', {
      name: 'prod-eu',
      namespace: 'capi',
      labels: { env: 'prod' },
      infrastructure,
      controlPlane,
      podCidrs: ['10.20.0.0/16'],
      serviceCidrs: ['10.120.0.0/20'],
    });
    const cluster = only(objects(), 'Cluster');
    expect(cluster.apiVersion).toBe('cluster.x-k8s.io/v1beta2');
    expect(cluster.metadata).toEqual({ name: 'prod-eu', namespace: 'capi', labels: { env: 'prod' } });
    expect(cluster.spec).toEqual({
      clusterNetwork: { pods: { cidrBlocks: ['10.20.0.0/16'] }, services: { cidrBlocks: ['10.120.0.0/20'] } },
      controlPlaneRef: controlPlane,
      infrastructureRef: infrastructure,
    });
  });

  it('GIVEN no CIDRs WHEN synthesized THEN leaves clusterNetwork to the provider', () => {
    const { chart, objects } = testChart();
    new Cluster(chart, 'Cluster', { name: 'prod-eu', namespace: 'capi', infrastructure, controlPlane });
    expect(only(objects(), 'Cluster').spec.clusterNetwork).toBeUndefined();
  });

  it('GIVEN a Cluster construct WHEN read THEN exposes its name and a cluster.x-k8s.io ref', () => {
    const { chart } = testChart();
    const cluster = new Cluster(chart, 'Cluster', { name: 'prod-eu', namespace: 'capi', infrastructure, controlPlane });
    expect(cluster.name).toBe('prod-eu');
    expect(cluster.ref).toEqual({ apiGroup: 'cluster.x-k8s.io', kind: 'Cluster', name: 'prod-eu' });
  });

  it('GIVEN a bad name, swapped refs and a malformed CIDR WHEN constructed THEN reports every problem at once', () => {
    const { chart } = testChart();
    expect(
      () =>
        new Cluster(chart, 'Cluster', {
          name: 'Prod_EU',
          namespace: 'capi',
          infrastructure: controlPlane,
          controlPlane: infrastructure,
          podCidrs: ['10.20.0.0'],
        }),
    ).toThrow(
      new ConstructPropsError([
        `Cluster "Prod_EU": name "Prod_EU" is not a DNS-1123 label; use lowercase letters, digits and '-', starting and ending with a letter or digit`,
        `Cluster "Prod_EU": infrastructure {"apiGroup":"controlplane.cluster.x-k8s.io","kind":"KubeadmControlPlane","name":"prod-eu-control-plane"} does not refer to an object of API group "infrastructure.cluster.x-k8s.io"; pass the construct itself or a ref to an object of API group "infrastructure.cluster.x-k8s.io"`,
        `Cluster "Prod_EU": controlPlane {"apiGroup":"infrastructure.cluster.x-k8s.io","kind":"AWSCluster","name":"prod-eu"} does not refer to an object of API group "controlplane.cluster.x-k8s.io"; pass the construct itself or a ref to an object of API group "controlplane.cluster.x-k8s.io"`,
        `Cluster "Prod_EU": podCidrs[0] "10.20.0.0" is not an IPv4 CIDR; write it like "10.20.0.0/16"`,
      ]),
    );
  });

  it('GIVEN a 64-character name WHEN constructed THEN reports the 63-character limit of label values', () => {
    const { chart } = testChart();
    const name = 'a'.repeat(64);
    expect(() => new Cluster(chart, 'Cluster', { name, namespace: 'capi', infrastructure, controlPlane })).toThrow(
      new ConstructPropsError([`Cluster "${name}": name "${name}" is 64 characters long, more than the 63 Kubernetes allows here; shorten it to 63 characters`]),
    );
  });

  it('GIVEN a 64-character upper-case name WHEN constructed THEN reports only the length, not the syntax too', () => {
    const { chart } = testChart();
    const name = 'A'.repeat(64);
    expect(() => new Cluster(chart, 'Cluster', { name, namespace: 'capi', infrastructure, controlPlane })).toThrow(
      new ConstructPropsError([`Cluster "${name}": name "${name}" is 64 characters long, more than the 63 Kubernetes allows here; shorten it to 63 characters`]),
    );
  });

  it('GIVEN a service CIDR with host bits set WHEN constructed THEN reports the network address to use', () => {
    const { chart } = testChart();
    expect(() => new Cluster(chart, 'Cluster', { name: 'prod-eu', namespace: 'capi', infrastructure, controlPlane, serviceCidrs: ['10.120.0.1/20'] })).toThrow(
      new ConstructPropsError(['Cluster "prod-eu": serviceCidrs[0] "10.120.0.1/20" has host bits set; use the network address "10.120.0.0/20"']),
    );
  });
});

import { Size } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { ThanosStoreGateway } from '../../../constructs/thanos/store-gateway';
import { only, testChart } from '../../helpers/synth';

const props = { namespace: 'monitoring', image: 'quay.io/thanos/thanos:v0.42.0', objstoreSecret: { name: 'thanos-objstore', key: 'objstore.yml' } };

describe('ThanosStoreGateway', () => {
  it('GIVEN the objstore Secret WHEN synthesized THEN the bucket configuration is mounted by reference and the cache gets a volume of its own', () => {
    const { chart, objects } = testChart();
    const store = new ThanosStoreGateway(chart, 'store', props);
    const sts = only(objects(), 'StatefulSet', 'thanos-store-gateway');
    const pod = sts.spec.template.spec;
    expect(pod.containers[0].args).toEqual([
      'store',
      '--data-dir=/var/thanos/store',
      '--objstore.config-file=/etc/thanos/objstore.yml',
      '--grpc-address=0.0.0.0:10901',
      '--http-address=0.0.0.0:10902',
    ]);
    expect(pod.volumes).toEqual([{ name: 'objstore', secret: { secretName: 'thanos-objstore', items: [{ key: 'objstore.yml', path: 'objstore.yml' }] } }]);
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: 'data', mountPath: '/var/thanos/store' },
      { name: 'objstore', mountPath: '/etc/thanos', readOnly: true },
    ]);
    expect(sts.spec.serviceName).toBe('thanos-store-gateway');
    expect(sts.spec.volumeClaimTemplates).toEqual([{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } }]);
    expect(only(objects(), 'Service', 'thanos-store-gateway').spec.clusterIP).toBe('None');
    expect(store.grpcEndpoint).toBe('dns+thanos-store-gateway.monitoring.svc:10901');
  });

  it('GIVEN a cache under 1Gi, an empty Secret reference and an unpinned image WHEN built THEN the problems are reported', () => {
    const { chart } = testChart();
    expect(() => new ThanosStoreGateway(chart, 'bad', { ...props, image: 'quay.io/thanos/thanos', objstoreSecret: { name: '', key: 'objstore.yml' }, storage: Size.mebibytes(512) })).toThrow(
      [
        'ThanosStoreGateway "thanos-store-gateway": image "quay.io/thanos/thanos" is not pinned to a version; give a tag or digest, e.g. "quay.io/thanos/thanos:v0.42.0"',
        'ThanosStoreGateway "thanos-store-gateway": objstoreSecret {"name":"","key":"objstore.yml"} names no Secret key; give the Secret and the key of its objstore.yml',
        'ThanosStoreGateway "thanos-store-gateway": storage "512Mi" is under 1Gi or not whole mebibytes; give the index cache at least Size.gibibytes(1)',
      ].join('\n'),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { ThanosQuery } from '../../../constructs/thanos/query';
import { only, testChart } from '../../helpers/synth';

const IMAGE = 'quay.io/thanos/thanos:v0.42.0';
const base = { namespace: 'monitoring', image: IMAGE, replicaLabels: ['prometheus_replica'] };

describe('ThanosQuery', () => {
  it('GIVEN endpoints and a replica label WHEN synthesized THEN one --endpoint per StoreAPI in order, the replica label, and a Service on both ports', () => {
    const { chart, objects } = testChart();
    const query = new ThanosQuery(chart, 'query', { ...base, endpoints: ['dns+thanos-store-gateway.monitoring.svc:10901', 'thanos-sidecar.prod.acme.io:10901'] });
    const deployment = only(objects(), 'Deployment', 'thanos-query');
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe(IMAGE);
    expect(container.args).toEqual([
      'query',
      '--query.replica-label=prometheus_replica',
      '--endpoint=dns+thanos-store-gateway.monitoring.svc:10901',
      '--endpoint=thanos-sidecar.prod.acme.io:10901',
      '--grpc-address=0.0.0.0:10901',
      '--http-address=0.0.0.0:10902',
    ]);
    expect(deployment.metadata.namespace).toBe('monitoring');
    expect(deployment.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'thanos-query' } });
    const service = only(objects(), 'Service', 'thanos-query');
    expect(service.spec.selector).toEqual({ 'app.kubernetes.io/name': 'thanos-query' });
    expect(service.spec.ports.map((p: any) => [p.name, p.port, p.targetPort])).toEqual([['grpc', 10901, 'grpc'], ['http', 10902, 'http']]);
    expect(query.httpAddress).toBe('thanos-query.monitoring.svc:10902');
    expect(query.url).toBe('http://thanos-query.monitoring.svc:10902');
  });

  it('GIVEN a representative Query WHEN synthesized THEN it matches the snapshot', () => {
    const { chart, objects } = testChart();
    new ThanosQuery(chart, 'query', { ...base, name: 'fleet-query', replicas: 2, endpoints: ['dns+kube-prometheus-stack-thanos-discovery.monitoring.svc:10901', 'thanos-sidecar.prod.acme.io:10901'] });
    expect(objects()).toMatchSnapshot();
  });

  it('GIVEN no endpoint, a bad address, a duplicate, a bad label, zero replicas and an unpinned image WHEN built THEN every problem is reported with its fix', () => {
    const { chart } = testChart();
    expect(() => new ThanosQuery(chart, 'bad', { namespace: 'monitoring', image: 'quay.io/thanos/thanos:latest', endpoints: [], replicaLabels: ['0replica'], replicas: 0 })).toThrow(
      [
        'ThanosQuery "thanos-query": image "quay.io/thanos/thanos:latest" is not pinned to a version; give a tag or digest, e.g. "quay.io/thanos/thanos:v0.42.0"',
        'ThanosQuery "thanos-query": endpoints [] is empty; give at least one StoreAPI: a sidecar or a store gateway',
        'ThanosQuery "thanos-query": replicaLabels[0] "0replica" is not a label name; use letters, digits and _',
        'ThanosQuery "thanos-query": replicas 0 is not a positive whole number; use 1 or more',
      ].join('\n'),
    );
    expect(() => new ThanosQuery(chart, 'dup', { ...base, endpoints: ['a.acme.io:10901', 'https://b.acme.io', 'a.acme.io:10901'] })).toThrow(
      [
        'ThanosQuery "thanos-query": endpoints[1] "https://b.acme.io" is not a StoreAPI address; use host:port (e.g. "thanos-sidecar.prod.acme.io:10901"), dns+host:port or dnssrv+name',
        'ThanosQuery "thanos-query": endpoints ["a.acme.io:10901"] are listed twice; list each StoreAPI once, or Query reads it twice',
      ].join('\n'),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { checkFleet, resolveFleet } from '../../model';
import { synthesize } from '../../outputs/synth';
import { exampleFleet, exampleSynth } from '../helpers/example';
import { mutableDefinition } from '../helpers/definitions';

/** The test fleet with metrics: the hub and every prod cluster run kube-prometheus-stack and thanos. */
function metricsDefinition(): any {
  const d = mutableDefinition();
  d.platform = {
    thanos: { sidecarEndpoint: 'thanos-sidecar.{cluster}.acme.io:10901' },
    externalSecrets: { store: { kind: 'vault', server: 'https://vault.acme.io:8200' } },
  };
  d.hub.addons = { 'kube-prometheus-stack': true, thanos: true, 'external-secrets': true };
  d.environments.prod.addons = { 'kube-prometheus-stack': true, thanos: true, 'external-secrets': true };
  return d;
}

function problemsOf(mutate: (d: any) => void): string[] {
  const d = metricsDefinition();
  mutate(d);
  return checkFleet(d).problems.map((p) => p.message);
}

describe('thanos: checks', () => {
  it('GIVEN the test fleet with metrics on the hub and in prod WHEN checked THEN it is valid', () => {
    expect(problemsOf(() => {})).toEqual([]);
  });

  it('GIVEN spokes running thanos and a hub that does not WHEN checked THEN the hub is asked to run it, once for all spokes', () => {
    expect(problemsOf((d) => (d.hub.addons = { 'kube-prometheus-stack': true, 'external-secrets': true }))).toEqual([
      'hub.addons.thanos is not enabled, but environments.prod.addons.thanos enables "thanos" for prod-eks (and 3 more clusters): the hub\'s Thanos Query reads their sidecars and its store gateway reads their bucket through the hub\'s own thanos-objstore Secret; enable thanos on the hub (with kube-prometheus-stack and external-secrets, which it needs)',
    ]);
  });

  it('GIVEN a sidecar address without {cluster} WHEN checked THEN every sidecar would share it', () => {
    expect(problemsOf((d) => (d.platform.thanos.sidecarEndpoint = 'thanos.acme.io:10901'))).toEqual([
      'platform.thanos.sidecarEndpoint "thanos.acme.io:10901" has no {cluster} placeholder, so every cluster\'s sidecar would get the same address; put {cluster} in it, e.g. "thanos-sidecar.{cluster}.acme.io:10901"',
    ]);
  });

  it('GIVEN a sidecar address without port WHEN checked THEN the gRPC port is asked for', () => {
    expect(problemsOf((d) => (d.platform.thanos.sidecarEndpoint = 'thanos-sidecar.{cluster}.acme.io'))).toEqual([
      'platform.thanos.sidecarEndpoint "thanos-sidecar.{cluster}.acme.io" does not end with a port; end it with the sidecar\'s gRPC port, e.g. "thanos-sidecar.{cluster}.acme.io:10901"',
    ]);
  });
});

describe('thanos: a spoke\'s sidecar name must be published', () => {
  const managedZone = (d: any) => (d.platform.externalDns = { domainFilters: ['acme.io'] });

  it('GIVEN sidecar names in a zone external-dns manages and spokes without external-dns WHEN checked THEN each spoke is asked to run it', () => {
    expect(problemsOf(managedZone)).toEqual([
      'clusters[2].addons["external-dns"] is not enabled, but prod-eks runs "thanos": the hub\'s Thanos Query dials "thanos-sidecar.prod-eks.acme.io:10901", in zone "acme.io" that external-dns publishes from the sidecar\'s Service; enable external-dns for it or for its environment, or give platform.thanos.sidecarEndpoint a zone you publish yourself',
      'clusters[3].addons["external-dns"] is not enabled, but prod-pulumi runs "thanos": the hub\'s Thanos Query dials "thanos-sidecar.prod-pulumi.acme.io:10901", in zone "acme.io" that external-dns publishes from the sidecar\'s Service; enable external-dns for it or for its environment, or give platform.thanos.sidecarEndpoint a zone you publish yourself',
      'clusters[4].addons["external-dns"] is not enabled, but prod-existing runs "thanos": the hub\'s Thanos Query dials "thanos-sidecar.prod-existing.acme.io:10901", in zone "acme.io" that external-dns publishes from the sidecar\'s Service; enable external-dns for it or for its environment, or give platform.thanos.sidecarEndpoint a zone you publish yourself',
      'clusters[5].addons["external-dns"] is not enabled, but prod-other runs "thanos": the hub\'s Thanos Query dials "thanos-sidecar.prod-other.acme.io:10901", in zone "acme.io" that external-dns publishes from the sidecar\'s Service; enable external-dns for it or for its environment, or give platform.thanos.sidecarEndpoint a zone you publish yourself',
    ]);
  });

  it('GIVEN external-dns on those spokes, or sidecar names outside its zones WHEN checked THEN no problem (the hub needs none: its Query reads its sidecar in-cluster)', () => {
    expect(checkFleet(metricsDefinition()).problems).toEqual([]);
    const withDns = metricsDefinition();
    managedZone(withDns);
    withDns.platform.irsaRoleArn = 'arn:aws:iam::111122223333:role/{cluster}-{addon}';
    withDns.environments.prod.addons['external-dns'] = true;
    expect(checkFleet(withDns).problems.map((p) => p.message)).toEqual([]);
    const elsewhere = metricsDefinition();
    managedZone(elsewhere);
    elsewhere.platform.thanos.sidecarEndpoint = 'thanos-sidecar.{cluster}.metrics.internal:10901';
    expect(checkFleet(elsewhere).problems.map((p) => p.message)).toEqual([]);
  });
});

describe('disaster-recovery rules: failover alerts need metrics', () => {
  const withPartner = (d: any) => {
    d.clusters[3].standby = true;
    d.clusters[2].drPartner = 'prod-pulumi';
  };

  it('GIVEN a primary and its standby with metrics everywhere WHEN checked THEN it is valid', () => {
    expect(problemsOf(withPartner)).toEqual([]);
  });

  it('GIVEN a hub without kube-prometheus-stack nor thanos WHEN checked THEN one problem names both and the first primary', () => {
    expect(problemsOf((d) => {
      withPartner(d);
      d.hub.addons = { 'external-secrets': true };
      d.environments.prod.addons = { 'external-secrets': true };
      d.clusters[2].addons = { 'kube-prometheus-stack': true, thanos: true };
      d.clusters[3].addons = { 'kube-prometheus-stack': true, thanos: true };
    })).toEqual([
      'hub.addons does not enable "kube-prometheus-stack" and "thanos", but clusters[2] (prod-eks) has the disaster-recovery partner "prod-pulumi": the hub raises the alert when a primary\'s API server is down, evaluating it through its Thanos Query; enable them on the hub',
      'hub.addons.thanos is not enabled, but clusters[2].addons.thanos enables "thanos" for prod-eks (and 1 more cluster): the hub\'s Thanos Query reads their sidecars and its store gateway reads their bucket through the hub\'s own thanos-objstore Secret; enable thanos on the hub (with kube-prometheus-stack and external-secrets, which it needs)',
    ]);
  });

  it('GIVEN a primary without thanos and a partner without metrics WHEN checked THEN each is told what to enable and where', () => {
    expect(problemsOf((d) => {
      withPartner(d);
      d.clusters[2].addons = { thanos: false };
      d.clusters[3].addons = { 'kube-prometheus-stack': false, thanos: false };
    })).toEqual([
      'clusters[2].addons does not enable "thanos", but prod-eks has the disaster-recovery partner "prod-pulumi": the hub watches a primary\'s API server through its Prometheus and Thanos sidecar; enable it for prod-eks (clusters[2].addons) or its environment (environments.prod.addons)',
      'clusters[3].addons does not enable "kube-prometheus-stack" and "thanos", but prod-pulumi is the disaster-recovery partner of prod-eks: after a failover the hub watches it the same way; enable them for prod-pulumi (clusters[3].addons) or its environment (environments.prod.addons)',
    ]);
  });

  it('GIVEN a partner that is not a standby WHEN checked THEN only the partner is reported, not the metrics', () => {
    expect(problemsOf((d) => {
      d.clusters[2].drPartner = 'prod-pulumi';
      d.hub.addons = { 'external-secrets': true };
      d.environments.prod.addons = { 'external-secrets': true };
    })).toEqual([
      "clusters[2].drPartner \"prod-pulumi\" is not a standby cluster, so it would run prod-eks's apps twice; set standby: true on clusters[3] (prod-pulumi), or name a standby cluster",
    ]);
  });
});

describe('thanos: objects on the hub', () => {
  it('GIVEN the example fleet WHEN synthesized THEN hub/addons/thanos holds Query, the store gateway, Grafana\'s datasource and overview, and the failover rule with its ruler', () => {
    const unit = exampleSynth().rendered.units.find((u) => u.dir === 'hub/addons/thanos')!;
    expect(unit.target).toEqual({ scope: 'hub', cluster: 'management' });
    expect(unit.objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'Service/monitoring/thanos-store-gateway',
      'StatefulSet/monitoring/thanos-store-gateway',
      'Deployment/monitoring/thanos-query',
      'Service/monitoring/thanos-query',
      'ConfigMap/monitoring/thanos-query-datasource',
      'ConfigMap/monitoring/fleet-overview',
      'PrometheusRule/monitoring/disaster-recovery',
      'ThanosRuler/monitoring/fleet',
    ]);
    expect(unit.objects).toMatchSnapshot();
  });

  it('GIVEN the example WHEN synthesized THEN the ruler queries the hub\'s Thanos Query, alerts through the hub\'s Alertmanager, and selects exactly the failover rule', () => {
    const objects = exampleSynth().rendered.units.find((u) => u.dir === 'hub/addons/thanos')!.objects as any[];
    const ruler = objects.find((o) => o.kind === 'ThanosRuler');
    const rule = objects.find((o) => o.kind === 'PrometheusRule');
    expect(ruler.spec.queryEndpoints).toEqual(['thanos-query.monitoring.svc:10902']);
    expect(ruler.spec.alertmanagersUrl).toEqual(['http://kube-prometheus-stack-alertmanager.monitoring.svc:9093']);
    for (const [key, value] of Object.entries(ruler.spec.ruleSelector.matchLabels)) expect(rule.metadata.labels[key]).toBe(value);
    // The hub's own Prometheus selects rules labelled release=kube-prometheus-stack: not this one.
    expect(rule.metadata.labels.release).toBeUndefined();
    expect(rule.spec.groups[0].partial_response_strategy).toBe('warn');
  });

  it('GIVEN a fleet without DR partners WHEN synthesized THEN the hub has Query and Grafana\'s objects but no failover rule nor ruler', () => {
    const fleet = resolveFleet(metricsDefinition());
    const kinds = synthesize(fleet).rendered.units.find((u) => u.dir === 'hub/addons/thanos')!.objects.map((o) => o.kind);
    expect(kinds).toEqual(['Service', 'StatefulSet', 'Deployment', 'Service', 'ConfigMap', 'ConfigMap']);
  });

  it('GIVEN the example WHEN synthesized THEN every cluster running thanos, the hub included, gets the thanos-objstore Secret from its own key in the fleet store', () => {
    const { rendered } = exampleSynth();
    const running = [exampleFleet.hub, ...exampleFleet.clusters].filter((c) => c.addons.includes('thanos'));
    expect(running.length).toBeGreaterThan(1);
    for (const cluster of running) {
      const unit = rendered.units.find((u) => u.dir === `clusters/${cluster.name}/addons/thanos`)!;
      const secret = unit.objects.find((o) => o.kind === 'ExternalSecret') as any;
      expect(secret.metadata, cluster.name).toMatchObject({ name: 'thanos-objstore', namespace: 'monitoring' });
      expect(secret.spec.data, cluster.name).toEqual([{ secretKey: 'objstore.yml', remoteRef: { key: `acme/${cluster.name}/thanos-objstore`, property: 'objstore.yml' } }]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { kubePrometheusStack as spec, mergeObjects, resolveFleet, type HelmValues } from '../../model';
import { synthesize } from '../../outputs/synth';
import { kubePrometheusStack } from '../../stacks/addons/kube-prometheus-stack';
import type { AddonCluster } from '../../stacks/addons/spi';
import { overlays } from '../../stacks/addons/overlays';
import type { Unit } from '../../stacks/rendered';
import { exampleFleet, exampleSynth } from '../helpers/example';
import { mutableDefinition } from '../helpers/definitions';
import { hubRegistrations } from '../helpers/registrations';
import exampleDefinition from '../../fleet.config';

const SIDECAR = {
  image: 'quay.io/thanos/thanos:v0.42.0',
  version: 'v0.42.0',
  objectStorageConfig: { existingSecret: { name: 'thanos-objstore', key: 'objstore.yml' } },
};

/** The values file a unit writes (none when absent). */
function valuesOf(units: readonly Unit[], dir: string): HelmValues | undefined {
  return units.find((u) => u.dir === dir)?.files.find((f) => f.name === 'values.yaml')?.content as HelmValues | undefined;
}


/** The values the kube-prometheus-stack Application of `cluster` gets: base, overlay, cluster file, then the templated values with its registration's name. */
function effectiveValues(units: readonly Unit[], cluster: AddonCluster, registeredName: string): any {
  const overlay = cluster.role === 'hub' ? 'hub' : cluster.environment;
  const set = units.find((u) => u.dir === 'hub/addons')!.objects.find((o) => o.metadata.name === 'addon-kube-prometheus-stack') as any;
  const templated = JSON.parse(JSON.stringify(set.spec.template.spec.sources[0].helm.valuesObject).replaceAll('{{ .name }}', registeredName));
  return [
    valuesOf(units, 'platform/kube-prometheus-stack/base'),
    valuesOf(units, `platform/kube-prometheus-stack/overlays/${overlay}`),
    valuesOf(units, `clusters/${cluster.name}/addons/kube-prometheus-stack`),
    templated,
  ].reduce<any>((acc, v) => mergeObjects(acc, v ?? {}), {});
}

describe('kube-prometheus-stack: values', () => {
  const fleet = exampleFleet;
  const byName = (name: string) => [fleet.hub, ...fleet.clusters].find((c) => c.name === name)!;

  it('GIVEN the chart WHEN pinned THEN it is the release that ships Prometheus Operator v0.93.0', () => {
    expect(spec.chart).toEqual({ repoUrl: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '88.0.0' });
  });

  it('GIVEN every cluster WHEN the base values are built THEN Grafana is off and the replica label is the one Query deduplicates along', () => {
    expect(kubePrometheusStack.values!(fleet)).toEqual({
      grafana: { enabled: false },
      prometheus: { prometheusSpec: { replicaExternalLabelName: 'prometheus_replica' } },
    });
    expect(kubePrometheusStack.templatedValues!(fleet)).toEqual({ prometheus: { prometheusSpec: { externalLabels: { cluster: '{{ .name }}' } } } });
  });

  it('GIVEN the overlays WHEN their values are built THEN only the hub turns Grafana on, with Thanos Query as the default datasource', () => {
    const values = Object.fromEntries(overlays(fleet).map((o) => [o.name, kubePrometheusStack.overlayValues!(fleet, o)]));
    expect(values).toEqual({
      dev: {},
      staging: {},
      prod: {},
      hub: { grafana: { enabled: true, sidecar: { datasources: { isDefaultDatasource: false } } } },
    });
  });

  it('GIVEN a prod spoke running thanos and external-dns WHEN its values are built THEN the sidecar uploads with the objstore Secret and an internal LoadBalancer serves gRPC at its sidecar address', () => {
    expect(kubePrometheusStack.clusterValues!(fleet, byName('prod-us-east-1'))).toEqual({
      prometheus: {
        prometheusSpec: { thanos: SIDECAR },
        thanosServiceExternal: {
          enabled: true,
          port: 10901,
          annotations: {
            'external-dns.alpha.kubernetes.io/hostname': 'thanos-sidecar.prod-us-east-1.acme.io',
            'service.beta.kubernetes.io/aws-load-balancer-internal': 'true',
          },
        },
      },
    });
  });

  it('GIVEN a spoke with external-dns WHEN its values are built THEN external-dns publishes its sidecar address', () => {
    expect((kubePrometheusStack.clusterValues!(fleet, byName('staging-us-east-1')) as any).prometheus.thanosServiceExternal.annotations).toEqual({
      'external-dns.alpha.kubernetes.io/hostname': 'thanos-sidecar.staging-us-east-1.acme.io',
      'service.beta.kubernetes.io/aws-load-balancer-internal': 'true',
    });
  });

  it('GIVEN a spoke without external-dns and sidecar names outside the zones external-dns manages WHEN its values are built THEN its sidecar address is left to the fleet\'s DNS', () => {
    const d = structuredClone(exampleDefinition) as any;
    d.platform.thanos.sidecarEndpoint = 'thanos-sidecar.{cluster}.metrics.internal:10901';
    d.environments.staging.addons = { ...d.environments.staging.addons, 'external-dns': false };
    const own = resolveFleet(d);
    const staging = own.clusters.find((c) => c.name === 'staging-us-east-1')!;
    expect((kubePrometheusStack.clusterValues!(own, staging) as any).prometheus.thanosServiceExternal.annotations).toEqual({
      'service.beta.kubernetes.io/aws-load-balancer-internal': 'true',
    });
  });

  it('GIVEN the hub WHEN its values are built THEN its sidecar is served in-cluster through the discovery Service', () => {
    expect(kubePrometheusStack.clusterValues!(fleet, fleet.hub)).toEqual({ prometheus: { prometheusSpec: { thanos: SIDECAR }, thanosService: { enabled: true } } });
  });

  it('GIVEN a spoke without thanos WHEN its values are built THEN it has no sidecar and no values file of its own', () => {
    expect(kubePrometheusStack.clusterValues!(fleet, byName('dev-us-east-1'))).toEqual({});
    expect(valuesOf(exampleSynth().rendered.units, 'clusters/dev-us-east-1/addons/kube-prometheus-stack')).toBeUndefined();
  });
});

describe('kube-prometheus-stack: fleet properties', () => {
  /** The example with staging-us-east-1 left without metrics (nor Thanos, which needs them), so both kinds of synced cluster exist. */
  const mixed = (() => {
    const d = structuredClone(exampleDefinition) as any;
    const staging = d.clusters.find((c: any) => c.name === 'staging-us-east-1');
    staging.addons = { ...staging.addons, 'kube-prometheus-stack': false, thanos: false };
    const fleet = resolveFleet(d);
    return { fleet, units: synthesize(fleet).rendered.units };
  })();

  it.each([
    ['the example', exampleFleet, exampleSynth().rendered.units],
    ['the example with a cluster without metrics', mixed.fleet, mixed.units],
  ] as const)('GIVEN %s WHEN its Applications are templated THEN every cluster with metrics, and only those, runs Prometheus labelled cluster=<its name>', (_t, fleet, units) => {
    const set = units.find((u) => u.dir === 'hub/addons')!.objects.find((o) => o.metadata.name === 'addon-kube-prometheus-stack') as any;
    const selector: Record<string, string> = set.spec.generators[0].clusters.selector.matchLabels;
    // The cluster registrations on the hub (the tree's and the Pulumi stacks'): the name Argo CD knows each cluster by, and its labels.
    const regs = hubRegistrations(fleet, units);
    const clusters = [fleet.hub, ...fleet.clusters];
    // Argo CD templates the Applications of the clusters it syncs; a Pulumi-delivered cluster gets its values from its stack.
    for (const cluster of clusters.filter((c) => c.delivery === 'gitops')) {
      const reg = regs.find((r) => r.name === cluster.name)!;
      const selected = Object.entries(selector).every(([k, v]) => reg.labels[k] === v);
      expect(selected, cluster.name).toBe(cluster.addons.includes('kube-prometheus-stack'));
      if (!selected) continue;
      const values = effectiveValues(units, cluster, reg.name);
      expect(values.prometheus.prometheusSpec.externalLabels, cluster.name).toEqual({ cluster: cluster.name });
      expect(values.prometheus.prometheusSpec.replicaExternalLabelName, cluster.name).toBe('prometheus_replica');
      expect(values.grafana.enabled, cluster.name).toBe(cluster.role === 'hub');
      expect(values.prometheus.prometheusSpec.thanos, cluster.name).toEqual(cluster.addons.includes('thanos') ? SIDECAR : undefined);
    }
    expect(clusters.some((c) => c.delivery === 'gitops' && !c.addons.includes('kube-prometheus-stack'))).toBe(fleet === mixed.fleet);
  });

  it('GIVEN every spoke running thanos WHEN its values are built THEN its sidecar Service listens on the port of its address in platform.thanos.sidecarEndpoint', () => {
    const d = mutableDefinition();
    d.platform = { thanos: { sidecarEndpoint: '{cluster}.metrics.acme.io:443' }, externalSecrets: { store: { kind: 'vault', server: 'https://vault.acme.io:8200' } } };
    d.hub.addons = { 'kube-prometheus-stack': true, thanos: true, 'external-secrets': true };
    d.environments.prod.addons = { 'kube-prometheus-stack': true, thanos: true, 'external-secrets': true };
    const fleet = resolveFleet(d);
    for (const cluster of fleet.clusters.filter((c) => c.addons.includes('thanos'))) {
      expect((kubePrometheusStack.clusterValues!(fleet, cluster) as any).prometheus.thanosServiceExternal.port, cluster.name).toBe(443);
    }
  });
});

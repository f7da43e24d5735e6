/**
 * Fleet-level properties of the metrics add-ons, checked by iterating the
 * model and the synthesized objects: Query reads exactly the clusters that run
 * thanos, one failover alert per primary, and adding a cluster changes the
 * hub only where it must.
 */
import { describe, expect, it } from 'vitest';
import exampleDefinition from '../../fleet.config';
import { resolveFleet, type Fleet } from '../../model';
import { synthesize } from '../../outputs/synth';
import { FAILOVER_ALERT } from '../../stacks/monitoring/failover-alerts';
import type { KubeObject, Unit } from '../../stacks/rendered';
import { exampleFleet, exampleSynth } from '../helpers/example';

const HUB_SIDECAR = 'dns+kube-prometheus-stack-thanos-discovery.monitoring.svc:10901';
const STORE_GATEWAY = 'dns+thanos-store-gateway.monitoring.svc:10901';

const hubThanos = (units: readonly Unit[]): readonly KubeObject[] => units.find((u) => u.dir === 'hub/addons/thanos')!.objects;
const queryArgs = (units: readonly Unit[]): string[] => (hubThanos(units).find((o) => o.kind === 'Deployment' && o.metadata.name === 'thanos-query') as any).spec.template.spec.containers[0].args;
const endpointsOf = (units: readonly Unit[]): string[] => queryArgs(units).filter((a) => a.startsWith('--endpoint=')).map((a) => a.slice('--endpoint='.length));
const dashboardOf = (units: readonly Unit[]): any => JSON.parse((hubThanos(units).find((o) => o.metadata.name === 'fleet-overview') as any).data['fleet-overview.json']);

/** The example's definition with changes, resolved and synthesized. */
function variant(change: (d: any) => void): { fleet: Fleet; units: readonly Unit[] } {
  const d = structuredClone(exampleDefinition) as any;
  change(d);
  const fleet = resolveFleet(d);
  return { fleet, units: synthesize(fleet).rendered.units };
}

/** One more prod cluster, registered through IAM (no Cluster API objects), running the prod add-ons: kube-prometheus-stack and thanos among them. */
const NEW_CLUSTER = {
  name: 'prod-sa-east-1',
  environment: 'prod',
  region: 'sa-east-1',
  rolloutTier: 'general',
  provider: {
    kind: 'existing',
    server: 'https://0A1B2C3D4E5F60718293A4B5C6D7E8F9.gr7.sa-east-1.eks.amazonaws.com',
    auth: { kind: 'aws-iam', eksClusterName: 'acme-prod-sa-east-1', caData: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lCQURBS0JnZ3Foa2pPUFFRREFqQWpNU0V3SHdZRFZRUUREQmhyTXk1elpYSjIKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=' },
  },
  network: { podCidr: '10.107.0.0/16', serviceCidr: '172.20.112.0/20' },
};

describe('thanos: the hub reads exactly the clusters that run thanos', () => {
  it.each([
    ['the example', () => ({ fleet: exampleFleet, units: exampleSynth().rendered.units })],
    ['the example without thanos in staging', () => variant((d) => (d.environments.staging.addons.thanos = false))],
    ['the example with thanos off on one prod cluster', () => variant((d) => (d.clusters[3].addons = { thanos: false }))],
  ] as const)('GIVEN %s WHEN synthesized THEN Query\'s endpoints are the hub\'s sidecar, the store gateway and one sidecar per spoke running thanos', (_t, make) => {
    const { fleet, units } = make();
    const expected = [
      ...(fleet.hub.addons.includes('thanos') ? [HUB_SIDECAR] : []),
      STORE_GATEWAY,
      ...fleet.clusters.filter((c) => c.addons.includes('thanos')).map((c) => fleet.platform.thanos!.sidecarEndpoint.replace('{cluster}', c.name)),
    ];
    const endpoints = endpointsOf(units);
    expect(endpoints).toEqual(expected);
    expect(new Set(endpoints).size).toBe(endpoints.length);
    for (const cluster of fleet.clusters) {
      expect(endpoints.some((e) => e.includes(`.${cluster.name}.`)), cluster.name).toBe(cluster.addons.includes('thanos'));
    }
    expect(queryArgs(units)).toContain('--query.replica-label=prometheus_replica');
  });

  it('GIVEN the example WHEN synthesized THEN the fleet overview offers every cluster of the fleet', () => {
    const options = dashboardOf(exampleSynth().rendered.units).templating.list[0].options.map((o: any) => o.value);
    expect(options).toEqual([exampleFleet.hub.name, ...exampleFleet.clusters.map((c) => c.name)].sort());
  });
});

describe('thanos: one failover alert per primary', () => {
  const alertsOf = (units: readonly Unit[]): any[] => {
    const rule = hubThanos(units).find((o) => o.kind === 'PrometheusRule') as any;
    return rule ? rule.spec.groups.flatMap((g: any) => g.rules).filter((r: any) => r.alert === FAILOVER_ALERT) : [];
  };

  it('GIVEN the example WHEN synthesized THEN each cluster with a DR partner has exactly one alert on its API server, naming the partner', () => {
    const alerts = alertsOf(exampleSynth().rendered.units);
    const primaries = exampleFleet.clusters.filter((c) => c.drPartner !== undefined);
    expect(primaries.map((c) => c.name)).toEqual(['prod-us-east-1']);
    expect(alerts).toHaveLength(primaries.length);
    for (const primary of primaries) {
      const mine = alerts.filter((a) => a.labels.cluster === primary.name);
      expect(mine, primary.name).toHaveLength(1);
      expect(mine[0].expr).toBe(`absent(up{job="apiserver", cluster="${primary.name}"} == 1)`);
      expect(mine[0].labels).toEqual({ severity: 'critical', cluster: primary.name, dr_partner: primary.drPartner });
      expect(mine[0].annotations.summary).toBe(`The API server of ${primary.name} is down; its disaster-recovery partner is ${primary.drPartner}`);
      expect(mine[0].annotations.description).toContain(`fail over to ${primary.drPartner}`);
    }
  });

  it('GIVEN the example without DR partner WHEN synthesized THEN there is no failover rule and no ruler', () => {
    const { units } = variant((d) => delete d.clusters[2].drPartner);
    expect(alertsOf(units)).toEqual([]);
    expect(hubThanos(units).filter((o) => o.kind === 'ThanosRuler' || o.kind === 'PrometheusRule')).toEqual([]);
  });
});

describe('thanos: adding a cluster', () => {
  const before = exampleSynth().rendered.units;
  const after = variant((d) => {
    d.clusters.push(NEW_CLUSTER);
    d.services.find((s: any) => s.name === 'storefront').karmada.weights['sa-east-1'] = 1;
  });
  const hubUnits = (units: readonly Unit[]) => Object.fromEntries(units.filter((u) => u.target.scope === 'hub').map((u) => [u.dir, u.objects]));

  it('GIVEN the example and one more prod cluster running kube-prometheus-stack and thanos WHEN synthesized THEN Query gets exactly one more endpoint and the overview one more option', () => {
    expect(after.fleet.clusters.find((c) => c.name === NEW_CLUSTER.name)!.addons).toEqual(expect.arrayContaining(['kube-prometheus-stack', 'thanos']));
    const added = endpointsOf(after.units).filter((e) => !endpointsOf(before).includes(e));
    expect(added).toEqual(['thanos-sidecar.prod-sa-east-1.acme.io:10901']);
    expect(endpointsOf(after.units)).toHaveLength(endpointsOf(before).length + 1);
    const options = (units: readonly Unit[]) => dashboardOf(units).templating.list[0].options.map((o: any) => o.value);
    expect(options(after.units).filter((o: string) => !options(before).includes(o))).toEqual(['prod-sa-east-1']);
    expect(options(after.units)).toHaveLength(options(before).length + 1);
  });

  it('GIVEN the same change WHEN the hub\'s objects are compared THEN nothing else differs but the new cluster\'s registration', () => {
    const was = hubUnits(before);
    const now = hubUnits(after.units);
    expect(Object.keys(now).sort()).toEqual(Object.keys(was).sort());
    const withoutNew = (objects: readonly KubeObject[]): unknown =>
      JSON.parse(JSON.stringify(objects, (key, value) => {
        if (key === 'args' && Array.isArray(value)) return value.filter((a: string) => !a.includes(NEW_CLUSTER.name));
        if (key === 'fleet-overview.json') {
          const model = JSON.parse(value);
          const variable = model.templating.list[0];
          variable.options = variable.options.filter((o: any) => o.value !== NEW_CLUSTER.name);
          variable.query = variable.query.split(',').filter((c: string) => c !== NEW_CLUSTER.name).join(',');
          return model;
        }
        return value;
      }));
    for (const dir of Object.keys(was)) {
      if (dir === 'hub/registration') {
        const names = (objects: readonly KubeObject[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`);
        expect(names(now[dir]!).filter((n) => !names(was[dir]!).includes(n)), dir).toEqual([`Secret/cluster-${NEW_CLUSTER.name}`]);
        expect(now[dir]!.filter((o) => o.metadata.name !== `cluster-${NEW_CLUSTER.name}`), dir).toEqual(was[dir]);
        continue;
      }
      if (dir === 'hub/argocd') {
        // Registering the cluster makes it a destination of its environment's project: nothing of the metrics.
        const withoutDestination = (objects: readonly KubeObject[]) =>
          objects.map((o: any) => (o.kind === 'AppProject' ? { ...o, spec: { ...o.spec, destinations: o.spec.destinations?.filter((x: any) => x.name !== NEW_CLUSTER.name) } } : o));
        expect(withoutDestination(now[dir]!), dir).toEqual(withoutDestination(was[dir]!));
        continue;
      }
      if (dir === 'hub/addons/thanos') {
        expect(withoutNew(now[dir]!), dir).toEqual(withoutNew(was[dir]!));
        expect(now[dir], dir).not.toEqual(was[dir]);
        continue;
      }
      expect(now[dir], dir).toEqual(was[dir]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { addonLabel, CATALOG, resolveFleet } from '../../model';
import { synthesize } from '../../outputs/synth';
import { NGINX_INGRESS_CLASS } from '../../stacks/addons/ingress-nginx';
import { mutableDefinition } from '../helpers/definitions';
import { exampleFleet, exampleSynth } from '../helpers/example';
import { addonAppSet, running, syncedRunning, selectedBy, unitOf, valuesOf } from '../helpers/addons';

/** The test fleet's six spokes (every provider) running ingress-nginx; Prometheus on prod-eks only. */
function ingressDefinition(): any {
  const d = mutableDefinition();
  d.environments.dev.addons = { cilium: true, 'ingress-nginx': true };
  d.environments.prod.addons = { 'ingress-nginx': true };
  d.clusters[2].addons = { 'kube-prometheus-stack': true };
  return d;
}

const fleet = resolveFleet(ingressDefinition());
const out = synthesize(fleet);



const NLB = {
  type: 'LoadBalancer',
  externalTrafficPolicy: 'Local',
  annotations: {
    'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb',
    'service.beta.kubernetes.io/aws-load-balancer-backend-protocol': 'tcp',
    'service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled': 'true',
  },
};

describe('ingress-nginx: values', () => {
  it('GIVEN the chart pin WHEN read THEN it is the last release of the retired project', () => {
    expect(CATALOG['ingress-nginx'].chart).toEqual({ repoUrl: 'https://kubernetes.github.io/ingress-nginx', chart: 'ingress-nginx', version: '4.15.1' });
  });

  it('GIVEN any fleet WHEN synthesized THEN the base values make nginx the default IngressClass and turn metrics on', () => {
    expect(valuesOf(out, 'platform/ingress-nginx/base')).toEqual({
      controller: {
        ingressClassResource: { name: 'nginx', enabled: true, default: true, controllerValue: 'k8s.io/ingress-nginx' },
        ingressClass: 'nginx',
        metrics: { enabled: true },
      },
    });
  });

  it('GIVEN the production and non-production overlays WHEN synthesized THEN production autoscales from two replicas and the rest runs one', () => {
    expect(valuesOf(out, 'platform/ingress-nginx/overlays/prod')).toEqual({
      controller: { autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 10, targetCPUUtilizationPercentage: 70, targetMemoryUtilizationPercentage: 80 } },
    });
    expect(valuesOf(out, 'platform/ingress-nginx/overlays/dev')).toEqual({ controller: { replicaCount: 1, autoscaling: { enabled: false } } });
  });

  it.each([
    ['dev-aws', 'capi-aws', { service: NLB }],
    ['dev-docker', 'capi-docker', { service: { type: 'NodePort', nodePorts: { http: 30080, https: 30443 } } }],
    ['prod-eks', 'capi-aws-eks, with Prometheus', { service: NLB, metrics: { serviceMonitor: { enabled: true, additionalLabels: { release: 'kube-prometheus-stack' } } } }],
    ['prod-pulumi', 'pulumi-eks', { service: NLB }],
    ['prod-existing', 'existing EKS reached through IAM', { service: NLB }],
    ['prod-other', 'existing, registered through the secret store', { service: { type: 'LoadBalancer' } }],
  ])('GIVEN %s (%s) WHEN synthesized THEN its controller values are exact', (name, _why, controller) => {
    expect(valuesOf(out, `clusters/${name}/addons/ingress-nginx`)).toEqual({ controller });
  });

  it('GIVEN an EKS cluster of a production environment WHEN synthesized THEN its three value layers are as recorded', () => {
    expect(['platform/ingress-nginx/base', 'platform/ingress-nginx/overlays/prod', 'clusters/prod-eks/addons/ingress-nginx'].map((dir) => valuesOf(out, dir))).toMatchSnapshot();
  });
});

describe('ingress-nginx: delivery', () => {
  it('GIVEN the HPA-managed controller WHEN the ApplicationSet is rendered THEN Argo CD ignores and keeps the Deployment replicas, and syncs no objects of its own', () => {
    const template = addonAppSet(out, 'ingress-nginx').spec.template.spec;
    expect(template.ignoreDifferences).toEqual([{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }]);
    expect(template.syncPolicy.syncOptions).toEqual(['CreateNamespace=true', 'RespectIgnoreDifferences=true']);
    expect(template.sources.map((s: any) => s.chart ?? s.ref ?? s.path)).toEqual(['ingress-nginx', 'values']);
  });

  it('GIVEN the fleet WHEN the ApplicationSet selector is applied to the registrations THEN it selects exactly the clusters that run ingress-nginx', () => {
    expect(selectedBy(out, 'ingress-nginx', fleet)).toEqual(syncedRunning(fleet, 'ingress-nginx').map((c) => c.name).sort());
    for (const cluster of [fleet.hub, ...fleet.clusters]) {
      expect(cluster.labels[addonLabel('ingress-nginx')], cluster.name).toBe(cluster.addons.includes('ingress-nginx') ? 'true' : undefined);
    }
  });

  it("GIVEN the example fleet WHEN synthesized THEN the selector picks exactly its ingress clusters, and cert-manager's HTTP-01 solver uses the class the controller serves", () => {
    const example = exampleSynth();
    expect(selectedBy(example, 'ingress-nginx', exampleFleet)).toEqual(syncedRunning(exampleFleet, 'ingress-nginx').map((c) => c.name).sort());
    expect(running(exampleFleet, 'ingress-nginx').filter((c) => c.addons.includes('cert-manager')).length).toBeGreaterThan(0);
    const issuer = unitOf(example, 'platform/cert-manager/base')!.objects.find((x) => x.kind === 'ClusterIssuer' && x.metadata.name === 'letsencrypt') as any;
    expect(issuer.spec.acme.solvers.map((s: any) => s.http01.ingress.ingressClassName)).toEqual([NGINX_INGRESS_CLASS]);
    expect((valuesOf(example, 'platform/ingress-nginx/base') as any).controller.ingressClassResource).toMatchObject({ name: NGINX_INGRESS_CLASS, default: true });
  });

  it('GIVEN every cluster running ingress-nginx WHEN synthesized THEN its Service matches its infrastructure, and only clusters with Prometheus get a ServiceMonitor', () => {
    for (const cluster of running(fleet, 'ingress-nginx')) {
      const controller = (valuesOf(out, `clusters/${cluster.name}/addons/ingress-nginx`) as any).controller;
      const onAws = ['capi-aws', 'capi-aws-eks', 'pulumi-eks'].includes(cluster.provider.kind) || (cluster.provider.kind === 'existing' && cluster.provider.auth.kind === 'aws-iam');
      expect(controller.service.annotations?.['service.beta.kubernetes.io/aws-load-balancer-type'], cluster.name).toBe(onAws ? 'nlb' : undefined);
      expect(controller.service.type, cluster.name).toBe(cluster.provider.kind === 'capi-docker' ? 'NodePort' : 'LoadBalancer');
      expect(controller.metrics?.serviceMonitor?.enabled === true, cluster.name).toBe(cluster.addons.includes('kube-prometheus-stack'));
    }
  });
});

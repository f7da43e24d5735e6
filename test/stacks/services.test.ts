import { describe, expect, it } from 'vitest';
import { resolveFleet, type Fleet } from '../../model';
import { synthesize } from '../../outputs/synth';
import type { KubeObject } from '../../stacks/rendered';
import { serviceUnits } from '../../stacks/services/units';
import { validDefinition } from '../helpers/definitions';
import { servicesDefinition } from '../helpers/services';

const fleet: Fleet = resolveFleet(servicesDefinition());
const { rendered, files } = synthesize(fleet);
const unit = (dir: string) => rendered.units.find((u) => u.dir === dir);
const objects = (dir: string): any[] => [...(unit(dir)?.objects ?? [])];
const names = (list: readonly KubeObject[]) => list.map((o) => `${o.kind}/${o.metadata.name}`).sort();

describe('services delivered by Argo CD: folders and ApplicationSets', () => {
  it('GIVEN three services WHEN synthesized THEN each has a base and one overlay per environment it runs in, and the hub folder holds their ApplicationSets', () => {
    expect(rendered.units.map((u) => u.dir).filter((d) => d === 'services' || d.startsWith('services/'))).toEqual([
      'services',
      'services/catalog/base',
      'services/catalog/overlays/dev',
      'services/checkout/base',
      'services/checkout/overlays/dev',
      'services/checkout/overlays/prod',
      'services/search/base',
      'services/search/overlays/prod',
    ]);
    expect(unit('services')!.target).toEqual({ scope: 'hub', cluster: 'management' });
    expect(names(objects('services'))).toEqual(['ApplicationSet/catalog', 'ApplicationSet/checkout', 'ApplicationSet/search']);
    expect(unit('hub')!.includes).toContain('services');
    expect(unit('services/checkout/overlays/prod')!.includes).toEqual(['services/checkout/base']);
    expect(files.get('services/checkout/overlays/dev/kustomization.yaml')).toContain('resources:\n  - ../../base\n');
  });

  it('GIVEN a canary with a host WHEN synthesized THEN its base holds the Rollout, its three Services, the Ingress and the AnalysisTemplate', () => {
    expect(names(objects('services/checkout/base'))).toEqual([
      'AnalysisTemplate/checkout-success-rate',
      'Ingress/checkout',
      'NetworkPolicy/checkout',
      'Rollout/checkout',
      'Service/checkout',
      'Service/checkout-canary',
      'Service/checkout-stable',
    ]);
  });

  it('GIVEN a canary without a host WHEN synthesized THEN a ServiceMonitor scrapes the Service every pod is behind, tagging series with the pods\' template hash', () => {
    expect(names(objects('services/search/base'))).toEqual([
      'AnalysisTemplate/search-success-rate',
      'NetworkPolicy/search',
      'Rollout/search',
      'Service/search',
      'Service/search-canary',
      'Service/search-stable',
      'ServiceMonitor/search',
    ]);
    const monitor = objects('services/search/base').find((o) => o.kind === 'ServiceMonitor');
    expect(monitor.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'fleetwright', release: 'kube-prometheus-stack' });
    expect(monitor.spec).toEqual({
      selector: { matchLabels: { 'app.kubernetes.io/name': 'search' } },
      namespaceSelector: { matchNames: ['search'] },
      endpoints: [{ port: 'http' }],
      podTargetLabels: ['rollouts-pod-template-hash'],
    });
    // It selects only the Service in front of all pods: every pod is scraped once.
    const selected = objects('services/search/base').filter((o) => o.kind === 'Service' && o.metadata.labels?.['app.kubernetes.io/name'] === 'search');
    expect(selected.map((s) => s.metadata.name)).toEqual(['search']);
  });

  it('GIVEN a plain service WHEN synthesized THEN its base is a Deployment and its Service, without Argo Rollouts objects', () => {
    expect(names(objects('services/catalog/base'))).toEqual(['Deployment/catalog', 'NetworkPolicy/catalog', 'Service/catalog']);
    expect(objects('services/catalog/base').find((o) => o.kind === 'Deployment').spec.replicas).toBe(2);
  });

  it('GIVEN every canary WHEN its Rollout is read THEN its stable and canary Services, Ingress backend, analysis template and arguments point at objects of its base', () => {
    for (const service of fleet.services.filter((s) => s.canary)) {
      const base = objects(`services/${service.name}/base`);
      const rollout = base.find((o) => o.kind === 'Rollout');
      const canary = rollout.spec.strategy.canary;
      const serviceNames = base.filter((o) => o.kind === 'Service').map((o) => o.metadata.name);
      expect(serviceNames, service.name).toContain(canary.stableService);
      expect(serviceNames, service.name).toContain(canary.canaryService);
      const template = base.find((o) => o.kind === 'AnalysisTemplate');
      expect(canary.analysis.templates, service.name).toEqual([{ templateName: template.metadata.name }]);
      expect(canary.analysis.args.map((a: any) => a.name), service.name).toEqual(template.spec.args.map((a: any) => a.name));
      expect(template.spec.metrics[0].provider.prometheus.address, service.name).toBe('http://kube-prometheus-stack-prometheus.monitoring.svc:9090');
      if (service.canary!.host) {
        const ingress = base.find((o) => o.kind === 'Ingress');
        const backend = ingress.spec.rules[0].http.paths[0].backend.service;
        expect(canary.trafficRouting, service.name).toEqual({ nginx: { stableIngress: ingress.metadata.name } });
        expect(backend.name, service.name).toBe(canary.stableService);
        // ingress-nginx names the canary backend <namespace>-<service>-<port>.
        const port = base.find((o) => o.kind === 'Service' && o.metadata.name === canary.canaryService).spec.ports[0].port;
        expect(canary.analysis.args.find((a: any) => a.name === 'canary-upstream').value, service.name).toBe(`${service.namespace}-${canary.canaryService}-${port}`);
      } else {
        expect(canary.trafficRouting, service.name).toBeUndefined();
      }
    }
  });

  it('GIVEN production and non-production environments WHEN the overlays are rendered THEN only production overlays add a disruption budget', () => {
    expect(names(objects('services/checkout/overlays/dev'))).toEqual([]);
    expect(names(objects('services/catalog/overlays/dev'))).toEqual([]);
    const pdb = objects('services/checkout/overlays/prod').find((o) => o.kind === 'PodDisruptionBudget');
    expect(pdb.metadata).toMatchObject({ name: 'checkout', namespace: 'shop' });
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'checkout' } } });
    expect(names(objects('services/search/overlays/prod'))).toEqual(['PodDisruptionBudget/search']);
  });

  it('GIVEN a service WHEN its ApplicationSet is rendered THEN it selects the spokes of its environments but standbys, syncs its environment overlay into its namespace wave by wave', () => {
    const set = objects('services').find((o) => o.metadata.name === 'search');
    expect(set.metadata.namespace).toBe('argocd');
    expect(set.spec.generators).toEqual([
      {
        clusters: {
          selector: {
            matchLabels: { 'fleetwright.io/fleet': 'acme', 'fleetwright.io/role': 'spoke' },
            matchExpressions: [
              { key: 'env', operator: 'In', values: ['prod'] },
              { key: 'fleetwright.io/standby', operator: 'DoesNotExist' },
            ],
          },
        },
      },
    ]);
    expect(set.spec.strategy).toEqual({
      type: 'RollingSync',
      deletionOrder: 'Reverse',
      rollingSync: {
        steps: [
          { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }], maxUpdate: '100%' },
          { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }], maxUpdate: '100%' },
        ],
      },
    });
    // Production clusters: the Applications are kept when the generator transiently returns nothing.
    expect(set.spec.syncPolicy).toEqual({ preserveResourcesOnDeletion: true, applicationsSync: 'create-update' });
    expect(set.spec.template.metadata).toEqual({
      name: 'search-{{ .name }}',
      labels: {
        'fleetwright.io/service': 'search',
        env: '{{ index .metadata.labels "env" }}',
        'fleetwright.io/role': '{{ index .metadata.labels "fleetwright.io/role" }}',
      },
    });
    expect(set.spec.template.spec.project).toBe('{{ index .metadata.labels "env" }}');
    expect(set.spec.template.spec.source).toEqual({
      repoURL: 'https://github.com/acme/fleet.git',
      targetRevision: 'main',
      path: 'gitops/services/search/overlays/{{ index .metadata.labels "env" }}',
    });
    expect(set.spec.template.spec.destination).toEqual({ name: '{{ .name }}', namespace: 'search' });
    expect(set.spec.template.spec.syncPolicy.syncOptions).toEqual(['CreateNamespace=true']);
    expect(set.spec.template.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
  });

  it('GIVEN a service of non-production environments only WHEN its ApplicationSet is rendered THEN it does not keep its Applications (keepApplications: production)', () => {
    expect(objects('services').find((o) => o.metadata.name === 'catalog').spec.syncPolicy).toEqual({ preserveResourcesOnDeletion: true });
  });

  it('GIVEN the services WHEN the hub AppProjects are rendered THEN every environment project may deploy the fleet repository to its clusters in any namespace', () => {
    const projects = objects('hub/argocd').filter((o) => o.kind === 'AppProject' && (o.metadata.name === 'dev' || o.metadata.name === 'prod'));
    for (const project of projects) {
      expect(project.spec.sourceRepos, project.metadata.name).toContain('https://github.com/acme/fleet.git');
      expect(project.spec.destinations.every((d: any) => d.namespace === '*'), project.metadata.name).toBe(true);
    }
  });

  it('GIVEN the representative canary behind ingress-nginx WHEN synthesized THEN its base and ApplicationSet match the snapshot', () => {
    const checkout = [...files].filter(([path]) => path.startsWith('services/checkout/') || path === 'services/applicationset-checkout.yaml');
    expect(Object.fromEntries(checkout)).toMatchSnapshot();
  });

  it('GIVEN a fleet without services WHEN synthesized THEN there is no services folder and the hub does not include one', () => {
    const plain = resolveFleet(validDefinition());
    expect(serviceUnits(plain)).toEqual([]);
    expect(synthesize(plain).rendered.units.find((u) => u.dir === 'hub')!.includes).not.toContain('services');
  });

  it('GIVEN only a service Karmada propagates WHEN the per-cluster units are rendered THEN none is: Karmada services are rendered elsewhere', () => {
    const karmada = resolveFleet({ ...validDefinition(), services: [{ name: 'inventory', image: 'ghcr.io/acme/inventory:1.0.0', port: 8080, replicas: 6, delivery: 'karmada' }] });
    expect(serviceUnits(karmada)).toEqual([]);
  });
});

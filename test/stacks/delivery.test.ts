/**
 * clusterDelivery: what each cluster receives, engine-neutral. Exact
 * components for the hub, a kubeadm spoke with Cilium, an EKS spoke and a
 * standby; agreement with what Argo CD's ApplicationSets and Flux's objects
 * deliver; and, for every cluster of every fleet of the tests, an order that
 * puts dependencies, CRDs and namespaces first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOG, repoPath, type Fleet } from '../../model';
import { FolderTargets } from '../../outputs/api-versions';
import type { AddonCluster } from '../../stacks/addons/spi';
import { BUILT_IN_GROUPS, clusterDelivery, folderBuild, kindSource, type ClusterDelivery, type DeliveryComponent, type ExternalComponent, type FolderComponent, type KindSource } from '../../stacks/delivery';
import { orderComponents } from '../../stacks/delivery/order';
import { appPlacements } from '../../stacks/delivery/placements';
import { registrations, render } from '../engines/orders';
import { CRDS } from '../helpers/conformance';
import { DELIVERY_FLEET_NAMES, deliveryFleet } from '../helpers/delivery-fleets';

const example = deliveryFleet('the example fleet');
const clusterOf = (fleet: Fleet, name: string): AddonCluster => (fleet.hub.name === name ? fleet.hub : fleet.clusters.find((c) => c.name === name)!);
const deliveryOf = (cluster: string, of = example): ClusterDelivery => clusterDelivery(of.fleet, of.output.rendered.units, clusterOf(of.fleet, cluster));
/** Each component as `id ← after…`. */
const steps = (d: ClusterDelivery) => d.components.map((c) => (c.after.length === 0 ? c.id : `${c.id} ← ${c.after.join(', ')}`));
const source = (s: KindSource) => (s.by === 'addon' ? `add-on ${s.addon}` : s.platform);
const only = (d: ClusterDelivery, id: string): DeliveryComponent => d.components.find((c) => c.id === id)!;
/** JSON with sorted keys. */
const sortedJson = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));

/** The default-deny NetworkPolicy an app's Applications apply from the fleet repository, as `clusterDelivery` lists it. */
function appPolicy(app: string) {
  const name = `${app}-default-deny`;
  return {
    networkPolicy: {
      folder: `apps/${app}/network-policy`,
      objects: [expect.objectContaining({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, labels: expect.objectContaining({ 'fleetwright.io/app': app }) } })],
    },
  };
}

describe('clusterDelivery: exact components', () => {
  it('GIVEN the example hub WHEN its delivery is asked THEN its tree follows the charts its objects need, and Karmada\'s folder is an external reference', () => {
    const hub = deliveryOf('management');
    expect(hub.role).toBe('hub');
    expect(steps(hub)).toEqual([
      'addon/cert-manager/chart',
      'addon/cert-manager/objects ← addon/cert-manager/chart',
      'addon/kube-prometheus-stack/chart',
      // external-secrets' chart has a ServiceMonitor switched on.
      'addon/external-secrets/chart ← addon/kube-prometheus-stack/chart',
      // ThanosRuler, PrometheusRule, ServiceMonitor; ExternalSecret and ClusterSecretStore; the monitoring and external-secrets namespaces.
      'hub ← addon/kube-prometheus-stack/chart, addon/external-secrets/chart',
      'addon/external-secrets/objects ← addon/external-secrets/chart',
      'addon/thanos/objects ← addon/kube-prometheus-stack/chart, addon/external-secrets/chart, addon/external-secrets/objects',
      'karmada',
    ]);
    expect(only(hub, 'hub')).toMatchObject({ kind: 'folder', role: 'entry', folder: 'clusters/management', application: 'fleet-root', namespace: 'argocd', createNamespace: false });
    expect(only(hub, 'karmada')).toMatchObject({ kind: 'external', role: 'karmada', repoUrl: 'https://github.com/acme/fleet.git', revision: 'main', path: 'gitops/hub/karmada', folder: 'hub/karmada', server: example.fleet.karmada.server });
    expect(hub.prerequisites.namespaces).toEqual([{ namespace: 'argocd', neededBy: ['hub'] }]);
    expect(new Set(hub.prerequisites.kinds.map((k) => `${k.group}/${k.kind}: ${source(k.source)}`))).toEqual(
      new Set([
        ...['AppProject', 'Application', 'ApplicationSet'].map((k) => `argoproj.io/${k}: argo-cd`),
        ...hub.prerequisites.kinds.filter((k) => k.group.endsWith('cluster.x-k8s.io')).map((k) => `${k.group}/${k.kind}: cluster-api`),
      ]),
    );
    expect(hub.prerequisites.kinds.filter((k) => k.group.endsWith('cluster.x-k8s.io')).map((k) => k.kind)).toContain('AWSManagedControlPlane');
  });

  it('GIVEN the example\'s kubeadm spoke dev-us-east-1 WHEN its delivery is asked THEN it gets its entry folder and each add-on\'s chart and objects (Cilium included); as a Pulumi-delivered cluster it runs no app', () => {
    const dev = deliveryOf('dev-us-east-1');
    expect(steps(dev)).toEqual([
      'cluster-config',
      'addon/cert-manager/chart',
      'addon/cert-manager/objects ← addon/cert-manager/chart',
      'addon/cilium/chart',
      'addon/cilium/objects ← addon/cilium/chart',
      'addon/kube-prometheus-stack/chart',
      'addon/external-secrets/chart ← addon/kube-prometheus-stack/chart',
      'addon/external-secrets/objects ← addon/external-secrets/chart',
      'addon/ingress-nginx/chart ← addon/kube-prometheus-stack/chart',
      'addon/velero/chart ← addon/kube-prometheus-stack/chart',
      // Velero's AWS credentials come through an ExternalSecret on a kubeadm cluster.
      'addon/velero/objects ← addon/external-secrets/chart, addon/velero/chart',
    ]);
    expect(dev.prerequisites).toEqual({ kinds: [], namespaces: [] });
    const { values, ...cilium } = only(dev, 'addon/cilium/chart') as Extract<DeliveryComponent, { kind: 'chart' }>;
    expect(cilium).toEqual({
      kind: 'chart',
      id: 'addon/cilium/chart',
      application: 'cilium-dev-us-east-1',
      addon: 'cilium',
      repoUrl: 'https://helm.cilium.io',
      chart: 'cilium',
      version: '1.20.2',
      oci: false,
      releaseName: 'cilium',
      namespace: 'kube-system',
      createNamespace: true,
      serverSideApply: false,
      ignoreDifferences: [],
      after: [],
      needs: { namespaces: [], kinds: [] },
    });
    expect(values).toMatchObject({ cluster: { name: 'dev-us-east-1' }, ipam: { mode: 'cluster-pool', operator: { clusterPoolIPv4PodCIDRList: ['10.101.0.0/16'] } } });
    expect(only(dev, 'addon/ingress-nginx/chart')).toMatchObject({ ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }] });
    expect(only(dev, 'addon/kube-prometheus-stack/chart')).toMatchObject({ serverSideApply: true });
    expect(only(dev, 'cluster-config')).toMatchObject({ folder: 'clusters/dev-us-east-1', application: 'cluster-config-dev-us-east-1', namespace: 'fleet-system', createNamespace: true });
    // The web app's previews run on staging-us-east-1.
    expect(only(deliveryOf('staging-us-east-1'), 'preview/web')).toEqual({
      kind: 'external',
      id: 'preview/web',
      application: 'web-previews',
      after: [],
      role: 'preview',
      reason: 'one Application per open pull request, known only when Argo CD\'s pull request generator lists them, each deploying its head commit',
      repoUrl: 'https://github.com/acme/web.git',
      revision: '{{ .head_sha }}',
      path: 'deploy/preview',
      namespace: 'web-pr-{{ .number }}',
      app: 'web',
      folder: 'apps/web/preview',
      ...appPolicy('web'),
    });
  });

  it('GIVEN the example\'s EKS spoke prod-eu-west-1 WHEN its delivery is asked THEN the canary service follows Argo Rollouts\' chart and the apps are external references', () => {
    const eks = deliveryOf('prod-eu-west-1');
    expect(eks.components.map((c) => c.id)).toEqual([
      'cluster-config',
      'addon/cert-manager/chart',
      'addon/cert-manager/objects',
      'addon/kube-prometheus-stack/chart',
      'addon/argo-rollouts/chart',
      'addon/external-dns/chart',
      'addon/external-dns/objects',
      'addon/external-secrets/chart',
      'addon/external-secrets/objects',
      'addon/ingress-nginx/chart',
      'addon/kyverno/chart',
      'addon/kyverno/objects',
      'addon/velero/chart',
      'addon/velero/objects',
      'addon/thanos/objects',
      'service/checkout',
      'app/payments-api',
      'app/web',
    ]);
    const { objects, ...checkout } = only(eks, 'service/checkout') as Extract<DeliveryComponent, { kind: 'folder' }>;
    expect(checkout).toEqual({
      kind: 'folder',
      id: 'service/checkout',
      application: 'checkout-prod-eu-west-1',
      role: 'service',
      folder: 'services/checkout/overlays/prod',
      namespace: 'checkout',
      createNamespace: true,
      namespaceLabels: { 'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' },
      service: 'checkout',
      after: ['addon/argo-rollouts/chart'],
      needs: {
        namespaces: [],
        kinds: [
          { group: 'argoproj.io', kind: 'AnalysisTemplate', source: { by: 'addon', addon: 'argo-rollouts' } },
          { group: 'argoproj.io', kind: 'Rollout', source: { by: 'addon', addon: 'argo-rollouts' } },
        ],
      },
    });
    expect(objects.map((o) => `${o.kind} ${o.metadata.name}`)).toEqual([
      'NetworkPolicy checkout',
      'AnalysisTemplate checkout-success-rate',
      'Service checkout',
      'Service checkout-stable',
      'Service checkout-canary',
      'Ingress checkout',
      'Rollout checkout',
      'PodDisruptionBudget checkout',
    ]);
    expect(only(eks, 'app/payments-api')).toEqual({
      kind: 'external',
      id: 'app/payments-api',
      application: 'payments-api-prod-eu-west-1',
      after: [],
      role: 'app',
      reason: 'deployed from the app\'s own repository, which fleetwright does not render',
      repoUrl: 'https://github.com/acme/payments-api.git',
      revision: 'main',
      path: 'deploy/overlays/prod',
      namespace: 'payments',
      app: 'payments-api',
      ...appPolicy('payments-api'),
    });
  });

  it('GIVEN the example\'s standby prod-us-west-2 WHEN its delivery is asked THEN it gets its primary\'s apps as DR copies, and no service or app of its own', () => {
    const standby = deliveryOf('prod-us-west-2');
    expect(standby.components.filter((c) => c.kind === 'external' || c.id.startsWith('service/')).map((c) => c.id)).toEqual(['dr/payments-api/prod-us-east-1', 'dr/web/prod-us-east-1']);
    expect(only(standby, 'dr/web/prod-us-east-1')).toEqual({
      kind: 'external',
      id: 'dr/web/prod-us-east-1',
      application: 'web-prod-us-east-1-dr',
      after: [],
      role: 'dr-copy',
      reason: 'deployed from the app\'s own repository, which fleetwright does not render; the primary\'s configuration, with every Deployment scaled to 1 by a kustomize patch Argo CD applies',
      repoUrl: 'https://github.com/acme/web.git',
      revision: 'main',
      path: 'deploy/overlays/prod',
      namespace: 'web',
      app: 'web',
      primary: 'prod-us-east-1',
      replicas: 1,
      ...appPolicy('web'),
    });
  });

  it('GIVEN an app whose services are folders WHEN its clusters and its standby are asked THEN each gets one reference with the Git directory generator\'s templates', () => {
    const apps = deliveryFleet('the fleet with every app shape');
    const tools = { repoUrl: 'https://github.com/acme/tools.git', revision: 'main', path: '{{ .path.path }}/overlays/prod', namespace: '{{ .path.basenameNormalized }}', app: 'tools', serviceDirectories: 'services/*' };
    const folders = 'its services are the folders Argo CD\'s Git directory generator finds at sync time';
    expect(only(deliveryOf('prod-eks', apps), 'app/tools')).toEqual({
      kind: 'external',
      id: 'app/tools',
      application: 'tools',
      after: [],
      role: 'app',
      reason: `deployed from the app's own repository, which fleetwright does not render; ${folders}`,
      ...tools,
      ...appPolicy('tools'),
    });
    expect(only(deliveryOf('prod-standby', apps), 'dr/tools/prod-eks')).toEqual({
      kind: 'external',
      id: 'dr/tools/prod-eks',
      application: 'tools-dr',
      after: [],
      role: 'dr-copy',
      reason: `deployed from the app's own repository, which fleetwright does not render; the primary's configuration, with every Deployment scaled to 1 by a kustomize patch Argo CD applies; ${folders}`,
      primary: 'prod-eks',
      replicas: 1,
      ...tools,
      ...appPolicy('tools'),
    });
  });

  it('GIVEN the test fleet, whose hub runs no add-on WHEN the hub\'s delivery is asked THEN the External Secrets kinds and namespace its registrations use are prerequisites', () => {
    const test = deliveryFleet('the test fleet with every provider');
    const hub = deliveryOf('management', test);
    expect(hub.components.map((c) => c.id)).toEqual(['hub']);
    expect(hub.prerequisites.kinds.filter((k) => k.source.by === 'addon')).toEqual([
      { group: 'external-secrets.io', kind: 'ClusterSecretStore', source: { by: 'addon', addon: 'external-secrets' }, neededBy: ['hub'] },
      { group: 'external-secrets.io', kind: 'ExternalSecret', source: { by: 'addon', addon: 'external-secrets' }, neededBy: ['hub'] },
    ]);
    expect(hub.prerequisites.namespaces).toEqual([
      { namespace: 'argocd', neededBy: ['hub'] },
      { namespace: 'external-secrets', neededBy: ['hub'] },
    ]);
  });
});

describe('clusterDelivery agrees with the engines', () => {
  it('GIVEN the engine test fleet for both engines WHEN every chart\'s values are compared with the Flux HelmRelease of the same cluster THEN they are equal, as are release name and namespace', () => {
    const { fleet, output } = deliveryFleet('the engine test fleet for both engines');
    const releases = new Map(output.rendered.units.flatMap((u) => u.objects.filter((o) => o.kind === 'HelmRelease').map((o: any) => [o.metadata.name as string, o])));
    let compared = 0;
    for (const cluster of [fleet.hub, ...fleet.clusters]) {
      for (const c of clusterDelivery(fleet, output.rendered.units, cluster).components) {
        if (c.kind !== 'chart') continue;
        const release = releases.get(c.application);
        expect(release?.spec.values, c.application).toEqual(c.values);
        expect([release.spec.releaseName, release.spec.targetNamespace]).toEqual([c.releaseName, c.namespace]);
        compared++;
      }
    }
    expect(compared).toBe(releases.size);
    expect(compared).toBeGreaterThan(10);
  });

  it('GIVEN the engine test fleet for both engines WHEN each spoke\'s services, apps and DR copies are compared with its Flux Kustomizations THEN names and paths are the same', () => {
    const { fleet, output } = deliveryFleet('the engine test fleet for both engines');
    for (const cluster of fleet.clusters) {
      const unit = output.rendered.units.find((u) => u.dir === `hub/flux/clusters/${cluster.name}`)!;
      const flux = unit.objects
        .filter((o: any) => o.kind === 'Kustomization' && o.spec.targetNamespace !== undefined)
        // Flux writes paths relative to the source's root, `./<path>`.
        .map((o: any) => `${o.metadata.name} ${o.spec.path.replace(/^\.\//, '') || '.'} ${o.spec.targetNamespace}`);
      const delivered = clusterDelivery(fleet, output.rendered.units, cluster)
        .components.filter((c): c is FolderComponent | ExternalComponent => c.kind === 'external' || (c.kind === 'folder' && c.role === 'service'))
        .flatMap((c) => [
          `${c.application} ${c.kind === 'folder' ? repoPath(fleet, c.folder) : c.path} ${c.namespace}`,
          // An app's policy: a second source of its Application, a Kustomization of its own for Flux.
          ...(c.kind === 'external' && c.networkPolicy ? [`${c.application}-netpol ${repoPath(fleet, c.networkPolicy.folder)} ${c.namespace}`] : []),
        ]);
      expect(delivered.sort(), cluster.name).toEqual(flux.sort());
    }
  });

  it.each(DELIVERY_FLEET_NAMES.filter((n) => !n.includes('Flux')))('GIVEN %s WHEN every add-on ApplicationSet is generated for the registered clusters THEN each cluster\'s charts and objects folders are what its Applications sync', (name) => {
    const { fleet, output } = deliveryFleet(name);
    const sets = output.rendered.units.find((u) => u.dir === 'hub/addons')?.objects ?? [];
    for (const registration of registrations(output.rendered.units).filter((r) => r.name !== 'karmada')) {
      const params = { name: registration.name, metadata: { labels: registration.labels, annotations: registration.annotations } };
      const expected: string[] = [];
      for (const set of sets as any[]) {
        const selector = set.spec.generators[0].clusters.selector.matchLabels as Record<string, string>;
        if (!Object.entries(selector).every(([k, v]) => registration.labels[k] === v)) continue;
        const spec = set.spec.template.spec;
        const addon = set.metadata.name.replace(/^addon-/, '');
        for (const s of spec.sources ?? [spec.source]) {
          if (s.chart) {
            const ssa = (spec.syncPolicy.syncOptions as string[]).includes('ServerSideApply=true');
            expected.push(`chart ${addon} ${s.repoURL} ${s.chart} ${s.targetRevision} ${s.helm.releaseName} ${spec.destination.namespace} ssa=${ssa} ignore=${sortedJson(spec.ignoreDifferences ?? [])}`);
          } else if (s.path) expected.push(`objects ${addon} ${render(s.path, params)} ${spec.destination.namespace}`);
        }
      }
      const delivered = clusterDelivery(fleet, output.rendered.units, clusterOf(fleet, registration.name)).components.flatMap((c) => {
        if (c.kind === 'chart') return [`chart ${c.addon} ${c.repoUrl} ${c.chart} ${c.version} ${c.releaseName} ${c.namespace} ssa=${c.serverSideApply} ignore=${sortedJson(c.ignoreDifferences)}`];
        if (c.kind === 'folder' && c.role === 'addon-objects') return [`objects ${c.addon} ${repoPath(fleet, c.folder)} ${c.namespace}`];
        return [];
      });
      expect(delivered.sort(), registration.name).toEqual(expected.sort());
    }
  });

  it.each(DELIVERY_FLEET_NAMES)('GIVEN %s WHEN every folder a cluster receives is looked up in the API version check\'s targets THEN the cluster is among them', (name) => {
    const { fleet, output } = deliveryFleet(name);
    const targets = new FolderTargets(fleet, output.rendered.units);
    const missing: string[] = [];
    for (const cluster of [fleet.hub, ...fleet.clusters]) {
      for (const c of clusterDelivery(fleet, output.rendered.units, cluster).components) {
        if (c.kind !== 'folder') continue;
        for (const folder of new Set(folderBuild(output.rendered.units, c.folder).map((e) => e.folder))) {
          if (!targets.of(folder).some((t) => t.name === cluster.name)) missing.push(`${cluster.name}: ${folder}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

/** Every way the order of `d` breaks a dependency of the cluster. */
function orderProblems(fleet: Fleet, d: ClusterDelivery): string[] {
  const cluster = clusterOf(fleet, d.cluster);
  const position = new Map(d.components.map((c, i) => [c.id, i]));
  const addonOf = (c: DeliveryComponent) => (c.kind === 'chart' ? c.addon : c.kind === 'folder' ? c.addon : undefined);
  const problems: string[] = [];
  d.components.forEach((c, i) => {
    for (const a of c.after) if (!(position.get(a)! < i)) problems.push(`${d.cluster}: ${c.id} is not after ${a}`);
    const addon = addonOf(c);
    for (const dep of addon ? CATALOG[addon].dependsOn : []) {
      for (const other of d.components.filter((o) => addonOf(o) === dep.name)) {
        if (position.get(other.id)! > i) problems.push(`${d.cluster}: ${c.id} comes before ${other.id}, of the add-on it depends on`);
      }
    }
    if (c.kind === 'external') return;
    for (const need of c.needs.kinds) {
      if (need.source.by !== 'addon' || !cluster.addons.includes(need.source.addon) || need.source.addon === addon) continue;
      const chart = position.get(`addon/${need.source.addon}/chart`);
      if (!(chart! < i)) problems.push(`${d.cluster}: ${c.id} uses ${need.kind} before the chart of ${need.source.addon} installs its CRD`);
    }
  });
  return problems;
}

describe('clusterDelivery: order', () => {
  it.each(DELIVERY_FLEET_NAMES)('GIVEN %s WHEN every cluster\'s delivery is asked THEN every component comes after its dependencies, the charts of the CRDs it uses and what it names in `after`', (name) => {
    const { fleet, output } = deliveryFleet(name);
    const problems = [fleet.hub, ...fleet.clusters].flatMap((c) => orderProblems(fleet, clusterDelivery(fleet, output.rendered.units, c)));
    expect(problems).toEqual([]);
  });

  it('GIVEN a delivery with thanos\' objects moved before kube-prometheus-stack WHEN checked THEN the broken dependency is reported, so the check can fail', () => {
    const d = deliveryOf('prod-eu-west-1');
    const thanos = d.components.find((c) => c.id === 'addon/thanos/objects')!;
    const moved = { ...d, components: [thanos, ...d.components.filter((c) => c !== thanos)] };
    expect(orderProblems(example.fleet, moved)).toEqual([
      'prod-eu-west-1: addon/thanos/objects is not after addon/kube-prometheus-stack/chart',
      'prod-eu-west-1: addon/thanos/objects is not after addon/external-secrets/chart',
      'prod-eu-west-1: addon/thanos/objects is not after addon/external-secrets/objects',
      'prod-eu-west-1: addon/thanos/objects comes before addon/kube-prometheus-stack/chart, of the add-on it depends on',
      'prod-eu-west-1: addon/thanos/objects comes before addon/external-secrets/chart, of the add-on it depends on',
      'prod-eu-west-1: addon/thanos/objects comes before addon/external-secrets/objects, of the add-on it depends on',
      'prod-eu-west-1: addon/thanos/objects uses ExternalSecret before the chart of external-secrets installs its CRD',
    ]);
  });

  it('GIVEN two folders that each create the namespace the other\'s objects are in WHEN ordered THEN the cycle is refused with both components', () => {
    const folder = (id: string, namespace: string, other: string) => ({
      kind: 'folder' as const,
      id,
      application: id,
      role: 'service' as const,
      folder: `services/${id}`,
      namespace,
      createNamespace: true,
      objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: id, namespace: other } }],
    });
    expect(() => orderComponents(example.fleet.clusters[0]!, [folder('a', 'ns-a', 'ns-b'), folder('b', 'ns-b', 'ns-a')])).toThrow(
      `clusterDelivery: on ${example.fleet.clusters[0]!.name} the components wait for each other (a after b; b after a); an add-on's objects must not need what depends on the add-on`,
    );
  });

  it('GIVEN the same cluster asked twice WHEN compared THEN the deliveries are equal', () => {
    expect(deliveryOf('management')).toEqual(deliveryOf('management'));
  });
});

describe('clusterDelivery: refusals', () => {
  it('GIVEN a cluster that is not in the fleet WHEN its delivery is asked THEN it is refused', () => {
    const stranger = { ...example.fleet.clusters[0]!, name: 'elsewhere' };
    expect(() => clusterDelivery(example.fleet, example.output.rendered.units, stranger)).toThrow(
      'clusterDelivery: elsewhere is neither the hub nor a spoke of fleet acme; pass one of fleet.hub and fleet.clusters',
    );
  });

  it('GIVEN an object of an API group nothing known serves WHEN its source is asked THEN it is refused, naming where to add it', () => {
    expect(() => kindSource('gateway.networking.k8s.io', 'HTTPRoute')).toThrow(
      'kindSource: HTTPRoute of API group "gateway.networking.k8s.io" is served by no add-on fleetwright knows, nor by Argo CD, Cluster API, Karmada or Flux; add its group (and the add-on whose chart installs the CRD) to stacks/delivery/kinds.ts',
    );
  });

  it('GIVEN an app whose services are folders WHEN its placements are asked THEN they are refused: only Argo CD knows the folders', () => {
    const apps = deliveryFleet('the fleet with every app shape');
    const tools = apps.fleet.apps.find((a) => a.name === 'tools')!;
    expect(() => appPlacements(tools, apps.fleet.clusters.find((c) => c.name === 'prod-eks')!)).toThrow(
      'placements: the services of app tools are the folders matching "services/*" in https://github.com/acme/tools.git, known only when Argo CD\'s Git directory generator reads the repository; list them in the app\'s services to place them',
    );
  });
});

/** A CRD's group and kind (read from the head of the file: the schemas after it are large). */
function crdName(text: string): { group: string; kind: string } {
  const head = text.slice(0, text.search(/^ {2}versions:/m));
  const crd = parse(head) as { spec: { group: string; names: { kind: string } } };
  return { group: crd.spec.group, kind: crd.spec.names.kind };
}

describe('kinds: what serves each kind, against the upstream CRDs', () => {
  const swagger = path.join(CRDS, 'kubernetes', 'openapi', 'swagger.json');
  const available = fs.existsSync(swagger);
  if (!available) console.warn(`[conformance] kinds against the upstream CRDs skipped: ${CRDS} not found`);

  it.skipIf(!available)('GIVEN Kubernetes\' OpenAPI document WHEN its API groups are read THEN they are the built-in groups', () => {
    const doc = JSON.parse(fs.readFileSync(swagger, 'utf8')) as { definitions: Record<string, { 'x-kubernetes-group-version-kind'?: { group: string }[] }> };
    const groups = new Set(Object.values(doc.definitions).flatMap((d) => (d['x-kubernetes-group-version-kind'] ?? []).map((g) => g.group)));
    expect([...groups].sort()).toEqual([...BUILT_IN_GROUPS].sort());
  });

  it.skipIf(!available)('GIVEN every upstream CRD WHEN its group and kind are looked up THEN the source is the project or platform the CRD comes from', () => {
    const expected: Record<string, string> = {
      'argo-cd': 'argo-cd',
      'argo-rollouts': 'add-on argo-rollouts',
      'cert-manager': 'add-on cert-manager',
      'cluster-api': 'cluster-api',
      'cluster-api-provider-aws': 'cluster-api',
      'external-secrets': 'add-on external-secrets',
      'flux-helm-controller': 'flux',
      'flux-kustomize-controller': 'flux',
      'flux-source-controller': 'flux',
      karmada: 'karmada',
      kyverno: 'add-on kyverno',
      'prometheus-operator': 'add-on kube-prometheus-stack',
      velero: 'add-on velero',
    };
    const wrong: string[] = [];
    let checked = 0;
    for (const folder of Object.keys(expected)) {
      for (const file of fs.readdirSync(path.join(CRDS, folder)).filter((f) => f.endsWith('.yaml'))) {
        const crd = crdName(fs.readFileSync(path.join(CRDS, folder, file), 'utf8'));
        const found = kindSource(crd.group, crd.kind);
        checked++;
        if (!found || source(found) !== expected[folder]) wrong.push(`${folder}/${file}: ${found ? source(found) : 'built-in'}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });
});

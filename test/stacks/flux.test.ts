import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fluxKubeconfigSecret, resolveFleet, type Fleet } from '../../model';
import { synthesize, type SynthOutput } from '../../outputs/synth';
import type { KubeObject } from '../../stacks/rendered';
import { engineDefinition } from '../engines/fleets';
import { fluxGraph, registrations, render, type Params } from '../engines/orders';
import { validDefinition } from '../helpers/definitions';
import { withPulumiRegistrations } from '../helpers/registrations';

const fleets = {
  argocd: resolveFleet(engineDefinition('argocd')),
  flux: resolveFleet(engineDefinition('flux')),
  both: resolveFleet(engineDefinition('both')),
};
const outputs: Record<keyof typeof fleets, SynthOutput> = {
  argocd: synthesize(fleets.argocd),
  flux: synthesize(fleets.flux),
  both: synthesize(fleets.both),
};

const objects = (out: SynthOutput): KubeObject[] => out.rendered.units.flatMap((u) => u.objects);
const fluxObjects = (out: SynthOutput, kind: string): any[] =>
  out.rendered.units.filter((u) => u.dir === 'hub/flux' || u.dir.startsWith('hub/flux/')).flatMap((u) => u.objects.filter((o) => o.kind === kind));
const unit = (out: SynthOutput, dir: string) => out.rendered.units.find((u) => u.dir === dir);
const ARGO_CD_KINDS = ['Application', 'ApplicationSet', 'AppProject'];

/** The folders a kustomization reaches, following its includes. */
function reached(out: SynthOutput, dir: string, seen = new Set<string>()): Set<string> {
  seen.add(dir);
  for (const child of unit(out, dir)?.includes ?? []) if (!seen.has(child)) reached(out, child, seen);
  return seen;
}

describe('engine "flux"', () => {
  const out = outputs.flux;

  it('GIVEN engine flux WHEN synthesized THEN the tree holds no Argo CD object: no projects, ApplicationSets, Applications, registrations or Argo CD settings', () => {
    expect(objects(out).filter((o) => o.apiVersion.startsWith('argoproj.io/') && ARGO_CD_KINDS.includes(o.kind))).toEqual([]);
    expect(objects(out).filter((o) => JSON.stringify(o).includes('argocd.argoproj.io/secret-type'))).toEqual([]);
    expect(objects(out).filter((o) => o.metadata.name === 'argocd-cmd-params-cm')).toEqual([]);
    const dirs = out.rendered.units.map((u) => u.dir);
    expect(dirs.filter((d) => d === 'hub/argocd' || d === 'hub/registration' || d === 'hub/addons' || d === 'services' || (d.startsWith('apps') && !d.endsWith('/network-policy')))).toEqual([]);
    // The apps' NetworkPolicy folders are Flux's too.
    expect(dirs.filter((d) => d.startsWith('apps'))).toEqual(fleets.flux.apps.map((a) => `apps/${a.name}/network-policy`));
  });

  it('GIVEN engine flux WHEN the hub tree is built THEN it reaches hub/flux and the clusters\' Flux folders only, never a folder a Kustomization applies by itself', () => {
    expect(unit(out, 'hub')!.includes).toEqual(['hub/flux']);
    const tree = [...reached(out, 'clusters/management')].sort();
    expect(tree).toEqual(['clusters/management', 'hub', 'hub/flux', ...[fleets.flux.hub, ...fleets.flux.clusters].map((c) => `hub/flux/clusters/${c.name}`).sort()]);
  });

  it('GIVEN engine flux WHEN synthesized THEN the root Kustomization reconciles the hub\'s whole tree from the fleet GitRepository', () => {
    const root = fluxObjects(out, 'Kustomization').find((k) => k.metadata.name === 'fleet-root');
    expect(root.metadata.namespace).toBe('flux-system');
    expect(root.spec).toEqual({
      sourceRef: { kind: 'GitRepository', name: 'fleet', namespace: 'flux-system' },
      path: './gitops/clusters/management',
      prune: true,
      interval: '10m',
      retryInterval: '2m',
    });
  });

  it('GIVEN Cluster API clusters WHEN rendered for Flux THEN each cluster\'s folder is a Kustomization, and protected clusters are neither pruned nor deleted with it', () => {
    const capi = fluxObjects(out, 'Kustomization').filter((k) => k.metadata.name.startsWith('cluster-api-'));
    expect(Object.fromEntries(capi.map((k) => [k.metadata.name, { path: k.spec.path, prune: k.spec.prune, deletionPolicy: k.spec.deletionPolicy }]))).toEqual({
      'cluster-api-dev-aws': { path: './gitops/hub/cluster-api/dev-aws', prune: true, deletionPolicy: undefined },
      'cluster-api-dev-docker': { path: './gitops/hub/cluster-api/dev-docker', prune: true, deletionPolicy: undefined },
      'cluster-api-prod-eks': { path: './gitops/hub/cluster-api/prod-eks', prune: false, deletionPolicy: 'Orphan' },
    });
    const namespace = unit(out, 'hub/flux')!.objects.find((o) => o.kind === 'Namespace');
    expect(namespace?.metadata).toEqual({ name: 'clusters', annotations: { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' }, labels: { 'app.kubernetes.io/managed-by': 'fleetwright' } });
  });

  it('GIVEN add-ons with objects on the hub WHEN rendered for Flux THEN a Kustomization applies them once the add-on is ready on the hub', () => {
    const hubThanos = fluxObjects(out, 'Kustomization').find((k) => k.metadata.name === 'hub-addon-thanos');
    expect(hubThanos.spec.path).toBe('./gitops/hub/addons/thanos');
    expect(hubThanos.spec.dependsOn).toEqual([{ name: 'thanos-management', namespace: 'clusters' }]);
    expect(hubThanos.spec.wait).toBe(true);
  });

  it('GIVEN the clusters, apps and services in reverse order WHEN synthesized for Flux THEN every file is byte-identical', () => {
    const reversed: any = engineDefinition('flux');
    reversed.clusters.reverse();
    reversed.apps.reverse();
    expect([...synthesize(resolveFleet(reversed)).files]).toEqual([...out.files]);
  });

  it('GIVEN every Flux Kustomization of the fleet repository WHEN its path is looked up THEN it is a folder of the tree with a kustomization.yaml', () => {
    const paths = fluxObjects(out, 'Kustomization').filter((k) => k.spec.sourceRef.name === 'fleet').map((k) => k.spec.path.replace('./gitops/', ''));
    expect(paths.filter((p) => !out.files.has(`${p}/kustomization.yaml`))).toEqual([]);
  });
});

describe('engine "argocd" and "both"', () => {
  it('GIVEN engine argocd written out WHEN synthesized THEN the files are exactly those of the same fleet without an engine, and none is Flux\'s', () => {
    const unset = synthesize(resolveFleet(validDefinition()));
    const explicit = synthesize(resolveFleet({ ...validDefinition(), engine: 'argocd', flux: { interval: '1m' } }));
    expect([...explicit.files]).toEqual([...unset.files]);
    expect([...unset.files.keys()].filter((f) => f.startsWith('hub/flux'))).toEqual([]);
  });

  it('GIVEN engine both WHEN synthesized THEN every Argo CD file is unchanged and the only other files are under hub/flux, which the hub\'s tree does not include', () => {
    const argo = outputs.argocd.files;
    const both = outputs.both.files;
    expect([...argo].filter(([f, content]) => both.get(f) !== content).map(([f]) => f)).toEqual([]);
    expect([...both.keys()].filter((f) => !argo.has(f) && !f.startsWith('hub/flux/') && f !== '.fleetwright/manifest.json')).toEqual([]);
    expect([...reached(outputs.both, 'clusters/management')].filter((d) => d.startsWith('hub/flux'))).toEqual([]);
    const root = fluxObjects(outputs.both, 'Kustomization').find((k) => k.metadata.name === 'fleet-root');
    expect(root.spec.path).toBe('./gitops/hub/flux');
    expect(fluxObjects(outputs.both, 'Kustomization').filter((k) => k.metadata.name.startsWith('cluster-api-') || k.metadata.name.startsWith('hub-addon-'))).toEqual([]);
  });
});

describe('Flux objects of a fleet', () => {
  const out = outputs.both;
  const fleet: Fleet = fleets.both;
  const perCluster = [...fluxObjects(out, 'Kustomization'), ...fluxObjects(out, 'HelmRelease')].filter((o) => o.metadata.labels?.['fleetwright.io/cluster']);

  it('GIVEN every object that reaches a spoke WHEN rendered THEN it reads the spoke\'s kubeconfig Secret by the shared convention, from its own namespace, and keeps its objects when deleted', () => {
    for (const o of perCluster.filter((x) => x.spec.kubeConfig)) {
      const cluster = o.metadata.labels['fleetwright.io/cluster'];
      const secret = fluxKubeconfigSecret(fleet, cluster);
      expect(o.metadata.namespace, o.metadata.name).toBe(secret.namespace);
      expect(o.spec.kubeConfig, o.metadata.name).toEqual({ secretRef: { name: `${cluster}-kubeconfig`, key: 'value' } });
      // As the ApplicationSets' preserveResourcesOnDeletion: deleting the Kustomization leaves what it applied.
      if (o.kind === 'Kustomization') expect(o.spec.deletionPolicy, o.metadata.name).toBe('Orphan');
    }
    const remote = new Set(perCluster.filter((x) => x.spec.kubeConfig).map((x) => x.metadata.labels['fleetwright.io/cluster']));
    expect([...remote].sort()).toEqual(fleet.clusters.map((c) => c.name));
    expect(perCluster.filter((x) => x.metadata.labels['fleetwright.io/cluster'] === 'management' && x.spec.kubeConfig)).toEqual([]);
  });

  it('GIVEN Cluster API clusters WHEN their Argo CD registration and Flux objects are compared THEN both read the same kubeconfig Secret Cluster API writes', () => {
    const externalSecrets = unit(out, 'hub/registration')!.objects.filter((o: any) => o.kind === 'ExternalSecret' && o.spec.data?.[0]?.secretKey === 'kubeconfig') as any[];
    const capi = fleet.clusters.filter((c) => c.registration.kind === 'capi-kubeconfig').map((c) => c.name);
    expect(externalSecrets.map((e) => e.spec.target.template.data.name).sort()).toEqual(capi);
    for (const e of externalSecrets) {
      const cluster = e.spec.target.template.data.name;
      expect(e.spec.data[0].remoteRef).toMatchObject({ key: fluxKubeconfigSecret(fleet, cluster).name, property: fluxKubeconfigSecret(fleet, cluster).key });
    }
  });

  it('GIVEN every HelmRelease WHEN its values are compared with what Argo CD\'s Application reads THEN they are the value files of its levels merged, then the templated values', () => {
    // The tree's registrations and the Pulumi stacks' (prod-pulumi's).
    const clusters = new Map(registrations(withPulumiRegistrations(fleet, out.rendered.units)).map((r) => [r.name, r]));
    const releases = fluxObjects(out, 'HelmRelease');
    expect(releases.length).toBeGreaterThan(10);
    for (const hr of releases) {
      const set = unit(out, 'hub/addons')!.objects.find((o) => o.metadata.name === hr.metadata.labels['fleetwright.io/component']) as any;
      const reg = clusters.get(hr.metadata.labels['fleetwright.io/cluster'])!;
      const params: Params = { name: reg.name, metadata: { labels: reg.labels, annotations: reg.annotations } };
      const helm = set.spec.template.spec.sources.find((s: any) => s.chart).helm;
      const layers = helm.valueFiles.map((f: string) => render(f, params).replace('$values/gitops/', '')).filter((f: string) => out.files.has(f)).map((f: string) => parse(out.files.get(f)!));
      const expected = [...layers, renderDeep(helm.valuesObject ?? {}, params)].reduce(helmMerge, {});
      expect(hr.spec.values ?? {}, hr.metadata.name).toEqual(expected);
      expect(hr.spec.chart.spec, hr.metadata.name).toMatchObject({ chart: set.spec.template.spec.sources.find((s: any) => s.chart).chart, version: set.spec.template.spec.sources.find((s: any) => s.chart).targetRevision });
      expect(hr.spec.releaseName).toBe(helm.releaseName);
      expect(hr.spec.targetNamespace).toBe(set.spec.template.spec.destination.namespace);
    }
  });

  it('GIVEN each HelmRelease WHEN its folder is looked up THEN a wrapper Kustomization of the same name applies exactly that folder and waits for the HelmRelease', () => {
    for (const hr of fluxObjects(out, 'HelmRelease')) {
      const folder = out.rendered.units.find((u) => u.objects.includes(hr))!;
      expect(folder.objects).toEqual([hr]);
      const wrappers = fluxObjects(out, 'Kustomization').filter((k) => k.spec.path === `./gitops/${folder.dir}`);
      expect(wrappers.map((w) => [w.metadata.name, w.metadata.namespace, w.spec.healthChecks])).toEqual([
        [hr.metadata.name, 'flux-system', [{ apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', name: hr.metadata.name, namespace: 'clusters' }]],
      ]);
      expect(wrappers[0].spec.kubeConfig).toBeUndefined();
    }
  });

  it('GIVEN an add-on that depends on others and has no chart WHEN rendered THEN its objects wait for its dependencies on the same cluster', () => {
    const thanos = fluxObjects(out, 'Kustomization').find((k) => k.metadata.name === 'thanos-prod-eks');
    expect(thanos.spec.path).toBe('./gitops/clusters/prod-eks/addons/thanos');
    expect(thanos.spec.dependsOn).toEqual([
      { name: 'thanos-management', namespace: 'clusters' },
      { name: 'kube-prometheus-stack-prod-eks', namespace: 'flux-system' },
      { name: 'external-secrets-prod-eks', namespace: 'clusters' },
      // Its namespace is labelled (Pod Security), so the cluster's namespaces Kustomization creates it.
      { name: 'namespaces-prod-eks', namespace: 'clusters' },
    ]);
  });

  it('GIVEN apps and a service WHEN rendered THEN each gets a Kustomization per cluster (and service) in its namespace, after the cluster\'s namespaces Kustomization, which never prunes', () => {
    const ks = fluxObjects(out, 'Kustomization');
    const shopApi = ks.find((k) => k.metadata.name === 'shop-api-prod-eks');
    expect(shopApi.spec).toMatchObject({ sourceRef: { kind: 'GitRepository', name: 'app-shop', namespace: 'flux-system' }, path: './deploy/api/overlays/prod', targetNamespace: 'api', wait: true });
    expect(shopApi.spec.dependsOn).toContainEqual({ name: 'namespaces-prod-eks', namespace: 'clusters' });
    const namespaces = ks.find((k) => k.metadata.name === 'namespaces-prod-eks');
    expect(namespaces.spec).toMatchObject({ path: './gitops/hub/flux/clusters/prod-eks/namespaces', prune: false });
    expect(unit(out, 'hub/flux/clusters/prod-eks/namespaces')!.objects.map((o) => o.metadata.name)).toEqual(['api', 'argo-rollouts', 'blog', 'checkout', 'docs', 'external-secrets', 'monitoring', 'web']);
    const checkout = ks.find((k) => k.metadata.name === 'checkout-prod-eks');
    expect(checkout.spec).toMatchObject({ sourceRef: { name: 'fleet' }, path: './gitops/services/checkout/overlays/prod', targetNamespace: 'checkout' });
    const sources = fluxObjects(out, 'GitRepository').map((g) => [g.metadata.name, g.spec.url, g.spec.ref]).sort();
    expect(sources).toEqual([
      ['app-blog', 'ssh://git@github.com/acme/blog.git', { tag: 'v1.4.0' }],
      ['app-docs', 'https://github.com/acme/docs.git', { branch: 'main' }],
      ['app-edge', 'https://github.com/acme/edge.git', { branch: 'main' }],
      ['app-shop', 'https://github.com/acme/shop.git', { branch: 'main' }],
      ['fleet', 'https://github.com/acme/fleet.git', { branch: 'main' }],
    ]);
  });

  it('GIVEN a primary with a standby WHEN its apps are rendered THEN the standby gets a copy of each at the DR replica count, outside the waves', () => {
    const all = fluxObjects(out, 'Kustomization').filter((k) => k.metadata.labels?.['fleetwright.io/dr-primary']).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    const copies = all.filter((k) => !k.metadata.name.endsWith('-netpol'));
    expect(copies.map((k) => [k.metadata.name, k.metadata.labels['fleetwright.io/cluster'], k.spec.path, k.spec.targetNamespace])).toEqual([
      ['blog-prod-pulumi-dr', 'prod-other', './deploy/prod', 'blog'],
      ['edge-prod-pulumi-dr', 'prod-other', './deploy/prod', 'edge'],
      ['shop-api-prod-pulumi-dr', 'prod-other', './deploy/api/overlays/prod', 'api'],
      ['shop-web-prod-pulumi-dr', 'prod-other', './deploy/web/overlays/prod', 'web'],
    ]);
    // Each copy's namespace gets its app's default-deny NetworkPolicy from the fleet repository.
    expect(all.filter((k) => k.metadata.name.endsWith('-netpol')).map((k) => [k.metadata.name, k.spec.sourceRef.name, k.spec.path, k.spec.targetNamespace, k.spec.dependsOn])).toEqual(
      copies.map((k) => [`${k.metadata.name}-netpol`, 'fleet', `./gitops/apps/${k.metadata.labels['fleetwright.io/component']}/network-policy`, k.spec.targetNamespace, k.spec.dependsOn]),
    );
    for (const k of copies) {
      expect(k.spec.patches).toEqual([{ patch: '[{"op":"add","path":"/spec/replicas","value":1}]', target: { group: 'apps', kind: 'Deployment' } }]);
      expect(k.spec.dependsOn).toEqual([{ name: 'namespaces-prod-other', namespace: 'clusters' }]);
      expect(k.spec.kubeConfig).toEqual({ secretRef: { name: 'prod-other-kubeconfig', key: 'value' } });
    }
  });

  it('GIVEN the chart repositories of the add-ons in use WHEN rendered THEN there is one HelmRepository each', () => {
    expect(fluxObjects(out, 'HelmRepository').map((h) => [h.metadata.name, h.spec.url]).sort()).toEqual([
      ['argoproj-github-io-argo-helm', 'https://argoproj.github.io/argo-helm'],
      ['charts-external-secrets-io', 'https://charts.external-secrets.io'],
      ['helm-cilium-io', 'https://helm.cilium.io'],
      ['kubernetes-github-io-ingress-nginx', 'https://kubernetes.github.io/ingress-nginx'],
      ['prometheus-community-github-io-helm-charts', 'https://prometheus-community.github.io/helm-charts'],
    ]);
  });

  it('GIVEN the dependsOn and healthChecks of every Flux object WHEN resolved THEN each names a rendered object', () => {
    expect(() => fluxGraph(out.rendered.units, fleet.repo.path)).not.toThrow();
  });
});

/** Helm's merge of value files: maps merge key by key, anything else replaces. */
function helmMerge(a: any, b: any): any {
  if (!isMap(a) || !isMap(b)) return b;
  const out: any = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in out ? helmMerge(out[k], v) : v;
  return out;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function renderDeep(value: unknown, params: Params): unknown {
  if (typeof value === 'string') return render(value, params);
  if (Array.isArray(value)) return value.map((v) => renderDeep(v, params));
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderDeep(v, params)]));
  return value;
}

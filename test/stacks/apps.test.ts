import { describe, expect, it } from 'vitest';
import { resolveFleet, type AppDefinition, type Fleet } from '../../model';
import { synthesize } from '../../outputs/synth';
import { selects } from '../../stacks/apps/targets';
import type { KubeObject } from '../../stacks/rendered';
import { APPS, appsDefinition } from '../helpers/app-definitions';
import { hubRegistrations } from '../helpers/registrations';

const ENV = '{{ index .metadata.labels "env" }}';
const ROLE = '{{ index .metadata.labels "fleetwright.io/role" }}';
const WAVE_STEPS = {
  type: 'RollingSync',
  deletionOrder: 'Reverse',
  rollingSync: {
    steps: [
      { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }], maxUpdate: '100%' },
      { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }], maxUpdate: '100%' },
    ],
  },
};
const KEEP = { preserveResourcesOnDeletion: true, applicationsSync: 'create-update' };
const PROD_CLUSTERS = {
  clusters: {
    selector: {
      matchLabels: { 'fleetwright.io/fleet': 'acme', 'fleetwright.io/role': 'spoke' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod'] },
        { key: 'fleetwright.io/standby', operator: 'DoesNotExist' },
      ],
    },
  },
};
const RESTRICTED = { 'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' };
/** The second source of every Application of `app`: its default-deny NetworkPolicy from the fleet repository. */
const policy = (app: string) => ({ repoURL: 'https://github.com/acme/fleet.git', targetRevision: 'main', path: `gitops/apps/${app}/network-policy` });
const SYNC = {
  automated: { prune: true, selfHeal: true },
  syncOptions: ['CreateNamespace=true'],
  managedNamespaceMetadata: { labels: RESTRICTED },
  retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
};

function synth(apps?: readonly AppDefinition[], mutate: (d: any) => void = () => {}) {
  const d = appsDefinition(apps) as any;
  mutate(d);
  const fleet: Fleet = resolveFleet(d);
  const { rendered, files } = synthesize(fleet);
  const objects = (dir: string): any[] => (rendered.units.find((u) => u.dir === dir)?.objects ?? []) as KubeObject[];
  const set = (app: string, name = app): any => objects(`apps/${app}`).find((o) => o.kind === 'ApplicationSet' && o.metadata.name === name);
  return { fleet, rendered, files, objects, set };
}

const all = synth();

describe('app ApplicationSets, one per shape', () => {
  it('GIVEN a cluster selector WHEN synthesized THEN the cluster generator adds it to the fleet, role, environment and standby selection', () => {
    const web = all.set('web');
    expect(web.spec.generators).toEqual([
      {
        clusters: {
          selector: {
            matchLabels: { region: 'us-east-1', 'fleetwright.io/fleet': 'acme', 'fleetwright.io/role': 'spoke' },
            matchExpressions: [
              { key: 'env', operator: 'In', values: ['dev', 'prod'] },
              { key: 'fleetwright.io/standby', operator: 'DoesNotExist' },
              { key: 'fleetwright.io/provider', operator: 'NotIn', values: ['capi-docker'] },
            ],
          },
        },
      },
    ]);
    expect(web.spec.template).toEqual({
      metadata: { name: 'web-{{ .name }}', labels: { 'fleetwright.io/app': 'web', env: ENV, 'fleetwright.io/role': ROLE } },
      spec: {
        project: ENV,
        sources: [{ repoURL: 'https://github.com/acme/web.git', targetRevision: 'main', path: `deploy/overlays/${ENV}` }, policy('web')],
        destination: { name: '{{ .name }}', namespace: 'web' },
        syncPolicy: SYNC,
      },
    });
    expect(web.spec.strategy).toEqual(WAVE_STEPS);
  });

  it('GIVEN a cluster selector WHEN it is matched against the registrations THEN it picks the clusters the guard rails were computed for', () => {
    const selector = all.set('web').spec.generators[0].clusters.selector;
    // The tree's registrations and those the Pulumi stacks create (prod-pulumi's).
    const registrations = hubRegistrations(all.fleet, all.rendered.units);
    expect(registrations).toHaveLength(all.fleet.clusters.length + 1);
    expect(registrations.filter((r) => r.origin === 'pulumi').map((r) => r.name)).toEqual(['prod-pulumi']);
    expect(registrations.filter((r) => selects(r.labels, selector)).map((r) => r.name).sort()).toEqual(['dev-aws', 'prod-pulumi']);
    // prod-pulumi is production: the set keeps its Applications.
    expect(all.set('web').spec.syncPolicy).toEqual(KEEP);
  });

  it('GIVEN explicit clusters WHEN synthesized THEN a list generator renders them, sorted, with the registration labels the template and the waves read', () => {
    const ledger = all.set('ledger');
    expect(ledger.spec.generators).toEqual([
      {
        list: {
          elements: [
            { name: 'dev-aws', metadata: { annotations: {}, labels: { env: 'dev', 'fleetwright.io/role': 'spoke' } } },
            { name: 'prod-eks', metadata: { annotations: {}, labels: { env: 'prod', 'fleetwright.io/role': 'spoke' } } },
          ],
        },
      },
    ]);
    expect(ledger.spec.template.metadata.name).toBe('ledger-{{ .name }}');
    expect(ledger.spec.template.spec.sources).toEqual([{ repoURL: 'https://github.com/acme/ledger.git', targetRevision: 'v2.3.0', path: `k8s/${ENV}` }, policy('ledger')]);
    expect(ledger.spec.strategy).toEqual(WAVE_STEPS);
    expect(ledger.spec.syncPolicy).toEqual(KEEP);
  });

  it('GIVEN services WHEN synthesized THEN a matrix of the clusters and a list of the services makes one Application per cluster and service, in the service namespace', () => {
    const shop = all.set('shop');
    expect(shop.spec.generators).toEqual([{ matrix: { generators: [PROD_CLUSTERS, { list: { elements: [{ service: 'cart' }, { service: 'checkout' }] } }] } }]);
    expect(shop.spec.template.metadata).toEqual({ name: 'shop-{{ .service }}-{{ .name }}', labels: { 'fleetwright.io/app': 'shop', env: ENV, 'fleetwright.io/role': ROLE } });
    expect(shop.spec.template.spec.sources).toEqual([{ repoURL: 'https://github.com/acme/shop.git', targetRevision: 'main', path: `services/{{ .service }}/overlays/${ENV}` }, policy('shop')]);
    expect(shop.spec.template.spec.destination).toEqual({ name: '{{ .name }}', namespace: '{{ .service }}' });
    expect(shop.spec.strategy).toEqual(WAVE_STEPS);
    expect(shop.spec.syncPolicy).toEqual(KEEP);
  });

  it('GIVEN service folders WHEN synthesized THEN a matrix of the clusters and a Git directory generator makes one Application per cluster and folder, the path relative to the folder', () => {
    const tools = all.set('tools');
    expect(tools.spec.generators).toEqual([
      { matrix: { generators: [PROD_CLUSTERS, { git: { repoURL: 'https://github.com/acme/tools.git', revision: 'main', directories: [{ path: 'services/*' }] } }] } },
    ]);
    expect(tools.spec.template.metadata.name).toBe('tools-{{ .path.basenameNormalized }}-{{ .name }}');
    expect(tools.spec.template.spec.sources).toEqual([{ repoURL: 'https://github.com/acme/tools.git', targetRevision: 'main', path: `{{ .path.path }}/overlays/${ENV}` }, policy('tools')]);
    expect(tools.spec.template.spec.destination).toEqual({ name: '{{ .name }}', namespace: '{{ .path.basenameNormalized }}' });
    expect(tools.spec.strategy).toEqual(WAVE_STEPS);
  });

  it('GIVEN service folders and the path "." WHEN synthesized THEN each folder itself is the path', () => {
    const { set } = synth([{ ...APPS.folders, path: '.' }]);
    expect(set('tools').spec.template.spec.sources[0].path).toBe('{{ .path.path }}');
  });

  it('GIVEN every app ApplicationSet WHEN its template reads a registration label THEN every cluster it generates for has that label, in matrices too', () => {
    for (const app of Object.values(APPS)) {
      const set = all.set(app.name);
      const read = [...JSON.stringify(set.spec.template).matchAll(/index \.metadata\.labels \\"([^\\]+)\\"/g)].map((m) => m[1]!);
      expect(new Set(read), app.name).toEqual(new Set(['env', 'fleetwright.io/role']));
      for (const key of set.spec.strategy.rollingSync.steps.flatMap((s: any) => s.matchExpressions.map((e: any) => e.key))) {
        expect(set.spec.template.metadata.labels[key], `${app.name} ${key}`).toBeDefined();
      }
      const generator = set.spec.generators[0].matrix?.generators[0] ?? set.spec.generators[0];
      for (const element of generator.list?.elements ?? []) {
        for (const key of read) expect(element.metadata.labels[key], `${app.name} ${element.name} ${key}`).toBeDefined();
      }
    }
  });
});

describe('guard rails against mass deletion', () => {
  it('GIVEN explicit clusters of dev only WHEN synthesized THEN the list alone decides: the set may delete its Applications', () => {
    const { set } = synth([{ ...APPS.listed, clusters: ['dev-aws', 'dev-docker'] }]);
    expect(set('ledger').spec.syncPolicy).toEqual({ preserveResourcesOnDeletion: true });
  });

  it('GIVEN a selector matching only dev clusters of an app of dev and prod WHEN synthesized THEN the clusters it selects decide: the set may delete its Applications', () => {
    const { set } = synth([{ ...APPS.selected, clusterSelector: { matchLabels: { env: 'dev' } } }]);
    expect(set('web').spec.syncPolicy).toEqual({ preserveResourcesOnDeletion: true });
  });

  it.each<['all' | 'none', Record<string, unknown>]>([
    ['all', KEEP],
    ['none', { preserveResourcesOnDeletion: true }],
  ])("GIVEN keepApplications '%s' WHEN synthesized THEN every app set follows it and the previews set still deletes", (keep, expected) => {
    const { set } = synth(undefined, (d) => (d.rollout = { keepApplications: keep }));
    for (const app of Object.values(APPS)) expect(set(app.name).spec.syncPolicy, app.name).toEqual(expected);
    expect(set('tools', 'tools-dr').spec.syncPolicy).toEqual(expected);
    expect(set('payments', 'payments-previews').spec.syncPolicy).toEqual({ preserveResourcesOnDeletion: false });
  });
});

describe('pull-request previews', () => {
  const previews = all.set('payments', 'payments-previews');

  it('GIVEN previews WHEN synthesized THEN one Application per labelled pull request deploys its head commit to its own namespace on the preview cluster', () => {
    expect(previews.spec.generators).toEqual([
      {
        pullRequest: {
          github: { owner: 'acme', repo: 'payments', tokenRef: { secretName: 'github-token', key: 'token' }, labels: ['preview'] },
          requeueAfterSeconds: 300,
        },
      },
    ]);
    expect(previews.spec.template).toEqual({
      metadata: {
        name: 'payments-pr-{{ .number }}',
        labels: { 'fleetwright.io/app': 'payments', 'fleetwright.io/pull-request': '{{ .number }}' },
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
      },
      spec: {
        project: 'dev',
        sources: [
          { repoURL: 'https://github.com/acme/payments.git', targetRevision: '{{ .head_sha }}', path: 'deploy/preview' },
          {
            repoURL: 'https://github.com/acme/fleet.git',
            targetRevision: 'main',
            path: 'gitops/apps/payments/preview',
            kustomize: { patches: [{ target: { kind: 'Namespace' }, patch: '[{"op":"replace","path":"/metadata/name","value":"payments-pr-{{ .number }}"}]' }] },
          },
          policy('payments'),
        ],
        destination: { name: 'dev-aws', namespace: 'payments-pr-{{ .number }}' },
        syncPolicy: { automated: { prune: true, selfHeal: true }, retry: SYNC.retry },
      },
    });
  });

  it('GIVEN previews WHEN a pull request closes THEN nothing keeps its Application or resources: no wave, no create-update, resources deleted', () => {
    expect(previews.spec.strategy).toBeUndefined();
    expect(previews.spec.syncPolicy).toEqual({ preserveResourcesOnDeletion: false });
  });

  it('GIVEN previews WHEN synthesized THEN the Namespace Argo CD renames is in its own folder, which no hub folder includes', () => {
    const namespace = all.objects('apps/payments/preview');
    expect(namespace).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'payments-pr-number', labels: { 'app.kubernetes.io/managed-by': 'fleetwright', 'fleetwright.io/app': 'payments', 'fleetwright.io/preview': 'true', ...RESTRICTED } },
      },
    ]);
    const unit = all.rendered.units.find((u) => u.dir === 'apps/payments/preview')!;
    expect(unit.target).toEqual({ scope: 'cluster', cluster: 'dev-aws', environment: 'dev' });
    expect(all.rendered.units.filter((u) => u.includes.some((i) => i.startsWith('apps/payments/')))).toEqual([]);
  });

  it("GIVEN previews on dev-aws WHEN the dev AppProject is synthesized THEN it allows the app's repository, the fleet's, and any namespace on dev-aws", () => {
    const project = all.objects('hub/argocd').find((o) => o.kind === 'AppProject' && o.metadata.name === 'dev');
    expect(project.spec.sourceRepos).toEqual(expect.arrayContaining(['https://github.com/acme/payments.git', 'https://github.com/acme/fleet.git']));
    expect(project.spec.destinations).toContainEqual({ name: 'dev-aws', namespace: '*' });
    expect(project.spec.clusterResourceWhitelist).toEqual([{ group: '*', kind: '*' }]);
  });
});

describe('disaster-recovery copies of every shape', () => {
  it('GIVEN services on a primary with a standby WHEN synthesized THEN each service is copied to the standby, scaled down', () => {
    const copies = all.objects('apps/shop').filter((o) => o.kind === 'Application');
    expect(copies.map((o) => o.metadata.name)).toEqual(['shop-cart-prod-eks-dr', 'shop-checkout-prod-eks-dr']);
    expect(copies[0].spec).toEqual({
      project: 'prod',
      sources: [
        {
          repoURL: 'https://github.com/acme/shop.git',
          targetRevision: 'main',
          path: 'services/cart/overlays/prod',
          kustomize: { patches: [{ target: { group: 'apps', kind: 'Deployment' }, patch: '[{"op":"add","path":"/spec/replicas","value":1}]' }] },
        },
        policy('shop'),
      ],
      destination: { name: 'prod-standby', namespace: 'cart' },
      syncPolicy: SYNC,
    });
  });

  it('GIVEN service folders on a primary with a standby WHEN synthesized THEN an ApplicationSet over the (primary, standby) pairs and the folders copies them', () => {
    const dr = all.set('tools', 'tools-dr');
    expect(dr.spec.generators).toEqual([
      {
        matrix: {
          generators: [
            { list: { elements: [{ environment: 'prod', primary: 'prod-eks', project: 'prod', standby: 'prod-standby' }] } },
            { git: { repoURL: 'https://github.com/acme/tools.git', revision: 'main', directories: [{ path: 'services/*' }] } },
          ],
        },
      },
    ]);
    expect(dr.spec.template.metadata).toEqual({ name: 'tools-{{ .path.basenameNormalized }}-{{ .primary }}-dr', labels: { 'fleetwright.io/app': 'tools', 'fleetwright.io/dr-primary': '{{ .primary }}' } });
    expect(dr.spec.template.spec.project).toBe('{{ .project }}');
    expect(dr.spec.template.spec.sources.map((s: any) => s.path)).toEqual(['{{ .path.path }}/overlays/{{ .environment }}', 'gitops/apps/tools/network-policy']);
    expect(dr.spec.template.spec.destination).toEqual({ name: '{{ .standby }}', namespace: '{{ .path.basenameNormalized }}' });
    expect(dr.spec.strategy).toBeUndefined();
  });

  it('GIVEN explicit clusters WHEN only some primaries are listed THEN only those are copied', () => {
    expect(all.objects('apps/ledger').filter((o) => o.kind === 'Application').map((o) => o.metadata.name)).toEqual(['ledger-prod-eks-dr']);
    const { objects } = synth([{ ...APPS.listed, clusters: ['dev-aws', 'prod-pulumi'] }]);
    expect(objects('apps/ledger').filter((o) => o.kind === 'Application')).toEqual([]);
  });
});

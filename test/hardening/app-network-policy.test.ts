/**
 * The default-deny NetworkPolicy of application teams' namespaces: resolved
 * once into the model (on by default, off in namespaces shared beyond apps,
 * refused where it would cut other pods off), rendered once per app into
 * `apps/<app>/network-policy`, and applied to every namespace the app reaches
 * by both engines: a second source of each Argo CD Application (per cluster
 * and service, DR copies, previews), a Kustomization per placement for Flux.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NamespaceDefaultDeny } from '../../constructs/network/namespace-default-deny';
import { checkFleet, resolveFleet, type AppDefinition, type FleetDefinition } from '../../model';
import { synthesize } from '../../outputs/synth';
import { APPS, appsDefinition } from '../helpers/app-definitions';
import { conformanceTree } from '../helpers/conformance';
import { CLIENT_PEERS, DNS_AND_SAME_NAMESPACE_EGRESS } from '../helpers/network-policy';
import { exampleDefinitionFor } from '../helpers/example';
import { example, planBetween } from '../helpers/plan';
import { only, testChart } from '../helpers/synth';

const FLEET_REPO = 'https://github.com/acme/fleet.git';
const policySource = (app: string) => ({ repoURL: FLEET_REPO, targetRevision: 'main', path: `gitops/apps/${app}/network-policy` });

/** The namespace-wide policy every app folder holds, for `app`. */
function expectedPolicy(app: string) {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `${app}-default-deny`, labels: { 'app.kubernetes.io/managed-by': 'fleetwright', 'fleetwright.io/app': app } },
    spec: {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: CLIENT_PEERS,
        },
      ],
      egress: DNS_AND_SAME_NAMESPACE_EGRESS,
    },
  };
}

/** Every shape, `ledger` opted out, and two apps in namespaces that are not apps' alone. */
const SHARED: readonly AppDefinition[] = [
  { name: 'exporter', repoUrl: 'https://github.com/acme/exporter.git', path: 'deploy/{env}', namespace: 'monitoring', environments: ['prod'] },
  { name: 'probe', repoUrl: 'https://github.com/acme/probe.git', path: 'deploy/{env}', namespace: 'kube-system', environments: ['prod'] },
];
function policyDefinition(): FleetDefinition {
  return appsDefinition([APPS.selected, { ...APPS.listed, networkPolicy: false }, APPS.services, APPS.folders, APPS.previews, ...SHARED]);
}

const fleet = resolveFleet(policyDefinition());
const { rendered, files } = synthesize(fleet);
const objects = (dir: string): any[] => (rendered.units.find((u) => u.dir === dir)?.objects ?? []) as any[];
const find = (dir: string, kind: string, name: string): any => {
  const found = objects(dir).find((o) => o.kind === kind && o.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name} in ${dir}`);
  return found;
};

function problemsOf(mutate: (d: any) => void): string[] {
  const d: any = structuredClone(policyDefinition());
  mutate(d);
  return checkFleet(d).problems.map((p) => p.message);
}

describe('the model: which apps get the policy', () => {
  it('GIVEN apps of every shape WHEN resolved THEN the policy is on by default, off where asked and where the namespace is an add-on\'s or every cluster\'s', () => {
    expect(Object.fromEntries(fleet.apps.map((a) => [a.name, a.networkPolicy]))).toEqual({
      exporter: false,
      ledger: false,
      payments: true,
      probe: false,
      shop: true,
      tools: true,
      web: true,
    });
  });

  it('GIVEN an app in a service\'s namespace WHEN resolved THEN it gets no policy, which would cut the service\'s pods off', () => {
    const d: any = policyDefinition();
    d.services = [{ name: 'checkout', namespace: 'web', image: 'ghcr.io/acme/checkout:1.4.2', port: 8080, replicas: 2, environments: ['prod'] }];
    expect(resolveFleet(d).apps.find((a) => a.name === 'web')!.networkPolicy).toBe(false);
  });

  it('GIVEN networkPolicy: true on apps whose namespace is shared beyond apps WHEN checked THEN each is refused at its path, naming the namespace and who else uses it', () => {
    expect(
      problemsOf((d) => {
        d.apps.find((a: any) => a.name === 'exporter').networkPolicy = true;
        d.apps.find((a: any) => a.name === 'probe').networkPolicy = true;
        d.apps.find((a: any) => a.name === 'shop').services = ['cart', 'cert-manager'];
        d.apps.find((a: any) => a.name === 'shop').networkPolicy = true;
      }),
    ).toEqual([
      'apps[2].networkPolicy true asks for a default-deny policy over every pod of namespace "cert-manager", which is add-on cert-manager\'s too, whose pods it would cut off; remove networkPolicy, or deploy the app to a namespace of its own',
      'apps[5].networkPolicy true asks for a default-deny policy over every pod of namespace "monitoring", which is add-on kube-prometheus-stack\'s too, whose pods it would cut off; remove networkPolicy, or deploy the app to a namespace of its own',
      'apps[6].networkPolicy true asks for a default-deny policy over every pod of namespace "kube-system", which is a namespace every cluster has too, whose pods it would cut off; remove networkPolicy, or deploy the app to a namespace of its own',
    ]);
  });

  it('GIVEN two apps in one namespace, one opted out WHEN checked THEN the opted-out one is told the other\'s policy covers its pods', () => {
    expect(problemsOf((d) => (d.apps.find((a: any) => a.name === 'ledger').namespace = 'web'))).toEqual([
      'apps[1].networkPolicy false leaves namespace "web" open, but app web deploys there too and its default-deny policy covers every pod of it; set networkPolicy: false on app web as well, or remove it here',
    ]);
    expect(problemsOf((d) => Object.assign(d.apps.find((a: any) => a.name === 'ledger'), { namespace: 'web', networkPolicy: undefined }))).toEqual([]);
  });

  it('GIVEN networkPolicy that is not a boolean WHEN resolved THEN it is refused at its path', () => {
    expect(problemsOf((d) => (d.apps[0].networkPolicy = 'yes'))).toEqual(['apps[0].networkPolicy "yes" is a string, expected a boolean; change it to a boolean']);
  });
});

describe('NamespaceDefaultDeny', () => {
  it('GIVEN a namespace and allowed namespaces WHEN constructed THEN it isolates every pod of it, its own namespace listed once', () => {
    const { chart, objects: out } = testChart();
    new NamespaceDefaultDeny(chart, 'p', { name: 'deny', namespace: 'shop', allowFromNamespaces: ['shop', 'b', 'a', 'b'] });
    const policy = only(out(), 'NetworkPolicy');
    expect(policy.metadata).toEqual({ name: 'deny', namespace: 'shop' });
    expect(policy.spec.podSelector).toEqual({});
    expect(policy.spec.ingress).toEqual([
      { from: [{ podSelector: {} }, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'a' } } }, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } } }] },
    ]);
  });

  it('GIVEN a bad name, namespace and allowed namespace WHEN constructed THEN every problem is reported', () => {
    const { chart } = testChart();
    expect(() => new NamespaceDefaultDeny(chart, 'p', { name: 'Deny_All', namespace: 'Shop', allowFromNamespaces: ['ingress_nginx'] })).toThrow(
      [
        'NamespaceDefaultDeny "Deny_All": name "Deny_All" is not a DNS-1123 subdomain; use lower-case letters, digits, - and ., e.g. "payments-default-deny"',
        'NamespaceDefaultDeny "Deny_All": namespace "Shop" is not a namespace name (DNS-1123 label); use lower-case letters, digits and -, e.g. "ingress-nginx"',
        'NamespaceDefaultDeny "Deny_All": allowFromNamespaces "ingress_nginx" is not a namespace name (DNS-1123 label); use lower-case letters, digits and -, e.g. "ingress-nginx"',
      ].join('\n'),
    );
  });
});

describe('Argo CD: every Application of an app brings its policy', () => {
  it('GIVEN the apps WHEN synthesized THEN each app with the policy has one folder holding it without a namespace, and no other app has one', () => {
    const folders = rendered.units.filter((u) => u.dir.endsWith('/network-policy'));
    expect(folders.map((u) => [u.dir, u.target])).toEqual(['payments', 'shop', 'tools', 'web'].map((app) => [`apps/${app}/network-policy`, { scope: 'shared' }]));
    for (const app of ['payments', 'shop', 'tools', 'web']) expect(objects(`apps/${app}/network-policy`)).toEqual([expectedPolicy(app)]);
  });

  it('GIVEN each shape WHEN synthesized THEN the ApplicationSet\'s template takes the policy folder as its second source', () => {
    for (const app of ['web', 'shop', 'tools', 'payments']) {
      expect(find(`apps/${app}`, 'ApplicationSet', app).spec.template.spec.sources[1], app).toEqual(policySource(app));
    }
    // Without the policy, the app's repository is the only source.
    for (const app of ['ledger', 'exporter', 'probe']) {
      const spec = find(`apps/${app}`, 'ApplicationSet', app).spec.template.spec;
      expect([spec.sources, spec.source.repoURL], app).toEqual([undefined, `https://github.com/acme/${app}.git`]);
    }
  });

  it('GIVEN DR copies and previews WHEN synthesized THEN they bring the policy too: into the standby\'s namespaces and each pull request\'s', () => {
    const copies = objects('apps/shop').filter((o) => o.kind === 'Application');
    expect(copies.map((o) => [o.metadata.name, o.spec.destination.namespace, o.spec.sources[1]])).toEqual([
      ['shop-cart-prod-eks-dr', 'cart', policySource('shop')],
      ['shop-checkout-prod-eks-dr', 'checkout', policySource('shop')],
    ]);
    expect(find('apps/tools', 'ApplicationSet', 'tools-dr').spec.template.spec.sources[1]).toEqual(policySource('tools'));
    const previews = find('apps/payments', 'ApplicationSet', 'payments-previews').spec.template.spec;
    expect(previews.sources.map((s: any) => s.path)).toEqual(['deploy/preview', 'gitops/apps/payments/preview', 'gitops/apps/payments/network-policy']);
    expect(previews.destination.namespace).toBe('payments-pr-{{ .number }}');
    expect(objects('apps/ledger').filter((o) => o.kind === 'Application').map((o) => o.spec.sources ?? [o.spec.source])).toEqual([[expect.objectContaining({ repoURL: 'https://github.com/acme/ledger.git' })]]);
  });

  it('GIVEN the apps\' projects WHEN synthesized THEN each allows the fleet repository the policy comes from', () => {
    for (const env of ['dev', 'prod']) expect(find('hub/argocd', 'AppProject', env).spec.sourceRepos).toContain(FLEET_REPO);
  });
});

describe('Flux: a Kustomization per placement applies the policy', () => {
  const flux = synthesize(resolveFleet(exampleDefinitionFor('flux')));
  const kustomizations = flux.rendered.units.flatMap((u) => u.objects).filter((o: any) => o.kind === 'Kustomization' && o.apiVersion.startsWith('kustomize.toolkit.fluxcd.io/')) as any[];
  const byName = new Map(kustomizations.map((k) => [k.metadata.name as string, k]));

  it('GIVEN engine flux WHEN synthesized THEN each app placement has a netpol Kustomization from the fleet source into the same namespace, in the same wave', () => {
    const apps = kustomizations.filter((k) => k.spec.sourceRef.name.startsWith('app-'));
    expect(apps.length).toBeGreaterThan(4);
    for (const k of apps) {
      const app = k.metadata.labels['fleetwright.io/component'];
      const policy = byName.get(`${k.metadata.name}-netpol`);
      expect(policy?.spec, k.metadata.name).toEqual({
        sourceRef: { kind: 'GitRepository', name: 'fleet', namespace: 'flux-system' },
        path: `./gitops/apps/${app}/network-policy`,
        targetNamespace: k.spec.targetNamespace,
        kubeConfig: k.spec.kubeConfig,
        dependsOn: k.spec.dependsOn,
        interval: k.spec.interval,
        timeout: k.spec.timeout,
        retryInterval: k.spec.retryInterval,
        prune: true,
        deletionPolicy: 'Orphan',
      });
      expect(policy.metadata.labels).toEqual(k.metadata.labels);
    }
  });

  it('GIVEN engine flux WHEN synthesized THEN the waves wait for the apps\' own Kustomizations, not their policies', () => {
    const gates = kustomizations.filter((k) => /-wave-/.test(k.metadata.name));
    expect(gates.flatMap((g) => (g.spec.dependsOn ?? []).map((d: any) => d.name)).filter((n: string) => n.endsWith('-netpol'))).toEqual([]);
  });

  it('GIVEN engine flux WHEN synthesized THEN the policy folders are in the tree, holding what Argo CD would apply', () => {
    expect(flux.rendered.units.filter((u) => u.dir.startsWith('apps/')).map((u) => [u.dir, u.objects])).toEqual([
      ['apps/payments-api/network-policy', [expectedPolicy('payments-api')]],
      ['apps/web/network-policy', [expectedPolicy('web')]],
    ]);
  });
});

describe('plan: what switching an app\'s policy off reaches', () => {
  /** The example with web's policy switched off (engine as given). */
  const webOff = (d: any) => ({ ...d, apps: d.apps.map((a: any) => (a.name === 'web' ? { ...a, networkPolicy: false } : a)) });

  it('GIVEN Argo CD WHEN web\'s policy is switched off THEN the removed policy reaches web\'s clusters, its previews\' and its DR standby\'s', () => {
    const plan = planBetween(example(), webOff(example()));
    const removed = plan.changes.find((c) => c.file === 'apps/web/network-policy/networkpolicy-web-default-deny.yaml')!;
    expect([removed.action, removed.home]).toEqual(['removed', { kind: 'fleet' }]);
    expect([...removed.reach].sort()).toEqual(['prod-ap-southeast-1', 'prod-eu-west-1', 'prod-us-east-1', 'prod-us-west-2', 'staging-us-east-1']);
  });

  it('GIVEN Flux WHEN web\'s policy is switched off THEN the removed policy reaches the clusters whose Kustomizations applied it', () => {
    const plan = planBetween(exampleDefinitionFor('flux'), webOff(exampleDefinitionFor('flux')));
    const removed = plan.changes.find((c) => c.file === 'apps/web/network-policy/networkpolicy-web-default-deny.yaml')!;
    expect([...removed.reach].sort()).toEqual(['prod-ap-southeast-1', 'prod-eu-west-1', 'prod-us-east-1', 'prod-us-west-2', 'staging-us-east-1']);
    expect(plan.changes.filter((c) => c.file.endsWith('-netpol.yaml')).map((c) => c.action)).toEqual(Array(5).fill('removed'));
  });
});

describe('conformance of the policy folders', () => {
  const { out, kubectl } = conformanceTree('app network policies', files);

  it.skipIf(!kubectl)('GIVEN the tree WHEN each policy folder is built with kubectl kustomize THEN it holds the one namespace-less NetworkPolicy', () => {
    for (const app of ['payments', 'shop', 'tools', 'web']) {
      const built = spawnSync('kubectl', ['kustomize', path.join(out, 'apps', app, 'network-policy')], { encoding: 'utf8' });
      expect(built.stderr.trim(), app).toBe('');
      expect(built.stdout.match(/^kind: NetworkPolicy$/gm)?.length, app).toBe(1);
      expect(built.stdout).not.toMatch(/^ {2}namespace:/m);
    }
  });
});

/**
 * Secure defaults of application namespaces fleetwright does not deliver
 * through a service's ApplicationSet: the namespaces and default-deny
 * NetworkPolicies of services Karmada propagates (in `hub/karmada`, placed by
 * the service's policies), and the Pod Security labels of the namespaces Argo
 * CD creates for application teams' apps, their previews and DR copies.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFleet, podSecurityLabels, resolveFleet, type AppDefinition, type FleetDefinition } from '../../model';
import { synthesize } from '../../outputs/synth';
import { APPS, appsDefinition } from '../helpers/app-definitions';
import { conformanceTree } from '../helpers/conformance';
import { karmadaDefinition } from '../helpers/karmada-fleet';
import { CLIENT_PEERS, DNS_AND_SAME_NAMESPACE_EGRESS } from '../helpers/network-policy';

/** Apps in the shared `monitoring` namespace (privileged: kube-prometheus-stack's) and in kube-system. */
const SHARED_APPS: readonly AppDefinition[] = [
  { name: 'exporter', repoUrl: 'https://github.com/acme/exporter.git', path: 'deploy/{env}', namespace: 'monitoring', environments: ['prod'] },
  { name: 'probe', repoUrl: 'https://github.com/acme/probe.git', path: 'deploy/{env}', namespace: 'kube-system', environments: ['prod'] },
];

/**
 * The apps fleet (web and shop restricted by default, ledger and payments' previews
 * baseline) with the Karmada services, `search` opted out of its NetworkPolicy.
 */
function appNamespacesDefinition(): FleetDefinition {
  const d = appsDefinition([
    APPS.selected,
    { ...APPS.listed, podSecurity: 'baseline' },
    APPS.services,
    APPS.folders,
    { ...APPS.previews, podSecurity: 'baseline' },
    ...SHARED_APPS,
  ]) as any;
  const karmada = karmadaDefinition();
  d.karmada = karmada.karmada;
  d.services = karmada.services!.map((s) => (s.name === 'search' ? { ...s, networkPolicy: false } : s));
  return d;
}

const { rendered, files } = synthesize(resolveFleet(appNamespacesDefinition()));
const objects = (dir: string): any[] => (rendered.units.find((u) => u.dir === dir)?.objects ?? []) as any[];
const find = (dir: string, kind: string, name: string): any => {
  const found = objects(dir).find((o) => o.kind === kind && o.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name} in ${dir}`);
  return found;
};
const KARMADA = 'hub/karmada';

describe('Karmada services: labelled namespaces and default-deny NetworkPolicies', () => {
  it('GIVEN checkout delivered by Karmada WHEN synthesized THEN its Namespace in hub/karmada carries the restricted Pod Security labels', () => {
    expect(find(KARMADA, 'Namespace', 'checkout')).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'checkout',
        annotations: { 'argocd.argoproj.io/sync-wave': '-1' },
        labels: {
          'app.kubernetes.io/managed-by': 'fleetwright',
          'namespace.karmada.io/skip-auto-propagation': 'true',
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
      },
    });
    expect(objects(KARMADA).filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual(['checkout', 'discovery']);
  });

  it('GIVEN checkout delivered by Karmada WHEN synthesized THEN its default-deny NetworkPolicy is a resource template in hub/karmada, synced with the workloads', () => {
    expect(find(KARMADA, 'NetworkPolicy', 'checkout')).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name: 'checkout',
        namespace: 'checkout',
        annotations: { 'argocd.argoproj.io/sync-wave': '1' },
        labels: { 'app.kubernetes.io/managed-by': 'fleetwright' },
      },
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'checkout' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: CLIENT_PEERS,
            ports: [{ protocol: 'TCP', port: 'http' }],
          },
        ],
        egress: DNS_AND_SAME_NAMESPACE_EGRESS,
      },
    });
  });

  it("GIVEN checkout WHEN its PropagationPolicy is synthesized THEN it selects the NetworkPolicy with the Deployment and Service, so the policy reaches every cluster the service's pods can run on", () => {
    expect(find(KARMADA, 'PropagationPolicy', 'checkout').spec.resourceSelectors).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'checkout', namespace: 'checkout' },
      { apiVersion: 'v1', kind: 'Service', name: 'checkout', namespace: 'checkout' },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', name: 'checkout', namespace: 'checkout' },
    ]);
  });

  it('GIVEN search with networkPolicy: false WHEN synthesized THEN no NetworkPolicy is rendered for it nor selected by its PropagationPolicy, and its namespace is still labelled', () => {
    expect(objects(KARMADA).filter((o) => o.kind === 'NetworkPolicy').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['checkout/checkout']);
    expect(find(KARMADA, 'PropagationPolicy', 'search').spec.resourceSelectors).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'search', namespace: 'discovery' },
      { apiVersion: 'v1', kind: 'Service', name: 'search', namespace: 'discovery' },
    ]);
    expect(find(KARMADA, 'Namespace', 'discovery').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });
});

describe('Pod Security labels of the namespaces Argo CD creates for apps', () => {
  const sync = (dir: string, name: string): any => find(dir, 'ApplicationSet', name).spec.template.spec.syncPolicy;

  it('GIVEN apps without podSecurity WHEN synthesized THEN their ApplicationSets create restricted namespaces, services and folders alike', () => {
    for (const [app, set] of [['web', 'web'], ['shop', 'shop'], ['tools', 'tools']]) {
      expect(sync(`apps/${app}`, set), app).toEqual({
        automated: { prune: true, selfHeal: true },
        syncOptions: ['CreateNamespace=true'],
        managedNamespaceMetadata: { labels: podSecurityLabels('restricted') },
        retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
      });
    }
  });

  it('GIVEN ledger with podSecurity baseline WHEN synthesized THEN its ApplicationSet creates baseline namespaces', () => {
    expect(sync('apps/ledger', 'ledger').managedNamespaceMetadata).toEqual({ labels: podSecurityLabels('baseline') });
  });

  it("GIVEN an app in monitoring, kube-prometheus-stack's privileged namespace WHEN synthesized THEN it writes the same privileged labels as the add-on", () => {
    expect(sync('apps/exporter', 'exporter').managedNamespaceMetadata).toEqual({ labels: podSecurityLabels('privileged') });
  });

  it('GIVEN an app in kube-system WHEN synthesized THEN Argo CD leaves the namespace every cluster has unlabelled', () => {
    expect(sync('apps/probe', 'probe')).not.toHaveProperty('managedNamespaceMetadata');
    expect(sync('apps/probe', 'probe').syncOptions).toEqual(['CreateNamespace=true']);
  });

  it("GIVEN shop's services on a primary with a standby WHEN synthesized THEN each DR copy labels its namespace like the app", () => {
    const copies = objects('apps/shop').filter((o) => o.kind === 'Application');
    expect(Object.fromEntries(copies.map((o) => [o.metadata.name, o.spec.syncPolicy.managedNamespaceMetadata]))).toEqual({
      'shop-cart-prod-eks-dr': { labels: podSecurityLabels('restricted') },
      'shop-checkout-prod-eks-dr': { labels: podSecurityLabels('restricted') },
    });
    expect(sync('apps/tools', 'tools-dr').managedNamespaceMetadata).toEqual({ labels: podSecurityLabels('restricted') });
  });

  it("GIVEN payments' previews with podSecurity baseline WHEN synthesized THEN the Namespace each preview renames carries the baseline labels", () => {
    expect(find('apps/payments/preview', 'Namespace', 'payments-pr-number').metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'fleetwright',
      'fleetwright.io/app': 'payments',
      'fleetwright.io/preview': 'true',
      ...podSecurityLabels('baseline'),
    });
    expect(sync('apps/payments', 'payments-previews')).not.toHaveProperty('managedNamespaceMetadata');
  });

  it('GIVEN an app with an unknown podSecurity level WHEN checked THEN it is refused at its path', () => {
    const d = appsDefinition([{ ...APPS.selected, podSecurity: 'strict' as any }]);
    expect(checkFleet(d).problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'apps[0].podSecurity: apps[0].podSecurity "strict" is not an accepted value; use one of "privileged", "baseline", "restricted"',
    ]);
  });
});

describe('conformance of the app namespaces', () => {
  const { out, kubectl } = conformanceTree('app namespaces', files);

  it.skipIf(!kubectl)('GIVEN the tree WHEN hub/karmada and the apps are built with kubectl kustomize THEN they build and hold the labelled Namespaces and the NetworkPolicy', () => {
    const folders = [KARMADA, 'apps', 'apps/payments/preview'];
    const built = folders.map((folder) => spawnSync('kubectl', ['kustomize', path.join(out, folder)], { encoding: 'utf8' }));
    expect(built.map((r) => r.stderr.trim())).toEqual(['', '', '']);
    expect(built.map((r) => r.stdout.match(/^kind: NetworkPolicy$/gm)?.length ?? 0)).toEqual([1, 0, 0]);
    // apps: the 6 ApplicationSets but probe's, shop's 2 DR Applications, tools' DR ApplicationSet and the DR copies of web, ledger and exporter on prod-standby.
    expect(built.map((r) => r.stdout.match(/pod-security\.kubernetes\.io\/enforce: /g)?.length ?? 0)).toEqual([2, 12, 1]);
  });
});

/**
 * Secure defaults of the rendered tree: AppProjects limited to the fleet's
 * repositories and registered clusters, Pod Security admission labels on the
 * namespaces Argo CD creates for add-ons and services, and a default-deny
 * NetworkPolicy per service (switched off with `networkPolicy: false`).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { automatedSync } from '../../constructs/argocd/sync-policy';
import { IN_CLUSTER_SERVER } from '../../constructs/argocd/types';
import { WorkloadNetworkPolicy } from '../../constructs/network/workload-network-policy';
import { ADDON_NAMES, CATALOG, checkFleet, podSecurityLabels, resolveFleet, type FleetDefinition } from '../../model';
import { KUSTOMIZATION } from '../../outputs/gitops/tree';
import { synthesize } from '../../outputs/synth';
import { conformanceTree } from '../helpers/conformance';
import { CLIENT_PEERS, DNS_AND_SAME_NAMESPACE_EGRESS } from '../helpers/network-policy';
import { CATALOG_SERVICE, servicesDefinition } from '../helpers/services';
import { only, testChart } from '../helpers/synth';

const RESTRICTED = {
  'pod-security.kubernetes.io/audit': 'restricted',
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/warn': 'restricted',
};
const PRIVILEGED = {
  'pod-security.kubernetes.io/audit': 'privileged',
  'pod-security.kubernetes.io/enforce': 'privileged',
  'pod-security.kubernetes.io/warn': 'privileged',
};

/** The services fleet with `catalog` opted out of its NetworkPolicy and a service in kube-system. */
function secureDefaultsDefinition(): FleetDefinition {
  const d = servicesDefinition();
  return {
    ...d,
    services: [
      ...d.services!.filter((s) => s.name !== CATALOG_SERVICE.name),
      { ...CATALOG_SERVICE, networkPolicy: false },
      { name: 'probe', namespace: 'kube-system', image: 'ghcr.io/acme/probe:1.0.0', port: 8080, replicas: 1, environments: ['dev'] },
    ],
  };
}

const files = synthesize(resolveFleet(secureDefaultsDefinition())).files;

/** The single object of a written file. */
function objectOf(file: string): any {
  const content = files.get(file);
  if (content === undefined) throw new Error(`${file} was not written`);
  return parse(content);
}

function objectsOfKind(kind: string): { file: string; object: any }[] {
  return [...files.keys()].filter((f) => f.endsWith('.yaml') && !f.endsWith(KUSTOMIZATION)).map((file) => ({ file, object: objectOf(file) })).filter(({ object }) => object?.kind === kind);
}

describe('Pod Security levels of add-on namespaces', () => {
  it('GIVEN the catalog WHEN the level of each add-on namespace is resolved THEN shared namespaces take the most permissive level and kube-system has none', () => {
    const fleet = resolveFleet(servicesDefinition());
    expect(Object.fromEntries(ADDON_NAMES.map((name) => [name, fleet.podSecurity[CATALOG[name].namespace] ?? 'none']))).toEqual({
      'argo-rollouts': 'restricted',
      'cert-manager': 'restricted',
      cilium: 'none',
      'external-dns': 'restricted',
      'external-secrets': 'restricted',
      'ingress-nginx': 'baseline',
      'kube-prometheus-stack': 'privileged',
      kyverno: 'restricted',
      // thanos itself is restricted, but shares monitoring with kube-prometheus-stack's node-exporter.
      thanos: 'privileged',
      velero: 'privileged',
    });
  });

  it('GIVEN platform.podSecurity and a service level WHEN resolved THEN they replace the catalog and the default, and a shared namespace still takes the most permissive', () => {
    const d = servicesDefinition();
    const fleet = resolveFleet({
      ...d,
      platform: { ...d.platform, podSecurity: { 'ingress-nginx': 'restricted', 'kube-prometheus-stack': 'baseline', velero: 'baseline' } },
      services: d.services!.map((s) => (s.name === CATALOG_SERVICE.name ? { ...s, podSecurity: 'baseline' as const } : s)),
    });
    expect(fleet.podSecurity['ingress-nginx']).toBe('restricted');
    expect(fleet.podSecurity.monitoring).toBe('baseline');
    expect(fleet.podSecurity.velero).toBe('baseline');
    // catalog's namespace defaults to its name; checkout and search share shop and stay restricted.
    expect(fleet.podSecurity.catalog).toBe('baseline');
    expect(fleet.podSecurity.shop).toBe('restricted');
    expect(fleet.podSecurity['kube-system']).toBeUndefined();
  });

  it('GIVEN an app with a more permissive level in a service\'s namespace WHEN resolved THEN the namespace takes it, so the service\'s Applications write the same labels', () => {
    const d = servicesDefinition();
    const fleet = resolveFleet({
      ...d,
      apps: [{ name: 'web', repoUrl: 'https://github.com/acme/web.git', path: 'deploy/{env}', namespace: 'shop', podSecurity: 'baseline' }],
    });
    expect(fleet.podSecurity.shop).toBe('baseline');
    const files = synthesize(fleet).files;
    expect(parse(files.get('services/applicationset-checkout.yaml')!).spec.template.spec.syncPolicy.managedNamespaceMetadata).toEqual({ labels: podSecurityLabels('baseline') });
  });

  it('GIVEN a level for cilium or an unknown level WHEN checked THEN each is refused at its path', () => {
    const d = servicesDefinition();
    const problems = checkFleet({ ...d, platform: { ...d.platform, podSecurity: { cilium: 'baseline', velero: 'strict' } } }).problems.map((p) => `${p.path}: ${p.message}`);
    expect(problems).toEqual([
      'platform.podSecurity.cilium: platform.podSecurity.cilium is not a known field; remove it',
      'platform.podSecurity.velero: platform.podSecurity.velero "strict" is not an accepted value; use one of "privileged", "baseline", "restricted"',
    ]);
  });

  it('GIVEN the services fleet WHEN synthesized THEN each add-on ApplicationSet labels the namespace it creates through managedNamespaceMetadata', () => {
    const policies = Object.fromEntries(
      objectsOfKind('ApplicationSet')
        .filter(({ object }) => object.spec.template.metadata.labels?.['fleetwright.io/addon'])
        .map(({ object }) => [object.spec.template.metadata.labels['fleetwright.io/addon'], object.spec.template.spec.syncPolicy.managedNamespaceMetadata ?? 'none']),
    );
    expect(policies).toEqual({
      'argo-rollouts': { labels: RESTRICTED },
      cilium: 'none',
      'ingress-nginx': { labels: podSecurityLabels('baseline') },
      'kube-prometheus-stack': { labels: PRIVILEGED },
    });
  });

  it('GIVEN the services fleet WHEN synthesized THEN a service namespace is labelled restricted, but kube-system is left alone', () => {
    const sync = (name: string) => objectOf(`services/applicationset-${name}.yaml`).spec.template.spec.syncPolicy;
    expect(sync('checkout').syncOptions).toEqual(['CreateNamespace=true']);
    expect(sync('checkout').managedNamespaceMetadata).toEqual({ labels: RESTRICTED });
    expect(sync('probe').managedNamespaceMetadata).toBeUndefined();
  });

  it('GIVEN namespace labels without createNamespace WHEN the sync policy is built THEN it is refused', () => {
    expect(() => automatedSync({ namespaceLabels: RESTRICTED })).toThrow(
      'automatedSync: namespaceLabels {"pod-security.kubernetes.io/audit":"restricted","pod-security.kubernetes.io/enforce":"restricted","pod-security.kubernetes.io/warn":"restricted"} are only applied to a namespace Argo CD creates; set createNamespace: true or drop them',
    );
  });
});

describe('default-deny NetworkPolicy per service', () => {
  it('GIVEN a service WHEN synthesized THEN its pods get a default-deny policy open only on http to its namespace, ingress-nginx and monitoring', () => {
    expect(objectOf('services/checkout/base/networkpolicy-checkout.yaml')).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { labels: { 'app.kubernetes.io/managed-by': 'fleetwright' }, name: 'checkout', namespace: 'shop' },
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'checkout' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: CLIENT_PEERS,
            ports: [{ port: 'http', protocol: 'TCP' }],
          },
        ],
        egress: DNS_AND_SAME_NAMESPACE_EGRESS,
      },
    });
  });

  it('GIVEN networkPolicy: false on a service WHEN synthesized THEN its base has no NetworkPolicy and the others keep theirs', () => {
    const policies = objectsOfKind('NetworkPolicy').map(({ file }) => file).sort();
    expect(policies).toEqual(['services/checkout/base/networkpolicy-checkout.yaml', 'services/probe/base/networkpolicy-probe.yaml', 'services/search/base/networkpolicy-search.yaml']);
    expect(objectOf('services/catalog/base/kustomization.yaml').resources).toEqual(['deployment-catalog.yaml', 'service-catalog.yaml']);
  });

  it('GIVEN networkPolicy that is not a boolean WHEN the fleet is resolved THEN it is refused at its path', () => {
    const d: any = structuredClone(secureDefaultsDefinition());
    d.services[0].networkPolicy = 'off';
    expect(() => resolveFleet(d)).toThrow('services[0].networkPolicy "off" is a string, expected a boolean; change it to a boolean');
  });

  it('GIVEN a policy with no pod labels, no ports and a bad namespace WHEN constructed THEN every problem is reported', () => {
    const { chart } = testChart();
    expect(() => new WorkloadNetworkPolicy(chart, 'p', { name: 'web', namespace: 'shop', podLabels: {}, ports: [], allowFromNamespaces: ['Ingress_Nginx'] })).toThrow(
      [
        'WorkloadNetworkPolicy "web": podLabels {} is empty, which would select every pod of the namespace; give the workload\'s pod labels, e.g. { \'app.kubernetes.io/name\': \'checkout\' }',
        'WorkloadNetworkPolicy "web": ports [] is empty, so nothing could reach the pods; list the container ports that serve, e.g. ["http"]',
        'WorkloadNetworkPolicy "web": allowFromNamespaces "Ingress_Nginx" is not a namespace name (DNS-1123 label); use lower-case letters, digits and -, e.g. "ingress-nginx"',
      ].join('\n'),
    );
  });

  it('GIVEN its own namespace among the allowed ones WHEN constructed THEN it is not listed twice', () => {
    const { chart, objects } = testChart();
    new WorkloadNetworkPolicy(chart, 'p', { name: 'web', namespace: 'shop', podLabels: { app: 'web' }, ports: [8080], allowFromNamespaces: ['shop', 'b', 'a', 'b'] });
    expect(only(objects(), 'NetworkPolicy').spec.ingress).toEqual([
      {
        from: [{ podSelector: {} }, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'a' } } }, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } } }],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]);
  });
});

describe('AppProjects', () => {
  it('GIVEN the services fleet WHEN synthesized THEN no project allows every repository and every destination is a registered cluster or the hub itself', () => {
    const fleet = resolveFleet(secureDefaultsDefinition());
    const registered = new Set(fleet.clusters.map((c) => c.name));
    const projects = objectsOfKind('AppProject').map(({ object }) => object);
    expect(projects.map((p) => p.metadata.name).sort()).toEqual(['dev', 'hub', 'prod']);
    for (const project of projects) {
      expect(project.spec.sourceRepos).toContain(fleet.repo.url);
      expect(project.spec.sourceRepos.filter((repo: string) => repo.includes('*'))).toEqual([]);
      const strays = project.spec.destinations.filter((d: any) => (d.name === undefined ? d.server !== IN_CLUSTER_SERVER : !registered.has(d.name)));
      expect(strays).toEqual([]);
    }
  });
});

describe('AppProjects: the override', () => {
  it('GIVEN additional source repositories WHEN synthesized THEN every project accepts them besides its own', () => {
    const d = secureDefaultsDefinition() as any;
    d.hub.argocd = { ...d.hub.argocd, additionalSourceRepos: ['https://charts.acme.io', 'https://github.com/acme/*'] };
    const fleet = resolveFleet(d);
    const projects = synthesize(fleet).rendered.units.flatMap((u) => u.objects).filter((o) => o.kind === 'AppProject') as any[];
    expect(projects.length).toBeGreaterThan(0);
    for (const project of projects) {
      expect(project.spec.sourceRepos, project.metadata.name).toEqual(expect.arrayContaining([fleet.repo.url, 'https://charts.acme.io', 'https://github.com/acme/*']));
    }
  });

  it('GIVEN "*" or a non-URL as an additional source WHEN checked THEN each is refused with the fix', () => {
    const d = secureDefaultsDefinition() as any;
    d.hub.argocd = { ...d.hub.argocd, additionalSourceRepos: ['*', 'charts'] };
    expect(checkFleet(d).problems.map((p) => p.message)).toEqual([
      'hub.argocd.additionalSourceRepos[0] "*" would accept every repository, undoing the projects\' restriction; list the repositories, or a glob under your organisation such as "https://github.com/acme/*"',
      'hub.argocd.additionalSourceRepos[1] "charts" is not a repository URL or glob; use "https://host/org/repo.git", "git@host:org/repo.git", a Helm repository such as "https://charts.acme.io", or a glob such as "https://github.com/acme/*"',
    ]);
  });
});

describe('conformance of the secure defaults', () => {
  const { out, kubectl } = conformanceTree('secure defaults', files);

  it.skipIf(!kubectl)('GIVEN the tree WHEN the service bases and the hub are built with kubectl kustomize THEN the NetworkPolicies are in the builds', () => {
    const built = ['services/checkout/base', 'services/search/base', 'services/probe/base', 'hub'].map((folder) => spawnSync('kubectl', ['kustomize', path.join(out, folder)], { encoding: 'utf8' }));
    expect(built.map((r) => r.stderr.trim())).toEqual(['', '', '', '']);
    expect(built.map((r) => r.stdout.match(/^kind: NetworkPolicy$/gm)?.length ?? 0)).toEqual([1, 1, 1, 0]);
  });
});

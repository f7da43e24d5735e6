import { describe, expect, it } from 'vitest';
import { resolveFleet } from '../../model';
import { karmadaMembers, karmadaWeight, replicaSplits } from '../../model/delivery/karmada-split';
import { treeFiles } from '../../outputs/gitops/tree';
import { synthesize } from '../../outputs/synth';
import { replicaReport } from '../../stacks/karmada/report';
import type { KubeObject, Unit } from '../../stacks/rendered';
import { testSynth } from '../helpers/example';
import { karmadaDefinition } from '../helpers/karmada-fleet';

const fleet = resolveFleet(karmadaDefinition());
const out = synthesize(fleet);
const unit = (dir: string): Unit | undefined => out.rendered.units.find((u) => u.dir === dir);
const objects = (dir: string): any[] => [...(unit(dir)?.objects ?? [])];
const karmada = objects('hub/karmada');
const WAVE = 'argocd.argoproj.io/sync-wave';

/** Whether a Kubernetes label selector matches `labels`. */
function selects(selector: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] }, labels: Record<string, string>): boolean {
  return (
    Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
    (selector.matchExpressions ?? []).every((e) => {
      switch (e.operator) {
        case 'In': return e.values!.includes(labels[e.key]!);
        case 'NotIn': return !e.values!.includes(labels[e.key]!);
        case 'Exists': return labels[e.key] !== undefined;
        default: return labels[e.key] === undefined;
      }
    })
  );
}

describe('Karmada delivery on the hub', () => {
  it('GIVEN services delivered by Karmada WHEN synthesized THEN hub/karmada is applied to Karmada and no kustomization of the hub includes it', () => {
    expect(unit('hub/karmada')?.target).toEqual({ scope: 'karmada' });
    expect(unit('hub/karmada')?.kustomization).toBe(true);
    expect(out.rendered.units.filter((u) => u.includes.includes('hub/karmada')).map((u) => u.dir)).toEqual([]);
    expect(unit('hub')?.includes).not.toContain('hub/karmada');
  });

  it('GIVEN two services over six clusters WHEN synthesized THEN hub/karmada holds exactly the members, namespaces, services, policies and taint policies', () => {
    expect(karmada.map((o) => `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`).sort()).toEqual([
      ...['dev-aws', 'dev-docker', 'prod-eks', 'prod-existing', 'prod-other', 'prod-pulumi'].flatMap((c) => [`Cluster/${c}`, `ClusterRole/fleetwright-karmada-agent-${c}`, `ClusterRoleBinding/fleetwright-karmada-agent-${c}`]),
      'ClusterPropagationPolicy/fleetwright-namespace-checkout',
      'ClusterPropagationPolicy/fleetwright-namespace-discovery',
      'ClusterTaintPolicy/fleetwright-not-ready',
      'ClusterTaintPolicy/fleetwright-unreachable',
      'Deployment/checkout/checkout',
      'Deployment/discovery/search',
      'Namespace/checkout',
      'Namespace/discovery',
      'NetworkPolicy/checkout/checkout',
      'NetworkPolicy/discovery/search',
      'OverridePolicy/checkout/checkout',
      'PropagationPolicy/checkout/checkout',
      'PropagationPolicy/discovery/search',
      'Service/checkout/checkout',
      'Service/discovery/search',
    ].sort());
  });

  it('GIVEN the objects on Karmada WHEN Argo CD syncs them THEN members and namespaces come first, then policies, then workloads, then the taint policies', () => {
    const waves = new Map<string, Set<string>>();
    for (const o of karmada) waves.set(o.kind, (waves.get(o.kind) ?? new Set()).add(o.metadata.annotations?.[WAVE]));
    expect(Object.fromEntries([...waves].map(([kind, set]) => [kind, [...set]]))).toEqual({
      Cluster: ['-1'],
      ClusterRole: ['-1'],
      ClusterRoleBinding: ['-1'],
      Namespace: ['-1'],
      ClusterPropagationPolicy: ['-1'],
      PropagationPolicy: ['0'],
      OverridePolicy: ['0'],
      Deployment: ['1'],
      Service: ['1'],
      NetworkPolicy: ['1'],
      ClusterTaintPolicy: ['2'],
    });
  });

  it('GIVEN checkout with 60 replicas WHEN its template is synthesized THEN the Deployment carries the total for Karmada to divide', () => {
    const deployment = karmada.find((o) => o.kind === 'Deployment' && o.metadata.name === 'checkout');
    expect(deployment.spec.replicas).toBe(60);
    expect(deployment.spec.template.spec.containers[0].image).toBe('ghcr.io/acme/checkout:1.4.2');
  });

  it.each(fleet.services.map((s) => [s.name, s] as const))('GIVEN service %s WHEN its placement is read against the Cluster objects THEN it selects exactly its members and weighs each as the split does', (_name, service) => {
    const pp = karmada.find((o) => o.kind === 'PropagationPolicy' && o.metadata.name === service.name);
    const clusters = karmada.filter((o) => o.kind === 'Cluster');
    const selected = clusters.filter((c) => selects(pp.spec.placement.clusterAffinity.labelSelector, c.metadata.labels)).map((c) => c.metadata.name);
    const members = karmadaMembers(fleet, service);
    expect(selected).toEqual(members.map((c) => c.name));
    const list: any[] = pp.spec.placement.replicaScheduling.weightPreference?.staticWeightList ?? [];
    for (const c of clusters.filter((k) => selected.includes(k.metadata.name))) {
      const weights = list.filter((w) => selects(w.targetCluster.labelSelector, c.metadata.labels)).map((w) => w.weight);
      const karmadaWeighs = list.length === 0 ? 1 : Math.max(0, ...weights);
      expect(karmadaWeighs, c.metadata.name).toBe(karmadaWeight(service.karmada!, members.find((m) => m.name === c.metadata.name)!));
    }
  });

  it('GIVEN the namespaces WHEN synthesized THEN Karmada does not copy them to every member and each is placed on its services\' clusters only', () => {
    expect(karmada.find((o) => o.kind === 'Namespace' && o.metadata.name === 'discovery').metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'fleetwright',
      'namespace.karmada.io/skip-auto-propagation': 'true',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    expect(karmada.find((o) => o.metadata.name === 'fleetwright-namespace-discovery').spec.placement.clusterAffinity).toEqual({ clusterNames: ['dev-aws', 'dev-docker'] });
  });

  it("GIVEN Karmada's API server WHEN the hub registers it THEN an ExternalSecret templates Argo CD's cluster Secret from the store, with the server from the definition", () => {
    const secret = objects('hub/registration').find((o) => o.kind === 'ExternalSecret' && o.metadata.name === 'cluster-karmada');
    expect(secret.metadata.namespace).toBe('argocd');
    expect(secret.spec).toEqual({
      refreshInterval: '1h',
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'fleet-registry' },
      target: {
        name: 'cluster-karmada',
        creationPolicy: 'Owner',
        template: {
          engineVersion: 'v2',
          type: 'Opaque',
          metadata: { labels: { 'argocd.argoproj.io/secret-type': 'cluster' }, annotations: {} },
          data: { name: 'karmada', server: 'https://karmada.acme.internal:5443', config: '{{ .config }}' },
        },
      },
      data: [{ secretKey: 'config', remoteRef: { key: 'acme/karmada/argocd-cluster', property: 'config' } }],
    });
  });

  it('GIVEN the registration WHEN the hub syncs THEN an Application syncs hub/karmada to the cluster karmada, allowed by the hub platform project', () => {
    const argocd = objects('hub/argocd');
    const app = argocd.find((o) => o.kind === 'Application' && o.metadata.name === 'fleet-karmada');
    expect(app.spec).toEqual({
      project: 'hub-platform',
      source: { repoURL: 'https://github.com/acme/fleet.git', targetRevision: 'main', path: 'gitops/hub/karmada' },
      destination: { name: 'karmada', namespace: 'default' },
      syncPolicy: { automated: { prune: true, selfHeal: true }, retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } } },
    });
    const project = argocd.find((o) => o.kind === 'AppProject' && o.metadata.name === 'hub-platform');
    expect(project.spec.destinations).toContainEqual({ name: 'karmada', namespace: '*' });
    expect(project.spec.clusterResourceWhitelist).toEqual([{ group: '*', kind: '*' }]);
  });

  it('GIVEN the replica split WHEN written THEN replicas.md is the report, verbatim, and stays out of the kustomization', () => {
    const report = out.files.get('hub/karmada/replicas.md')!;
    expect(report).toBe(replicaReport(replicaSplits(fleet)));
    expect(out.files.get('hub/karmada/kustomization.yaml')).not.toContain('replicas.md');
    expect(report).toMatchSnapshot();
  });

  it('GIVEN a fleet without Karmada services WHEN synthesized THEN there is no hub/karmada, no Karmada registration and no Karmada Application', () => {
    const plain = testSynth();
    expect([...plain.files.keys()].filter((f) => f.startsWith('hub/karmada/'))).toEqual([]);
    const hubObjects = plain.rendered.units.flatMap((u) => u.objects) as KubeObject[];
    expect(hubObjects.filter((o) => o.metadata.name === 'cluster-karmada' || o.metadata.name === 'fleet-karmada')).toEqual([]);
  });

  it('GIVEN a text file whose content is not text WHEN the tree is built THEN it is refused naming the file', () => {
    const bad: Unit = { dir: 'hub/karmada', target: { scope: 'karmada' }, objects: [], includes: [], files: [{ name: 'replicas.md', content: { a: 1 }, format: 'text' }], kustomization: false };
    expect(() => treeFiles({ units: [bad] })).toThrow('hub/karmada/replicas.md is a text file, but its content is not a string');
  });
});

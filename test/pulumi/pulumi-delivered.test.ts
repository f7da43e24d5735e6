/**
 * A fleet whose prod environment and hub are delivered by Pulumi: prod's
 * stack reaches each kind of cluster it can deliver (a Cluster API EKS
 * cluster through the kubeconfig Cluster API writes on the hub, a pulumi-eks
 * cluster it creates, an existing EKS cluster from the definition) and
 * applies what Argo CD would otherwise sync; the management stack applies the
 * hub's tree. Production data is protected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Layout, resolveFleet, type Fleet } from '../../model';
import { synthesize } from '../../outputs/synth';
import type { KubeObject, Unit } from '../../stacks/rendered';
import { folderObjects } from '../../stacks/delivery';
import { argoChartNamespaces } from '../helpers/argo-namespaces';
import { argoView } from '../helpers/argocd-view';
import type { RecordedResource } from '../helpers/pulumi';
import { pulumiDeliveredDefinition } from '../helpers/pulumi-delivered';
import { capiKubeconfig, definitionFile, runStack, type StackRun } from '../helpers/pulumi-stacks';

const providerRef = (r: RecordedResource) => `${r.urn}::${r.name}-id`;
const key = (o: KubeObject) => `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const byKey = (objects: readonly KubeObject[]) => Object.fromEntries(objects.map((o) => [key(o), o]).sort(([a], [b]) => (a! < b! ? -1 : 1)));

const definition = pulumiDeliveredDefinition();
const fleet: Fleet = resolveFleet(definition);
const units: readonly Unit[] = synthesize(fleet).rendered.units;
let file: ReturnType<typeof definitionFile>;
const runs = new Map<string, StackRun>();

beforeAll(async () => {
  file = definitionFile(definition);
  for (const stack of ['prod', 'management']) {
    const run = await runStack(stack, { 'fleetwright:config': file.file, 'fleetwright:environment': stack, 'aws:region': 'us-east-1' });
    if (run.error !== undefined) throw run.error;
    runs.set(stack, run);
  }
});
afterAll(() => file.cleanup());

/** The Kubernetes objects (not Helm releases) a run applies through the provider named `provider`. */
function appliedThrough(run: StackRun, provider: string): RecordedResource[] {
  const ref = providerRef(run.recorder.one('pulumi:providers:kubernetes', provider));
  return run.recorder.resources.filter((r) => r.provider === ref && r.type !== 'kubernetes:helm.sh/v3:Release');
}

/**
 * What Argo CD would sync to the cluster (and the labelled Namespaces it
 * creates for the charts), plus the Namespaces it creates for folder
 * Applications with CreateNamespace=true where no object of the tree
 * declares one (the stack creates those, as Argo CD would).
 */
function expectedObjects(name: string, applied: readonly RecordedResource[]): { readonly tree: KubeObject[]; readonly created: string[] } {
  const cluster = name === fleet.hub.name ? fleet.hub : fleet.clusters.find((c) => c.name === name)!;
  const view = argoView(fleet, units, cluster);
  const folders = view.folders.map((f) => f.folder);
  // The hub's own tree is synced by the fleet-root Application the bootstrap creates, not by an ApplicationSet.
  if (cluster.role === 'hub') folders.unshift(Layout.cluster(cluster.name));
  const tree = [...folders.flatMap((folder) => folderObjects(units, folder)), ...argoChartNamespaces(units, view)];
  const inTree = new Set(tree.map(key));
  const created = applied.map((r) => r.inputs as KubeObject).filter((o) => !inTree.has(key(o)));
  return { tree, created: created.map(key) };
}

describe('GIVEN prod delivered by Pulumi WHEN its stack runs', () => {
  it('THEN each cluster gets its own provider: prod-eks from the kubeconfig Cluster API writes, prod-pulumi from its EKS cluster, prod-existing from the definition', () => {
    const run = runs.get('prod')!;
    const providers = Object.fromEntries(run.recorder.ofType('pulumi:providers:kubernetes').map((p) => [p.name, p]));
    expect(Object.keys(providers).sort()).toEqual(['hub', 'prod-eks', 'prod-existing', 'prod-pulumi']);
    expect(providers['prod-eks']!.inputs.kubeconfig).toBe(capiKubeconfig('prod-eks'));
    expect(providers['prod-existing']!.inputs.kubeconfig).toContain('          - arn:aws:iam::111122223333:role/fleet-argocd\n');
    expect(providers['prod-existing']!.inputs.kubeconfig).toContain('      server: https://ABC.gr7.ap-southeast-1.eks.amazonaws.com\n');
    expect(providers['prod-pulumi']!.inputs.kubeconfig).toContain('          - acme-prod-pulumi\n');
    for (const p of Object.values(providers)) expect(p.secretInputs).toContain('kubeconfig');
    const read = run.recorder.reads.find((r) => r.type === 'kubernetes:core/v1:Secret')!;
    expect(read.id).toBe('clusters/prod-eks-kubeconfig');
    expect(read.dependencies).toEqual(appliedThrough(run, 'hub').map((r) => r.urn).sort());
  });

  it.each(['prod-eks', 'prod-existing', 'prod-pulumi'])('THEN the objects applied to %s are those Argo CD would sync to it, plus the namespaces Argo CD would create', (name) => {
    const applied = appliedThrough(runs.get('prod')!, name);
    const { tree, created } = expectedObjects(name, applied);
    expect(created).toEqual(['v1 Namespace /checkout']);
    const objects = applied.map((r) => r.inputs as KubeObject).filter((o) => key(o) !== 'v1 Namespace /checkout');
    expect(byKey(objects)).toEqual(byKey(tree));
    expect(objects).toHaveLength(tree.length);
  });

  it('THEN production data is protected: every Namespace on the clusters, and the protected cluster\'s Cluster API Cluster on the hub', () => {
    const run = runs.get('prod')!;
    const protectedObjects = run.recorder.resources.filter((r) => r.protect && r.type.startsWith('kubernetes:')).map((r) => `${r.type} ${r.name}`).sort();
    expect(protectedObjects).toEqual([
      'kubernetes:cluster.x-k8s.io/v1beta2:Cluster prod-eks/hub/clusters/prod-eks',
      'kubernetes:core/v1:Namespace prod-eks/checkout',
      'kubernetes:core/v1:Namespace prod-eks/external-secrets',
      'kubernetes:core/v1:Namespace prod-eks/fleet-system',
      'kubernetes:core/v1:Namespace prod-eks/ingress-nginx',
      'kubernetes:core/v1:Namespace prod-existing/checkout',
      'kubernetes:core/v1:Namespace prod-existing/external-secrets',
      'kubernetes:core/v1:Namespace prod-existing/fleet-system',
      'kubernetes:core/v1:Namespace prod-existing/ingress-nginx',
      'kubernetes:core/v1:Namespace prod-pulumi/checkout',
      'kubernetes:core/v1:Namespace prod-pulumi/external-secrets',
      'kubernetes:core/v1:Namespace prod-pulumi/fleet-system',
      'kubernetes:core/v1:Namespace prod-pulumi/ingress-nginx',
    ]);
    const hubObjects = appliedThrough(run, 'hub');
    expect(hubObjects.filter((r) => !r.retainOnDelete)).toEqual([]);
    expect(run.recorder.resources.filter((r) => r.type.startsWith('aws:') && r.protect).map((r) => r.name).sort()).toEqual([
      'prod-pulumi-cluster',
      'prod-pulumi-general',
      'prod-pulumi-vpc',
    ]);
  });

  it('THEN no cluster is registered: no Argo CD cluster Secret, no Flux kubeconfig Secret', () => {
    const run = runs.get('prod')!;
    expect(run.recorder.ofType('kubernetes:core/v1:Secret')).toEqual([]);
  });

  it('THEN every resource is registered while the program runs', () => {
    const run = runs.get('prod')!;
    expect(run.registeredAfter).toEqual([]);
  });
});

describe('GIVEN the hub delivered by Pulumi WHEN the management stack runs', () => {
  it('THEN it creates the hub and applies the hub\'s tree through the hub\'s own provider', () => {
    const run = runs.get('management')!;
    const provider = run.recorder.one('pulumi:providers:kubernetes', 'management');
    expect(provider.inputs.kubeconfig).toContain('          - acme-management\n');
    expect(run.recorder.reads).toEqual([]);
    const applied = appliedThrough(run, 'management');
    const { tree, created } = expectedObjects('management', applied);
    expect(created).toEqual([]);
    expect(byKey(applied.map((r) => r.inputs as KubeObject))).toEqual(byKey(tree));
    expect(applied.filter((r) => r.type === 'kubernetes:argoproj.io/v1alpha1:ApplicationSet')).toHaveLength(6);
  });

  it('THEN the hub\'s Cluster API namespace is protected and Argo CD\'s settings are retained, as the tree marks them', () => {
    const run = runs.get('management')!;
    expect(run.recorder.resources.filter((r) => r.type.startsWith('kubernetes:') && (r.protect || r.retainOnDelete)).map((r) => `${r.name} protect=${r.protect} retain=${r.retainOnDelete}`)).toEqual([
      // The namespaces of the hub's charts, created before their releases.
      'management/external-secrets protect=true retain=false',
      'management/ingress-nginx protect=true retain=false',
      'management/clusters protect=true retain=false',
      'management/argocd/argocd-cm protect=false retain=true',
      'management/argocd/argocd-cmd-params-cm protect=false retain=true',
    ]);
  });

  it('THEN the hub\'s charts are Helm releases through the hub\'s provider', () => {
    const run = runs.get('management')!;
    const provider = providerRef(run.recorder.one('pulumi:providers:kubernetes', 'management'));
    const releases = run.recorder.ofType('kubernetes:helm.sh/v3:Release');
    expect(releases.map((r) => r.inputs.name)).toEqual(['external-secrets', 'ingress-nginx']);
    expect(releases.every((r) => r.provider === provider)).toBe(true);
  });
});

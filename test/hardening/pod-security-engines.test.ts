/**
 * Pod Security labels on the namespaces fleetwright creates, on the two
 * delivery paths besides Argo CD's `managedNamespaceMetadata`: Flux (the
 * per-cluster namespaces Kustomization, which the add-ons' HelmRelease
 * wrappers wait for) and a Pulumi stack's direct apply (a labelled Namespace
 * before each chart's release). Both read `namespaceLabels`, the levels
 * Argo CD gets.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as k8s from '@pulumi/kubernetes';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { podSecurityLabels, resolveFleet, type FleetDefinition } from '../../model';
import { planDirectApply, type ApplyPlan, type ChartStep } from '../../outputs/pulumi/apply-plan';
import { DirectApply } from '../../outputs/pulumi/direct-apply';
import { synthesize } from '../../outputs/synth';
import { clusterDelivery, type ChartComponent, type ClusterDelivery } from '../../stacks/delivery';
import { conformanceTree } from '../helpers/conformance';
import { exampleDefinitionFor, exampleFleet, exampleSynth } from '../helpers/example';
import { mockPulumi, settled } from '../helpers/pulumi';

const recorder = mockPulumi();

const SPOKE = 'prod-eu-west-1';
const fluxFiles = synthesize(resolveFleet(exampleDefinitionFor('flux'))).files;

/** The objects of a written folder, by file name. */
function folder(files: ReadonlyMap<string, string>, dir: string): Record<string, any> {
  return Object.fromEntries(
    [...files.keys()]
      .filter((f) => path.dirname(f) === dir && f !== `${dir}/kustomization.yaml`)
      .sort()
      .map((f) => [path.basename(f), parse(files.get(f)!)]),
  );
}

const namespace = (name: string, level?: 'privileged' | 'baseline' | 'restricted') => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { labels: { 'app.kubernetes.io/managed-by': 'fleetwright', ...(level ? podSecurityLabels(level) : {}) }, name },
});

describe('GIVEN the example fleet for Flux WHEN synthesized', () => {
  it(`THEN ${SPOKE}'s namespaces folder creates its add-ons', services' and apps' namespaces, each with its Pod Security labels (apps' restricted by default, as under Argo CD)`, () => {
    expect(folder(fluxFiles, `hub/flux/clusters/${SPOKE}/namespaces`)).toEqual({
      'namespace-argo-rollouts.yaml': namespace('argo-rollouts', 'restricted'),
      'namespace-cert-manager.yaml': namespace('cert-manager', 'restricted'),
      'namespace-checkout.yaml': namespace('checkout', 'restricted'),
      'namespace-external-dns.yaml': namespace('external-dns', 'restricted'),
      'namespace-external-secrets.yaml': namespace('external-secrets', 'restricted'),
      'namespace-ingress-nginx.yaml': namespace('ingress-nginx', 'baseline'),
      'namespace-kyverno.yaml': namespace('kyverno', 'restricted'),
      'namespace-monitoring.yaml': namespace('monitoring', 'privileged'),
      'namespace-payments.yaml': namespace('payments', 'restricted'),
      'namespace-velero.yaml': namespace('velero', 'privileged'),
      'namespace-web.yaml': namespace('web', 'restricted'),
    });
  });

  it('THEN the hub\'s add-on namespaces, which its HelmReleases install into, are created with their labels too', () => {
    expect(folder(fluxFiles, 'hub/flux/clusters/management/namespaces')).toEqual({
      'namespace-cert-manager.yaml': namespace('cert-manager', 'restricted'),
      'namespace-external-secrets.yaml': namespace('external-secrets', 'restricted'),
      'namespace-monitoring.yaml': namespace('monitoring', 'privileged'),
    });
  });

  it('THEN an add-on\'s HelmRelease wrapper waits for the cluster\'s namespaces Kustomization, which never prunes', () => {
    const wrapper = parse(fluxFiles.get(`hub/flux/clusters/${SPOKE}/kustomization-ingress-nginx-${SPOKE}.yaml`)!);
    expect(wrapper.spec.dependsOn).toEqual([
      { name: 'ingress-nginx-prod-us-east-1', namespace: 'flux-system' },
      { name: `namespaces-${SPOKE}`, namespace: 'clusters' },
    ]);
    const namespaces = parse(fluxFiles.get(`hub/flux/clusters/${SPOKE}/kustomization-namespaces-${SPOKE}.yaml`)!);
    expect(namespaces.spec).toMatchObject({ path: `./gitops/hub/flux/clusters/${SPOKE}/namespaces`, prune: false, deletionPolicy: 'Orphan', kubeConfig: { secretRef: { name: `${SPOKE}-kubeconfig` } } });
    expect(namespaces.spec.dependsOn).toBeUndefined();
  });

  it('GIVEN platform.podSecurity overrides cert-manager\'s level THEN Flux\'s cert-manager Namespaces carry the override, on the spokes and the hub', () => {
    const base = exampleDefinitionFor('flux');
    const definition: FleetDefinition = { ...base, platform: { ...base.platform, podSecurity: { 'cert-manager': 'baseline' } } };
    const files = synthesize(resolveFleet(definition)).files;
    for (const cluster of [SPOKE, 'management']) {
      expect(folder(files, `hub/flux/clusters/${cluster}/namespaces`)['namespace-cert-manager.yaml']).toEqual(namespace('cert-manager', 'baseline'));
    }
  });
});

describe('conformance of the Flux namespaces', () => {
  const { out, kubectl } = conformanceTree('pod security under Flux', fluxFiles, 'the Flux tree');

  it.skipIf(!kubectl)('GIVEN the Flux tree WHEN the namespaces folders are built with kubectl kustomize THEN they build, labels included', () => {
    const built = [SPOKE, 'management'].map((c) => spawnSync('kubectl', ['kustomize', path.join(out, `hub/flux/clusters/${c}/namespaces`)], { encoding: 'utf8' }));
    expect(built.map((r) => r.stderr.trim())).toEqual(['', '']);
    expect(built.map((r) => r.stdout.match(/^ {4}pod-security\.kubernetes\.io\/enforce: /gm)?.length ?? 0)).toEqual([11, 3]);
  });
});

describe('GIVEN a spoke and the hub applied directly by Pulumi stacks', () => {
  const units = exampleSynth().rendered.units;
  const spoke = exampleFleet.clusters.find((c) => c.name === SPOKE)!;
  const spokeDelivery = clusterDelivery(exampleFleet, units, spoke);
  // The spoke's apps cannot reach a Pulumi-delivered cluster (the definition's rules refuse them); its add-ons are what this is about.
  const hubDelivery = clusterDelivery(exampleFleet, units, exampleFleet.hub);
  // No two catalog charts share a namespace today (thanos, in monitoring, has objects only): two releases of kube-prometheus-stack's chart stand for them.
  const prometheus = hubDelivery.components.find((c): c is ChartComponent => c.kind === 'chart' && c.addon === 'kube-prometheus-stack')!;
  const twoCharts: ClusterDelivery = { ...hubDelivery, cluster: 'shared', components: [prometheus, { ...prometheus, id: 'addon/kube-prometheus-stack/chart-2', releaseName: 'prometheus-2' }] };
  const plans: ApplyPlan[] = [
    planDirectApply({ ...spokeDelivery, components: spokeDelivery.components.filter((c) => c.kind !== 'external') }, spoke),
    planDirectApply(hubDelivery, exampleFleet.hub),
    planDirectApply(twoCharts, { ...exampleFleet.hub, name: 'shared' }),
  ];
  const chart = (plan: ApplyPlan, addon: string) => plan.steps.find((s): s is ChartStep => s.kind === 'chart' && s.component.addon === addon);

  beforeAll(async () => {
    for (const plan of plans) new DirectApply(plan.cluster, { plan, provider: new k8s.Provider(plan.cluster, { kubeconfig: 'apiVersion: v1\nkind: Config\n' }) });
    await settled();
  });

  it('WHEN planned THEN the first chart into monitoring creates the labelled Namespace, a second chart into it none, and the thanos objects of the hub none', () => {
    const [spokePlan, hub, shared] = plans as [ApplyPlan, ApplyPlan, ApplyPlan];
    expect(chart(hub, 'kube-prometheus-stack')!.namespace).toMatchObject({
      object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring', labels: podSecurityLabels('privileged') } },
      name: 'management/monitoring',
    });
    const thanos = hub.steps.find((s) => s.id === 'addon/thanos/objects')!;
    expect(thanos.kind === 'folder' && thanos.objects.filter((o) => o.object.kind === 'Namespace')).toEqual([]);
    expect(shared.steps.map((s) => [s.id, s.kind === 'chart' ? s.namespace?.name : undefined])).toEqual([
      ['addon/kube-prometheus-stack/chart', 'shared/monitoring'],
      ['addon/kube-prometheus-stack/chart-2', undefined],
    ]);
    expect(chart(spokePlan, 'cilium')).toBeUndefined();
  });

  it(`WHEN ${SPOKE} is applied THEN each namespace it gets is one Namespace resource with its labels`, () => {
    const namespaces = recorder
      .ofType('kubernetes:core/v1:Namespace')
      .filter((r) => r.name.startsWith(`${SPOKE}/`))
      .map((r) => [r.name, r.inputs.metadata.labels?.['pod-security.kubernetes.io/enforce']]);
    expect(namespaces).toEqual([
      [`${SPOKE}/argo-rollouts`, 'restricted'],
      [`${SPOKE}/cert-manager`, 'restricted'],
      [`${SPOKE}/checkout`, 'restricted'],
      [`${SPOKE}/external-dns`, 'restricted'],
      [`${SPOKE}/external-secrets`, 'restricted'],
      // The Namespace object of the cluster's entry folder, as the tree has it.
      [`${SPOKE}/fleet-system`, 'restricted'],
      [`${SPOKE}/ingress-nginx`, 'baseline'],
      [`${SPOKE}/kyverno`, 'restricted'],
      [`${SPOKE}/monitoring`, 'privileged'],
      [`${SPOKE}/velero`, 'privileged'],
    ]);
    expect(recorder.one('kubernetes:core/v1:Namespace', `${SPOKE}/ingress-nginx`).inputs).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'ingress-nginx', labels: podSecurityLabels('baseline') },
    });
    const release = recorder.one('kubernetes:helm.sh/v3:Release', `${SPOKE}/ingress-nginx`);
    expect(release.inputs).toMatchObject({ namespace: 'ingress-nginx', createNamespace: false });
    expect(release.dependencies).toContain(recorder.one('kubernetes:core/v1:Namespace', `${SPOKE}/ingress-nginx`).urn);
  });

  it('WHEN applied THEN monitoring is created once, and every release into it creates no namespace and waits for its Namespace', () => {
    for (const [cluster, releases] of [['management', ['kube-prometheus-stack']], ['shared', ['kube-prometheus-stack', 'prometheus-2']]] as const) {
      const monitoring = recorder.one('kubernetes:core/v1:Namespace', `${cluster}/monitoring`);
      expect(monitoring.inputs.metadata).toEqual({ name: 'monitoring', labels: podSecurityLabels('privileged') });
      for (const name of releases) {
        const release = recorder.one('kubernetes:helm.sh/v3:Release', `${cluster}/${name}`);
        expect(release.inputs).toMatchObject({ namespace: 'monitoring', createNamespace: false });
        expect(release.dependencies).toContain(monitoring.urn);
      }
    }
  });
});

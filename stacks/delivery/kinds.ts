/**
 * What serves each kind the fleet's objects use: Kubernetes itself (built-in
 * API groups), the chart of an add-on (which installs the CRDs: the fleet's
 * values switch every chart's CRDs on), or a platform the fleet assumes on a
 * cluster and does not install itself: Argo CD and Cluster API on the hub
 * (their CRDs come with their installation), Karmada's API server, Flux.
 *
 * Groups and kinds follow the upstream CRDs in `../shared/crds` (see
 * SOURCES.md there); `argoproj.io` is shared by Argo CD and Argo Rollouts, so
 * it is told apart by kind. A kind of any other group is refused: its source
 * must be added here before the fleet renders it.
 */
import { argoRollouts, certManager, cilium, externalSecrets, kubePrometheusStack, kyverno, velero, type AddonName, type AddonSpec, type HelmValues, type JsonValue } from '../../model';

/** What the fleet assumes on a cluster and does not deliver itself. */
export type Platform = 'argo-cd' | 'cluster-api' | 'karmada' | 'flux';

/** What serves a kind that is not built into Kubernetes. */
export type KindSource =
  /** The add-on's chart installs the CRD. */
  | { readonly by: 'addon'; readonly addon: AddonName }
  /** The platform's installation does. */
  | { readonly by: 'platform'; readonly platform: Platform };

/**
 * The API groups Kubernetes serves itself (those of the API server's OpenAPI
 * document, Kubernetes 1.36; `''` is the core group).
 */
export const BUILT_IN_GROUPS: ReadonlySet<string> = new Set([
  '',
  'admission.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'extensions',
  'flowcontrol.apiserver.k8s.io',
  'imagepolicy.k8s.io',
  'internal.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);

const addon = (spec: AddonSpec): KindSource => ({ by: 'addon', addon: spec.name });
const platform = (name: Platform): KindSource => ({ by: 'platform', platform: name });

/** API groups whose every kind has one source. */
const BY_GROUP: ReadonlyMap<string, KindSource> = new Map([
  ['cert-manager.io', addon(certManager)],
  ['acme.cert-manager.io', addon(certManager)],
  ['cilium.io', addon(cilium)],
  ['external-secrets.io', addon(externalSecrets)],
  ['generators.external-secrets.io', addon(externalSecrets)],
  ['monitoring.coreos.com', addon(kubePrometheusStack)],
  ['kyverno.io', addon(kyverno)],
  ['policies.kyverno.io', addon(kyverno)],
  ['velero.io', addon(velero)],
  ...['cluster', 'bootstrap.cluster', 'controlplane.cluster', 'infrastructure.cluster', 'addons.cluster', 'ipam.cluster', 'runtime.cluster'].map(
    (prefix) => [`${prefix}.x-k8s.io`, platform('cluster-api')] as const,
  ),
  ['policy.karmada.io', platform('karmada')],
  ['cluster.karmada.io', platform('karmada')],
  ['work.karmada.io', platform('karmada')],
  ['source.toolkit.fluxcd.io', platform('flux')],
  ['kustomize.toolkit.fluxcd.io', platform('flux')],
  ['helm.toolkit.fluxcd.io', platform('flux')],
]);

/** `argoproj.io`, by kind: Argo CD's and Argo Rollouts' CRDs share the group. */
const ARGOPROJ: ReadonlyMap<string, KindSource> = new Map([
  ...['Application', 'ApplicationSet', 'AppProject'].map((kind) => [kind, platform('argo-cd')] as const),
  ...['Rollout', 'AnalysisTemplate', 'ClusterAnalysisTemplate', 'AnalysisRun', 'Experiment'].map((kind) => [kind, addon(argoRollouts)] as const),
]);

/** What serves `group`/`kind`; undefined for a built-in kind. Throws for a kind nothing known serves. */
export function kindSource(group: string, kind: string): KindSource | undefined {
  if (BUILT_IN_GROUPS.has(group)) return undefined;
  const source = group === 'argoproj.io' ? ARGOPROJ.get(kind) : BY_GROUP.get(group);
  if (source) return source;
  throw new Error(
    `kindSource: ${kind} of API group "${group}" is served by no add-on fleetwright knows, nor by Argo CD, Cluster API, Karmada or Flux; ` +
      'add its group (and the add-on whose chart installs the CRD) to stacks/delivery/kinds.ts',
  );
}

/**
 * Kinds a chart creates when its values switch them on, by the charts'
 * conventional keys (`serviceMonitor.enabled`, `prometheusRule.enabled`, at
 * any depth): the CRDs must exist before the release is installed.
 */
const VALUE_SWITCHES: ReadonlyMap<string, { readonly group: string; readonly kind: string }> = new Map([
  ['serviceMonitor', { group: 'monitoring.coreos.com', kind: 'ServiceMonitor' }],
  ['prometheusRule', { group: 'monitoring.coreos.com', kind: 'PrometheusRule' }],
]);

/** The kinds from CRDs a chart's values switch on, as `group/kind` pairs, sorted. */
export function switchedOnKinds(values: HelmValues): { readonly group: string; readonly kind: string }[] {
  const found = new Map<string, { group: string; kind: string }>();
  const walk = (value: JsonValue): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    for (const [key, child] of Object.entries(value as HelmValues)) {
      const switched = VALUE_SWITCHES.get(key);
      if (switched && child !== null && typeof child === 'object' && !Array.isArray(child) && (child as HelmValues).enabled === true) {
        found.set(`${switched.group}/${switched.kind}`, switched);
      }
      walk(child);
    }
  };
  walk(values);
  return [...found.keys()].sort().map((key) => found.get(key)!);
}

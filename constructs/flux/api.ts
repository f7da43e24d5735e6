/**
 * What the Flux constructs share: the API versions of the pinned controllers
 * (kustomize-controller v1.9, source-controller v1.9, helm-controller v1.6),
 * references between Flux objects, the kubeconfig of a remote cluster, and
 * the checks every Flux object's props go through.
 * @see https://fluxcd.io/flux/components/
 */
import { dnsLabel, dnsSubdomain } from '../../model/rules/syntax';
import { expectSyntax } from '../cluster-api/checks';
import type { PropsCheck } from '../errors';

export const KUSTOMIZE_API_VERSION = 'kustomize.toolkit.fluxcd.io/v1';
export const SOURCE_API_VERSION = 'source.toolkit.fluxcd.io/v1';
export const HELM_API_VERSION = 'helm.toolkit.fluxcd.io/v2';

/** A Flux object in a namespace: what `sourceRef`, `dependsOn` and `healthChecks` point at. */
export interface FluxObjectRef {
  readonly name: string;
  readonly namespace: string;
}

/** A source a Kustomization builds from (`spec.sourceRef`). */
export interface KustomizationSourceRef extends FluxObjectRef {
  readonly kind: 'GitRepository' | 'OCIRepository';
}

/**
 * The Secret on the hub that holds a remote cluster's kubeconfig
 * (`spec.kubeConfig.secretRef`). Flux reads it from the namespace of the
 * object that refers to it, so that object must live there.
 */
export interface KubeconfigSecretRef {
  readonly name: string;
  /** Key of the kubeconfig in the Secret; Flux reads `value` when none is given, which is where Cluster API writes it. */
  readonly key: string;
}

/** Identity and reconciliation timing every Flux object here has. */
export interface FluxObjectProps {
  /** Object name. Kustomizations and HelmReleases label what they apply with it, so it is a DNS-1123 label there (63 characters). */
  readonly name: string;
  /** Namespace on the hub. */
  readonly namespace: string;
  /**
   * Labels of the object itself.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * How often the object is reconciled: a duration Flux accepts (`ms`, `s`, `m`, `h`), e.g. '10m'.
   * @see https://fluxcd.io/flux/components/kustomize/kustomizations/#interval
   */
  readonly interval: string;
}

/** Durations as the Flux CRDs accept them: `^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$`, and more than zero. */
const FLUX_DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;

export function isFluxDuration(value: string): boolean {
  return FLUX_DURATION.test(value) && /[1-9]/.test(value);
}

/** Records a problem unless `value` is a positive duration Flux accepts. */
export function expectFluxDuration(check: PropsCheck, prop: string, value: string | undefined): void {
  if (value === undefined) return;
  check.expect(isFluxDuration(value), prop, value, 'is not a duration Flux accepts', 'write a positive duration in ms, s, m or h, e.g. "10m" or "1h30m"');
}

/**
 * Checks name, namespace and interval. `maxNameLength` 63 for objects whose
 * name Flux copies into label values of what they apply (Kustomization,
 * HelmRelease), else 253.
 */
export function checkFluxObject(check: PropsCheck, props: FluxObjectProps, maxNameLength: 63 | 253): void {
  const fits = props.name.length <= maxNameLength;
  check.expect(fits, 'name', props.name, `is ${props.name.length} characters long, more than the ${maxNameLength} Flux allows here`, `shorten it to ${maxNameLength} characters`);
  if (fits) expectSyntax(check, 'name', props.name, maxNameLength === 63 ? dnsLabel : dnsSubdomain);
  expectSyntax(check, 'namespace', props.namespace, dnsLabel);
  expectFluxDuration(check, 'interval', props.interval);
}

/** Checks references to other objects (`dependsOn`, `healthChecks`). */
export function checkRefs(check: PropsCheck, prop: string, refs: readonly FluxObjectRef[]): void {
  refs.forEach((ref, i) => {
    expectSyntax(check, `${prop}[${i}].name`, ref.name, dnsSubdomain);
    expectSyntax(check, `${prop}[${i}].namespace`, ref.namespace, dnsLabel);
  });
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const key of refs.map((r) => `${r.namespace}/${r.name}`)) {
    if (seen.has(key)) twice.push(key);
    seen.add(key);
  }
  check.expect(twice.length === 0, prop, twice, 'lists the same object more than once', 'list each object once');
}

/** Checks `dependsOn`: well-formed references, each once, and never the object itself. */
export function checkDependsOn(check: PropsCheck, kind: 'Kustomization' | 'HelmRelease', props: FluxObjectProps, dependsOn: readonly FluxObjectRef[]): void {
  checkRefs(check, 'dependsOn', dependsOn);
  check.expect(
    !dependsOn.some((d) => d.name === props.name && d.namespace === props.namespace),
    'dependsOn',
    dependsOn.map((d) => `${d.namespace}/${d.name}`),
    `lists the ${kind} itself, so it would never become ready`,
    'remove it from dependsOn',
  );
}

/** `metadata` of a Flux object: name, namespace and labels (only when there are any). */
export function fluxMetadata(props: FluxObjectProps): { name: string; namespace: string; labels?: Record<string, string> } {
  return {
    name: props.name,
    namespace: props.namespace,
    ...(props.labels && Object.keys(props.labels).length > 0 ? { labels: { ...props.labels } } : {}),
  };
}

/** A reference as the CRDs write it (namespace always explicit, so cross-namespace references read the same as local ones). */
export function refSpec(ref: FluxObjectRef): { name: string; namespace: string } {
  return { name: ref.name, namespace: ref.namespace };
}

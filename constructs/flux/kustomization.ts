/**
 * A Flux Kustomization: kustomize-controller builds a folder of a source and
 * applies it, to the hub or (with a kubeconfig) to a remote cluster, every
 * `interval`; it prunes what left the folder, assesses health, and waits for
 * its `dependsOn` first. A dependency counts only once it is Ready and, when
 * it builds from the same source, has applied the same source revision: a
 * new commit therefore travels along `dependsOn` chains in order.
 * @see https://fluxcd.io/flux/components/kustomize/kustomizations/
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { dnsLabel } from '../../model/rules/syntax';
import { expectSyntax } from '../cluster-api/checks';
import { PropsCheck } from '../errors';
import {
  checkFluxObject,
  checkDependsOn,
  checkRefs,
  expectFluxDuration,
  fluxMetadata,
  KUSTOMIZE_API_VERSION,
  refSpec,
  type FluxObjectProps,
  type FluxObjectRef,
  type KubeconfigSecretRef,
  type KustomizationSourceRef,
} from './api';

/** An object whose readiness a Kustomization waits for after applying. */
export interface HealthCheckRef extends FluxObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
}

/** How a Kustomization decides it is healthy after applying. */
export class KustomizationHealth {
  /** Ready as soon as everything is applied. */
  static none(): KustomizationHealth {
    return new KustomizationHealth({});
  }

  /** Wait until every object it applied is ready (`wait: true`; Argo CD's Application health is the same aggregate). */
  static waitForAll(): KustomizationHealth {
    return new KustomizationHealth({ wait: true });
  }

  /** Wait until these objects are ready (`healthChecks`), e.g. the HelmReleases it applied. */
  static check(refs: readonly HealthCheckRef[]): KustomizationHealth {
    if (refs.length === 0) throw new Error('KustomizationHealth.check: no objects; use KustomizationHealth.none()');
    return new KustomizationHealth({ healthChecks: refs.map((r) => ({ apiVersion: r.apiVersion, kind: r.kind, ...refSpec(r) })) }, refs);
  }

  private constructor(
    readonly spec: { readonly wait?: boolean; readonly healthChecks?: readonly object[] },
    readonly refs: readonly HealthCheckRef[] = [],
  ) {}
}

/** A JSON 6902 or strategic-merge patch kustomize-controller applies to what it builds. */
export interface KustomizationPatch {
  /** The patch, as YAML or JSON text. */
  readonly patch: string;
  readonly target: { readonly group?: string; readonly version?: string; readonly kind: string; readonly name?: string };
}

export interface KustomizationProps extends FluxObjectProps {
  /** The source to build from. */
  readonly source: KustomizationSourceRef;
  /** Folder in the source, relative to its root (no leading `/`, no `..`; `.` for the root). */
  readonly path: string;
  /**
   * Delete what was applied before and is no longer in the folder.
   * @default true
   */
  readonly prune?: boolean;
  /**
   * How long building, applying and health checks may take.
   * @default - the interval (Flux's default)
   */
  readonly timeout?: string;
  /**
   * How soon a failed reconciliation is retried.
   * @default - the interval (Flux's default)
   */
  readonly retryInterval?: string;
  /**
   * Apply to a remote cluster with the kubeconfig in this Secret, which must be in the Kustomization's own namespace.
   * @default - the cluster the Kustomization is on
   */
  readonly kubeConfig?: KubeconfigSecretRef;
  /**
   * Kustomizations that must be Ready (at the same revision, when they share the source) before this one reconciles.
   * @default []
   */
  readonly dependsOn?: readonly FluxObjectRef[];
  /** @default KustomizationHealth.none() */
  readonly health?: KustomizationHealth;
  /**
   * Namespace set on every namespaced object applied.
   * @default - the namespaces the objects name
   */
  readonly targetNamespace?: string;
  /** @default [] */
  readonly patches?: readonly KustomizationPatch[];
  /**
   * Stop reconciling.
   * @default false
   */
  readonly suspend?: boolean;
  /**
   * What happens to the applied objects when the Kustomization is deleted.
   * @default - 'MirrorPrune' (Flux's default: delete them when `prune` is true)
   */
  readonly deletionPolicy?: 'MirrorPrune' | 'Delete' | 'WaitForTermination' | 'Orphan';
}

export class Kustomization extends Construct {
  readonly apiObject: ApiObject;
  /** How other Kustomizations depend on this one. */
  readonly ref: FluxObjectRef;

  constructor(scope: Construct, id: string, props: KustomizationProps) {
    super(scope, id);
    const check = new PropsCheck('Kustomization', props.name);
    checkFluxObject(check, props, 63);
    check.expect(
      props.path !== '' && !props.path.startsWith('/') && !props.path.split('/').includes('..') && !/\s/.test(props.path),
      'path',
      props.path,
      'is not a folder inside the source',
      'give a relative path such as "clusters/dev-1"',
    );
    expectFluxDuration(check, 'timeout', props.timeout);
    expectFluxDuration(check, 'retryInterval', props.retryInterval);
    const dependsOn = props.dependsOn ?? [];
    checkDependsOn(check, 'Kustomization', props, dependsOn);
    checkRefs(check, 'healthChecks', props.health?.refs ?? []);
    if (props.targetNamespace !== undefined) expectSyntax(check, 'targetNamespace', props.targetNamespace, dnsLabel);
    if (props.kubeConfig) expectSyntax(check, 'kubeConfig.secretRef.name', props.kubeConfig.name, dnsLabel);
    check.done();
    this.ref = { name: props.name, namespace: props.namespace };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: KUSTOMIZE_API_VERSION,
      kind: 'Kustomization',
      metadata: fluxMetadata(props),
      spec: {
        sourceRef: { kind: props.source.kind, ...refSpec(props.source) },
        path: fluxPath(props.path),
        prune: props.prune ?? true,
        interval: props.interval,
        ...(props.timeout ? { timeout: props.timeout } : {}),
        ...(props.retryInterval ? { retryInterval: props.retryInterval } : {}),
        ...(props.kubeConfig ? { kubeConfig: { secretRef: { name: props.kubeConfig.name, key: props.kubeConfig.key } } } : {}),
        ...(dependsOn.length > 0 ? { dependsOn: dependsOn.map(refSpec) } : {}),
        ...(props.health?.spec ?? {}),
        ...(props.targetNamespace ? { targetNamespace: props.targetNamespace } : {}),
        ...(props.patches && props.patches.length > 0 ? { patches: props.patches.map((p) => ({ patch: p.patch, target: { ...p.target } })) } : {}),
        ...(props.suspend ? { suspend: true } : {}),
        ...(props.deletionPolicy ? { deletionPolicy: props.deletionPolicy } : {}),
      },
    });
  }
}

/** A folder as Flux writes it: `./` and the path relative to the source's root. */
function fluxPath(path: string): string {
  const relative = path.replace(/^\.\//, '').replace(/\/+$/, '');
  return relative === '' || relative === '.' ? './' : `./${relative}`;
}

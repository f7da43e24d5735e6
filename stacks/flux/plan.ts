/**
 * What the Flux stack plans before it renders: per component, the clusters
 * it runs on (and what Ready means there), and the objects it needs once the
 * waves have told each cluster what to wait for.
 */
import type { FluxObjectRef } from '../../constructs/flux/api';
import type { HelmReleaseProps } from '../../constructs/flux/helm-release';
import type { KustomizationProps } from '../../constructs/flux/kustomization';

/** One object of the Flux tree, and the folder it is written to. */
export type FluxSpec =
  | { readonly folder: string; readonly kind: 'Kustomization'; readonly props: KustomizationProps }
  | { readonly folder: string; readonly kind: 'HelmRelease'; readonly props: HelmReleaseProps }
  | {
      readonly folder: string;
      readonly kind: 'Namespace';
      readonly name: string;
      readonly annotations?: Readonly<Record<string, string>>;
      /** E.g. the namespace's Pod Security labels (`namespaceLabels`). */
      readonly labels?: Readonly<Record<string, string>>;
    };

export interface ComponentPlan {
  /** The component: the Argo CD ApplicationSet that delivers the same thing. */
  readonly component: string;
  /** Per cluster running it, the Kustomizations whose readiness means it is done there. */
  readonly runsOn: ReadonlyMap<string, readonly FluxObjectRef[]>;
  /** The objects, given what each cluster waits for (nothing on the clusters of the first step). */
  readonly specs: (after: (cluster: string) => FluxObjectRef | undefined) => readonly FluxSpec[];
}

/** `[ref]` when there is one, else `[]`. */
export function optional(ref: FluxObjectRef | undefined): FluxObjectRef[] {
  return ref ? [ref] : [];
}

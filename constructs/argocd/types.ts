/**
 * Argo CD API shapes, from the typed models generated from Argo CD's own Go
 * types (@kubernetes-models/argo-cd). Type-only: nothing is loaded at runtime.
 */
import type { IAppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject' with { 'resolution-mode': 'import' };
import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application' with { 'resolution-mode': 'import' };
import type { IApplicationSet } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet' with { 'resolution-mode': 'import' };

export type ApplicationSpec = IApplication['spec'];
export type ApplicationSourceSpec = NonNullable<ApplicationSpec['source']>;
export type ApplicationDestinationSpec = ApplicationSpec['destination'];
export type SyncPolicySpec = NonNullable<ApplicationSpec['syncPolicy']>;
export type IgnoreDifferencesSpec = NonNullable<ApplicationSpec['ignoreDifferences']>;
export type AppProjectSpec = NonNullable<IAppProject['spec']>;
export type ApplicationSetSpec = IApplicationSet['spec'];
export type ApplicationSetGeneratorSpec = ApplicationSetSpec['generators'][number];
export type ApplicationSetTemplateSpec = ApplicationSetSpec['template'];

/** Argo CD's group/version for every kind here. */
export const ARGO_API_VERSION = 'argoproj.io/v1alpha1';

/** The hub's own API server, as Argo CD names it. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

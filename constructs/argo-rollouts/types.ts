/**
 * Argo Rollouts API shapes (argoproj.io/v1alpha1, Argo Rollouts v1.9), from
 * the typed models generated from its CRDs. Type-only: nothing is loaded at
 * runtime.
 * @see https://argo-rollouts.readthedocs.io/en/stable/features/specification/
 */
import type { IAnalysisTemplate } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/AnalysisTemplate' with { 'resolution-mode': 'import' };
import type { IRollout } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/Rollout' with { 'resolution-mode': 'import' };
import { ResourceSyncOption, syncOptions } from '../argocd/resource-sync-options';

export type RolloutSpec = IRollout['spec'];
export type CanaryStrategySpec = NonNullable<NonNullable<RolloutSpec['strategy']>['canary']>;
export type CanaryStepSpec = NonNullable<CanaryStrategySpec['steps']>[number];
export type AnalysisArgumentSpec = NonNullable<NonNullable<CanaryStrategySpec['analysis']>['args']>[number];
export type AnalysisTemplateSpec = IAnalysisTemplate['spec'];
export type MetricSpec = NonNullable<AnalysisTemplateSpec['metrics']>[number];

/** Argo Rollouts' group/version for every kind here. */
export const ROLLOUTS_API_VERSION = 'argoproj.io/v1alpha1';

/**
 * Lets Argo CD sync the object before the Argo Rollouts CRDs exist on the cluster (the
 * argo-rollouts add-on installs them; Argo CD retries until they do).
 */
export const SKIP_DRY_RUN_ON_MISSING_RESOURCE = syncOptions(ResourceSyncOption.skipDryRunOnMissingResource);

/**
 * The label the Argo Rollouts controller puts on every pod of a Rollout's ReplicaSets, and adds
 * to the selectors of the canary and stable Services.
 * @see https://argo-rollouts.readthedocs.io/en/stable/features/canary/
 */
export const POD_TEMPLATE_HASH_LABEL = 'rollouts-pod-template-hash';

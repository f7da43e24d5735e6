/**
 * Prometheus Operator API shapes (monitoring.coreos.com/v1), from the typed
 * models generated from its CRDs. Type-only.
 */
import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule' with { 'resolution-mode': 'import' };
import type { IThanosRuler } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ThanosRuler' with { 'resolution-mode': 'import' };
import { ResourceSyncOption, syncOptions } from '../argocd/resource-sync-options';

export type PrometheusRuleSpec = IPrometheusRule['spec'];
export type RuleGroupSpec = NonNullable<PrometheusRuleSpec['groups']>[number];
export type RuleSpec = NonNullable<RuleGroupSpec['rules']>[number];
export type ThanosRulerSpec = IThanosRuler['spec'];

export const MONITORING_API_VERSION = 'monitoring.coreos.com/v1';

/** Lets Argo CD sync the object before the Prometheus Operator's CRDs exist on the cluster (it retries until they do). */
export const SKIP_DRY_RUN_ON_MISSING_RESOURCE = syncOptions(ResourceSyncOption.skipDryRunOnMissingResource);

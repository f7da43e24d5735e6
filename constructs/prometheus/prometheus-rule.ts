/**
 * A PrometheusRule: groups of alerting rules, picked up by the Prometheus or
 * ThanosRuler whose `ruleSelector` matches its labels.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PrometheusRule
 */
import { ApiObject, type ApiObjectMetadata, type Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { promDuration } from './duration';
import { isAlertName, isLabelName } from './names';
import { MONITORING_API_VERSION, SKIP_DRY_RUN_ON_MISSING_RESOURCE, type PrometheusRuleSpec, type RuleGroupSpec } from './types';

export interface AlertingRule {
  /** Name of the alert (metric-name syntax), e.g. `PrimaryClusterAPIServerDown`. */
  readonly alert: string;
  /** PromQL expression: the alert fires for every series it returns. */
  readonly expr: string;
  /**
   * How long the expression must keep returning a series before the alert fires.
   * @default - fires on the first evaluation that returns a series
   */
  readonly for?: Duration;
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** `summary`, `description`, … @default {} */
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * What Thanos Ruler does when a StoreAPI behind its Query does not answer.
 * @see https://thanos.io/tip/components/rule.md/#partial-response
 */
export type PartialResponse =
  /** Fail the evaluation (Thanos' default): no alert fires while any store is down. */
  | 'abort'
  /** Evaluate over the stores that answered: alerts about a missing cluster can fire. */
  | 'warn';

export interface AlertGroup {
  /** Unique within the PrometheusRule. */
  readonly name: string;
  readonly rules: readonly AlertingRule[];
  /**
   * Only Thanos Ruler reads it; Prometheus ignores it.
   * @default - Thanos' default ('abort')
   */
  readonly partialResponse?: PartialResponse;
  /**
   * How often the group is evaluated.
   * @default - the evaluator's evaluation interval
   */
  readonly interval?: Duration;
}

export interface PrometheusRuleProps {
  /** Name, namespace and the labels its evaluator's `ruleSelector` matches. */
  readonly metadata: ApiObjectMetadata & { readonly name: string; readonly namespace: string };
  readonly groups: readonly AlertGroup[];
}

export class PrometheusRule extends Construct {
  readonly name: string;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: PrometheusRuleProps) {
    super(scope, id);
    const check = new PropsCheck('PrometheusRule', props.metadata.name);
    check.expect(props.groups.length > 0, 'groups', [], 'is empty', 'give at least one group of rules');
    const names = props.groups.map((g) => g.name);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    check.expect(twice.length === 0, 'groups', [...new Set(twice)], 'are named twice', 'give each group its own name');
    props.groups.forEach((group, g) => {
      const at = `groups[${g}]`;
      check.expect(group.name !== '', `${at}.name`, group.name, 'is empty', 'name the group');
      check.expect(group.rules.length > 0, `${at}.rules`, [], 'is empty', 'give the group at least one rule');
      group.rules.forEach((rule, r) => {
        const path = `${at}.rules[${r}]`;
        check.expect(isAlertName(rule.alert), `${path}.alert`, rule.alert, 'is not an alert name', 'use letters, digits, _ and :, not starting with a digit');
        check.expect(rule.expr.trim() !== '', `${path}.expr`, rule.expr, 'is empty', 'give the PromQL expression the alert fires on');
        for (const label of Object.keys(rule.labels ?? {})) check.expect(isLabelName(label), `${path}.labels`, label, 'is not a label name', 'use letters, digits and _');
      });
    });
    check.done();

    this.name = props.metadata.name;
    const spec: PrometheusRuleSpec = {
      groups: props.groups.map(
        (group): RuleGroupSpec => ({
          name: group.name,
          ...(group.interval ? { interval: promDuration(group.interval) } : {}),
          ...(group.partialResponse ? { partial_response_strategy: group.partialResponse } : {}),
          rules: group.rules.map((rule) => ({
            alert: rule.alert,
            expr: rule.expr,
            ...(rule.for ? { for: promDuration(rule.for) } : {}),
            ...(rule.labels ? { labels: { ...rule.labels } } : {}),
            ...(rule.annotations ? { annotations: { ...rule.annotations } } : {}),
          })),
        }),
      ),
    };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: MONITORING_API_VERSION,
      kind: 'PrometheusRule',
      metadata: { ...props.metadata, annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE, ...props.metadata.annotations } },
      spec,
    });
  }
}

/**
 * A Kyverno ClusterPolicy (kyverno.io/v1) of Pod validation rules, in one
 * mode: `audit` reports violations (PolicyReports), `enforce` refuses them
 * at admission. The mode is set per rule (`validate.failureAction`), as the
 * v1.19 CRD asks: the policy-wide `validationFailureAction` is deprecated.
 * Background scanning reports existing objects too.
 * @see https://kyverno.io/docs/policy-types/cluster-policy/validate/
 */
import type { IClusterPolicy } from '@kubernetes-models/kyverno/kyverno.io/v1/ClusterPolicy' with { 'resolution-mode': 'import' };
import type { IRule } from '@kubernetes-models/kyverno/kyverno.io/v1/Rule' with { 'resolution-mode': 'import' };
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { dnsLabel, dnsSubdomain } from '../../model/rules/syntax';
import { expectSyntax } from '../cluster-api/checks';
import { PropsCheck } from '../errors';
import type { PodRule } from './pod-rule';

/** What a policy does with a violation. */
export type PolicyMode = 'audit' | 'enforce';

const FAILURE_ACTION: { readonly [M in PolicyMode]: 'Audit' | 'Enforce' } = { audit: 'Audit', enforce: 'Enforce' };

export interface ClusterPolicyProps {
  readonly name: string;
  /** One sentence on what the policy guards against: the `policies.kyverno.io/description` annotation. */
  readonly description: string;
  readonly rules: readonly PodRule[];
  /** Whether violations are reported (`audit`) or refused (`enforce`). */
  readonly mode: PolicyMode;
  /**
   * Namespaces the policy does not apply to (system and platform namespaces).
   * @default []
   */
  readonly excludeNamespaces?: readonly string[];
  /**
   * Whether existing objects are scanned and reported, not only admission requests.
   * @default true
   */
  readonly background?: boolean;
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

export class ClusterPolicy extends Construct {
  readonly name: string;
  readonly mode: PolicyMode;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ClusterPolicyProps) {
    super(scope, id);
    const check = new PropsCheck('ClusterPolicy', props.name);
    expectSyntax(check, 'name', props.name, dnsSubdomain);
    check.expect(props.rules.length > 0, 'rules', [], 'is empty', 'give the policy at least one rule');
    const names = props.rules.map((r) => r.name);
    check.expect(new Set(names).size === names.length, 'rules', names, 'has duplicate rule names', 'use each rule once per policy');
    props.rules.forEach((rule, i) => rule.check(check, `rules[${i}]`));
    (props.excludeNamespaces ?? []).forEach((ns, i) => expectSyntax(check, `excludeNamespaces[${i}]`, ns, dnsLabel));
    const excluded = [...new Set(props.excludeNamespaces ?? [])].sort();
    check.done();
    this.name = props.name;
    this.mode = props.mode;
    const rules: IRule[] = props.rules.map((rule) => ({
      name: rule.name,
      match: { any: [{ resources: { kinds: ['Pod'] } }] },
      ...(excluded.length > 0 ? { exclude: { any: [{ resources: { namespaces: excluded } }] } } : {}),
      validate: { failureAction: FAILURE_ACTION[props.mode], message: rule.message, pattern: rule.pattern },
    }));
    const policy: Omit<IClusterPolicy, 'apiVersion' | 'kind' | 'metadata'> = {
      spec: { background: props.background ?? true, rules },
    };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'kyverno.io/v1',
      kind: 'ClusterPolicy',
      metadata: {
        name: props.name,
        ...(props.labels && Object.keys(props.labels).length > 0 ? { labels: { ...props.labels } } : {}),
        annotations: { 'policies.kyverno.io/subject': 'Pod', 'policies.kyverno.io/description': props.description },
      },
      spec: policy.spec,
    });
  }
}

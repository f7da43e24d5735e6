/**
 * A Karmada OverridePolicy: per-cluster differences of the resource
 * templates of its namespace, applied as Karmada propagates them (for
 * instance a lower memory limit on edge clusters, or a registry mirror for
 * air-gapped ones). Rules apply in order, a later one winning.
 * @see https://karmada.io/docs/userguide/scheduling/override-policy
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { dnsLabel, dnsSubdomain } from '../../model/rules/syntax';
import { expectSyntax } from '../cluster-api/checks';
import { PropsCheck } from '../errors';
import type { ClusterAffinity } from './placement';
import { KARMADA_POLICY_API_VERSION, resourceSelectorSpec, type ResourceSelector } from './types';

const QUANTITY = /^\d+(\.\d+)?(m|k|Ki|Mi|Gi|Ti|M|G|T)?$/;
const REGISTRY = /^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)*$/;

interface PlaintextSpec {
  operator: 'add' | 'remove' | 'replace';
  path: string;
  value?: unknown;
}

interface ImageOverriderSpec {
  component: 'Registry' | 'Repository' | 'Tag';
  operator: 'add' | 'remove' | 'replace';
  value?: string;
}

interface OverridersSpec {
  plaintext?: PlaintextSpec[];
  imageOverrider?: ImageOverriderSpec[];
}

/** One change Karmada makes to a resource for the clusters of a rule. */
export class Overrider {
  /**
   * The memory request and limit of a container of a workload's pod template
   * (a `plaintext` JSON patch: Karmada has no typed overrider for resources).
   * Both are set so the pods keep requesting what they are limited to, which
   * also keeps a lower limit from falling below the request.
   * @param container index of the container in the pod template
   */
  static memory(quantity: string, container = 0): Overrider {
    const base = `/spec/template/spec/containers/${container}/resources`;
    return new Overrider(
      { plaintext: [{ operator: 'replace', path: `${base}/requests/memory`, value: quantity }, { operator: 'replace', path: `${base}/limits/memory`, value: quantity }] },
      (check, prop) => check.expect(QUANTITY.test(quantity), prop, quantity, 'is not a Kubernetes quantity', 'use e.g. "256Mi"'),
    );
  }

  /**
   * The registry of every image of a workload (`imageOverrider`, component
   * `Registry`, operator `replace`, which also sets a registry on images
   * written without one), e.g. a mirror reachable from air-gapped clusters.
   */
  static imageRegistry(registry: string): Overrider {
    return new Overrider(
      { imageOverrider: [{ component: 'Registry', operator: 'replace', value: registry }] },
      (check, prop) => check.expect(REGISTRY.test(registry), prop, registry, 'is not a registry host', 'write it like "mirror.acme.io" or "mirror.acme.io:5000/proxy"'),
    );
  }

  private constructor(readonly spec: OverridersSpec, readonly check: (check: PropsCheck, prop: string) => void) {}
}

/** Overriders for the clusters an affinity selects. */
export interface OverrideRule {
  readonly clusters: ClusterAffinity;
  readonly overriders: readonly Overrider[];
}

export interface OverridePolicyProps {
  readonly name: string;
  /** The policy's namespace: it overrides only resources of this namespace. */
  readonly namespace: string;
  /** The resource templates it overrides (at least one). */
  readonly resourceSelectors: readonly ResourceSelector[];
  /** Applied in order; a later rule wins. */
  readonly rules: readonly OverrideRule[];
  /**
   * Annotations, e.g. Argo CD's sync wave.
   * @default {}
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

export class OverridePolicy extends Construct {
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: OverridePolicyProps) {
    super(scope, id);
    const check = new PropsCheck('OverridePolicy', props.name);
    expectSyntax(check, 'name', props.name, dnsSubdomain);
    expectSyntax(check, 'namespace', props.namespace, dnsLabel);
    check.expect(props.resourceSelectors.length > 0, 'resourceSelectors', [], 'is empty, which overrides every resource of the namespace', 'select the resources to override');
    props.resourceSelectors.forEach((s, i) => {
      check.expect(s.namespace === props.namespace, `resourceSelectors[${i}].namespace`, s.namespace, `is not the policy's namespace "${props.namespace}", so Karmada would not override ${s.kind} ${s.name}`, 'put the policy in the namespace of the resources it overrides');
    });
    check.expect(props.rules.length > 0, 'rules', [], 'is empty, so the policy would change nothing', 'add a rule, or leave the policy out');
    props.rules.forEach((rule, i) => {
      rule.clusters.check(check, `rules[${i}].clusters`);
      check.expect(rule.overriders.length > 0, `rules[${i}].overriders`, [], 'is empty', 'add what the rule changes');
      rule.overriders.forEach((o, j) => o.check(check, `rules[${i}].overriders[${j}]`));
    });
    check.done();
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: KARMADA_POLICY_API_VERSION,
      kind: 'OverridePolicy',
      metadata: { name: props.name, namespace: props.namespace, ...(props.annotations ? { annotations: { ...props.annotations } } : {}) },
      spec: {
        resourceSelectors: props.resourceSelectors.map(resourceSelectorSpec),
        overrideRules: props.rules.map((rule) => ({ targetCluster: rule.clusters.spec, overriders: mergeOverriders(rule.overriders) })),
      },
    });
  }
}

function mergeOverriders(overriders: readonly Overrider[]): OverridersSpec {
  const plaintext = overriders.flatMap((o) => o.spec.plaintext ?? []);
  const imageOverrider = overriders.flatMap((o) => o.spec.imageOverrider ?? []);
  return { ...(plaintext.length > 0 ? { plaintext } : {}), ...(imageOverrider.length > 0 ? { imageOverrider } : {}) };
}


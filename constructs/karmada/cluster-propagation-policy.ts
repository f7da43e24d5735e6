/**
 * A Karmada ClusterPropagationPolicy: like a PropagationPolicy, for
 * cluster-scoped resource templates (namespaces, for instance) and resources
 * of any namespace.
 * @see https://karmada.io/docs/userguide/scheduling/propagation-policy
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { dnsSubdomain } from '../../model/rules/syntax';
import { expectSyntax } from '../cluster-api/checks';
import { PropsCheck } from '../errors';
import { checkPlacement, propagationSpec, type PlacementProps } from './propagation-policy';
import { KARMADA_POLICY_API_VERSION } from './types';

export interface ClusterPropagationPolicyProps extends PlacementProps {
  readonly name: string;
}

export class ClusterPropagationPolicy extends Construct {
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ClusterPropagationPolicyProps) {
    super(scope, id);
    const check = new PropsCheck('ClusterPropagationPolicy', props.name);
    expectSyntax(check, 'name', props.name, dnsSubdomain);
    checkPlacement(check, props);
    check.done();
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: KARMADA_POLICY_API_VERSION,
      kind: 'ClusterPropagationPolicy',
      metadata: { name: props.name, ...(props.annotations ? { annotations: { ...props.annotations } } : {}) },
      spec: propagationSpec(props),
    });
  }
}

/**
 * A member cluster of Karmada (`cluster.karmada.io/v1alpha1` Cluster, served
 * by Karmada's aggregated API server), in Pull mode, carrying the labels its
 * placements select on.
 *
 * Why Pull mode: a Push-mode Cluster needs the member's API endpoint and a
 * `secretRef` to a Secret in Karmada's API server holding a token of the
 * member, which cannot be in Git. In Pull mode the `karmada-agent` on the
 * member registers it (filling in `id`, `apiEndpoint` and its credentials) and
 * pulls its work from Karmada, so Git holds only the name, the mode and the
 * labels. Once per member, with a bootstrap token from
 * `karmadactl token create --print-register-command` on Karmada:
 *
 *     karmadactl register <karmada-apiserver-endpoint> --token <token> \
 *       --discovery-token-ca-cert-hash <hash> --cluster-name <this cluster's name>
 *
 * The agent updates this object when it registers, whichever of the two comes
 * first; the agent RBAC `karmadactl register` creates lets it create Cluster
 * objects but not update them (karmada-io/karmada #5793), so the stack grants
 * it `update` on its own (see `AgentClusterAccess`).
 * @see https://karmada.io/docs/userguide/clustermanager/cluster-registration
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { KARMADA_CLUSTER_NAME_MAX } from '../../model/delivery/karmada-rules';
import { dnsLabel } from '../../model/rules/syntax';
import { expectSyntax } from '../cluster-api/checks';
import { PropsCheck } from '../errors';
import { KARMADA_CLUSTER_API_VERSION } from './types';

export interface KarmadaClusterProps {
  /** The member's name in Karmada: the name `karmadactl register --cluster-name` is given. */
  readonly name: string;
  /** Labels placements select the member by (the fleet's registration labels). */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Annotations, e.g. Argo CD's sync wave.
   * @default {}
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

export class KarmadaCluster extends Construct {
  readonly name: string;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: KarmadaClusterProps) {
    super(scope, id);
    const check = new PropsCheck('KarmadaCluster', props.name);
    expectSyntax(check, 'name', props.name, (name) => dnsLabel(name, KARMADA_CLUSTER_NAME_MAX));
    check.done();
    this.name = props.name;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: KARMADA_CLUSTER_API_VERSION,
      kind: 'Cluster',
      metadata: { name: props.name, labels: { ...props.labels }, ...(props.annotations ? { annotations: { ...props.annotations } } : {}) },
      spec: { syncMode: 'Pull' },
    });
  }
}

/**
 * Lets a member's `karmada-agent` update its own Cluster object on Karmada's
 * API server: a ClusterRole allowing `update` on that one object, bound to the
 * agent's user (`system:karmada:agent:<cluster>`, the common name of the
 * certificate `karmadactl register` obtains for it).
 *
 * The RBAC `karmadactl register` creates for an agent lets it create Cluster
 * objects but not update them (karmada-io/karmada #5793), so an agent
 * registering a cluster whose Cluster object Git already created would be refused.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { KARMADA_CLUSTER_NAME_MAX } from '../../model/delivery/karmada-rules';
import { dnsLabel } from '../../model/rules/syntax';
import { expectSyntax } from '../cluster-api/checks';
import { PropsCheck } from '../errors';

/** The user a member's karmada-agent authenticates as. */
export function karmadaAgentUser(cluster: string): string {
  return `system:karmada:agent:${cluster}`;
}

export interface AgentClusterAccessProps {
  /** The member cluster. */
  readonly cluster: string;
  /**
   * Annotations of both objects, e.g. Argo CD's sync wave.
   * @default {}
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

export class AgentClusterAccess extends Construct {
  /** Name of the ClusterRole and of its binding. */
  readonly name: string;

  constructor(scope: Construct, id: string, props: AgentClusterAccessProps) {
    super(scope, id);
    const check = new PropsCheck('AgentClusterAccess', props.cluster);
    expectSyntax(check, 'cluster', props.cluster, (name) => dnsLabel(name, KARMADA_CLUSTER_NAME_MAX));
    check.done();
    this.name = `fleetwright-karmada-agent-${props.cluster}`;
    const metadata = { name: this.name, ...(props.annotations ? { annotations: { ...props.annotations } } : {}) };
    new k8s.KubeClusterRole(this, 'Role', {
      metadata,
      rules: [{ apiGroups: ['cluster.karmada.io'], resources: ['clusters'], resourceNames: [props.cluster], verbs: ['update'] }],
    });
    new k8s.KubeClusterRoleBinding(this, 'Binding', {
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: this.name },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: karmadaAgentUser(props.cluster) }],
    });
  }
}

/**
 * A default-deny Kubernetes NetworkPolicy for one workload's pods: every
 * connection to and from them is refused except
 * - ingress to the named ports from pods of the same namespace and of the
 *   listed namespaces (e.g. the ingress controller's, Prometheus'),
 * - egress to the cluster's DNS (pods `k8s-app: kube-dns` in `kube-system`,
 *   UDP and TCP 53, as kubeadm's and EKS' CoreDNS are labelled) and to pods of
 *   the same namespace.
 *
 * Namespaces are matched by their name label (see ./peers). A plain
 * NetworkPolicy, so it holds with any CNI that enforces them (Cilium included).
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { checkNamespaceNames, dnsAndSameNamespaceEgress, namespacePeers, sameNamespacePeer } from './peers';

export interface WorkloadNetworkPolicyProps {
  /** DNS-1123 subdomain: the policy's name. */
  readonly name: string;
  readonly namespace: string;
  /** Labels of the pods the policy isolates (non-empty: one workload's pods). */
  readonly podLabels: Readonly<Record<string, string>>;
  /** Container ports (names or numbers) that accept connections. */
  readonly ports: readonly (string | number)[];
  /**
   * Namespaces besides the policy's own whose pods may connect to `ports`.
   * @default none
   */
  readonly allowFromNamespaces?: readonly string[];
}

/** A default-deny policy for one workload, with the allowances it needs to serve. */
export class WorkloadNetworkPolicy extends Construct {
  readonly apiObject: k8s.KubeNetworkPolicy;

  constructor(scope: Construct, id: string, props: WorkloadNetworkPolicyProps) {
    super(scope, id);
    const check = new PropsCheck('WorkloadNetworkPolicy', props.name);
    check.expect(Object.keys(props.podLabels).length > 0, 'podLabels', props.podLabels, 'is empty, which would select every pod of the namespace', "give the workload's pod labels, e.g. { 'app.kubernetes.io/name': 'checkout' }");
    check.expect(props.ports.length > 0, 'ports', props.ports, 'is empty, so nothing could reach the pods', 'list the container ports that serve, e.g. ["http"]');
    checkNamespaceNames(check, 'allowFromNamespaces', props.allowFromNamespaces ?? []);
    check.done();
    const ports = props.ports.map((port): k8s.NetworkPolicyPort => ({ protocol: 'TCP', port: typeof port === 'number' ? k8s.IntOrString.fromNumber(port) : k8s.IntOrString.fromString(port) }));
    this.apiObject = new k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        podSelector: { matchLabels: { ...props.podLabels } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: [sameNamespacePeer(), ...namespacePeers(props.allowFromNamespaces ?? [], props.namespace)],
            ports,
          },
        ],
        egress: dnsAndSameNamespaceEgress(),
      },
    });
  }
}

/**
 * A default-deny Kubernetes NetworkPolicy for one workload's pods: every
 * connection to and from them is refused except
 * - ingress to the named ports from pods of the same namespace and of the
 *   listed namespaces (e.g. the ingress controller's, Prometheus'),
 * - egress to the cluster's DNS (pods `k8s-app: kube-dns` in `kube-system`,
 *   UDP and TCP 53, as kubeadm's and EKS' CoreDNS are labelled) and to pods of
 *   the same namespace.
 *
 * Namespaces are matched by `kubernetes.io/metadata.name`, the label the API
 * server sets on every namespace. A plain NetworkPolicy, so it holds with any
 * CNI that enforces them (Cilium included).
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';

/** The label the API server sets on every namespace to its name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Where the cluster DNS runs, and the label of its pods (CoreDNS on kubeadm and EKS). */
export const CLUSTER_DNS = { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' }, port: 53 } as const;

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

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A default-deny policy for one workload, with the allowances it needs to serve. */
export class WorkloadNetworkPolicy extends Construct {
  readonly apiObject: k8s.KubeNetworkPolicy;

  constructor(scope: Construct, id: string, props: WorkloadNetworkPolicyProps) {
    super(scope, id);
    const check = new PropsCheck('WorkloadNetworkPolicy', props.name);
    check.expect(Object.keys(props.podLabels).length > 0, 'podLabels', props.podLabels, 'is empty, which would select every pod of the namespace', "give the workload's pod labels, e.g. { 'app.kubernetes.io/name': 'checkout' }");
    check.expect(props.ports.length > 0, 'ports', props.ports, 'is empty, so nothing could reach the pods', 'list the container ports that serve, e.g. ["http"]');
    for (const ns of props.allowFromNamespaces ?? []) {
      check.expect(DNS_LABEL.test(ns), 'allowFromNamespaces', ns, 'is not a namespace name (DNS-1123 label)', 'use lower-case letters, digits and -, e.g. "ingress-nginx"');
    }
    check.done();
    const namespaces = [...new Set(props.allowFromNamespaces ?? [])].filter((ns) => ns !== props.namespace).sort();
    const samePods: k8s.NetworkPolicyPeer = { podSelector: {} };
    const ports = props.ports.map((port): k8s.NetworkPolicyPort => ({ protocol: 'TCP', port: typeof port === 'number' ? k8s.IntOrString.fromNumber(port) : k8s.IntOrString.fromString(port) }));
    this.apiObject = new k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        podSelector: { matchLabels: { ...props.podLabels } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: [samePods, ...namespaces.map((ns): k8s.NetworkPolicyPeer => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: ns } } }))],
            ports,
          },
        ],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: CLUSTER_DNS.namespace } }, podSelector: { matchLabels: { ...CLUSTER_DNS.podLabels } } }],
            ports: [
              { protocol: 'UDP', port: k8s.IntOrString.fromNumber(CLUSTER_DNS.port) },
              { protocol: 'TCP', port: k8s.IntOrString.fromNumber(CLUSTER_DNS.port) },
            ],
          },
          { to: [samePods] },
        ],
      },
    });
  }
}

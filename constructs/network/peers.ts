/**
 * The pieces fleetwright's default-deny NetworkPolicies share: peers named by
 * namespace, the same namespace's pods, and egress to the cluster DNS.
 *
 * Namespaces are matched by `kubernetes.io/metadata.name`, the label the API
 * server sets on every namespace to its name.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
import { k8s } from 'cdk8s-plus-28';
import type { PropsCheck } from '../errors';

/** The label the API server sets on every namespace to its name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Where the cluster DNS runs, and the label of its pods (CoreDNS on kubeadm and EKS). */
export const CLUSTER_DNS = { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' }, port: 53 } as const;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Every pod of the policy's own namespace. */
export function sameNamespacePeer(): k8s.NetworkPolicyPeer {
  return { podSelector: {} };
}

/** Records a problem for each of `namespaces` that is not a namespace name. */
export function checkNamespaceNames(check: PropsCheck, prop: string, namespaces: readonly string[]): void {
  for (const ns of namespaces) {
    check.expect(DNS_LABEL.test(ns), prop, ns, 'is not a namespace name (DNS-1123 label)', 'use lower-case letters, digits and -, e.g. "ingress-nginx"');
  }
}

/** The pods of each of `namespaces` but `own` (once each, sorted); `own` undefined keeps them all. */
export function namespacePeers(namespaces: readonly string[], own: string | undefined): k8s.NetworkPolicyPeer[] {
  return [...new Set(namespaces)]
    .filter((ns) => ns !== own)
    .sort()
    .map((ns) => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: ns } } }));
}

/** Egress to the cluster DNS (UDP and TCP 53) and to the pods of the same namespace. */
export function dnsAndSameNamespaceEgress(): k8s.NetworkPolicyEgressRule[] {
  return [
    {
      to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: CLUSTER_DNS.namespace } }, podSelector: { matchLabels: { ...CLUSTER_DNS.podLabels } } }],
      ports: [
        { protocol: 'UDP', port: k8s.IntOrString.fromNumber(CLUSTER_DNS.port) },
        { protocol: 'TCP', port: k8s.IntOrString.fromNumber(CLUSTER_DNS.port) },
      ],
    },
    { to: [sameNamespacePeer()] },
  ];
}

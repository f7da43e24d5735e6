/** The parts every default-deny NetworkPolicy of the fleet shares, as tests expect them written. */

/** Ingress peers: the same namespace's pods, then ingress-nginx's and monitoring's. */
export const CLIENT_PEERS = [
  { podSelector: {} },
  { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
  { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
];

/** Egress: the cluster DNS (UDP and TCP 53), then the same namespace's pods. */
export const DNS_AND_SAME_NAMESPACE_EGRESS = [
  {
    to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
    ports: [
      { port: 53, protocol: 'UDP' },
      { port: 53, protocol: 'TCP' },
    ],
  },
  { to: [{ podSelector: {} }] },
];

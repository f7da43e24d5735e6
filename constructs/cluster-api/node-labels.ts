/**
 * Which node labels the kubelet may register with and which Cluster API
 * copies from Machines to Nodes, and the split of a node pool's labels
 * between the two.
 */

/** Labels in the kubernetes.io / k8s.io namespaces the kubelet may still set on its own Node. */
const KUBELET_LABELS = new Set([
  'kubernetes.io/hostname',
  'kubernetes.io/arch',
  'kubernetes.io/os',
  'beta.kubernetes.io/arch',
  'beta.kubernetes.io/os',
  'beta.kubernetes.io/instance-type',
  'node.kubernetes.io/instance-type',
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
]);

function labelDomain(key: string): string | undefined {
  const slash = key.indexOf('/');
  return slash < 0 ? undefined : key.slice(0, slash);
}

function inDomain(domain: string | undefined, root: string): boolean {
  return domain !== undefined && (domain === root || domain.endsWith(`.${root}`));
}

/**
 * Whether the kubelet may register its Node with this label (`--node-labels`).
 * The NodeRestriction admission plugin refuses other keys in the
 * `kubernetes.io` and `k8s.io` namespaces, and the kubelet then fails to start.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#noderestriction
 */
export function isKubeletSettableLabel(key: string): boolean {
  const domain = labelDomain(key);
  if (!inDomain(domain, 'kubernetes.io') && !inDomain(domain, 'k8s.io')) return true;
  return KUBELET_LABELS.has(key) || inDomain(domain, 'kubelet.kubernetes.io') || inDomain(domain, 'node.kubernetes.io');
}

/**
 * Whether Cluster API copies this Machine label to the Node (and keeps it in
 * sync): `node-role.kubernetes.io/*`, `[*.]node-restriction.kubernetes.io/*`
 * and `[*.]node.cluster.x-k8s.io/*`.
 * @see https://cluster-api.sigs.k8s.io/reference/api/metadata-propagation#machine
 */
export function isMachineSyncedLabel(key: string): boolean {
  const domain = labelDomain(key);
  return domain === 'node-role.kubernetes.io' || inDomain(domain, 'node-restriction.kubernetes.io') || inDomain(domain, 'node.cluster.x-k8s.io');
}

/**
 * Splits a node pool's labels for kubeadm machines: the ones Cluster API
 * copies from the Machine to the Node (`machine`), and the rest, which the
 * kubelet registers with (`kubelet`).
 */
export function splitNodeLabels(labels: Readonly<Record<string, string>>): {
  machine: Record<string, string>;
  kubelet: Record<string, string>;
} {
  const machine: Record<string, string> = {};
  const kubelet: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    (isMachineSyncedLabel(key) ? machine : kubelet)[key] = value;
  }
  return { machine, kubelet };
}

/**
 * Karmada's side of the fleet: a Pull-mode Cluster object (with the fleet's
 * registration labels) per member cluster and the right of its agent to
 * update it, the namespaces of the services with their placement, and the
 * taint policies that make failing members fail over.
 */
import type { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { AgentClusterAccess } from '../../constructs/karmada/agent-cluster-access';
import { KarmadaCluster } from '../../constructs/karmada/cluster';
import { ClusterPropagationPolicy } from '../../constructs/karmada/cluster-propagation-policy';
import { ClusterTaintPolicy } from '../../constructs/karmada/cluster-taint-policy';
import { ClusterAffinity, ClusterFailover } from '../../constructs/karmada/placement';
import { KarmadaTaint } from '../../constructs/karmada/types';
import { ClusterLabel, namespaceLabels, type Cluster, type Fleet, type Service } from '../../model';
import { compareText } from '../../model/compare';
import { karmadaMembers } from '../../model/delivery/karmada-split';
import { KarmadaWave, wave } from './conventions';

/** The label that keeps Karmada from propagating a namespace to every member on its own. */
export const SKIP_AUTO_PROPAGATION = 'namespace.karmada.io/skip-auto-propagation';

/** Every cluster some Karmada service runs on, sorted by name. */
export function karmadaMemberClusters(fleet: Fleet, services: readonly Service[]): Cluster[] {
  const names = new Set(services.flatMap((s) => karmadaMembers(fleet, s).map((c) => c.name)));
  return fleet.clusters.filter((c) => names.has(c.name));
}

export function addMemberClusters(scope: Construct, members: readonly Cluster[]): void {
  for (const cluster of members) {
    new KarmadaCluster(scope, `member-${cluster.name}`, { name: cluster.name, labels: cluster.labels, annotations: wave(KarmadaWave.setup) });
    new AgentClusterAccess(scope, `agent-${cluster.name}`, { cluster: cluster.name, annotations: wave(KarmadaWave.setup) });
  }
}

/**
 * Each namespace of the services, on Karmada, propagated to exactly the
 * clusters of the services in it (Karmada would otherwise copy every
 * namespace to every member, and not at all when its namespace controller is
 * off). Namespaces never fail over: evicting one would delete all in it.
 *
 * The namespace carries its Pod Security labels (`Fleet.podSecurity`, as
 * the Argo CD-delivered namespaces get them): Karmada propagates a resource
 * template's metadata labels with it, so the members' namespaces are labelled
 * alike. Namespaces fleetwright does not label (kube-system) get none.
 */
export function addServiceNamespaces(scope: Construct, fleet: Fleet, services: readonly Service[]): void {
  const byNamespace = new Map<string, Set<string>>();
  for (const s of services) {
    const clusters = byNamespace.get(s.namespace) ?? new Set<string>();
    for (const c of karmadaMembers(fleet, s)) clusters.add(c.name);
    byNamespace.set(s.namespace, clusters);
  }
  for (const [namespace, clusters] of [...byNamespace].sort(([a], [b]) => compareText(a, b))) {
    const ns = new k8s.KubeNamespace(scope, `namespace-${namespace}`, {
      metadata: { name: namespace, labels: { ...namespaceLabels(fleet, namespace), [SKIP_AUTO_PROPAGATION]: 'true' }, annotations: wave(KarmadaWave.setup) },
    });
    new ClusterPropagationPolicy(scope, `namespace-placement-${namespace}`, {
      name: `fleetwright-namespace-${namespace}`,
      resourceSelectors: [{ apiVersion: ns.apiVersion, kind: ns.kind, name: namespace }],
      clusters: ClusterAffinity.names([...clusters].sort(compareText)),
      failover: ClusterFailover.never(),
      annotations: wave(KarmadaWave.setup),
    });
  }
}

/**
 * `NoExecute` taints on the fleet's members while Karmada sees them not
 * ready (`Ready` is `False`) or unreachable (`Unknown`): the services'
 * tolerations then count down their failover delays.
 */
export function addFailoverTaints(scope: Construct, fleet: Fleet): void {
  const clusters = ClusterAffinity.labels({ [ClusterLabel.fleet]: fleet.name, [ClusterLabel.role]: 'spoke' });
  const taints = [
    { name: 'not-ready', key: KarmadaTaint.notReady, status: 'False' as const },
    { name: 'unreachable', key: KarmadaTaint.unreachable, status: 'Unknown' as const },
  ];
  for (const t of taints) {
    new ClusterTaintPolicy(scope, `taint-${t.name}`, {
      name: `fleetwright-${t.name}`,
      clusters,
      addOn: [{ conditionType: 'Ready', operator: 'In', statusValues: [t.status] }],
      removeOn: [{ conditionType: 'Ready', operator: 'NotIn', statusValues: [t.status] }],
      taints: [{ key: t.key, effect: 'NoExecute' }],
      annotations: wave(KarmadaWave.failover),
    });
  }
}

/**
 * `cluster-config`: the first platform component, synced to every spoke by
 * the `cluster-config` ApplicationSet. A shared base (the fleet's namespace),
 * one overlay per environment, and per cluster an entry folder
 * (`clusters/<name>`) that adds the cluster's identity. Workloads and
 * add-ons read the identity from the `fleet-cluster` ConfigMap.
 */
import * as kplus from 'cdk8s-plus-28';
import { formatVersion, Layout, type Cluster, type Environment, type Fleet } from '../../model';
import { renderUnit, type Unit } from '../rendered';

export const CLUSTER_CONFIG = 'cluster-config';

/** Namespace of the fleet's own objects on every spoke. */
export const FLEET_NAMESPACE = 'fleet-system';

export function clusterConfigBaseUnit(): Unit {
  return renderUnit(Layout.platformBase(CLUSTER_CONFIG), { scope: 'shared' }, [], (chart) => {
    new kplus.Namespace(chart, 'namespace', {
      metadata: {
        name: FLEET_NAMESPACE,
        labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' },
      },
    });
  });
}

export function clusterConfigOverlayUnit(fleet: Fleet, env: Environment): Unit {
  const dir = Layout.platformOverlay(CLUSTER_CONFIG, env.name);
  return renderUnit(dir, { scope: 'shared', environment: env.name }, [Layout.platformBase(CLUSTER_CONFIG)], (chart) => {
    new kplus.ConfigMap(chart, 'environment', {
      metadata: { name: 'fleet-environment', namespace: FLEET_NAMESPACE },
      data: { fleet: fleet.name, environment: env.name, 'rollout-order': String(env.order) },
    });
  });
}

/** The spoke's entry folder: its environment's overlay plus its own identity. */
export function clusterEntryUnit(fleet: Fleet, cluster: Cluster): Unit {
  const overlay = Layout.platformOverlay(CLUSTER_CONFIG, cluster.environment);
  const target = { scope: 'cluster' as const, cluster: cluster.name, environment: cluster.environment };
  return renderUnit(Layout.cluster(cluster.name), target, [overlay], (chart) => {
    // The L1 class, once per cluster: its plain data renders without cdk8s's resolver pass
    // (kplus.ConfigMap's is lazy); `immutable: false` is what kplus.ConfigMap writes.
    new kplus.k8s.KubeConfigMap(chart, 'cluster', {
      metadata: { name: 'fleet-cluster', namespace: FLEET_NAMESPACE },
      immutable: false,
      data: {
        fleet: fleet.name,
        cluster: cluster.name,
        environment: cluster.environment,
        region: cluster.region,
        provider: cluster.provider.kind,
        'kubernetes-version': formatVersion(cluster.kubernetesVersion),
        tier: cluster.tier,
        'rollout-tier': cluster.rolloutTier,
      },
    });
  });
}

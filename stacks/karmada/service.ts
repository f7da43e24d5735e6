/**
 * A service Karmada propagates: its Deployment (with the replicas of all
 * member clusters together), Service and (unless `networkPolicy: false`)
 * default-deny NetworkPolicy as resource templates on Karmada's API server,
 * the PropagationPolicy that places them, and the OverridePolicy of its
 * per-group differences.
 *
 * One PropagationPolicy selects them all: Karmada's scheduler divides
 * replicas only for resources that have some (the Deployment); the Service
 * and the NetworkPolicy have none and go whole to every cluster the policy
 * selects, so the policy is on every cluster that can run the service's pods.
 */
import type { Construct } from 'constructs';
import { Duration, type ApiObject } from 'cdk8s';
import { OverridePolicy, Overrider, type OverrideRule } from '../../constructs/karmada/override-policy';
import { ClusterAffinity, ClusterFailover, ReplicaScheduling } from '../../constructs/karmada/placement';
import { PropagationPolicy } from '../../constructs/karmada/propagation-policy';
import { selectorOf } from '../../constructs/karmada/types';
import { WorkloadNetworkPolicy } from '../../constructs/network/workload-network-policy';
import { WebServiceDeployment, webServiceSelector } from '../../constructs/workload/web-service';
import { ClusterLabel, type Fleet, type KarmadaPlacement, type Service } from '../../model';
import { compareText } from '../../model/compare';
import { SYNC_WAVE } from '../addons/application-set';
import { SERVICE_CLIENT_NAMESPACES } from '../services/workload';
import { KarmadaWave, wave } from './conventions';

/**
 * The clusters of a service, as a label selector on Karmada's Cluster objects:
 * the fleet's spokes of the service's environments with its `clusterSelector`
 * labels, standbys excluded: exactly `karmadaMembers` of model/delivery/karmada-split.ts.
 */
export function memberAffinity(fleet: Pick<Fleet, 'name'>, service: Service): ClusterAffinity {
  return ClusterAffinity.labels(
    { [ClusterLabel.fleet]: fleet.name, [ClusterLabel.role]: 'spoke', ...service.karmada!.clusterSelector },
    [
      { key: ClusterLabel.env, operator: 'In', values: service.environments },
      { key: ClusterLabel.standby, operator: 'DoesNotExist' },
    ],
  );
}

/**
 * Static weights per value of the `weightBy` label (each cluster with that
 * value gets the weight); values weighted 0 are left out, which gives their
 * clusters no replica (Karmada's minimum weight is 1). Without weights,
 * every cluster weighs the same.
 */
export function serviceScheduling(placement: KarmadaPlacement): ReplicaScheduling {
  const weights = Object.entries(placement.weights)
    .filter(([, weight]) => weight > 0)
    .sort(([a], [b]) => compareText(a, b))
    .map(([value, weight]) => ({ clusters: ClusterAffinity.labels({ [placement.weightBy]: value }), weight }));
  return ReplicaScheduling.weighted(weights);
}

export function addKarmadaService(scope: Construct, fleet: Fleet, service: Service): void {
  const placement = service.karmada!;
  const workload = new WebServiceDeployment(scope, `service-${service.name}`, {
    name: service.name,
    namespace: service.namespace,
    image: service.image,
    port: service.port,
    resources: service.resources,
    replicas: service.replicas,
  });
  const templates: ApiObject[] = [workload.deployment, workload.service];
  if (service.networkPolicy) templates.push(karmadaNetworkPolicy(scope, service));
  for (const object of templates) object.metadata.addAnnotation(SYNC_WAVE, String(KarmadaWave.workloads));
  new PropagationPolicy(scope, `propagation-${service.name}`, {
    name: service.name,
    namespace: service.namespace,
    resourceSelectors: templates.map(selectorOf),
    clusters: memberAffinity(fleet, service),
    replicaScheduling: serviceScheduling(placement),
    failover: ClusterFailover.after(Duration.seconds(placement.failover.unreachableAfterSeconds), Duration.seconds(placement.failover.notReadyAfterSeconds)),
    annotations: wave(KarmadaWave.policies),
  });
  const rules: OverrideRule[] = placement.overrides.map((o) => ({
    clusters: ClusterAffinity.labels(o.match),
    overriders: [
      ...(o.memoryLimit !== undefined ? [Overrider.memory(o.memoryLimit)] : []),
      ...(o.imageRegistry !== undefined ? [Overrider.imageRegistry(o.imageRegistry)] : []),
    ],
  }));
  const effective = rules.filter((r) => r.overriders.length > 0);
  if (effective.length > 0) {
    new OverridePolicy(scope, `override-${service.name}`, {
      name: service.name,
      namespace: service.namespace,
      resourceSelectors: [selectorOf(workload.deployment)],
      rules: effective,
      annotations: wave(KarmadaWave.policies),
    });
  }
}


/**
 * The service's default-deny NetworkPolicy, the same as for Argo CD delivery
 * (`addServiceNetworkPolicy` of stacks/services/workload.ts): only its `http`
 * port is open, to its own namespace and {@link SERVICE_CLIENT_NAMESPACES}.
 */
function karmadaNetworkPolicy(scope: Construct, service: Service): ApiObject {
  return new WorkloadNetworkPolicy(scope, `network-policy-${service.name}`, {
    name: service.name,
    namespace: service.namespace,
    podLabels: webServiceSelector(service.name),
    ports: ['http'],
    allowFromNamespaces: SERVICE_CLIENT_NAMESPACES,
  }).apiObject;
}

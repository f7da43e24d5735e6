/**
 * An environment's stack (`dev`, `staging`, `prod`, …).
 *
 * Delivered by GitOps (the default): the stack provisions the environment's
 * `pulumi-eks` clusters and registers them with the hub, the Argo CD cluster
 * Secret (engines `argocd`, `both`) and the kubeconfig Secret Flux reads
 * (`flux`, `both`); the hub's engine then syncs their objects. Every other
 * cluster of the environment is the tree's (Cluster API objects and
 * registrations in `hub/`).
 *
 * Delivered by Pulumi (`delivery: 'pulumi'`): the stack applies everything
 * its clusters get: each Cluster API cluster's objects to the hub, then per
 * cluster, through a provider from its kubeconfig (the EKS cluster's; the one
 * Cluster API writes on the hub; or one from the definition for `existing`
 * clusters), what Argo CD would otherwise sync to it. Nothing is registered:
 * no ApplicationSet or Flux object may reach these clusters.
 */
import type * as aws from '@pulumi/aws';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { Cluster, Fleet } from '../../model';
import type { Unit } from '../../stacks/rendered';
import { ARGOCD_SPOKE_GROUP, argocdAccessObjects, argocdSpokeAccess, DEPLOYER_ROLE } from '../../stacks/spoke/argocd-access';
import type { ApplyPlan } from './apply-plan';
import { ClusterApiObjects } from './cluster-api';
import type { StackConfig, StackTarget } from './config';
import { DirectApply } from './direct-apply';
import { EksCluster } from './eks';
import { FleetCluster } from './fleet-cluster';
import { fluxKubeconfig } from './flux-kubeconfig';
import { engineNeeds, HubAccess } from './hub-access';
import { awsIamKubeconfig, clusterApiKubeconfig, isClusterApi } from './kubeconfigs';
import type { ClusterOutput, StackOutputs } from './outputs';
import { argocdRegistration } from './registration';

type EnvironmentTarget = Extract<StackTarget, { kind: 'environment' }>;

export interface EnvironmentStackInputs {
  readonly config: StackConfig & { readonly target: EnvironmentTarget };
  readonly units: readonly Unit[];
  /** Per cluster, the plan of its direct apply (Pulumi-delivered environments). */
  readonly plans: ReadonlyMap<string, ApplyPlan>;
  /** The stack's AWS provider, created on first use. */
  readonly aws: () => aws.Provider;
}

export function environmentStack(inputs: EnvironmentStackInputs): StackOutputs {
  const { config } = inputs;
  const { target, fleet } = config;
  const hub = new HubAccess(config.hubStack, fleet.hub);
  const clusters = target.clusters.map((cluster) => (target.delivery === 'pulumi' ? deliver(inputs, cluster, hub) : register(fleet, cluster, hub, inputs.aws)));
  return { environment: target.environment.name, delivery: target.delivery, clusters };
}

/** What the definition tells of a cluster the stack creates nothing for. */
function described(cluster: Cluster): ClusterOutput {
  const provider = cluster.provider;
  if (provider.kind !== 'existing') return { name: cluster.name };
  const kubeconfig = awsIamKubeconfig(cluster);
  return { name: cluster.name, endpoint: provider.server, ...(kubeconfig !== undefined ? { kubeconfig: pulumi.secret(kubeconfig) } : {}) };
}

/** GitOps delivers the cluster: provision it if it is the stack's to create, and register it. */
function register(fleet: Fleet, cluster: Cluster, hub: HubAccess, awsProvider: () => aws.Provider): ClusterOutput {
  if (cluster.provider.kind !== 'pulumi-eks') return described(cluster);
  const group = new FleetCluster(cluster.name, { providers: [awsProvider()] });
  const leastPrivilege = argocdSpokeAccess(fleet, cluster) === 'least-privilege';
  const argocdGroupAccess = leastPrivilege ? { kubernetesGroups: [ARGOCD_SPOKE_GROUP], objects: argocdAccessObjects(cluster) } : undefined;
  const eks = new EksCluster(cluster.name, { cluster, ...(argocdGroupAccess ? { argocdGroupAccess } : {}) }, { parent: group });
  const engine = engineNeeds(fleet);
  if (engine.argocd) argocdRegistration(fleet, cluster, eks, { hub: hub.get(), parent: group });
  if (engine.flux) {
    const spoke = new k8s.Provider(cluster.name, { kubeconfig: eks.kubeconfig, clusterIdentifier: cluster.name }, { parent: group });
    const role = argocdGroupAccess && eks.argocdAccess ? { name: DEPLOYER_ROLE, createdBy: eks.argocdAccess.ready } : undefined;
    fluxKubeconfig(fleet, cluster, eks, { spoke, hub: hub.get(), parent: group, ...(role ? { role } : {}) });
  }
  return group.complete({ name: cluster.name, endpoint: eks.endpoint, kubeconfig: eks.kubeconfig });
}

/** The API server of a kubeconfig Cluster API wrote (not a secret, though the kubeconfig is). */
function serverOf(kubeconfig: pulumi.Output<string>): pulumi.Output<string> {
  return pulumi.unsecret(kubeconfig.apply((text) => /^\s*server:\s*["']?([^"'\s]+)/m.exec(text)?.[1] ?? ''));
}

/** The stack delivers the cluster: create or reach it, then apply what it gets. */
function deliver(inputs: EnvironmentStackInputs, cluster: Cluster, hub: HubAccess): ClusterOutput {
  const { config, units, plans } = inputs;
  const plan = plans.get(cluster.name);
  if (!plan) throw new Error(`environmentStack: no direct-apply plan for ${cluster.name}`);
  const provider = cluster.provider;
  const group = new FleetCluster(cluster.name, provider.kind === 'pulumi-eks' ? { providers: [inputs.aws()] } : {});
  let kubeconfig: pulumi.Output<string>;
  let endpoint: pulumi.Input<string>;
  let ready: pulumi.Resource[] = [];
  if (provider.kind === 'pulumi-eks') {
    const eks = new EksCluster(cluster.name, { cluster }, { parent: group });
    kubeconfig = eks.kubeconfig;
    endpoint = eks.endpoint;
    ready = [...eks.nodeGroups];
  } else if (isClusterApi(cluster)) {
    const objects = new ClusterApiObjects(cluster.name, { cluster, units, hub: hub.get() }, { parent: group });
    kubeconfig = clusterApiKubeconfig(config.fleet, cluster, { hub: hub.get(), parent: group, cluster: objects.cluster, dependsOn: objects.resources });
    endpoint = serverOf(kubeconfig);
  } else if (provider.kind === 'existing' && provider.auth.kind === 'aws-iam') {
    kubeconfig = pulumi.secret(awsIamKubeconfig(cluster)!);
    endpoint = provider.server;
  } else {
    throw new Error(`environmentStack: ${cluster.name} (provider ${provider.kind}) gives the stack no kubeconfig; the definition's rules refuse such a cluster in a Pulumi-delivered environment`);
  }
  // The cluster stays the same cluster whatever its kubeconfig holds (a refreshed token): never replace the provider.
  const k8sProvider = new k8s.Provider(cluster.name, { kubeconfig, clusterIdentifier: cluster.name }, { parent: group });
  new DirectApply(cluster.name, { plan, provider: k8sProvider, dependsOn: ready }, { parent: group });
  return group.complete({ name: cluster.name, endpoint, kubeconfig });
}

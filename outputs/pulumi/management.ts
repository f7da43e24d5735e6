/**
 * The hub's stack (`management`): provisions the hub when it is a
 * `pulumi-eks` cluster and exports its `name`, `endpoint` and `kubeconfig`
 * (a secret), which the environment stacks read through a StackReference;
 * for an `existing` hub with `aws-iam` auth it exports a kubeconfig built
 * from the definition.
 *
 * Delivered by GitOps (the default), nothing is applied to the hub: its
 * Argo CD (or Flux) root syncs `clusters/<hub>`, bootstrapped once with
 * `kubectl apply -k gitops/hub/argocd`. Delivered by Pulumi
 * (`hub.delivery: 'pulumi'`), the stack applies the hub's tree itself
 * (`clusterDelivery` of the hub: its entry folder, its add-ons), through a
 * provider from the hub's kubeconfig.
 */
import type * as aws from '@pulumi/aws';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { ApplyPlan } from './apply-plan';
import type { StackConfig } from './config';
import { DirectApply } from './direct-apply';
import { EksCluster } from './eks';
import { FleetCluster } from './fleet-cluster';
import { hubKubeconfigSource } from './hub-access';
import { awsIamKubeconfig } from './kubeconfigs';
import type { ClusterOutput, StackOutputs } from './outputs';

export interface ManagementStackInputs {
  readonly config: StackConfig;
  /** The plan of the hub's direct apply, when the stack delivers the hub. */
  readonly plan?: ApplyPlan;
  /** The stack's AWS provider, created on first use. */
  readonly aws: () => aws.Provider;
}

export function managementStack(inputs: ManagementStackInputs): StackOutputs {
  const hub = inputs.config.fleet.hub;
  let group: FleetCluster | undefined;
  let kubeconfig: pulumi.Output<string> | undefined;
  let endpoint: pulumi.Input<string> | undefined;
  let ready: pulumi.Resource[] = [];
  const source = hubKubeconfigSource(hub);
  if (source === 'pulumi-eks') {
    group = new FleetCluster(hub.name, { providers: [inputs.aws()] });
    const eks = new EksCluster(hub.name, { cluster: hub }, { parent: group });
    kubeconfig = eks.kubeconfig;
    endpoint = eks.endpoint;
    ready = [...eks.nodeGroups];
  } else if (source === 'aws-iam' && hub.provider.kind === 'existing') {
    kubeconfig = pulumi.secret(awsIamKubeconfig(hub)!);
    endpoint = hub.provider.server;
  }
  if (hub.delivery === 'pulumi') {
    // The configuration check refuses a Pulumi-delivered hub the stack cannot reach.
    if (!inputs.plan || !kubeconfig) throw new Error(`managementStack: the hub ${hub.name} is delivered by this stack, but it has no plan or no kubeconfig`);
    group ??= new FleetCluster(hub.name);
    const provider = new k8s.Provider(hub.name, { kubeconfig, clusterIdentifier: hub.name }, { parent: group });
    new DirectApply(hub.name, { plan: inputs.plan, provider, dependsOn: ready }, { parent: group });
  }
  const output: ClusterOutput = { name: hub.name, ...(endpoint !== undefined ? { endpoint } : {}), ...(kubeconfig ? { kubeconfig } : {}) };
  group?.complete(output);
  return { environment: hub.name, delivery: hub.delivery, clusters: [output], ...output };
}

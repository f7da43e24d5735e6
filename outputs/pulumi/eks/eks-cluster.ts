/**
 * An EKS cluster of the fleet (provider `pulumi-eks`), built on @pulumi/aws:
 * its network (`network.ts`), IAM roles (`iam.ts`), the cluster itself,
 * one managed node group per node pool (`node-group.ts`), the IAM OIDC
 * provider for IRSA (`oidc-provider.ts`) and, for a spoke, access for the
 * hub's Argo CD role (`argocd-access.ts`).
 *
 * Every child has the component as parent. Data-bearing children (the
 * cluster, its node groups, the VPC) are protected when the cluster is
 * (production spokes and the hub by default); the cluster then also has EKS
 * deletion protection on. The kubeconfig output is a Pulumi secret.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { resolveArgs, type EksClusterArgs, type ResolvedEksCluster } from './args';
import { argocdAccess, type ArgocdAccess } from './argocd-access';
import { childOptions } from './child-options';
import { clusterRole, nodeRole } from './iam';
import { kubeconfigYaml } from './kubeconfig';
import { createNetwork } from './network';
import { nodeGroup } from './node-group';
import { oidcProvider } from './oidc-provider';
import { validateArgs } from './validate';

export const EKS_CLUSTER_TYPE = 'fleetwright:eks:Cluster';

/** What the component registers as its outputs. */
export interface EksClusterOutputs {
  readonly clusterName: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  readonly certificateAuthority: pulumi.Output<string>;
  readonly oidcProviderArn: pulumi.Output<string>;
  readonly oidcIssuerUrl: pulumi.Output<string>;
  readonly kubeconfig: pulumi.Output<string>;
  readonly nodeRoleArn: pulumi.Output<string>;
  readonly vpcId: pulumi.Output<string>;
  readonly privateSubnetIds: pulumi.Output<string[]>;
  readonly publicSubnetIds: pulumi.Output<string[]>;
}

export class EksCluster extends pulumi.ComponentResource implements EksClusterOutputs {
  /** Name of the EKS cluster in AWS (the provider's `eksClusterName`). */
  readonly clusterName: pulumi.Output<string>;
  /** API server URL. */
  readonly endpoint: pulumi.Output<string>;
  /** Base64 PEM of the cluster CA (public: it goes into the Argo CD cluster Secret's `caData`). */
  readonly certificateAuthority: pulumi.Output<string>;
  /** ARN of the IAM OIDC provider, for IRSA roles' trust policies. */
  readonly oidcProviderArn: pulumi.Output<string>;
  /** The cluster's OIDC issuer, `https://oidc.eks.<region>.amazonaws.com/id/<id>`. */
  readonly oidcIssuerUrl: pulumi.Output<string>;
  /** Kubeconfig (YAML) that runs `aws eks get-token`; a secret. */
  readonly kubeconfig: pulumi.Output<string>;
  readonly nodeRoleArn: pulumi.Output<string>;
  readonly vpcId: pulumi.Output<string>;
  readonly privateSubnetIds: pulumi.Output<string[]>;
  /** Empty for an existing VPC given without public subnets. */
  readonly publicSubnetIds: pulumi.Output<string[]>;
  /** The EKS cluster, e.g. to depend on. */
  readonly eksCluster: aws.eks.Cluster;
  /** One per node pool, in the model's order: objects that need nodes depend on them. */
  readonly nodeGroups: readonly aws.eks.NodeGroup[];
  /** The hub's Argo CD access (spokes with `argocdRoleArn`): registration depends on it. */
  readonly argocdAccess?: ArgocdAccess;
  /** The arguments with every default applied. */
  readonly config: ResolvedEksCluster;

  /**
   * @param name logical name, the prefix of every child's name (the fleet's cluster name is a good one)
   * @throws ConstructPropsError listing every problem with `args`, before anything is created
   */
  constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    validateArgs(name, args);
    super(EKS_CLUSTER_TYPE, name, {}, opts);
    const config = resolveArgs(args);
    const options = childOptions(this, config.protect);
    const { cluster, provider } = config;
    const region = cluster.region;

    const network = createNetwork(name, config, options, this);
    const controlPlaneRole = clusterRole(name, config, options);
    const workerRole = nodeRole(name, config, options);

    this.eksCluster = new aws.eks.Cluster(`${name}-cluster`, {
      region,
      name: provider.eksClusterName,
      version: config.version,
      roleArn: controlPlaneRole.arn,
      vpcConfig: {
        subnetIds: network.privateSubnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: provider.publicEndpoint,
      },
      kubernetesNetworkConfig: { serviceIpv4Cidr: cluster.network.serviceCidr, ipFamily: 'ipv4' },
      accessConfig: {
        authenticationMode: config.authenticationMode,
        // The identity running `pulumi up` keeps admin access: the stack applies objects with it.
        bootstrapClusterCreatorAdminPermissions: true,
      },
      enabledClusterLogTypes: [...config.logTypes],
      deletionProtection: config.protect,
      tags: { ...config.tags },
    }, options('kept', {
      // EKS deletes the control plane's security groups and interfaces with the role's permissions.
      dependsOn: [...controlPlaneRole.attachments],
    }));

    this.nodeGroups = cluster.nodePools.map((pool) => nodeGroup(name, pool, config, {
      clusterName: this.eksCluster.name,
      version: this.eksCluster.version,
      nodeRoleArn: workerRole.arn,
      subnetIds: network.privateSubnetIds,
      dependsOn: [...workerRole.attachments, ...network.egress],
    }, options));

    const issuer = this.eksCluster.identities.apply((ids) => ids[0]?.oidcs[0]?.issuer ?? '');
    const oidc = oidcProvider(name, issuer, config, options);
    this.config = config;
    this.clusterName = this.eksCluster.name;
    this.endpoint = this.eksCluster.endpoint;
    this.certificateAuthority = this.eksCluster.certificateAuthority.apply((ca) => ca.data ?? '');
    this.oidcProviderArn = oidc.arn;
    this.oidcIssuerUrl = issuer;
    this.kubeconfig = pulumi.secret(
      pulumi.all([this.clusterName, this.endpoint, this.certificateAuthority]).apply(([clusterName, endpoint, certificateAuthority]) =>
        kubeconfigYaml({
          clusterName,
          region,
          endpoint,
          certificateAuthority,
          ...(config.kubeconfigRoleArn !== undefined ? { roleArn: config.kubeconfigRoleArn } : {}),
        })),
    );
    if (config.argocdRoleArn !== undefined) {
      this.argocdAccess = argocdAccess(name, {
        roleArn: config.argocdRoleArn,
        clusterName: this.eksCluster.name,
        kubeconfig: this.kubeconfig,
        ...(args.argocdGroupAccess ? { groupAccess: args.argocdGroupAccess } : {}),
      }, config, options);
    }
    this.nodeRoleArn = workerRole.arn;
    this.vpcId = network.vpcId;
    this.privateSubnetIds = network.privateSubnetIds;
    this.publicSubnetIds = network.publicSubnetIds;

    this.registerOutputs({
      clusterName: this.clusterName,
      endpoint: this.endpoint,
      certificateAuthority: this.certificateAuthority,
      oidcProviderArn: this.oidcProviderArn,
      oidcIssuerUrl: this.oidcIssuerUrl,
      kubeconfig: this.kubeconfig,
      nodeRoleArn: this.nodeRoleArn,
      vpcId: this.vpcId,
      privateSubnetIds: this.privateSubnetIds,
      publicSubnetIds: this.publicSubnetIds,
    } satisfies EksClusterOutputs);
  }
}

/**
 * What an {@link EksCluster} is built from: the fleet model's cluster (hub or
 * spoke, provider `pulumi-eks`) plus the few AWS choices the model does not
 * carry, each with its default.
 */
import type { Cluster, HubCluster } from '../../../model/types';
import type { GroupAccessArgs } from './argocd-access';

/** Control plane log types EKS can send to CloudWatch Logs. */
export type EksLogType = 'api' | 'audit' | 'authenticator' | 'controllerManager' | 'scheduler';

export const EKS_LOG_TYPES: readonly EksLogType[] = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

/**
 * How EKS authenticates IAM principals: access entries only (`API`), or
 * access entries and the `aws-auth` ConfigMap. EKS only lets a cluster move
 * towards `API`.
 */
export type EksAuthenticationMode = 'API' | 'API_AND_CONFIG_MAP';

/**
 * NAT gateways of a VPC the component creates: one per availability zone (a
 * zone's outage does not cut the other zones' egress) or one for the whole
 * VPC (about a third of the cost, a single point of failure for egress).
 */
export type NatGatewayLayout = 'one-per-zone' | 'single';

/** A fleet cluster whose provider is `pulumi-eks`. */
export type PulumiEksProvider = Extract<Cluster['provider'], { kind: 'pulumi-eks' }>;

export interface EksClusterArgs {
  /**
   * The fleet model's cluster, hub or spoke, with provider `pulumi-eks`. Used:
   * name, region, Kubernetes version (minor; EKS picks the patch), service
   * range (`network.serviceCidr`), node pools, and the provider's `vpcCidr`
   * or `existingVpc`, `eksClusterName`, `publicEndpoint` and `argocdRoleArn`;
   * for a spoke also `environment`, `tier` and `protected`.
   */
  readonly cluster: Cluster | HubCluster;
  /**
   * How many availability zones the VPC spans (a public and a private subnet
   * in each). Ignored with `availabilityZones` or the provider's `existingVpc`.
   * @default 3
   * @see https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html
   */
  readonly availabilityZoneCount?: number;
  /**
   * The availability zones of the VPC, e.g. `['us-east-1a', 'us-east-1b']`.
   * Pins them: a subnet cannot move between zones without being replaced.
   * @default - the first `availabilityZoneCount` zones of the region, by name, that need no opt-in (`aws.getAvailabilityZones`)
   */
  readonly availabilityZones?: readonly string[];
  /**
   * NAT gateways of the VPC the component creates.
   * @default - 'one-per-zone' for the hub and production spokes, 'single' otherwise
   * @see https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html
   */
  readonly natGateways?: NatGatewayLayout;
  /**
   * Whether Pulumi protects the data-bearing resources (the EKS cluster, its
   * node groups and the VPC) from deletion, and the cluster has EKS deletion
   * protection on. Never on the component itself: Pulumi deletes children
   * first. Throwaway resources (routes, NAT gateways, IAM attachments, …) are
   * never protected.
   * @default - the spoke's `protected` (production spokes are), true for the hub (it runs the fleet's Argo CD)
   * @see https://www.pulumi.com/docs/iac/concepts/options/protect/
   */
  readonly protect?: boolean;
  /**
   * How EKS authenticates IAM principals.
   * @default 'API' (access entries only, as AWS recommends)
   * @see https://docs.aws.amazon.com/eks/latest/userguide/grant-k8s-access.html
   */
  readonly authenticationMode?: EksAuthenticationMode;
  /**
   * Control plane logs sent to CloudWatch Logs.
   * @default ['audit', 'authenticator'] (who did what, and who logged in)
   * @see https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
   */
  readonly logTypes?: readonly EksLogType[];
  /**
   * IAM role the `kubeconfig` output assumes (`aws eks get-token --role-arn`).
   * The role needs access to the cluster: the identity that ran `pulumi up`
   * has it (cluster creator), any other role needs an access entry.
   * @default - the caller's own AWS identity
   * @see https://docs.aws.amazon.com/cli/latest/reference/eks/get-token.html
   */
  readonly kubeconfigRoleArn?: string;
  /**
   * Tags added to every AWS resource that takes tags, over the component's
   * own (`fleetwright.io/cluster`, `fleetwright.io/role`, and
   * `fleetwright.io/environment` for spokes).
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Least-privilege access for the hub's Argo CD (spokes with `argocdRoleArn`): its role is mapped
   * to these groups, whose rights these objects give, instead of `AmazonEKSClusterAdminPolicy`.
   * @default - cluster-admin
   */
  readonly argocdGroupAccess?: GroupAccessArgs;
}

/** Every default applied: what the component builds. */
export interface ResolvedEksCluster {
  readonly cluster: Cluster | HubCluster;
  readonly provider: PulumiEksProvider;
  /** `1.<minor>`. */
  readonly version: string;
  readonly productionGrade: boolean;
  readonly protect: boolean;
  readonly zoneCount: number;
  readonly zones?: readonly string[];
  readonly natGateways: NatGatewayLayout;
  readonly authenticationMode: EksAuthenticationMode;
  readonly logTypes: readonly EksLogType[];
  readonly kubeconfigRoleArn?: string;
  /** The role the hub's Argo CD assumes, for spokes that have one (the hub's own Argo CD runs in-cluster). */
  readonly argocdRoleArn?: string;
  readonly tags: Readonly<Record<string, string>>;
}

export const DEFAULT_ZONE_COUNT = 3;

/**
 * Applies the defaults. `provider` must already be checked to be `pulumi-eks`.
 */
export function resolveArgs(args: EksClusterArgs): ResolvedEksCluster {
  const { cluster } = args;
  const provider = cluster.provider as PulumiEksProvider;
  const spoke = cluster.role === 'spoke' ? cluster : undefined;
  const productionGrade = spoke === undefined || spoke.tier === 'production';
  const zones = args.availabilityZones === undefined ? undefined : [...args.availabilityZones];
  const tags: Record<string, string> = {
    'fleetwright.io/cluster': cluster.name,
    'fleetwright.io/role': cluster.role,
    ...(spoke ? { 'fleetwright.io/environment': spoke.environment } : {}),
    ...args.tags,
  };
  return {
    cluster,
    provider,
    version: `1.${cluster.kubernetesVersion.minor}`,
    productionGrade,
    protect: args.protect ?? (spoke === undefined ? true : spoke.protected),
    zoneCount: zones?.length ?? args.availabilityZoneCount ?? DEFAULT_ZONE_COUNT,
    ...(zones ? { zones } : {}),
    natGateways: args.natGateways ?? (productionGrade ? 'one-per-zone' : 'single'),
    authenticationMode: args.authenticationMode ?? 'API',
    logTypes: [...new Set<EksLogType>(args.logTypes ?? ['audit', 'authenticator'])].sort(),
    ...(args.kubeconfigRoleArn !== undefined ? { kubeconfigRoleArn: args.kubeconfigRoleArn } : {}),
    // Only spokes Argo CD syncs: a Pulumi-delivered spoke is registered nowhere, so its role gets no access.
    ...(spoke && spoke.delivery === 'gitops' && provider.argocdRoleArn !== undefined ? { argocdRoleArn: provider.argocdRoleArn } : {}),
    tags: Object.fromEntries(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

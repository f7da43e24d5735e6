import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { awsRegion, eksClusterName, iamRoleArn } from '../../model/rules/syntax';
import { PropsCheck } from '../errors';
import { checkIdentity, checkVpcCidr, expectSyntax } from './checks';
import { objectMetadata, type ClusterApiObjectProps } from './props';
import { ApiGroup, type ObjectRef } from './refs';

/** EKS control plane log types CAPA can send to CloudWatch. */
export type EksLogType = 'apiServer' | 'audit' | 'authenticator' | 'controllerManager' | 'scheduler';

const EKS_LOG_TYPES: readonly EksLogType[] = ['apiServer', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

/**
 * How EKS authenticates IAM principals: access entries only (`api`), or access
 * entries and the `aws-auth` ConfigMap. Can only move towards `api`.
 */
export type EksAuthenticationMode = 'api' | 'api_and_config_map';

export interface AWSManagedControlPlaneProps extends ClusterApiObjectProps {
  /**
   * AWS region of the cluster, e.g. `eu-west-1`.
   * @see https://cluster-api-aws.sigs.k8s.io/topics/eks/creating-a-cluster
   */
  readonly region: string;
  /**
   * Kubernetes minor version, `v1.31`: EKS picks the patch release itself.
   * @see https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html
   */
  readonly version: string;
  /**
   * Name of the EKS cluster in AWS.
   * @default - CAPA derives one from the namespace and name of this object
   * @see https://cluster-api-aws.sigs.k8s.io/topics/eks/creating-a-cluster
   */
  readonly eksClusterName?: string;
  /**
   * CIDR of the VPC CAPA creates for the cluster (AWS allows /16 to /28).
   * With the VPC CNI, pods take their IPs from it too.
   * @see https://cluster-api-aws.sigs.k8s.io/topics/eks/pod-networking
   */
  readonly vpcCidr: string;
  /**
   * Whether the API server endpoint is reachable from the internet. The
   * private endpoint is always on, so nodes talk to the API server inside the VPC.
   * @default false
   * @see https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html
   */
  readonly publicEndpoint?: boolean;
  /**
   * Create the cluster's IAM OIDC provider, for IAM roles for service accounts (IRSA).
   * @default true
   * @see https://docs.aws.amazon.com/eks/latest/userguide/enable-iam-roles-for-service-accounts.html
   */
  readonly associateOidcProvider?: boolean;
  /**
   * IAM roles granted cluster-admin (`AmazonEKSClusterAdminPolicy`, cluster
   * scope) through EKS access entries, e.g. the role the hub's Argo CD
   * assumes (`awsAuthConfig`).
   * @default []
   * @see https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html
   */
  readonly clusterAdminRoleArns?: readonly string[];
  /**
   * IAM roles mapped to Kubernetes groups through EKS access entries, with no
   * EKS access policy: what they may do is what the cluster's RBAC grants the
   * groups (e.g. the hub's Argo CD with least-privilege access).
   * @default []
   */
  readonly groupAccess?: readonly { readonly roleArn: string; readonly kubernetesGroups: readonly string[] }[];
  /**
   * How EKS authenticates IAM principals.
   * @default 'api' (access entries only, as AWS recommends)
   * @see https://docs.aws.amazon.com/eks/latest/userguide/grant-k8s-access.html#set-cam
   */
  readonly authenticationMode?: EksAuthenticationMode;
  /**
   * Control plane logs sent to CloudWatch.
   * @default ['audit', 'authenticator'] (who did what, and who logged in)
   * @see https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
   */
  readonly controlPlaneLogs?: readonly EksLogType[];
}

interface EksAccessEntrySpec {
  readonly principalARN: string;
  readonly type: 'standard';
  readonly accessPolicies?: readonly { readonly policyARN: string; readonly accessScope: { readonly type: 'cluster' } }[];
  readonly kubernetesGroups?: readonly string[];
}

interface AWSManagedControlPlaneSpec {
  readonly region: string;
  readonly version: string;
  readonly eksClusterName?: string;
  readonly network: { readonly vpc: { readonly cidrBlock: string } };
  readonly endpointAccess: { readonly public: boolean; readonly private: true };
  readonly associateOIDCProvider: boolean;
  readonly accessConfig: { readonly authenticationMode: EksAuthenticationMode; readonly bootstrapClusterCreatorAdminPermissions: true };
  readonly accessEntries?: readonly EksAccessEntrySpec[];
  readonly logging: Readonly<Record<EksLogType, boolean>>;
}

const EKS_VERSION = /^v1\.\d+$/;

/**
 * An `AWSManagedControlPlane` (controlplane.cluster.x-k8s.io/v1beta2): an EKS
 * cluster, with its VPC.
 * @see https://cluster-api-aws.sigs.k8s.io/topics/eks/
 */
export class AWSManagedControlPlane extends Construct {
  readonly name: string;
  readonly ref: ObjectRef;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: AWSManagedControlPlaneProps) {
    super(scope, id);
    const publicEndpoint = props.publicEndpoint ?? false;
    const associateOidcProvider = props.associateOidcProvider ?? true;
    const adminRoles = [...new Set(props.clusterAdminRoleArns ?? [])].sort();
    const authenticationMode = props.authenticationMode ?? 'api';
    const logs = new Set(props.controlPlaneLogs ?? ['audit', 'authenticator']);

    const check = new PropsCheck('AWSManagedControlPlane', props.name);
    checkIdentity(check, props, 253);
    expectSyntax(check, 'region', props.region, awsRegion);
    checkVpcCidr(check, props.vpcCidr);
    check.expect(
      EKS_VERSION.test(props.version),
      'version',
      props.version,
      'is not an EKS version (major.minor only: EKS picks the patch release itself)',
      'write it like "v1.31"',
    );
    if (props.eksClusterName !== undefined) expectSyntax(check, 'eksClusterName', props.eksClusterName, eksClusterName);
    adminRoles.forEach((arn, i) => expectSyntax(check, `clusterAdminRoleArns[${i}]`, arn, iamRoleArn));
    const groupAccess = props.groupAccess ?? [];
    groupAccess.forEach((entry, i) => {
      expectSyntax(check, `groupAccess[${i}].roleArn`, entry.roleArn, iamRoleArn);
      check.expect(entry.kubernetesGroups.length > 0, `groupAccess[${i}].kubernetesGroups`, entry.kubernetesGroups, 'is empty, so the role could do nothing', 'name the Kubernetes groups the cluster\'s RBAC binds');
      check.expect(!entry.kubernetesGroups.some((g) => g.startsWith('system:')), `groupAccess[${i}].kubernetesGroups`, entry.kubernetesGroups, 'names a system: group, which EKS refuses in access entries', 'use a group of your own, e.g. "fleetwright:argocd"');
      check.expect(!adminRoles.includes(entry.roleArn), `groupAccess[${i}].roleArn`, entry.roleArn, 'is also in clusterAdminRoleArns, and EKS allows one access entry per role', 'give the role either cluster-admin or groups');
    });
    check.done();
    const entries = [
      ...adminRoles.map(clusterAdminEntry),
      ...[...groupAccess].sort((a, b) => (a.roleArn < b.roleArn ? -1 : a.roleArn > b.roleArn ? 1 : 0)).map((e): EksAccessEntrySpec => ({
        principalARN: e.roleArn,
        type: 'standard',
        kubernetesGroups: [...new Set(e.kubernetesGroups)].sort(),
      })),
    ];

    const spec: AWSManagedControlPlaneSpec = {
      region: props.region,
      version: props.version,
      ...(props.eksClusterName !== undefined ? { eksClusterName: props.eksClusterName } : {}),
      network: { vpc: { cidrBlock: props.vpcCidr } },
      endpointAccess: { public: publicEndpoint, private: true },
      associateOIDCProvider: associateOidcProvider,
      // CAPA's own identity keeps admin access: it manages add-ons and the kubeconfig through it.
      accessConfig: { authenticationMode, bootstrapClusterCreatorAdminPermissions: true },
      ...(entries.length > 0 ? { accessEntries: entries } : {}),
      logging: Object.fromEntries(EKS_LOG_TYPES.map((t) => [t, logs.has(t)])) as Record<EksLogType, boolean>,
    };

    this.name = props.name;
    this.ref = { apiGroup: ApiGroup.controlPlane, kind: 'AWSManagedControlPlane', name: props.name };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: `${ApiGroup.controlPlane}/v1beta2`,
      kind: 'AWSManagedControlPlane',
      metadata: objectMetadata(props),
      spec,
    });
  }
}

/** An access entry with `AmazonEKSClusterAdminPolicy` on the whole cluster, in the role's partition. */
function clusterAdminEntry(roleArn: string): EksAccessEntrySpec {
  const partition = roleArn.split(':')[1]; // `aws`, `aws-cn` or `aws-us-gov`
  return {
    principalARN: roleArn,
    type: 'standard',
    accessPolicies: [
      {
        policyARN: `arn:${partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
        accessScope: { type: 'cluster' },
      },
    ],
  };
}

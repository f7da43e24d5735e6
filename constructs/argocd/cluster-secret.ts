/**
 * The Argo CD cluster Secret: how the hub's Argo CD registers a cluster. Its
 * labels and annotations are what ApplicationSet cluster generators select
 * and template on (see `model/contract.ts`).
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#clusters
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Names, type AwsIamAuth, type Cluster } from '../../model';
import { PropsCheck } from '../errors';

/** The label that makes Argo CD read a Secret as a cluster. */
export const ARGOCD_SECRET_TYPE_LABEL = 'argocd.argoproj.io/secret-type';

/** Argo CD's connection `config` for an EKS cluster reached through an IAM role. */
export function awsIamConfig(auth: AwsIamAuth, caData: string): string {
  return stableJson({
    awsAuthConfig: { clusterName: auth.eksClusterName, roleARN: auth.roleArn },
    tlsClientConfig: { caData, insecure: false },
  });
}

/** Argo CD's connection `config` for a client certificate (values are template expressions, never key material). */
export function clientCertificateConfig(caData: string, certData: string, keyData: string): string {
  return stableJson({ tlsClientConfig: { caData, certData, insecure: false, keyData } });
}

/** Argo CD's connection `config` for a bearer token (values are template expressions, never a token). */
export function bearerTokenConfig(caData: string, token: string): string {
  return stableJson({ bearerToken: token, tlsClientConfig: { caData, insecure: false } });
}

/** JSON with sorted keys, so embedded documents are deterministic too. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Metadata of an Argo CD cluster Secret. */
export interface ClusterSecretMetadata {
  readonly name: string;
  readonly namespace: string;
  /** The cluster's registration labels, plus `argocd.argoproj.io/secret-type: cluster`. */
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** `stringData` of an Argo CD cluster Secret, keys sorted (a type, so it fits `{ [key: string]: string }` inputs). */
export type ClusterSecretData = {
  /** Connection config JSON (keys sorted). */
  readonly config: string;
  /** Argo CD's name for the cluster. */
  readonly name: string;
  /** API server URL. */
  readonly server: string;
};

/** The metadata of a cluster Secret: the registration's labels (and the label that makes it a cluster) and annotations, keys sorted. */
export function clusterSecretMetadata(props: Pick<ClusterSecretProps, 'name' | 'namespace' | 'labels' | 'annotations'>): ClusterSecretMetadata {
  return {
    name: props.name,
    namespace: props.namespace,
    labels: sorted({ ...props.labels, [ARGOCD_SECRET_TYPE_LABEL]: 'cluster' }),
    annotations: sorted(props.annotations),
  };
}

function sorted(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The `stringData` of a cluster Secret. */
export function clusterSecretData(props: Pick<ClusterSecretProps, 'clusterName' | 'server' | 'config'>): ClusterSecretData {
  return { config: props.config, name: props.clusterName, server: props.server };
}

/** The `stringData` of the cluster Secret of an EKS cluster Argo CD reaches with an IAM role (`awsAuthConfig`). */
export function awsIamClusterSecretData(props: {
  /** Argo CD's name for the cluster. */
  readonly clusterName: string;
  /** API server URL. */
  readonly server: string;
  /** Base64 PEM of the cluster CA. */
  readonly caData: string;
  readonly auth: AwsIamAuth;
}): ClusterSecretData {
  return clusterSecretData({ clusterName: props.clusterName, server: props.server, config: awsIamConfig(props.auth, props.caData) });
}

/** A cluster's connection, known once the cluster exists. */
export interface ClusterConnection {
  /** API server URL, e.g. the EKS cluster's endpoint. */
  readonly server: string;
  /** Base64 PEM of the cluster CA (public data). */
  readonly caData: string;
}

/**
 * The Argo CD cluster Secret of a `pulumi-eks` cluster, for the Pulumi stack
 * that creates the cluster to create on the hub (`@pulumi/kubernetes`
 * `core.v1.Secret`, in the hub's provider): the same Secret the tree holds for
 * clusters whose connection is known in advance, with the registration's
 * labels and annotations, so the hub's ApplicationSets select it like any
 * registration. Pass `stringData` the cluster's endpoint and CA inside an
 * `apply` (it only builds the data) and mark the result secret.
 */
export interface PulumiClusterSecret {
  readonly apiVersion: 'v1';
  readonly kind: 'Secret';
  readonly type: 'Opaque';
  readonly metadata: ClusterSecretMetadata;
  readonly stringData: (connection: ClusterConnection) => ClusterSecretData;
}

/**
 * The cluster Secret the Pulumi stack creates for `cluster` in Argo CD's
 * namespace on the hub. Refuses a cluster the tree registers, and a cluster
 * of a Pulumi-delivered environment (a registration would let the hub's
 * ApplicationSets sync it too).
 */
export function pulumiClusterSecret(cluster: Cluster, namespace: string): PulumiClusterSecret {
  const check = new PropsCheck('pulumiClusterSecret', cluster.name);
  const registration = cluster.registration;
  check.expect(
    registration.kind === 'pulumi',
    'cluster.registration.kind',
    registration.kind,
    'is registered by the GitOps tree, not by a Pulumi stack',
    'create registration Secrets only for pulumi-eks clusters',
  );
  check.expect(
    cluster.delivery === 'gitops',
    'cluster.delivery',
    cluster.delivery,
    'means its Pulumi stack applies its objects, and a registration would let the hub\'s ApplicationSets sync them too',
    'register only clusters of environments delivered by GitOps',
  );
  check.done();
  const auth = (registration as Extract<Cluster['registration'], { kind: 'pulumi' }>).auth;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: clusterSecretMetadata({ name: Names.registrationSecret(cluster.name), namespace, labels: cluster.labels, annotations: cluster.annotations }),
    stringData: ({ server, caData }) => awsIamClusterSecretData({ clusterName: cluster.name, server, caData, auth }),
  };
}

export interface ClusterSecretProps {
  readonly name: string;
  readonly namespace: string;
  /** Argo CD's name for the cluster. */
  readonly clusterName: string;
  /** API server URL. */
  readonly server: string;
  /** Connection config JSON; must carry no credential (see `awsIamConfig`). */
  readonly config: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** A cluster Secret written to Git as it is: only for connections that hold no credential. */
export class ClusterSecret extends Construct {
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ClusterSecretProps) {
    super(scope, id);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: clusterSecretMetadata(props),
      type: 'Opaque',
      stringData: clusterSecretData(props),
    });
  }
}

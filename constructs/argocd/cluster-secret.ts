/**
 * The Argo CD cluster Secret: how the hub's Argo CD registers a cluster. Its
 * labels and annotations are what ApplicationSet cluster generators select
 * and template on (see `model/contract.ts`).
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#clusters
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { AwsIamAuth } from '../../model';

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

/** JSON with sorted keys, so embedded documents are deterministic too. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
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
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: { ...props.labels, [ARGOCD_SECRET_TYPE_LABEL]: 'cluster' },
        annotations: { ...props.annotations },
      },
      type: 'Opaque',
      stringData: { name: props.clusterName, server: props.server, config: props.config },
    });
  }
}

/**
 * A ClusterSecretStore. Only the Kubernetes provider is built here (reading
 * Secrets of another namespace of the same cluster); stores for Vault or AWS
 * Secrets Manager are the user's, referenced by name.
 * @see https://external-secrets.io/latest/provider/kubernetes/
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ESO_API_VERSION, type SecretStoreProviderSpec } from './types';

export interface KubernetesSecretStoreProps {
  readonly name: string;
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Namespace whose Secrets the store reads. */
  readonly remoteNamespace: string;
  /** ServiceAccount the operator authenticates as. */
  readonly serviceAccount: { readonly name: string; readonly namespace: string };
}

export class KubernetesSecretStore extends Construct {
  readonly name: string;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: KubernetesSecretStoreProps) {
    super(scope, id);
    this.name = props.name;
    const provider: SecretStoreProviderSpec = {
      kubernetes: {
        remoteNamespace: props.remoteNamespace,
        server: {
          url: 'https://kubernetes.default.svc',
          // Every namespace holds the cluster CA in this ConfigMap.
          caProvider: { type: 'ConfigMap', name: 'kube-root-ca.crt', key: 'ca.crt', namespace: props.serviceAccount.namespace },
        },
        auth: { serviceAccount: { name: props.serviceAccount.name, namespace: props.serviceAccount.namespace } },
      },
    };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: ESO_API_VERSION,
      kind: 'ClusterSecretStore',
      metadata: { name: props.name, ...(props.labels ? { labels: { ...props.labels } } : {}) },
      spec: { provider },
    });
  }
}

/**
 * A ClusterSecretStore of the Kubernetes provider: it reads Secrets of one
 * namespace of the same cluster (as a ServiceAccount), or of another cluster
 * (with a kubeconfig from a Secret of this one, ESO's `authRef`). Stores for
 * Vault or AWS Secrets Manager are the user's, referenced by name.
 *
 * `namespaces` limits which namespaces' ExternalSecrets may use the store
 * (`spec.conditions`): a store that can read credentials should serve the one
 * namespace that needs them, not every tenant of the cluster.
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
  /**
   * How the operator authenticates: as a ServiceAccount of this cluster, or with the kubeconfig
   * held by a Secret of this cluster (under `key`), which also names the cluster it reads.
   */
  readonly auth: KubernetesStoreAuth;
  /**
   * The only namespaces whose ExternalSecrets may use the store.
   * @default - every namespace
   */
  readonly namespaces?: readonly string[];
}

export type KubernetesStoreAuth =
  | { readonly serviceAccount: { readonly name: string; readonly namespace: string } }
  | { readonly kubeconfig: { readonly name: string; readonly namespace: string; readonly key: string } };

export class KubernetesSecretStore extends Construct {
  readonly name: string;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: KubernetesSecretStoreProps) {
    super(scope, id);
    this.name = props.name;
    const provider: SecretStoreProviderSpec = { kubernetes: { remoteNamespace: props.remoteNamespace, ...connection(props.auth) } };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: ESO_API_VERSION,
      kind: 'ClusterSecretStore',
      metadata: { name: props.name, ...(props.labels ? { labels: { ...props.labels } } : {}) },
      spec: { provider, ...(props.namespaces ? { conditions: [{ namespaces: [...props.namespaces].sort() }] } : {}) },
    });
  }
}

type KubernetesProvider = NonNullable<SecretStoreProviderSpec['kubernetes']>;

function connection(auth: KubernetesStoreAuth): Omit<KubernetesProvider, 'remoteNamespace'> {
  if ('kubeconfig' in auth) return { authRef: { ...auth.kubeconfig } };
  const { name, namespace } = auth.serviceAccount;
  return {
    server: {
      url: 'https://kubernetes.default.svc',
      // Every namespace holds the cluster CA in this ConfigMap.
      caProvider: { type: 'ConfigMap', name: 'kube-root-ca.crt', key: 'ca.crt', namespace },
    },
    auth: { serviceAccount: { name, namespace } },
  };
}

/**
 * An ExternalSecret that writes a Kubernetes Secret from a secret store,
 * optionally through a template (engine v2) for its data, labels and
 * annotations. Nothing secret is in Git: only references and templates.
 * @see https://external-secrets.io/latest/api/externalsecret/
 */
import { ApiObject, type ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { ESO_API_VERSION, type ExternalSecretSpec } from './types';

/** One value read from the store. */
export interface RemoteValue {
  /** Name of the value in the template (and in the Secret when there is no template). */
  readonly secretKey: string;
  /** Key of the secret in the store (a path, or a Secret name for the Kubernetes provider). */
  readonly key: string;
  /** Field of that secret. */
  readonly property: string;
  /**
   * A ClusterSecretStore to read this value from instead of the ExternalSecret's.
   * @default - the ExternalSecret's `clusterSecretStore`
   */
  readonly clusterSecretStore?: string;
}

export interface SecretTemplate {
  /** @default 'Opaque' */
  readonly type?: string;
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default {} */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Data of the Secret: Go templates over the remote values (`{{ .secretKey }}`). */
  readonly data: Readonly<Record<string, string>>;
}

export interface ExternalSecretProps {
  readonly metadata: ApiObjectMetadata & { readonly name: string; readonly namespace: string };
  /** A ClusterSecretStore, by name. */
  readonly clusterSecretStore: string;
  readonly data: readonly RemoteValue[];
  /**
   * Name of the Secret to write.
   * @default - the ExternalSecret's name
   */
  readonly targetName?: string;
  /** @default - the remote values as they are */
  readonly template?: SecretTemplate;
  /**
   * How often the store is read again.
   * @default '1h'
   */
  readonly refreshInterval?: string;
}

export class ExternalSecret extends Construct {
  readonly name: string;
  /** Name of the Secret it writes. */
  readonly targetName: string;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ExternalSecretProps) {
    super(scope, id);
    const check = new PropsCheck('ExternalSecret', props.metadata.name);
    check.expect(props.data.length > 0, 'data', props.data, 'is empty', 'read at least one value from the store');
    const keys = props.data.map((d) => d.secretKey);
    check.expect(new Set(keys).size === keys.length, 'data', keys, 'has duplicate secretKeys', 'give each value its own secretKey');
    check.done();
    this.name = props.metadata.name;
    this.targetName = props.targetName ?? props.metadata.name;
    const spec: ExternalSecretSpec = {
      refreshInterval: props.refreshInterval ?? '1h',
      secretStoreRef: { kind: 'ClusterSecretStore', name: props.clusterSecretStore },
      target: {
        name: this.targetName,
        creationPolicy: 'Owner',
        ...(props.template
          ? {
            template: {
              engineVersion: 'v2',
              type: props.template.type ?? 'Opaque',
              metadata: { labels: { ...props.template.labels }, annotations: { ...props.template.annotations } },
              data: { ...props.template.data },
            },
          }
          : {}),
      },
      data: props.data.map((d) => ({
        secretKey: d.secretKey,
        remoteRef: { key: d.key, property: d.property },
        ...(d.clusterSecretStore === undefined ? {} : { sourceRef: { storeRef: { kind: 'ClusterSecretStore', name: d.clusterSecretStore } } }),
      })),
    };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: ESO_API_VERSION,
      kind: 'ExternalSecret',
      metadata: props.metadata,
      spec,
    });
  }
}

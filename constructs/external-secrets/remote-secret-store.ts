/**
 * A ClusterSecretStore that reads a secret manager outside the cluster
 * (Vault or AWS Secrets Manager, see {@link SecretBackend}): every namespace
 * of the cluster can reference it by name from an ExternalSecret.
 * @see https://external-secrets.io/latest/api/clustersecretstore/
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { dnsSubdomain, labelKey, labelValue } from '../../model/rules/syntax';
import { expectSyntax } from '../cluster-api/checks';
import { PropsCheck } from '../errors';
import type { SecretBackend } from './secret-backend';
import { ESO_API_VERSION } from './types';

export interface RemoteSecretStoreProps {
  readonly name: string;
  readonly backend: SecretBackend;
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

export class RemoteSecretStore extends Construct {
  readonly name: string;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: RemoteSecretStoreProps) {
    super(scope, id);
    const check = new PropsCheck('ClusterSecretStore', props.name);
    expectSyntax(check, 'name', props.name, dnsSubdomain);
    for (const [key, value] of Object.entries(props.labels ?? {})) {
      expectSyntax(check, `labels["${key}"]`, key, labelKey);
      expectSyntax(check, `labels["${key}"]`, value, labelValue);
    }
    props.backend.check(check);
    check.done();
    this.name = props.name;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: ESO_API_VERSION,
      kind: 'ClusterSecretStore',
      metadata: { name: props.name, ...(props.labels && Object.keys(props.labels).length > 0 ? { labels: { ...props.labels } } : {}) },
      spec: { provider: props.backend.provider },
    });
  }
}

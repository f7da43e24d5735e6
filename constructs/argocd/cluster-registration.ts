/**
 * Registers a spoke with the hub's Argo CD, without credential material in
 * Git: a plain cluster Secret when nothing in it is secret, otherwise an
 * ExternalSecret that templates the cluster Secret from a store. Clusters
 * whose Pulumi stack registers them (`pulumi-eks`, see `pulumiClusterSecret`)
 * and clusters of Pulumi-delivered environments have no registration here.
 */
import { Construct } from 'constructs';
import type { Cluster, HubCluster, Registration } from '../../model';
import { Names } from '../../model';
import { PropsCheck } from '../errors';
import { ExternalSecret, type RemoteValue } from '../external-secrets/external-secret';
import { ARGOCD_SECRET_TYPE_LABEL, awsIamConfig, bearerTokenConfig, ClusterSecret, clientCertificateConfig, stableJson } from './cluster-secret';
import { IN_CLUSTER_SERVER } from './types';

export interface ClusterRegistrationProps {
  readonly cluster: Cluster;
  /** Argo CD's namespace on the hub. */
  readonly namespace: string;
  /** ClusterSecretStore with the user's registration data (`secret-store` registrations). */
  readonly registrationStore: string;
  /**
   * ClusterSecretStore that reads Cluster API kubeconfig Secrets (`capi-kubeconfig` registrations);
   * with `service-account-token` auth the token comes from the spoke's own store
   * (`Names.spokeTokenStore`, which the hub's registration folder defines).
   */
  readonly kubeconfigStore: string;
}

/**
 * Go template that parses the kubeconfig Cluster API wrote and binds its parts
 * to variables, so the JSON around them needs no quoting inside templates.
 */
function kubeconfigPrelude(withClientCertificate: boolean): string {
  return [
    '{{- $kubeconfig := .kubeconfig | fromYaml -}}',
    '{{- $cluster := index $kubeconfig "clusters" 0 "cluster" -}}',
    '{{- $server := index $cluster "server" -}}',
    '{{- $ca := index $cluster "certificate-authority-data" -}}',
    ...(withClientCertificate
      ? [
        '{{- $user := index $kubeconfig "users" 0 "user" -}}',
        '{{- $cert := index $user "client-certificate-data" -}}',
        '{{- $key := index $user "client-key-data" -}}',
      ]
      : []),
    '',
  ].join('\n');
}

export class ClusterRegistration extends Construct {
  /** Name of the Argo CD cluster Secret on the hub. */
  readonly secretName: string;

  constructor(scope: Construct, id: string, props: ClusterRegistrationProps) {
    super(scope, id);
    const { cluster, namespace } = props;
    this.secretName = Names.registrationSecret(cluster.name);
    const reg: Registration = cluster.registration;
    const check = new PropsCheck('ClusterRegistration', cluster.name);
    check.expect(
      cluster.delivery === 'gitops',
      'cluster.delivery',
      cluster.delivery,
      'means its Pulumi stack applies its objects, and a registration would let the hub\'s ApplicationSets sync them too',
      'register only clusters of environments delivered by GitOps',
    );
    check.expect(reg.kind !== 'pulumi', 'cluster.registration.kind', reg.kind, 'is registered by the Pulumi stack that creates the cluster', 'leave the cluster out of the tree\'s registrations');
    check.done();
    if (reg.kind === 'pulumi') return;
    if (reg.kind === 'static') {
      new ClusterSecret(this, 'Secret', {
        name: this.secretName,
        namespace,
        clusterName: cluster.name,
        server: reg.server,
        config: awsIamConfig(reg.auth, reg.caData),
        labels: cluster.labels,
        annotations: cluster.annotations,
      });
      return;
    }
    const { store, data, server, config } = reg.kind === 'capi-kubeconfig' ? fromKubeconfig(reg, Names.spokeTokenStore(cluster.name)) : fromStore(reg);
    new ExternalSecret(this, 'ExternalSecret', {
      metadata: { name: this.secretName, namespace },
      clusterSecretStore: store === 'kubeconfig' ? props.kubeconfigStore : props.registrationStore,
      data,
      template: {
        labels: { ...cluster.labels, [ARGOCD_SECRET_TYPE_LABEL]: 'cluster' },
        annotations: cluster.annotations,
        data: { name: cluster.name, server, config },
      },
    });
  }
}

interface TemplateParts {
  readonly store: 'kubeconfig' | 'registration';
  readonly data: RemoteValue[];
  readonly server: string;
  readonly config: string;
}

function fromKubeconfig(reg: Extract<Registration, { kind: 'capi-kubeconfig' }>, tokenStore: string): TemplateParts {
  const auth = reg.auth;
  const prelude = kubeconfigPrelude(auth.kind === 'client-certificate');
  const kubeconfig: RemoteValue = { secretKey: 'kubeconfig', key: reg.kubeconfigSecret, property: 'value' };
  const server = `${kubeconfigPrelude(false)}{{ $server }}`;
  switch (auth.kind) {
    case 'aws-iam':
      return { store: 'kubeconfig', data: [kubeconfig], server, config: prelude + awsIamConfig(auth, '{{ $ca }}') };
    case 'client-certificate':
      return { store: 'kubeconfig', data: [kubeconfig], server, config: prelude + clientCertificateConfig('{{ $ca }}', '{{ $cert }}', '{{ $key }}') };
    case 'service-account-token':
      // Server and CA from CAPI's kubeconfig; the token from the spoke's token Secret, read with that kubeconfig.
      return {
        store: 'kubeconfig',
        data: [kubeconfig, { secretKey: 'token', key: auth.tokenSecret, property: 'token', clusterSecretStore: tokenStore }],
        server,
        config: prelude + bearerTokenConfig('{{ $ca }}', '{{ .token }}'),
      };
  }
}

function fromStore(reg: Extract<Registration, { kind: 'secret-store' }>): TemplateParts {
  const value = (name: string): RemoteValue => ({ secretKey: name, key: reg.key, property: name });
  return { store: 'registration', data: [value('server'), value('config')], server: '{{ .server }}', config: '{{ .config }}' };
}

/**
 * Registers the hub with its own Argo CD as the in-cluster destination,
 * under its name and with its labels, so that add-on ApplicationSets select
 * it like any spoke. Argo CD reaches it with its own service account: the
 * Secret holds no credential.
 */
export class HubRegistration extends Construct {
  readonly secretName: string;

  constructor(scope: Construct, id: string, props: { readonly hub: HubCluster; readonly namespace: string }) {
    super(scope, id);
    this.secretName = Names.registrationSecret(props.hub.name);
    new ClusterSecret(this, 'Secret', {
      name: this.secretName,
      namespace: props.namespace,
      clusterName: props.hub.name,
      server: IN_CLUSTER_SERVER,
      config: stableJson({ tlsClientConfig: { insecure: false } }),
      labels: props.hub.labels,
      annotations: props.hub.annotations,
    });
  }
}

/**
 * The secret managers a {@link RemoteSecretStore} reads: HashiCorp Vault
 * (KV v2, Kubernetes auth) and AWS Secrets Manager. Each factory takes what
 * the store needs to authenticate, never a credential: Vault gets a
 * ServiceAccount token, AWS an IAM role (IRSA) or the node's instance role.
 * @see https://external-secrets.io/latest/provider/hashicorp-vault/
 * @see https://external-secrets.io/latest/provider/aws-secrets-manager/
 */
import { awsRegion, dnsLabel, dnsSubdomain, httpsUrl } from '../../model/rules/syntax';
import type { PropsCheck } from '../errors';
import type { SecretStoreProviderSpec } from './types';

/** A ServiceAccount the operator requests tokens for. */
export interface ServiceAccountRef {
  readonly name: string;
  readonly namespace: string;
}

/** How a store authenticates to AWS. */
export type AwsAuth =
  /** A ServiceAccount whose token AWS exchanges for its IAM role (IRSA: `eks.amazonaws.com/role-arn` on the ServiceAccount). */
  | { readonly kind: 'service-account'; readonly serviceAccount: ServiceAccountRef }
  /** The AWS SDK's default chain in the operator's pod: on EC2 nodes, the instance role. */
  | { readonly kind: 'instance-role' };

const MOUNT_PATH = /^[^/\s](\S*[^/\s])?$/;

type Check = (check: PropsCheck) => void;

function expectIssue(check: PropsCheck, prop: string, value: string, issue: readonly [string, string] | undefined, fix?: string): void {
  if (issue) check.expect(false, prop, value, issue[0], fix ?? issue[1]);
}

function checkServiceAccount(check: PropsCheck, prop: string, sa: ServiceAccountRef): void {
  expectIssue(check, `${prop}.name`, sa.name, dnsSubdomain(sa.name));
  expectIssue(check, `${prop}.namespace`, sa.namespace, dnsLabel(sa.namespace));
}

export class SecretBackend {
  /**
   * A KV v2 secrets engine of Vault, read with Kubernetes auth: Vault checks
   * the ServiceAccount's token against the cluster's API server (the auth
   * mount) and grants the role's policies.
   */
  static vault(options: {
    /** Vault address, `https://…`. */
    readonly server: string;
    /** Mount of the KV v2 engine, e.g. `secret`. */
    readonly mountPath: string;
    /** Mount of the Kubernetes auth method, e.g. `kubernetes-prod-eu-west-1`. */
    readonly authMountPath: string;
    /** Vault role of the auth mount. */
    readonly role: string;
    /** ServiceAccount whose token is presented. */
    readonly serviceAccount: ServiceAccountRef;
  }): SecretBackend {
    return new SecretBackend(
      'vault',
      {
        vault: {
          server: options.server,
          path: options.mountPath,
          version: 'v2',
          auth: {
            kubernetes: {
              mountPath: options.authMountPath,
              role: options.role,
              serviceAccountRef: { name: options.serviceAccount.name, namespace: options.serviceAccount.namespace },
            },
          },
        },
      },
      (check) => {
        expectIssue(check, 'backend.server', options.server, httpsUrl(options.server), 'use the Vault address, e.g. "https://vault.example.com:8200"');
        for (const [prop, value] of [['backend.mountPath', options.mountPath], ['backend.authMountPath', options.authMountPath]] as const) {
          check.expect(MOUNT_PATH.test(value), prop, value, 'is not a Vault mount path', 'write it without leading or trailing "/" or spaces, e.g. "secret"');
        }
        check.expect(/^\S+$/.test(options.role), 'backend.role', options.role, 'is not a Vault role name', 'use the role of the Kubernetes auth mount, e.g. "external-secrets"');
        checkServiceAccount(check, 'backend.serviceAccount', options.serviceAccount);
      },
    );
  }

  /** AWS Secrets Manager in `region`. */
  static awsSecretsManager(options: { readonly region: string; readonly auth: AwsAuth }): SecretBackend {
    const auth = options.auth;
    return new SecretBackend(
      'aws-secrets-manager',
      {
        aws: {
          service: 'SecretsManager',
          region: options.region,
          ...(auth.kind === 'service-account'
            ? { auth: { jwt: { serviceAccountRef: { name: auth.serviceAccount.name, namespace: auth.serviceAccount.namespace } } } }
            : {}),
        },
      },
      (check) => {
        expectIssue(check, 'backend.region', options.region, awsRegion(options.region));
        if (auth.kind === 'service-account') checkServiceAccount(check, 'backend.auth.serviceAccount', auth.serviceAccount);
      },
    );
  }

  private constructor(
    readonly kind: 'vault' | 'aws-secrets-manager',
    /** `spec.provider` of the store. */
    readonly provider: SecretStoreProviderSpec,
    private readonly checkOptions: Check,
  ) {}

  /** Records problems with the backend's options. */
  check(check: PropsCheck): void {
    this.checkOptions(check);
  }
}

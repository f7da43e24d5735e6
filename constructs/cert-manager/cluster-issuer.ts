/**
 * A cert-manager ClusterIssuer: where every namespace of a cluster gets
 * certificates from.
 * @see https://cert-manager.io/docs/configuration/
 */
import type { IClusterIssuer } from '@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer' with { 'resolution-mode': 'import' };
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';

type IssuerSpec = NonNullable<IClusterIssuer['spec']>;

/** Let's Encrypt's ACME directories. */
export const ACME_SERVERS = {
  production: 'https://acme-v02.api.letsencrypt.org/directory',
  staging: 'https://acme-staging-v02.api.letsencrypt.org/directory',
} as const;

/** What an issuer issues from. */
export class Issuer {
  /**
   * An ACME account (Let's Encrypt) solving HTTP-01 challenges through an ingress class.
   * @param options.accountKeySecret Secret cert-manager creates for the ACME account key (not a credential you provide).
   */
  static acme(options: {
    readonly email: string;
    readonly server: keyof typeof ACME_SERVERS;
    readonly accountKeySecret: string;
    readonly ingressClassName: string;
  }): Issuer {
    return new Issuer(
      {
        acme: {
          email: options.email,
          server: ACME_SERVERS[options.server],
          privateKeySecretRef: { name: options.accountKeySecret },
          solvers: [{ http01: { ingress: { ingressClassName: options.ingressClassName } } }],
        },
      },
      options.email,
    );
  }

  /** Self-signed certificates, for internal endpoints and bootstrapping a private CA. */
  static selfSigned(): Issuer {
    return new Issuer({ selfSigned: {} });
  }

  private constructor(readonly spec: IssuerSpec, readonly email?: string) {}
}

export interface ClusterIssuerProps {
  readonly name: string;
  readonly issuer: Issuer;
}

export class ClusterIssuer extends Construct {
  readonly name: string;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ClusterIssuerProps) {
    super(scope, id);
    const check = new PropsCheck('ClusterIssuer', props.name);
    const email = props.issuer.email;
    check.expect(email === undefined || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email), 'issuer.email', email, 'is not an email address', 'use the address the ACME server should write to');
    check.done();
    this.name = props.name;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: props.name },
      spec: props.issuer.spec,
    });
  }
}

/**
 * The cluster's IAM OIDC identity provider, for IAM roles for service
 * accounts (IRSA: the add-ons' `eks.amazonaws.com/role-arn` annotations).
 *
 * No thumbprint: IAM verifies the TLS certificate of an OIDC provider's key
 * endpoint against its own library of trusted root CAs, and EKS's issuers
 * (`oidc.eks.<region>.amazonaws.com`) use certificates from Amazon's public
 * CAs, so a configured thumbprint would be kept but never used (and when none
 * is given, IAM fetches one itself). `thumbprintLists` is optional in
 * @pulumi/aws 7.x for that reason.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/enable-iam-roles-for-service-accounts.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ResolvedEksCluster } from './args';
import type { ChildOptions } from './child-options';

/** The audience of tokens the pods' AWS SDKs exchange with STS. */
export const STS_AUDIENCE = 'sts.amazonaws.com';

export function oidcProvider(name: string, issuerUrl: pulumi.Output<string>, config: ResolvedEksCluster, options: ChildOptions): aws.iam.OpenIdConnectProvider {
  return new aws.iam.OpenIdConnectProvider(`${name}-oidc`, {
    url: issuerUrl,
    clientIdLists: [STS_AUDIENCE],
    tags: { ...config.tags },
  }, options('throwaway'));
}

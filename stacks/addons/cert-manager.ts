/**
 * cert-manager: the chart (CRDs included and kept on uninstall), replicas and
 * disruption budgets on production, and two ClusterIssuers for every
 * cluster: `letsencrypt` (the fleet's ACME account, HTTP-01 through
 * ingress-nginx) and `selfsigned`.
 */
import { ClusterIssuer, Issuer } from '../../constructs/cert-manager/cluster-issuer';
import { certManager as spec } from '../../model';
import { NGINX_INGRESS_CLASS } from './ingress-nginx';
import { defineAddonRenderer, type ValuesLayer } from './spi';
import type { CertManagerValues } from './values/cert-manager';

export const LETSENCRYPT_ISSUER = 'letsencrypt';

export const certManager = defineAddonRenderer<'cert-manager', CertManagerValues>({
  spec,
  values: (): ValuesLayer<CertManagerValues> => ({
    crds: { enabled: true, keep: true },
    prometheus: { enabled: true, servicemonitor: { enabled: false } },
  }),
  overlayValues: (_fleet, overlay): ValuesLayer<CertManagerValues> =>
    overlay.tier === 'production'
      ? {
        replicaCount: 2,
        podDisruptionBudget: { enabled: true, minAvailable: 1 },
        webhook: { replicaCount: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 } },
        cainjector: { replicaCount: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 } },
      }
      : {},
  addBaseObjects: (scope, fleet) => {
    const settings = fleet.platform.certManager!;
    new ClusterIssuer(scope, 'letsencrypt', {
      name: LETSENCRYPT_ISSUER,
      issuer: Issuer.acme({
        email: settings.acmeEmail,
        server: settings.acmeServer ?? 'production',
        accountKeySecret: `${LETSENCRYPT_ISSUER}-account-key`,
        ingressClassName: NGINX_INGRESS_CLASS,
      }),
    });
    new ClusterIssuer(scope, 'selfsigned', { name: 'selfsigned', issuer: Issuer.selfSigned() });
  },
});

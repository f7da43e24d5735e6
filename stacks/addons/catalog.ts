/** Every add-on's renderer, by name: the other half of the catalog in `model/addons/catalog`. */
import type { AddonName } from '../../model';
import { argoRollouts } from './argo-rollouts';
import { certManager } from './cert-manager';
import { cilium } from './cilium';
import { externalDns } from './external-dns';
import { externalSecrets } from './external-secrets';
import { ingressNginx } from './ingress-nginx';
import { kubePrometheusStack } from './kube-prometheus-stack';
import { kyverno } from './kyverno';
import type { Addon } from './spi';
import { thanos } from './thanos';
import { velero } from './velero';

export const ADDONS: { readonly [K in AddonName]: Addon<K, object> } = {
  'argo-rollouts': argoRollouts,
  'cert-manager': certManager,
  cilium,
  'external-dns': externalDns,
  'external-secrets': externalSecrets,
  'ingress-nginx': ingressNginx,
  'kube-prometheus-stack': kubePrometheusStack,
  kyverno,
  thanos,
  velero,
};

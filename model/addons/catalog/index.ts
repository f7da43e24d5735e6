/**
 * The add-on catalog: every add-on's spec by name. Adding an add-on means a
 * spec here and a renderer in `stacks/addons` (see README, "Writing an add-on").
 */
import type { AddonName } from '../names';
import type { AddonSpec } from '../spec';
import { argoRollouts } from './argo-rollouts';
import { certManager } from './cert-manager';
import { cilium } from './cilium';
import { externalDns } from './external-dns';
import { externalSecrets } from './external-secrets';
import { ingressNginx } from './ingress-nginx';
import { kubePrometheusStack } from './kube-prometheus-stack';
import { kyverno } from './kyverno';
import { thanos } from './thanos';
import { velero } from './velero';

export type Catalog = { readonly [K in AddonName]: AddonSpec<K> };

export const CATALOG: Catalog = {
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

export { argoRollouts, certManager, cilium, externalDns, externalSecrets, ingressNginx, kubePrometheusStack, kyverno, thanos, velero };

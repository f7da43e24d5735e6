/**
 * Names of the platform add-ons a cluster can run. The catalog that renders
 * them (charts, values, dependencies) builds on these names.
 */
export const ADDON_NAMES = [
  'argo-rollouts',
  'cert-manager',
  'cilium',
  'external-dns',
  'external-secrets',
  'ingress-nginx',
  'kube-prometheus-stack',
  'kyverno',
  'thanos',
  'velero',
] as const;

export type AddonName = (typeof ADDON_NAMES)[number];

export function isAddonName(value: string): value is AddonName {
  return (ADDON_NAMES as readonly string[]).includes(value);
}

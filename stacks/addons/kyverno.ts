/**
 * kyverno: the chart (CRDs included; controllers replicated, with disruption
 * budgets, on production overlays) and, per overlay (an environment, or the
 * hub), the fleet's ClusterPolicies, in the overlay's mode (`audit` or
 * `enforce`: the environment's `mode` option, else `enforce` on production
 * tier and `audit` elsewhere):
 *
 * - `disallow-privileged-containers`: no container (init and ephemeral
 *   included) sets `securityContext.privileged: true`;
 * - `require-requests-limits`: every app container states CPU and memory
 *   requests and a memory limit. No CPU limit is required: a CPU limit
 *   throttles a container even on an idle node, while the memory limit is
 *   what keeps one container from starving the node (Kyverno's own
 *   require-requests-limits sample checks the same three);
 * - `restrict-image-registries`: every image comes from
 *   `platform.kyverno.allowedRegistries`.
 *
 * Background scanning is on, so PolicyReports also list existing objects.
 * The policies leave out kube-system and the namespaces of the add-ons the
 * overlay's clusters run (Kyverno's own included), and on the hub Argo CD's.
 */
import { ClusterPolicy } from '../../constructs/kyverno/cluster-policy';
import { PodRule } from '../../constructs/kyverno/pod-rule';
import { CATALOG, kyverno as spec, type Fleet } from '../../model';
import { kyvernoMode } from '../../model/addons/catalog/kyverno';
import type { Overlay } from './overlays';
import { defineAddonRenderer, type ValuesLayer } from './spi';
import type { KyvernoValues } from './values/kyverno';

/** Namespaces of the platform itself, whose pods the fleet's policies do not judge. */
export function excludedNamespaces(fleet: Fleet, overlay: Overlay): string[] {
  const addons = new Set(overlay.clusters.flatMap((c) => c.addons));
  const namespaces = new Set(['kube-system', spec.namespace, ...[...addons].map((name) => CATALOG[name].namespace)]);
  if (overlay.clusters.some((c) => c.role === 'hub')) namespaces.add(fleet.argocd.namespace);
  return [...namespaces].sort();
}

export const kyverno = defineAddonRenderer<'kyverno', KyvernoValues>({
  spec,
  values: (): ValuesLayer<KyvernoValues> => ({ crds: { install: true } }),
  overlayValues: (_fleet, overlay): ValuesLayer<KyvernoValues> =>
    overlay.tier === 'production'
      ? {
        // Replicas above 1 also get a PodDisruptionBudget from the chart.
        admissionController: { replicas: 3 },
        backgroundController: { replicas: 2 },
        cleanupController: { replicas: 2 },
        reportsController: { replicas: 2 },
      }
      : {},
  addOverlayObjects: (scope, fleet, overlay) => {
    const mode = kyvernoMode(overlay.tier, overlay.addonOptions.kyverno);
    const excludeNamespaces = excludedNamespaces(fleet, overlay);
    const policies = [
      {
        name: 'disallow-privileged-containers',
        description: 'Privileged containers can do anything the node can; no workload of the fleet needs one.',
        rule: PodRule.noPrivilegedContainers(),
      },
      {
        name: 'require-requests-limits',
        description: 'Containers state what they need (CPU and memory requests) and a memory limit, so the scheduler can place them and none starves its node.',
        rule: PodRule.requireResources({ requests: ['cpu', 'memory'], limits: ['memory'] }),
      },
      {
        name: 'restrict-image-registries',
        description: 'Images come only from the registries the fleet allows (platform.kyverno.allowedRegistries).',
        rule: PodRule.imagesFrom(fleet.platform.kyverno!.allowedRegistries),
      },
    ];
    for (const { name, description, rule } of policies) {
      new ClusterPolicy(scope, name, { name, description, rules: [rule], mode, excludeNamespaces });
    }
  },
});

/**
 * Pod Security admission levels of the namespaces fleetwright creates.
 *
 * Every add-on's catalog entry names the most restrictive Pod Security
 * Standard its chart's pods pass (`podSecurity`), which the definition may
 * override per add-on (`platform.podSecurity`); a service's or an app's
 * namespace is `restricted` unless the service or app says otherwise. Namespaces shared by several
 * of them (kube-prometheus-stack and thanos in `monitoring`, a service in an
 * add-on's namespace) get the most permissive of their levels, since every
 * Application delivering into the namespace writes the same labels. Add-ons
 * installed into a namespace that exists before them (cilium in `kube-system`)
 * have no level: fleetwright leaves the labels of namespaces it does not
 * create alone.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
 */
import { CATALOG } from './catalog';
import { ADDON_NAMES, type AddonName } from './names';
import type { PlatformDefinition } from './options';

/** The Pod Security Standards, from most to least permissive. */
export const POD_SECURITY_LEVELS = ['privileged', 'baseline', 'restricted'] as const;

/** A Pod Security Standard. */
export type PodSecurityLevel = (typeof POD_SECURITY_LEVELS)[number];

/** Label prefix of Pod Security admission: `<prefix>/enforce`, `/audit`, `/warn`. */
export const POD_SECURITY_LABEL_PREFIX = 'pod-security.kubernetes.io';

/**
 * Namespaces every cluster has before fleetwright syncs anything: it never labels them
 * (their workloads, e.g. the CNI and DNS in kube-system, are not its to judge).
 */
export const SYSTEM_NAMESPACES: readonly string[] = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/**
 * The labels that make Pod Security admission enforce `level` on a namespace,
 * and audit and warn on it too (so `kubectl` shows why a pod is refused).
 */
export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
  return {
    [`${POD_SECURITY_LABEL_PREFIX}/audit`]: level,
    [`${POD_SECURITY_LABEL_PREFIX}/enforce`]: level,
    [`${POD_SECURITY_LABEL_PREFIX}/warn`]: level,
  };
}

/** The most permissive of `levels`, or undefined for none. */
export function mostPermissive(levels: Iterable<PodSecurityLevel>): PodSecurityLevel | undefined {
  const all = new Set(levels);
  return POD_SECURITY_LEVELS.find((level) => all.has(level));
}

/** An add-on's level: the definition's (`platform.podSecurity`), else its catalog entry's; none for add-ons without a namespace of their own. */
export function addonPodSecurity(platform: PlatformDefinition, addon: AddonName): PodSecurityLevel | undefined {
  const spec = CATALOG[addon];
  if (spec.podSecurity === undefined) return undefined;
  return platform.podSecurity?.[addon] ?? spec.podSecurity;
}

/**
 * Namespace → level, for every namespace fleetwright creates under a fixed
 * name: the add-ons' (every add-on of the catalog, so that a namespace's
 * level does not change when a cluster switches an add-on on) and the
 * workloads' (services', apps'). Sorted by namespace; namespaces every
 * cluster has are left out.
 */
export function namespacePodSecurity(
  platform: PlatformDefinition,
  workloads: readonly { readonly namespace: string; readonly podSecurity: PodSecurityLevel }[],
): Readonly<Record<string, PodSecurityLevel>> {
  const levels = new Map<string, PodSecurityLevel[]>();
  const add = (namespace: string, level: PodSecurityLevel) => {
    if (SYSTEM_NAMESPACES.includes(namespace)) return;
    levels.set(namespace, [...(levels.get(namespace) ?? []), level]);
  };
  for (const addon of ADDON_NAMES) {
    const level = addonPodSecurity(platform, addon);
    if (level !== undefined) add(CATALOG[addon].namespace, level);
  }
  for (const workload of workloads) add(workload.namespace, workload.podSecurity);
  const result: Record<string, PodSecurityLevel> = {};
  for (const namespace of [...levels.keys()].sort()) result[namespace] = mostPermissive(levels.get(namespace)!)!;
  return result;
}

/**
 * The Pod Security labels of `namespace` (see `Fleet.podSecurity`), or
 * undefined for a namespace fleetwright does not label.
 */
export function namespaceLabels(fleet: { readonly podSecurity: Readonly<Record<string, PodSecurityLevel>> }, namespace: string): Record<string, string> | undefined {
  const level = Object.hasOwn(fleet.podSecurity, namespace) ? fleet.podSecurity[namespace] : undefined;
  return level === undefined ? undefined : podSecurityLabels(level);
}

/**
 * Pod Security admission levels of the namespaces add-ons create.
 *
 * Every add-on's catalog entry names the most restrictive Pod Security
 * Standard its chart's pods pass (`podSecurity`); add-ons sharing a namespace
 * (kube-prometheus-stack and thanos in `monitoring`) get the most permissive
 * of their levels, since both delivering Applications manage the same
 * namespace's labels. Add-ons installed into a namespace that exists before
 * them (cilium in `kube-system`) have no level: fleetwright leaves the labels
 * of namespaces it does not create alone.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
 */
import { CATALOG } from './catalog';
import { ADDON_NAMES } from './names';

/** A Pod Security Standard, from most to least permissive. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** The levels from most to least permissive. */
export const POD_SECURITY_LEVELS: readonly PodSecurityLevel[] = ['privileged', 'baseline', 'restricted'];

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

/**
 * The level of an add-on namespace: the most permissive `podSecurity` of the
 * catalog entries installed into it, or undefined when none has one (a
 * namespace fleetwright does not create).
 */
export function addonNamespacePodSecurity(namespace: string): PodSecurityLevel | undefined {
  const levels = ADDON_NAMES.map((name) => CATALOG[name]).filter((spec) => spec.namespace === namespace).map((spec) => spec.podSecurity);
  return POD_SECURITY_LEVELS.find((level) => levels.includes(level));
}

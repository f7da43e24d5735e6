/**
 * Pod Security admission labels of the namespaces Argo CD creates for an app
 * (`CreateNamespace=true` with `managedNamespaceMetadata`): the app's level
 * (`podSecurity`, `restricted` unless it says otherwise). A namespace that is
 * also an add-on's or a service's (`Fleet.podSecurity`) gets the most
 * permissive of its levels there and the app's, so the app's Applications
 * never ask for a stricter level than the ones already delivering into it.
 *
 * One Application template may write to several namespaces (one per service
 * of an app with `services`): it gets the most permissive level of them all.
 * Namespaces every cluster has (kube-system, default, ...) are never
 * labelled, as for add-ons and services; folder names of `serviceDirectories`
 * are only known to Argo CD, so those namespaces get the app's level.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
 */
import { mostPermissive, podSecurityLabels, SYSTEM_NAMESPACES, type App, type Fleet, type PodSecurityLevel } from '../../model';

/**
 * The labels of the namespaces one Application (or Application template) of
 * `app` creates, or undefined when one of them is a namespace every cluster has.
 * @param namespaces the namespaces it may write to; undefined when only Argo CD knows them (service folders)
 */
export function appNamespaceLabels(fleet: Pick<Fleet, 'podSecurity'>, app: Pick<App, 'podSecurity'>, namespaces: readonly string[] | undefined): Record<string, string> | undefined {
  const known = namespaces ?? [];
  if (known.some((ns) => SYSTEM_NAMESPACES.includes(ns))) return undefined;
  const levels: PodSecurityLevel[] = [app.podSecurity];
  for (const ns of known) {
    if (Object.hasOwn(fleet.podSecurity, ns)) levels.push(fleet.podSecurity[ns]!);
  }
  return podSecurityLabels(mostPermissive(levels)!);
}

/** The namespaces of `app`'s own ApplicationSet: its namespace, each of its services, or (service folders) unknown. */
export function appNamespaces(app: Pick<App, 'namespace' | 'services' | 'serviceDirectories'>): readonly string[] | undefined {
  if (app.services) return app.services;
  if (app.serviceDirectories) return undefined;
  return [app.namespace];
}

/**
 * The default-deny NetworkPolicy of apps' namespaces (`apps[].networkPolicy`).
 *
 * The policy selects every pod of a namespace, so it is the default only in
 * namespaces that hold apps alone. A namespace that is also an add-on's (any
 * add-on of the catalog, so that the answer does not change when a cluster
 * switches one on), a service's or one every cluster has would have those
 * other pods cut off: no policy there unless asked, and asking is refused.
 * Apps sharing a namespace must agree, since one app's policy covers the
 * other's pods too. Folders of `serviceDirectories` are only known to Argo CD:
 * their namespaces count as the app's own.
 */
import { CATALOG } from '../addons/catalog';
import { ADDON_NAMES } from '../addons/names';
import { SYSTEM_NAMESPACES } from '../addons/pod-security';
import type { AppDefinition } from '../delivery/definition';
import type { RuleContext } from './context';

type AppNamespaceFields = Pick<AppDefinition, 'namespace' | 'services' | 'serviceDirectories' | 'networkPolicy'>;

/** Who besides apps uses a namespace, e.g. `add-on cert-manager`, `service checkout`; namespaces every cluster has included. */
export function namespaceOwners(services: readonly { readonly name: string; readonly namespace: string }[]): ReadonlyMap<string, string> {
  const owners = new Map<string, string>();
  for (const ns of SYSTEM_NAMESPACES) owners.set(ns, 'a namespace every cluster has');
  for (const addon of ADDON_NAMES) if (!owners.has(CATALOG[addon].namespace)) owners.set(CATALOG[addon].namespace, `add-on ${addon}'s`);
  for (const s of services) if (!owners.has(s.namespace)) owners.set(s.namespace, `service ${s.name}'s`);
  return owners;
}

/** The namespaces an app's Applications write to that the definition names (none for service folders). */
export function namedAppNamespaces(def: AppNamespaceFields): readonly string[] {
  if (def.services) return def.services;
  if (def.serviceDirectories !== undefined) return [];
  return [def.namespace];
}

/** The first of the app's namespaces that is not only apps', with its owner. */
function sharedNamespace(owners: ReadonlyMap<string, string>, def: AppNamespaceFields): { namespace: string; owner: string } | undefined {
  for (const namespace of namedAppNamespaces(def)) {
    const owner = owners.get(namespace);
    if (owner !== undefined) return { namespace, owner };
  }
  return undefined;
}

/** Whether the app's namespaces get its default-deny policy: as written, else unless one is shared beyond apps. */
export function resolveAppNetworkPolicy(def: AppNamespaceFields, owners: ReadonlyMap<string, string>): boolean {
  return def.networkPolicy ?? sharedNamespace(owners, def) === undefined;
}

export function checkAppNetworkPolicies({ parsed, problems }: RuleContext): void {
  const owners = namespaceOwners(parsed.services.map(({ def }) => ({ name: def.name, namespace: def.namespace ?? def.name })));
  /** Per namespace, the first app whose policy covers it. */
  const covered = new Map<string, string>();
  const open: { path: string; namespace: string }[] = [];
  for (const { def, path } of parsed.apps) {
    const shared = sharedNamespace(owners, def);
    if (shared !== undefined) {
      if (def.networkPolicy === true) {
        problems.at(
          `${path}.networkPolicy`,
          true,
          `asks for a default-deny policy over every pod of namespace "${shared.namespace}", which is ${shared.owner} too, whose pods it would cut off`,
          'remove networkPolicy, or deploy the app to a namespace of its own',
        );
      }
      continue;
    }
    for (const namespace of namedAppNamespaces(def)) {
      if (resolveAppNetworkPolicy(def, owners)) {
        if (!covered.has(namespace)) covered.set(namespace, def.name);
      } else {
        open.push({ path, namespace });
      }
    }
  }
  for (const { path, namespace } of open) {
    const app = covered.get(namespace);
    if (app === undefined) continue;
    problems.at(
      `${path}.networkPolicy`,
      false,
      `leaves namespace "${namespace}" open, but app ${app} deploys there too and its default-deny policy covers every pod of it`,
      `set networkPolicy: false on app ${app} as well, or remove it here`,
    );
  }
}

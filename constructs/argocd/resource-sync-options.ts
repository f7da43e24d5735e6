/**
 * Argo CD's per-object sync options (the `argocd.argoproj.io/sync-options`
 * annotation), as typed constants so every construct spells them the same.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/
 */

export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';

export const ResourceSyncOption = {
  /** Sync the object even before its CRD exists (Argo CD retries until it does). */
  skipDryRunOnMissingResource: 'SkipDryRunOnMissingResource=true',
  /** Never prune the object when it leaves Git. */
  noPrune: 'Prune=false',
  /** Keep the object when its Application is deleted. */
  noDelete: 'Delete=false',
  /** Prune the object only after the rest of the sync succeeded. */
  pruneLast: 'PruneLast=true',
  /** Apply server-side: fleetwright owns only the fields it writes. */
  serverSideApply: 'ServerSideApply=true',
} as const;

type Option = (typeof ResourceSyncOption)[keyof typeof ResourceSyncOption];

/** The annotation carrying `options`. */
export function syncOptions(...options: readonly Option[]): Readonly<Record<string, string>> {
  return { [SYNC_OPTIONS_ANNOTATION]: options.join(',') };
}

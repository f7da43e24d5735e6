/**
 * The guard against removing production or protected clusters by accident:
 * a cluster an earlier tree held (synth's manifest, or plan's base) that is
 * production or protected must stay in the definition, or be marked
 * `decommission: true` there. Shared by synth and plan.
 */
import type { Fleet } from '../../model';

/** What the guard needs of a cluster the earlier tree held (a manifest entry, or a base model's cluster). */
export interface PreviousCluster {
  readonly name: string;
  readonly environment: string;
  readonly protected: boolean;
  /** Absent in manifests written before the tier was recorded. */
  readonly tier?: 'production' | 'non-production';
}

/** A removal the guard refuses. */
export interface RefusedRemoval {
  readonly name: string;
  readonly environment: string;
  readonly production: boolean;
  readonly protected: boolean;
}

/** The clusters that `previous` holds and `fleet` drops without the opt-in, sorted by name. */
export function refusedRemovals(previous: readonly PreviousCluster[], fleet: Pick<Fleet, 'clusters' | 'decommissioned'>): RefusedRemoval[] {
  const kept = new Set([...fleet.clusters.map((c) => c.name), ...fleet.decommissioned.map((c) => c.name)]);
  return previous
    .filter((c) => (c.protected || c.tier === 'production') && !kept.has(c.name))
    .map((c) => ({ name: c.name, environment: c.environment, production: c.tier === 'production', protected: c.protected }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** One line per refused cluster: the cluster, why it is guarded, and the opt-in. */
export function refusalMessage(r: RefusedRemoval): string {
  const what = [r.production ? 'production' : undefined, r.protected ? 'protected' : undefined].filter((w) => w !== undefined).join(', ');
  return (
    `cluster ${r.name} (environment ${r.environment}, ${what}) is no longer in the definition; ` +
    'removing it needs the explicit opt-in: keep its entry in clusters with decommission: true ' +
    '(its objects and folders then leave the tree), and delete the entry after that synth'
  );
}

export class ClusterRemovalError extends Error {
  /**
   * @param refused the refused removals
   * @param holder what holds the clusters, e.g. `gitops/` or `the base (main)`
   */
  constructor(readonly refused: readonly RefusedRemoval[], holder: string) {
    super(
      `refusing to remove ${refused.length} production or protected cluster${refused.length === 1 ? '' : 's'} that ${holder} holds:\n` +
        refused.map((r) => `  ✖ ${refusalMessage(r)}`).join('\n'),
    );
    this.name = 'ClusterRemovalError';
  }
}

/** Throws a {@link ClusterRemovalError} when `fleet` drops a guarded cluster of `previous`. */
export function checkClusterRemovals(previous: readonly PreviousCluster[], fleet: Pick<Fleet, 'clusters' | 'decommissioned'>, holder: string): void {
  const refused = refusedRemovals(previous, fleet);
  if (refused.length > 0) throw new ClusterRemovalError(refused, holder);
}

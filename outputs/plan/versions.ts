/**
 * Kubernetes versions across a plan. Every cluster both sides have whose
 * version differs is an upgrade the change makes, listed in rollout order;
 * Kubernetes' version-skew policy refuses some: a control plane goes up one
 * minor version at a time and never down. Clusters fleetwright only registers
 * (`existing`) are upgraded by whoever runs them, step by step outside the
 * fleet: a definition catching up with them may skip minors, never go down.
 */
import type { ClusterTable } from './clusters';

/** A cluster whose Kubernetes version the change moves. */
export interface VersionChange {
  readonly cluster: string;
  /** The base's version, e.g. `1.34` or `1.34.2`. */
  readonly from: string;
  readonly to: string;
  /** The head's wave of the cluster, `hub` for the hub; absent when the head does not say. */
  readonly wave?: string;
}

/** A version change the version-skew policy forbids. */
export interface RefusedVersion extends VersionChange {
  /** `skip`: more than one minor up; `downgrade`: a lower minor. */
  readonly reason: 'skip' | 'downgrade';
}

interface Version {
  readonly minor: number;
  readonly patch?: number;
}

function parse(text: string): Version | undefined {
  const m = /^v?1\.(\d+)(?:\.(\d+))?$/.exec(text);
  return m ? { minor: Number(m[1]), ...(m[2] !== undefined ? { patch: Number(m[2]) } : {}) } : undefined;
}

/** Whether two versions differ (a patch only counts when both give one: EKS versions have none). */
function differ(a: Version, b: Version): boolean {
  return a.minor !== b.minor || (a.patch !== undefined && b.patch !== undefined && a.patch !== b.patch);
}

/**
 * The clusters whose version differs between the sides, in rollout order: the hub, then the
 * head's waves in `waveOrder`, then by name. Clusters a side gives no version are left out.
 */
export function versionChanges(base: ClusterTable, head: ClusterTable, waveOrder: readonly string[]): VersionChange[] {
  const changes: VersionChange[] = [];
  for (const [name, now] of head.clusters) {
    const from = base.clusters.get(name)?.kubernetesVersion;
    const to = now.kubernetesVersion;
    if (from === undefined || to === undefined) continue;
    const a = parse(from);
    const b = parse(to);
    if (!a || !b || !differ(a, b)) continue;
    const wave = now.role === 'hub' ? 'hub' : now.wave;
    changes.push({ cluster: name, from, to, ...(wave !== undefined ? { wave } : {}) });
  }
  const rank = (c: VersionChange) => {
    if (c.wave === 'hub') return -1;
    const i = c.wave === undefined ? -1 : waveOrder.indexOf(c.wave);
    return i === -1 ? waveOrder.length : i;
  };
  return changes.sort((x, y) => rank(x) - rank(y) || (x.cluster < y.cluster ? -1 : x.cluster > y.cluster ? 1 : 0));
}

/** The changes the version-skew policy forbids; `head` says which clusters are `existing`. */
export function refusedVersions(changes: readonly VersionChange[], head: ClusterTable): RefusedVersion[] {
  const refused: RefusedVersion[] = [];
  for (const change of changes) {
    const from = parse(change.from)!;
    const to = parse(change.to)!;
    if (to.minor < from.minor) refused.push({ ...change, reason: 'downgrade' });
    else if (to.minor - from.minor > 1 && head.clusters.get(change.cluster)?.provider !== 'existing') refused.push({ ...change, reason: 'skip' });
  }
  return refused;
}

/** The waves of the head whose clusters the change upgrades (the hub left out), in rollout order. */
export function upgradedWaves(changes: readonly VersionChange[]): string[] {
  const waves: string[] = [];
  for (const c of changes) if (c.wave !== undefined && c.wave !== 'hub' && !waves.includes(c.wave)) waves.push(c.wave);
  return waves;
}

/** The warning for a change that upgrades clusters of several waves at once. */
export function wavesWarning(waves: readonly string[]): string {
  return (
    `this change upgrades Kubernetes in ${waves.length} waves at once (${waves.join(', ')}); ` +
    'upgrades follow the waves: advance one wave per change (move rollout.upgrade.throughWave on by one wave), ' +
    'the next once that wave is healthy'
  );
}

/** One line per refused change: the cluster, the versions, why, and the fix. */
export function versionRefusalMessage(r: RefusedVersion): string {
  const what = `cluster ${r.cluster}: Kubernetes ${r.from} → ${r.to}`;
  const from = parse(r.from)!;
  const to = parse(r.to)!;
  if (r.reason === 'downgrade') {
    return `${what} is a downgrade; control planes cannot be downgraded; keep ${r.from} or newer (to run 1.${to.minor}, create a new cluster and move the workloads)`;
  }
  const skipped = to.minor - from.minor - 1;
  // kubeadm versions name a patch release: so must each step.
  const steps = Array.from({ length: skipped }, (_, i) => `1.${from.minor + 1 + i}${to.patch !== undefined ? '.x' : ''}`);
  return (
    `${what} skips ${skipped === 1 ? 'a minor version' : `${skipped} minor versions`}; ` +
    `Kubernetes upgrades one minor at a time: go to ${steps[0]} first, merge, then ${[...steps.slice(1), r.to].join(', merge, then ')}`
  );
}

export class VersionSkewError extends Error {
  /**
   * @param refused the refused version changes
   * @param holder what holds the versions changed from, e.g. `the base (main)`
   */
  constructor(readonly refused: readonly RefusedVersion[], holder: string) {
    super(
      `refusing ${refused.length} Kubernetes version change${refused.length === 1 ? '' : 's'} from ${holder} that the version-skew policy forbids:\n` +
        refused.map((r) => `  ✖ ${versionRefusalMessage(r)}`).join('\n'),
    );
    this.name = 'VersionSkewError';
  }
}

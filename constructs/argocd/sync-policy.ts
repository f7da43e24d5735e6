/**
 * Intent-level sync policy for Applications: automated sync with prune and
 * self-heal, retry with exponential backoff, and the sync options a platform
 * component needs.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/
 */
import { Duration } from 'cdk8s';
import type { SyncPolicySpec } from './types';

/** How a failed sync is retried. */
export class Retry {
  /**
   * Retry with exponential backoff: `initial`, then × `factor`, capped at `max`.
   * @param limit attempts before giving up (default 5)
   */
  static exponential(options: { limit?: number; initial?: Duration; factor?: number; max?: Duration } = {}): Retry {
    const limit = options.limit ?? 5;
    const factor = options.factor ?? 2;
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`Retry.exponential: limit ${limit} must be a whole number ≥ 1; use e.g. 5`);
    if (!Number.isInteger(factor) || factor < 1) throw new Error(`Retry.exponential: factor ${factor} must be a whole number ≥ 1 (Argo CD takes an integer); use e.g. 2`);
    return new Retry({
      limit,
      backoff: {
        duration: argoDuration(options.initial ?? Duration.seconds(10)),
        factor,
        maxDuration: argoDuration(options.max ?? Duration.minutes(5)),
      },
    });
  }

  /**
   * Retry with exponential backoff until the sync succeeds (`limit: -1`), for an
   * Application that may be synced before another one it needs is ready (e.g. its
   * CRDs): Argo CD orders no Applications against each other, and an automated sync
   * that gave up is not tried again until the next commit.
   */
  static untilSynced(options: { initial?: Duration; factor?: number; max?: Duration } = {}): Retry {
    const bounded = Retry.exponential(options).spec;
    return new Retry({ ...bounded, limit: -1 });
  }

  private constructor(readonly spec: NonNullable<SyncPolicySpec['retry']>) {}
}

export interface SyncPolicyProps {
  /**
   * Delete objects that are no longer in Git.
   * @default true
   */
  readonly prune?: boolean;
  /**
   * Revert changes made outside Git.
   * @default true
   */
  readonly selfHeal?: boolean;
  /**
   * Create the destination namespace (`CreateNamespace=true`).
   * @default false
   */
  readonly createNamespace?: boolean;
  /**
   * Apply on the server (`ServerSideApply=true`), for charts whose CRDs are too large for client-side apply.
   * @default false
   */
  readonly serverSideApply?: boolean;
  /**
   * Keep fields listed in the Application's `ignoreDifferences` as they are on the
   * cluster during syncs too (`RespectIgnoreDifferences=true`), e.g. HPA-managed replicas.
   * @default false
   */
  readonly respectIgnoreDifferences?: boolean;
  /**
   * Labels of the namespace Argo CD creates (`managedNamespaceMetadata.labels`), e.g. Pod
   * Security admission levels. Argo CD then manages them on the destination namespace
   * even when it exists already, so set them only on namespaces the Application owns.
   * Needs `createNamespace`.
   * @default none
   */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  /**
   * Retry of failed syncs.
   * @default Retry.exponential()
   */
  readonly retry?: Retry;
}

/** An automated sync policy. */
export function automatedSync(props: SyncPolicyProps = {}): SyncPolicySpec {
  const labels = props.namespaceLabels ?? {};
  if (Object.keys(labels).length > 0 && !props.createNamespace) {
    throw new Error(`automatedSync: namespaceLabels ${JSON.stringify(labels)} are only applied to a namespace Argo CD creates; set createNamespace: true or drop them`);
  }
  const options = [
    ...(props.createNamespace ? ['CreateNamespace=true'] : []),
    ...(props.serverSideApply ? ['ServerSideApply=true'] : []),
    ...(props.respectIgnoreDifferences ? ['RespectIgnoreDifferences=true'] : []),
  ];
  return {
    automated: { prune: props.prune ?? true, selfHeal: props.selfHeal ?? true },
    ...(options.length > 0 ? { syncOptions: options } : {}),
    ...(Object.keys(labels).length > 0 ? { managedNamespaceMetadata: { labels: sortedRecord(labels) } } : {}),
    retry: (props.retry ?? Retry.exponential()).spec,
  };
}

/** A copy with keys in sorted order (deterministic output). */
function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** `10s`, `5m`, `1h`: the form Argo CD parses. */
function argoDuration(d: Duration): string {
  const seconds = d.toSeconds();
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/**
 * The replica split Karmada computes for a service it propagates: which
 * member clusters it selects, the static weight each gets, and how the
 * service's replicas are divided among them. Pure: the report, the rules and
 * the tests share it.
 *
 * Karmada's scheduler (`karmada-scheduler`, static-weight assignment) works
 * per member cluster, not per label value:
 * - a cluster's weight is the largest weight of the `staticWeightList` entries
 *   whose `targetCluster` selects it, 0 when none does (`getStaticWeightInfoList`);
 *   so a region weighted 3 with two clusters gives each of them weight 3;
 * - clusters of weight 0 get no replica; when no candidate has a positive
 *   weight, every candidate gets weight 1 (and without a weight list at all,
 *   `getDefaultWeightPreference` weighs every candidate 1);
 * - the replicas are handed out one at a time by the Webster (Sainte-Laguë)
 *   method: the next replica goes to the cluster with the highest
 *   `weight / (2 × replicas + 1)`; equal claims go to the cluster with fewer
 *   replicas, then to the first by name (the default order of
 *   `WebsterPriorityQueue` in `pkg/util/helper/webstermethod.go`, which
 *   replaced the floor-then-remainder `Dispenser.TakeByWeight` for static
 *   weights: karmada-io/karmada #6735, #6772, #6793, tracked by #6739).
 *
 * The split is the one of a first placement with every selected cluster Ready
 * and able to run the replicas; later rescheduling keeps replicas where they
 * are when it can.
 */
import { compareText } from '../compare';
import type { Cluster, Fleet, KarmadaPlacement, Service } from '../types';

/** A cluster taking part in the division, with its static weight (0 or more). */
export interface WeightedCluster {
  readonly name: string;
  readonly weight: number;
}

export interface Division {
  /** Replicas per cluster, for every candidate (0 for those that get none). */
  readonly replicas: ReadonlyMap<string, number>;
  /**
   * Clusters with an equal claim on the last replica handed out: moving one
   * replica between them is an equally valid Webster split. Sorted; empty
   * when the split is unique.
   */
  readonly ties: readonly string[];
}

/** `weight / (2 × replicas ± 1)` as an exact fraction. */
interface Claim {
  readonly num: number;
  readonly den: number;
}

const compareClaims = (a: Claim, b: Claim): number => a.num * b.den - b.num * a.den;

/**
 * Divides `total` replicas among `candidates` by static weight, as
 * karmada-scheduler does (see the module comment). Deterministic.
 */
export function divideByStaticWeight(total: number, candidates: readonly WeightedCluster[]): Division {
  if (!Number.isInteger(total) || total < 0) throw new Error(`divideByStaticWeight: total ${total} is not a whole number of replicas`);
  const names = new Set<string>();
  for (const c of candidates) {
    if (!Number.isInteger(c.weight) || c.weight < 0) throw new Error(`divideByStaticWeight: weight ${c.weight} of ${c.name} is not a whole number ≥ 0`);
    if (names.has(c.name)) throw new Error(`divideByStaticWeight: ${c.name} is listed twice`);
    names.add(c.name);
  }
  const positive = candidates.filter((c) => c.weight > 0);
  const parties = positive.length > 0 ? positive : candidates.map((c) => ({ name: c.name, weight: 1 }));
  const seats = new Map<string, number>(candidates.map((c) => [c.name, 0]));
  if (parties.length === 0) return { replicas: seats, ties: [] };

  // Karmada's queue order: the higher claim first, then fewer replicas, then the name.
  const before = (a: WeightedCluster, b: WeightedCluster): boolean => {
    const sa = seats.get(a.name)!;
    const sb = seats.get(b.name)!;
    const byClaim = compareClaims({ num: a.weight, den: 2 * sa + 1 }, { num: b.weight, den: 2 * sb + 1 });
    if (byClaim !== 0) return byClaim > 0;
    if (sa !== sb) return sa < sb;
    return a.name < b.name;
  };
  const heap = new Heap(parties, before);
  for (let i = 0; i < total; i++) {
    const next = heap.pop();
    seats.set(next.name, seats.get(next.name)! + 1);
    heap.push(next);
  }
  return { replicas: seats, ties: ties(parties, seats) };
}

/**
 * The split is unique unless the weakest claim that won a replica equals the
 * strongest claim that did not: then those clusters could trade it.
 */
function ties(parties: readonly WeightedCluster[], seats: ReadonlyMap<string, number>): string[] {
  const last = (p: WeightedCluster): Claim | undefined => (seats.get(p.name)! > 0 ? { num: p.weight, den: 2 * seats.get(p.name)! - 1 } : undefined);
  const next = (p: WeightedCluster): Claim => ({ num: p.weight, den: 2 * seats.get(p.name)! + 1 });
  let weakest: Claim | undefined;
  let strongest: Claim | undefined;
  for (const p of parties) {
    const l = last(p);
    if (l && (!weakest || compareClaims(l, weakest) < 0)) weakest = l;
    const n = next(p);
    if (!strongest || compareClaims(n, strongest) > 0) strongest = n;
  }
  if (!weakest || !strongest || compareClaims(weakest, strongest) !== 0) return [];
  const t = weakest;
  return parties
    .filter((p) => compareClaims(next(p), t) === 0 || (last(p) !== undefined && compareClaims(last(p)!, t) === 0))
    .map((p) => p.name)
    .sort(compareText);
}

/** A binary heap ordered by `before` (its first element is the one `before` everything else). */
class Heap<T> {
  private readonly items: T[] = [];

  constructor(items: readonly T[], private readonly before: (a: T, b: T) => boolean) {
    for (const item of items) this.push(item);
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(a[i]!, a[parent]!)) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }

  pop(): T {
    const a = this.items;
    const top = a[0]!;
    const end = a.pop()!;
    if (a.length > 0) {
      a[0] = end;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < a.length && this.before(a[l]!, a[best]!)) best = l;
        if (r < a.length && this.before(a[r]!, a[best]!)) best = r;
        if (best === i) break;
        [a[i], a[best]] = [a[best]!, a[i]!];
        i = best;
      }
    }
    return top;
  }
}

/**
 * The clusters Karmada propagates a service to: the spokes of its
 * environments that match its `clusterSelector`, standbys excluded (they run
 * only their primaries' apps). Sorted by name.
 */
export function karmadaMembers(fleet: Pick<Fleet, 'clusters'>, service: Service): Cluster[] {
  const selector = service.karmada?.clusterSelector ?? {};
  return fleet.clusters.filter(
    (c) => !c.standby && service.environments.includes(c.environment) && Object.entries(selector).every(([key, value]) => c.labels[key] === value),
  );
}

/** The static weight of `cluster`: 1 each without weights, else its label value's weight (0 without one). */
export function karmadaWeight(placement: KarmadaPlacement, cluster: Pick<Cluster, 'labels'>): number {
  if (Object.keys(placement.weights).length === 0) return 1;
  const value = cluster.labels[placement.weightBy];
  return value !== undefined && Object.hasOwn(placement.weights, value) ? placement.weights[value]! : 0;
}

/** One member cluster's part of a service. */
export interface MemberShare {
  readonly cluster: string;
  /** The cluster's value of the `weightBy` label, if it has one. */
  readonly value?: string;
  readonly weight: number;
  readonly replicas: number;
}

export interface ReplicaSplit {
  readonly service: string;
  readonly namespace: string;
  /** The service's replicas in total. */
  readonly replicas: number;
  readonly weightBy: string;
  /** False when the service gives no weights (every member weighs 1). */
  readonly weighted: boolean;
  /** Sorted by cluster name. */
  readonly members: readonly MemberShare[];
  /** Members with an equal claim on the last replica (see {@link Division.ties}). */
  readonly ties: readonly string[];
}

/** What Karmada does with a service delivered by Karmada. */
export function replicaSplit(fleet: Pick<Fleet, 'clusters'>, service: Service): ReplicaSplit {
  const placement = service.karmada;
  if (!placement) throw new Error(`replicaSplit: service ${service.name} is not delivered by Karmada`);
  const members = karmadaMembers(fleet, service);
  const own = members.map((c) => ({ cluster: c, weight: karmadaWeight(placement, c) }));
  // Without a positive weight among the candidates, Karmada weighs each of them 1.
  const weighted = own.some((w) => w.weight > 0) ? own : own.map((w) => ({ ...w, weight: 1 }));
  const division = divideByStaticWeight(service.replicas, weighted.map((w) => ({ name: w.cluster.name, weight: w.weight })));
  return {
    service: service.name,
    namespace: service.namespace,
    replicas: service.replicas,
    weightBy: placement.weightBy,
    weighted: Object.keys(placement.weights).length > 0,
    members: weighted.map(({ cluster, weight }) => ({
      cluster: cluster.name,
      ...(cluster.labels[placement.weightBy] !== undefined ? { value: cluster.labels[placement.weightBy] } : {}),
      weight,
      replicas: division.replicas.get(cluster.name)!,
    })),
    ties: division.ties,
  };
}

/** The splits of every service delivered by Karmada, sorted by service. */
export function replicaSplits(fleet: Pick<Fleet, 'clusters' | 'services'>): ReplicaSplit[] {
  return fleet.services.filter((s) => s.delivery === 'karmada').map((s) => replicaSplit(fleet, s));
}

/**
 * One line for the terminal, e.g.
 * `checkout: 61 replicas by region → prod-ap-southeast-1 10, prod-eu-west-1 20, prod-us-east-1 31`.
 */
export function formatReplicaSplit(split: ReplicaSplit): string {
  const by = split.weighted ? `by ${split.weightBy}` : 'equally';
  const shares = split.members.map((m) => `${m.cluster} ${m.replicas}`).join(', ');
  return `${split.service}: ${split.replicas} replica${split.replicas === 1 ? '' : 's'} ${by} → ${shares === '' ? 'no cluster' : shares}`;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveFleet } from '../../model';
import { divideByStaticWeight, formatReplicaSplit, karmadaMembers, karmadaWeight, replicaSplit, replicaSplits } from '../../model/delivery/karmada-split';
import { karmadaDefinition, mutableKarmadaDefinition } from '../helpers/karmada-fleet';

const split = (total: number, weights: Record<string, number>): Record<string, number> =>
  Object.fromEntries(divideByStaticWeight(total, Object.entries(weights).map(([name, weight]) => ({ name, weight }))).replicas);

describe("Karmada's static-weight division", () => {
  it('GIVEN 60 replicas over weights 3:2:1 WHEN divided THEN the clusters get 30/20/10', () => {
    expect(split(60, { us: 3, eu: 2, ap: 1 })).toEqual({ us: 30, eu: 20, ap: 10 });
  });

  it('GIVEN 61 replicas over weights 3:2:1 WHEN divided THEN the odd replica goes to the heaviest cluster: 31/20/10', () => {
    // Webster: after 30/20/10 the claims are 3/61 > 2/41 > 1/21. (Karmada's earlier floor-then-remainder division also gave 31/20/10.)
    expect(split(61, { us: 3, eu: 2, ap: 1 })).toEqual({ us: 31, eu: 20, ap: 10 });
    expect(divideByStaticWeight(61, [{ name: 'us', weight: 3 }, { name: 'eu', weight: 2 }, { name: 'ap', weight: 1 }]).ties).toEqual([]);
  });

  it('GIVEN 5 replicas over 170/110/60 (karmada-io/karmada#6735) WHEN divided THEN the Webster split 2/2/1 results, not the former 3/2/0', () => {
    expect(split(5, { southcentralus: 170, westus: 110, eastus2: 60 })).toEqual({ southcentralus: 2, westus: 2, eastus2: 1 });
  });

  it('GIVEN 2 replicas over weights 2:1 (karmada-io/karmada#6424) WHEN divided THEN each cluster runs one', () => {
    expect(split(2, { a: 2, b: 1 })).toEqual({ a: 1, b: 1 });
  });

  it('GIVEN fewer replicas than weighted clusters WHEN divided THEN the lightest get none', () => {
    expect(split(2, { us: 3, eu: 2, ap: 1 })).toEqual({ us: 1, eu: 1, ap: 0 });
  });

  it('GIVEN equal weights and an odd total WHEN divided THEN the extra replica goes to the first cluster by name and both are reported as tied', () => {
    const result = divideByStaticWeight(5, [{ name: 'b', weight: 1 }, { name: 'a', weight: 1 }]);
    expect(Object.fromEntries(result.replicas)).toEqual({ a: 3, b: 2 });
    expect(result.ties).toEqual(['a', 'b']);
  });

  it('GIVEN equal weights and a total they divide WHEN divided THEN every cluster gets the same and nothing is tied', () => {
    const result = divideByStaticWeight(6, [{ name: 'a', weight: 1 }, { name: 'b', weight: 1 }, { name: 'c', weight: 1 }]);
    expect(Object.fromEntries(result.replicas)).toEqual({ a: 2, b: 2, c: 2 });
    expect(result.ties).toEqual([]);
  });

  it('GIVEN a region weighted 3 with two clusters WHEN divided THEN each of them weighs 3 (weights are per cluster)', () => {
    expect(split(60, { 'us-1': 3, 'us-2': 3, eu: 2, ap: 1 })).toEqual({ 'us-1': 20, 'us-2': 20, eu: 13, ap: 7 });
  });

  it('GIVEN a cluster of weight 0 WHEN divided THEN it gets no replica and the others share all of them', () => {
    expect(split(60, { us: 3, eu: 2, ap: 1, west: 0 })).toEqual({ us: 30, eu: 20, ap: 10, west: 0 });
  });

  it('GIVEN no cluster with a positive weight WHEN divided THEN Karmada weighs each of them 1', () => {
    expect(split(4, { a: 0, b: 0 })).toEqual({ a: 2, b: 2 });
  });

  it('GIVEN 0 replicas or no cluster WHEN divided THEN nothing is placed and nothing tied', () => {
    expect(divideByStaticWeight(0, [{ name: 'a', weight: 1 }, { name: 'b', weight: 1 }])).toEqual({ replicas: new Map([['a', 0], ['b', 0]]), ties: [] });
    expect(divideByStaticWeight(3, [])).toEqual({ replicas: new Map(), ties: [] });
  });

  it.each<[string, () => unknown, string]>([
    ['a fractional total', () => divideByStaticWeight(1.5, []), 'divideByStaticWeight: total 1.5 is not a whole number of replicas'],
    ['a negative weight', () => divideByStaticWeight(1, [{ name: 'a', weight: -1 }]), 'divideByStaticWeight: weight -1 of a is not a whole number ≥ 0'],
    ['a cluster listed twice', () => divideByStaticWeight(1, [{ name: 'a', weight: 1 }, { name: 'a', weight: 2 }]), 'divideByStaticWeight: a is listed twice'],
  ])('GIVEN %s WHEN divided THEN it throws naming the input', (_name, divide, message) => {
    expect(divide).toThrow(message);
  });

  it('GIVEN any weights and totals WHEN divided THEN all replicas are placed and one more replica never takes one from a cluster', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 300 }), (weights, total) => {
        const clusters = weights.map((weight, i) => ({ name: `c${i}`, weight }));
        const now = divideByStaticWeight(total, clusters).replicas;
        const more = divideByStaticWeight(total + 1, clusters).replicas;
        expect([...now.values()].reduce((a, b) => a + b, 0)).toBe(total);
        for (const c of clusters) expect(more.get(c.name)!).toBeGreaterThanOrEqual(now.get(c.name)!);
      }),
    );
  });
});

describe('replica split of a fleet', () => {
  const fleet = resolveFleet(karmadaDefinition());
  const checkout = fleet.services.find((s) => s.name === 'checkout')!;

  it('GIVEN checkout over the prod regions 3:2:1 and us-west-2 at 0 WHEN split THEN every prod cluster is listed with its region, weight and replicas', () => {
    expect(replicaSplit(fleet, checkout)).toEqual({
      service: 'checkout',
      namespace: 'checkout',
      replicas: 60,
      weightBy: 'region',
      weighted: true,
      members: [
        { cluster: 'prod-eks', value: 'eu-west-1', weight: 2, replicas: 20 },
        { cluster: 'prod-existing', value: 'ap-southeast-1', weight: 1, replicas: 10 },
        { cluster: 'prod-other', value: 'us-west-2', weight: 0, replicas: 0 },
        { cluster: 'prod-pulumi', value: 'us-east-1', weight: 3, replicas: 30 },
      ],
      ties: [],
    });
  });

  it('GIVEN both Karmada services WHEN formatted for the terminal THEN each is one line with the replicas per cluster', () => {
    expect(replicaSplits(fleet).map(formatReplicaSplit)).toEqual([
      'checkout: 60 replicas by region → prod-eks 20, prod-existing 10, prod-other 0, prod-pulumi 30',
      'search: 5 replicas equally → dev-aws 3, dev-docker 2',
    ]);
  });

  it('GIVEN a standby in prod and a clusterSelector WHEN the members are computed THEN standbys and clusters without the labels are left out', () => {
    const d = mutableKarmadaDefinition();
    d.clusters[3].standby = true; // prod-pulumi
    d.clusters[2].labels = { edge: 'true' }; // prod-eks
    d.clusters[4].labels = { edge: 'true' }; // prod-existing
    d.services[0].karmada.clusterSelector = { edge: 'true' };
    delete d.services[0].karmada.weights;
    const changed = resolveFleet(d);
    expect(karmadaMembers(changed, changed.services[0]!).map((c) => c.name)).toEqual(['prod-eks', 'prod-existing']);
  });

  it('GIVEN weights WHEN a cluster has no weight for its value THEN its weight is 0, and 1 for every cluster without weights', () => {
    const placement = checkout.karmada!;
    expect(karmadaWeight(placement, { labels: { region: 'eu-west-1' } })).toBe(2);
    expect(karmadaWeight(placement, { labels: { region: 'sa-east-1' } })).toBe(0);
    expect(karmadaWeight(placement, { labels: { region: 'constructor' } })).toBe(0);
    expect(karmadaWeight(placement, { labels: {} })).toBe(0);
    expect(karmadaWeight({ ...placement, weights: {} }, { labels: {} })).toBe(1);
  });
});

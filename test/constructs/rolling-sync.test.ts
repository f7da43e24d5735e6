import { describe, expect, it } from 'vitest';
import { ApplicationSet } from '../../constructs/argocd/application-set';
import { ClusterGenerator } from '../../constructs/argocd/cluster-generator';
import { Destination } from '../../constructs/argocd/destination';
import { RollingSync } from '../../constructs/argocd/rolling-sync';
import { Source } from '../../constructs/argocd/source';
import { resolveFleet, type Fleet } from '../../model';
import { fleetRollingSync, keepApplications, waveLabels } from '../../stacks/rollout/argocd-waves';
import { mutableDefinition } from '../helpers/definitions';
import { only, testChart } from '../helpers/synth';

/** The test fleet with its clusters in rollout tiers canary (dev-aws), early (dev-docker, prod-eks) and general (the rest). */
function tieredFleet(): Fleet {
  const d = mutableDefinition();
  d.clusters[0].rolloutTier = 'canary';
  d.clusters[1].rolloutTier = 'early';
  d.clusters[2].rolloutTier = 'early';
  d.rollout = {
    by: 'rollout-tier',
    waves: [
      { name: 'canary', values: ['canary'], maxUpdate: 1 },
      { name: 'early', values: ['early'], maxUpdate: '50%' },
      { name: 'general', values: ['general'] },
    ],
  };
  return resolveFleet(d);
}

describe('RollingSync strategy', () => {
  it('GIVEN steps with counts and percentages WHEN built THEN each step selects with its expressions and maxUpdate, and deletion runs in reverse', () => {
    const sync = RollingSync.steps([
      { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }], maxUpdate: 1 },
      { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }, { key: 'region', operator: 'NotIn', values: ['eu-west-1'] }], maxUpdate: '25%' },
      { matchExpressions: [{ key: 'region', operator: 'In', values: ['eu-west-1'] }] },
    ]);
    expect(sync.spec).toEqual({
      type: 'RollingSync',
      deletionOrder: 'Reverse',
      rollingSync: {
        steps: [
          { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }], maxUpdate: 1 },
          { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }, { key: 'region', operator: 'NotIn', values: ['eu-west-1'] }], maxUpdate: '25%' },
          { matchExpressions: [{ key: 'region', operator: 'In', values: ['eu-west-1'] }] },
        ],
      },
    });
    expect(sync.labelKeys).toEqual(['env', 'region']);
  });

  it('GIVEN reverseDeletion false WHEN built THEN Argo CD deletes all at once (no deletionOrder)', () => {
    expect(RollingSync.steps([{ matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }] }], { reverseDeletion: false }).spec).toEqual({
      type: 'RollingSync',
      rollingSync: { steps: [{ matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }] }] },
    });
  });

  it('GIVEN no steps WHEN built THEN it is refused', () => {
    expect(() => RollingSync.steps([])).toThrow('RollingSync.steps: no steps; give at least one, or use the default AllAtOnce strategy');
  });

  it('GIVEN a step without expressions, an operator RollingSync ignores, no values and a bad maxUpdate WHEN built THEN every problem is reported', () => {
    const bad = [
      { matchExpressions: [] },
      { matchExpressions: [{ key: 'env', operator: 'Exists' as 'In', values: [] }], maxUpdate: '150%' },
      { matchExpressions: [{ key: 'tier', operator: 'NotIn' as const, values: [] }], maxUpdate: -1 },
    ];
    expect(() => RollingSync.steps(bad)).toThrow(
      [
        'RollingSync.steps: step 0 selects every Application; give it matchExpressions',
        'RollingSync.steps: step 1 key "env" uses operator Exists, which RollingSync ignores; select with In or NotIn',
        'RollingSync.steps: step 1 maxUpdate "150%" is neither a count nor a percentage; use a whole number ≥ 0 or e.g. "25%"',
        'RollingSync.steps: step 2 key "tier" with operator NotIn has no values; list at least one value',
        'RollingSync.steps: step 2 maxUpdate -1 is neither a count nor a percentage; use a whole number ≥ 0 or e.g. "25%"',
      ].join('\n'),
    );
  });

  it('GIVEN a strategy WHEN the template lacks a label the steps select on THEN the ApplicationSet is refused', () => {
    const { chart } = testChart();
    const strategy = RollingSync.steps([{ matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }, { key: 'fleetwright.io/role', operator: 'In', values: ['spoke'] }] }]);
    expect(() => new ApplicationSet(chart, 'set', {
      metadata: { name: 'web', namespace: 'argocd' },
      generators: [ClusterGenerator.select({})],
      strategy,
      template: {
        name: 'web-{{ .name }}',
        labels: { env: '{{ index .metadata.labels "env" }}' },
        project: 'p',
        sources: [Source.git({ repoUrl: 'r', revision: 'main', path: 'p' })],
        destination: Destination.cluster('{{ .name }}', 'web'),
      },
    })).toThrow(
      'ApplicationSet "web": template.labels {"env":"{{ index .metadata.labels \\"env\\" }}"} lacks "fleetwright.io/role", which the RollingSync steps select on, so no step would ever sync these Applications; label the generated Applications with "fleetwright.io/role"',
    );
  });

  it('GIVEN a strategy WHEN the template carries every label the steps select on THEN the strategy is rendered', () => {
    const { chart, objects } = testChart();
    const strategy = RollingSync.steps([{ matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }] }]);
    new ApplicationSet(chart, 'set', {
      metadata: { name: 'web', namespace: 'argocd' },
      generators: [ClusterGenerator.select({})],
      strategy,
      template: {
        name: 'web-{{ .name }}',
        labels: { env: '{{ index .metadata.labels "env" }}' },
        project: 'p',
        sources: [Source.git({ repoUrl: 'r', revision: 'main', path: 'p' })],
        destination: Destination.cluster('{{ .name }}', 'web'),
      },
    });
    expect(only(objects(), 'ApplicationSet').spec.strategy).toEqual(strategy.spec);
  });
});

describe("the fleet's waves as RollingSync steps", () => {
  const fleet = tieredFleet();

  it('GIVEN waves by rollout tier WHEN the ApplicationSet does not reach the hub THEN there is one step per wave, on the rollout-tier label, with its maxUpdate', () => {
    expect(fleetRollingSync(fleet, { includeHub: false }).spec).toEqual({
      type: 'RollingSync',
      deletionOrder: 'Reverse',
      rollingSync: {
        steps: [
          { matchExpressions: [{ key: 'rollout-tier', operator: 'In', values: ['canary'] }], maxUpdate: 1 },
          { matchExpressions: [{ key: 'rollout-tier', operator: 'In', values: ['early'] }], maxUpdate: '50%' },
          { matchExpressions: [{ key: 'rollout-tier', operator: 'In', values: ['general'] }], maxUpdate: '100%' },
        ],
      },
    });
  });

  it('GIVEN an ApplicationSet reaching the hub WHEN its steps are built THEN the hub is the first step, before every wave', () => {
    const steps = (fleetRollingSync(fleet, { includeHub: true }).spec as any).rollingSync.steps;
    expect(steps[0]).toEqual({ matchExpressions: [{ key: 'fleetwright.io/role', operator: 'In', values: ['hub'] }] });
    expect(steps.slice(1).map((s: any) => s.matchExpressions[0].values)).toEqual([['canary'], ['early'], ['general']]);
  });

  it('GIVEN the steps WHEN Applications are labelled with waveLabels THEN they carry every key the steps select on, copied from the registration', () => {
    const labels = waveLabels(fleet);
    expect(labels).toEqual({
      'rollout-tier': '{{ index .metadata.labels "rollout-tier" }}',
      'fleetwright.io/role': '{{ index .metadata.labels "fleetwright.io/role" }}',
    });
    expect(Object.keys(labels).sort()).toEqual(fleetRollingSync(fleet, { includeHub: true }).labelKeys);
  });

  it('GIVEN every cluster WHEN the steps are matched against its registration labels THEN it is selected by exactly its own wave', () => {
    const steps = (fleetRollingSync(fleet, { includeHub: true }).spec as any).rollingSync.steps as { matchExpressions: { key: string; values: string[] }[] }[];
    for (const c of [fleet.hub, ...fleet.clusters]) {
      const selected = steps.flatMap((s, i) => (s.matchExpressions.every((e) => e.values.includes(c.labels[e.key]!)) ? [i] : []));
      const expected = c.role === 'hub' ? 0 : 1 + fleet.rollout.waves.findIndex((w) => w.name === c.wave);
      expect(selected, c.name).toEqual([expected]);
    }
  });
});

describe('keeping Applications when a generator returns nothing', () => {
  const base = resolveFleet(mutableDefinition());
  const withKeep = (keep: 'production' | 'all' | 'none'): Fleet => {
    const d = mutableDefinition();
    d.rollout = { keepApplications: keep };
    return resolveFleet(d);
  };
  const dev = base.clusters.filter((c) => c.environment === 'dev');
  const prod = base.clusters.filter((c) => c.tier === 'production');

  it("GIVEN the default 'production' WHEN an ApplicationSet reaches a production cluster, or the hub, THEN it keeps its Applications", () => {
    expect(base.rollout.keepApplications).toBe('production');
    expect(keepApplications(base, [...dev, prod[0]!])).toBe(true);
    expect(keepApplications(base, [base.hub])).toBe(true);
  });

  it("GIVEN the default 'production' WHEN an ApplicationSet reaches only non-production clusters THEN it may delete them", () => {
    expect(keepApplications(base, dev)).toBe(false);
    expect(keepApplications(base, [])).toBe(false);
  });

  it.each<['all' | 'none', boolean]>([
    ['all', true],
    ['none', false],
  ])("GIVEN keepApplications '%s' WHEN asked for dev and for prod clusters THEN the answer is %s for both", (keep, expected) => {
    const fleet = withKeep(keep);
    expect(keepApplications(fleet, fleet.clusters.filter((c) => c.environment === 'dev'))).toBe(expected);
    expect(keepApplications(fleet, fleet.clusters.filter((c) => c.tier === 'production'))).toBe(expected);
  });
});

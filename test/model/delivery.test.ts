import { describe, expect, it } from 'vitest';
import { checkFleet, resolveFleet } from '../../model';
import { listNames } from '../../model/delivery/rules';
import { mutableDefinition } from '../helpers/definitions';

function problemsOf(mutate: (d: any) => void): string[] {
  const d = mutableDefinition();
  mutate(d);
  return checkFleet(d).problems.map((p) => p.message);
}

function fleetOf(mutate: (d: any) => void) {
  const d = mutableDefinition();
  mutate(d);
  return resolveFleet(d);
}

/** Waves by rollout tier: dev-docker is the canary, dev-aws early, the prod clusters general (the default tier). */
function tiered(d: any): void {
  d.clusters[1].rolloutTier = 'canary';
  d.clusters[0].rolloutTier = 'early';
  d.rollout = {
    by: 'rollout-tier',
    waves: [
      { name: 'canary', values: ['canary'], maxUpdate: 1 },
      { name: 'early', values: ['early'], maxUpdate: '50%' },
      { name: 'general', values: ['general'], maxUpdate: '25%' },
    ],
  };
}

describe('rollout waves in the model', () => {
  it('GIVEN no rollout WHEN resolved THEN there is one wave per environment, in order, updating all its clusters at once', () => {
    const fleet = fleetOf(() => {});
    expect(fleet.rollout).toEqual({
      by: 'environment',
      label: 'env',
      waves: [
        { name: 'dev', index: 0, values: ['dev'], maxUpdate: '100%', clusters: ['dev-aws', 'dev-docker'] },
        { name: 'prod', index: 1, values: ['prod'], maxUpdate: '100%', clusters: ['prod-eks', 'prod-existing', 'prod-other', 'prod-pulumi'] },
      ],
      keepApplications: 'production',
    });
    expect(fleet.clusters.map((c) => [c.name, c.wave])).toEqual([
      ['dev-aws', 'dev'],
      ['dev-docker', 'dev'],
      ['prod-eks', 'prod'],
      ['prod-existing', 'prod'],
      ['prod-other', 'prod'],
      ['prod-pulumi', 'prod'],
    ]);
  });

  it('GIVEN an environment without clusters WHEN the default waves are built THEN it has no wave and the others are numbered in order', () => {
    const fleet = fleetOf((d) => (d.environments = { dev: d.environments.dev, staging: {}, prod: d.environments.prod }));
    expect(fleet.rollout.waves.map((w) => [w.name, w.index])).toEqual([
      ['dev', 0],
      ['prod', 1],
    ]);
    expect(fleet.environments.map((e) => e.name)).toEqual(['dev', 'staging', 'prod']);
  });

  it('GIVEN waves by rollout tier WHEN resolved THEN each wave holds the clusters of its tiers, with its maxUpdate', () => {
    const fleet = fleetOf(tiered);
    expect(fleet.rollout.by).toBe('rollout-tier');
    expect(fleet.rollout.label).toBe('rollout-tier');
    expect(fleet.rollout.waves).toEqual([
      { name: 'canary', index: 0, values: ['canary'], maxUpdate: 1, clusters: ['dev-docker'] },
      { name: 'early', index: 1, values: ['early'], maxUpdate: '50%', clusters: ['dev-aws'] },
      { name: 'general', index: 2, values: ['general'], maxUpdate: '25%', clusters: ['prod-eks', 'prod-existing', 'prod-other', 'prod-pulumi'] },
    ]);
    expect(fleet.clusters.find((c) => c.name === 'dev-docker')!.wave).toBe('canary');
  });
});

describe('rollout wave rules', () => {
  it.each<[string, (d: any) => void, string[]]>([
    ['waves by rollout tier without waves', (d) => { d.rollout = { by: 'rollout-tier' }; d.clusters[1].rolloutTier = 'canary'; }, [
      'rollout.waves is missing; waves by rollout tier have no default order: list them in rollout order, e.g. [{ name: "canary", values: ["canary"] }, { name: "general", values: ["general"] }]',
    ]],
    ['a wave that selects no cluster', (d) => { tiered(d); d.rollout.waves.push({ name: 'late', values: ['late', 'later'] }); }, [
      'rollout.waves[3].values ["late","later"] selects no cluster (no cluster has rollout tier "late" or "later"); remove the wave, or fix its values',
    ]],
    ['a declared environment wave whose environment has no cluster', (d) => {
      d.environments = { dev: d.environments.dev, staging: {}, prod: d.environments.prod };
      d.rollout = { waves: [{ name: 'dev', values: ['dev'] }, { name: 'staging', values: ['staging'] }, { name: 'prod', values: ['prod'] }] };
    }, [
      'rollout.waves[1].values ["staging"] selects no cluster (no cluster has environment "staging"); remove the wave, or fix its values',
    ]],
    ['a cluster in two waves', (d) => { tiered(d); d.rollout.waves[1].values.push('canary'); }, [
      'rollout.waves[1].values[1] "canary" is also in rollout.waves[0] (canary), which would put dev-docker in two waves; keep "canary" in one wave only',
    ]],
    ['a value in two waves that no cluster has', (d) => { tiered(d); d.rollout.waves[1].values.push('late'); d.rollout.waves[2].values.push('late'); }, [
      'rollout.waves[2].values[1] "late" is also in rollout.waves[1] (early); keep "late" in one wave only',
    ]],
    ['a value listed twice in one wave', (d) => { tiered(d); d.rollout.waves[0].values.push('canary'); }, [
      'rollout.waves[0].values[1] "canary" is listed twice in rollout.waves[0]; remove one',
    ]],
    ['clusters in no wave (their own, default tier)', (d) => { tiered(d); d.rollout.waves.pop(); }, [
      'clusters[2].rolloutTier "general" is in no rollout wave, so changes would never reach prod-eks; add "general" to a wave in rollout.waves',
      'clusters[3].rolloutTier "general" is in no rollout wave, so changes would never reach prod-pulumi; add "general" to a wave in rollout.waves',
      'clusters[4].rolloutTier "general" is in no rollout wave, so changes would never reach prod-existing; add "general" to a wave in rollout.waves',
      'clusters[5].rolloutTier "general" is in no rollout wave, so changes would never reach prod-other; add "general" to a wave in rollout.waves',
    ]],
    ["clusters in no wave through their environment's tier", (d) => { tiered(d); d.environments.prod.rolloutTier = 'late'; d.rollout.waves[2].values = ['general', 'later']; d.clusters[2].rolloutTier = 'general'; }, [
      'environments.prod.rolloutTier "late" is in no rollout wave, so changes would never reach prod-pulumi, prod-existing and prod-other; add "late" to a wave in rollout.waves',
    ]],
    ['an environment in no wave', (d) => { d.rollout = { waves: [{ name: 'dev', values: ['dev'] }] }; }, [
      'clusters[2].environment "prod" is in no rollout wave, so changes would never reach prod-eks; add "prod" to a wave in rollout.waves',
      'clusters[3].environment "prod" is in no rollout wave, so changes would never reach prod-pulumi; add "prod" to a wave in rollout.waves',
      'clusters[4].environment "prod" is in no rollout wave, so changes would never reach prod-existing; add "prod" to a wave in rollout.waves',
      'clusters[5].environment "prod" is in no rollout wave, so changes would never reach prod-other; add "prod" to a wave in rollout.waves',
    ]],
    ['two waves with one name', (d) => { tiered(d); d.rollout.waves[2].name = 'canary'; }, [
      'rollout.waves[2].name "canary" is already the name of rollout.waves[0]; give every wave its own name',
    ]],
    ['an environment wave naming an undeclared environment', (d) => {
      d.rollout = { waves: [{ name: 'dev', values: ['dev'] }, { name: 'prod', values: ['prod', 'prdo'] }, { name: 'qa', values: ['qa'] }] };
    }, [
      'rollout.waves[1].values[1] "prdo" is not a declared environment; use one of "dev", "prod"',
      'rollout.waves[2].values[0] "qa" is not a declared environment; use one of "dev", "prod"',
    ]],
    ['a wave name that is not a DNS label', (d) => { tiered(d); d.rollout.waves[0].name = 'Canary'; }, [
      `rollout.waves[0].name "Canary" is not a DNS-1123 label; use lowercase letters, digits and '-', starting and ending with a letter or digit`,
      '(further checks) add-ons, apps, delivery and disaster recovery are checked once rollout can be read; fix the problems above and run check again',
    ]],
    ['maxUpdate that is neither a count nor a whole percentage', (d) => {
      tiered(d);
      d.rollout.waves[0].maxUpdate = '150%';
      d.rollout.waves[1].maxUpdate = 1.5;
      d.rollout.waves[2].maxUpdate = -1;
    }, [
      'rollout.waves[0].maxUpdate "150%" is neither a count of clusters nor a percentage; write a whole number such as 2, or a whole percentage up to 100% such as "25%"',
      'rollout.waves[1].maxUpdate 1.5 is neither a count of clusters nor a percentage; write a whole number such as 2, or a whole percentage up to 100% such as "25%"',
      'rollout.waves[2].maxUpdate -1 is neither a count of clusters nor a percentage; write a whole number such as 2, or a whole percentage up to 100% such as "25%"',
    ]],
  ])('GIVEN %s WHEN checked THEN the problems name the field, the value and the fix', (_title, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expected);
  });

  it.each<[string, number | string]>([
    ['a count', 2],
    ['zero (holds the wave)', 0],
    ['a percentage', '25%'],
    ['100%', '100%'],
  ])('GIVEN maxUpdate as %s WHEN checked THEN it is accepted', (_title, maxUpdate) => {
    expect(problemsOf((d) => { tiered(d); d.rollout.waves[2].maxUpdate = maxUpdate; })).toEqual([]);
  });
});

describe('Kubernetes upgrades through the waves', () => {
  it.each<[string, (d: any) => void, string[]]>([
    ['an unknown throughWave', (d) => { tiered(d); d.rollout.upgrade = { kubernetesVersion: '1.35.0', throughWave: 'canry' }; }, [
      'rollout.upgrade.throughWave "canry" is not a wave; use one of "canary", "early", "general"',
    ]],
    ['a target two minors above the clusters it reaches', (d) => { d.rollout = { upgrade: { kubernetesVersion: '1.36.0', throughWave: 'prod' } }; }, [
      'rollout.upgrade.kubernetesVersion "1.36.0" is 2 minor versions above the 1.34.2 of dev-aws (clusters[0].kubernetesVersion): the version-skew policy allows one minor at a time; upgrade to 1.35 first',
      'rollout.upgrade.kubernetesVersion "1.36.0" is 2 minor versions above the 1.34.2 of dev-docker (clusters[1].kubernetesVersion): the version-skew policy allows one minor at a time; upgrade to 1.35 first',
      'rollout.upgrade.kubernetesVersion "1.36.0" is 2 minor versions above the 1.34 of prod-eks and prod-pulumi (environments.prod.kubernetesVersion): the version-skew policy allows one minor at a time; upgrade to 1.35 first',
    ]],
    ['a downgrade of the minor', (d) => { d.rollout = { upgrade: { kubernetesVersion: '1.33.0', throughWave: 'prod' } }; }, [
      'rollout.upgrade.kubernetesVersion "1.33.0" is older than the 1.34.2 of dev-aws (clusters[0].kubernetesVersion): Kubernetes does not downgrade; target 1.34.2 or newer',
      'rollout.upgrade.kubernetesVersion "1.33.0" is older than the 1.34.2 of dev-docker (clusters[1].kubernetesVersion): Kubernetes does not downgrade; target 1.34.2 or newer',
      'rollout.upgrade.kubernetesVersion "1.33.0" is older than the 1.34 of prod-eks and prod-pulumi (environments.prod.kubernetesVersion): Kubernetes does not downgrade; target 1.34 or newer',
    ]],
    ['a downgrade of the patch on kubeadm clusters', (d) => { d.rollout = { upgrade: { kubernetesVersion: '1.34.1', throughWave: 'dev' } }; }, [
      'rollout.upgrade.kubernetesVersion "1.34.1" is older than the 1.34.2 of dev-aws (clusters[0].kubernetesVersion): Kubernetes does not downgrade; target 1.34.2 or newer',
      'rollout.upgrade.kubernetesVersion "1.34.1" is older than the 1.34.2 of dev-docker (clusters[1].kubernetesVersion): Kubernetes does not downgrade; target 1.34.2 or newer',
    ]],
    ['a target without patch for kubeadm clusters', (d) => { d.rollout = { upgrade: { kubernetesVersion: '1.35', throughWave: 'dev' } }; }, [
      'rollout.upgrade.kubernetesVersion "1.35" has no patch release, which kubeadm needs (dev-aws on "capi-aws" and dev-docker on "capi-docker"); write the full version, e.g. "1.35.0"',
    ]],
    ['a target outside the supported range', (d) => { d.rollout = { upgrade: { kubernetesVersion: '1.40.0', throughWave: 'dev' } }; }, [
      'rollout.upgrade.kubernetesVersion "1.40.0" is outside the supported range 1.28 to 1.36; use a version from 1.28 to 1.36',
      '(further checks) add-ons, apps, delivery and disaster recovery are checked once rollout can be read; fix the problems above and run check again',
    ]],
  ])('GIVEN %s WHEN checked THEN the problems name the field, the value and the fix', (_title, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expected);
  });

  it('GIVEN a skew or downgrade only in waves after throughWave WHEN checked THEN it is not reported (those clusters keep their version)', () => {
    expect(problemsOf((d) => { d.environments.prod.kubernetesVersion = '1.33'; d.rollout = { upgrade: { kubernetesVersion: '1.35.0', throughWave: 'dev' } }; })).toEqual([]);
  });

  it('GIVEN an upgrade through prod WHEN resolved THEN every cluster fleetwright manages runs the target (EKS clusters its minor) and remembers its own version; registered-only clusters keep theirs', () => {
    const fleet = fleetOf((d) => (d.rollout = { upgrade: { kubernetesVersion: '1.35.1', throughWave: 'prod' } }));
    expect(fleet.rollout.upgrade).toEqual({ kubernetesVersion: { major: 1, minor: 35, patch: 1 }, throughWave: 'prod' });
    expect(fleet.clusters.map((c) => [c.name, c.kubernetesVersion, c.upgradedFrom])).toEqual([
      ['dev-aws', { major: 1, minor: 35, patch: 1 }, { major: 1, minor: 34, patch: 2 }],
      ['dev-docker', { major: 1, minor: 35, patch: 1 }, { major: 1, minor: 34, patch: 2 }],
      ['prod-eks', { major: 1, minor: 35 }, { major: 1, minor: 34 }],
      ['prod-existing', { major: 1, minor: 34 }, undefined],
      ['prod-other', { major: 1, minor: 34 }, undefined],
      ['prod-pulumi', { major: 1, minor: 35 }, { major: 1, minor: 34 }],
    ]);
    expect(fleet.hub.kubernetesVersion).toEqual({ major: 1, minor: 34 });
  });

  it('GIVEN a target equal to a cluster\'s own version WHEN resolved THEN that cluster is not marked as upgraded', () => {
    const fleet = fleetOf((d) => { d.clusters[0].kubernetesVersion = '1.35.0'; d.rollout = { upgrade: { kubernetesVersion: '1.35.0', throughWave: 'dev' } }; });
    const byName = new Map(fleet.clusters.map((c) => [c.name, c]));
    expect(byName.get('dev-aws')!.upgradedFrom).toBeUndefined();
    expect(byName.get('dev-aws')!.kubernetesVersion).toEqual({ major: 1, minor: 35, patch: 0 });
    expect(byName.get('dev-docker')!.upgradedFrom).toEqual({ major: 1, minor: 34, patch: 2 });
  });

  it('GIVEN an upgrade through the default wave of an environment without clusters WHEN resolved THEN the clusters of the waves before it are upgraded', () => {
    const fleet = fleetOf((d) => {
      d.environments = { dev: d.environments.dev, staging: {}, prod: d.environments.prod };
      d.rollout = { upgrade: { kubernetesVersion: '1.35.0', throughWave: 'staging' } };
    });
    expect(fleet.rollout.upgrade?.throughWave).toBe('dev');
    expect(fleet.clusters.filter((c) => c.upgradedFrom).map((c) => c.name)).toEqual(['dev-aws', 'dev-docker']);
  });

  it('GIVEN an upgrade through the first default wave, which has no clusters WHEN resolved THEN no cluster is upgraded', () => {
    const fleet = fleetOf((d) => {
      d.environments = { qa: {}, dev: d.environments.dev, prod: d.environments.prod };
      d.rollout = { upgrade: { kubernetesVersion: '1.35.0', throughWave: 'qa' } };
    });
    expect(fleet.clusters.filter((c) => c.upgradedFrom)).toEqual([]);
  });
});

describe('listing names in messages', () => {
  it.each<[string[], string]>([
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c', 'd', 'e', 'f'], 'a, b, c, d, e and f'],
    [['a', 'b', 'c', 'd', 'e', 'f', 'g'], 'a, b, c, d, e and 2 more'],
  ])('GIVEN %j WHEN listed THEN %s', (names, expected) => {
    expect(listNames(names)).toBe(expected);
  });
});

describe('service rules', () => {
  it('GIVEN services breaking every service rule WHEN checked THEN each problem names the field, the value and the fix', () => {
    expect(
      problemsOf((d) => {
        d.apps = [{ name: 'pay', repoUrl: 'https://github.com/acme/pay.git', path: 'deploy', namespace: 'pay' }];
        d.services = [
          { name: 'cilium', image: 'ghcr.io/acme/a:1', port: 80, replicas: 2, environments: ['qa'], canary: { steps: [10, 5] } },
          { name: 'pay', image: 'ghcr.io/acme/b:1', port: 80, replicas: 2, karmada: { weights: { 'us-east-1': 1 } } },
          { name: 'web', image: 'ghcr.io/acme/c:1', port: 80, replicas: 60, delivery: 'karmada', canary: { steps: [5] }, karmada: { weights: { 'us-east-1': 0, 'mars-1': 0 } } },
        ];
      }),
    ).toEqual([
      'services[0].canary.steps[1] 5 is not above the step before it (10); list increasing traffic weights, e.g. [5, 10, 30, 60]',
      'services[0].environments[0] "qa" is not a declared environment; use one of "dev", "prod"',
      'services[0].name "cilium" is the name of an add-on, so their Applications would clash; rename the service',
      'services[1].karmada {"weights":{"us-east-1":1}} is set, but the service is delivered by Argo CD; set delivery: "karmada", or remove karmada',
      'services[1].name "pay" is already the name of apps[0]; give every app and service its own name',
      'services[2].canary {"steps":[5]} is set, but Karmada propagates plain Deployments; deliver canaries with Argo CD (delivery: "argocd"), or remove canary',
      'services[2].karmada.weights {"us-east-1":0,"mars-1":0} sum to zero, so Karmada would ignore them and spread the replicas equally; give at least one value a positive weight, or leave weights out for an equal spread',
      'services[2].karmada.weights["mars-1"] 0 weighs region=mars-1, which no cluster of the service has; use values of the service\'s clusters: "ap-southeast-1", "eu-west-1", "us-east-1", "us-west-2"',
    ]);
  });

  it('GIVEN a Karmada service with empty weights or weights by a free-form label WHEN checked THEN neither is a problem', () => {
    expect(
      problemsOf((d) => {
        d.services = [
          { name: 'web', image: 'ghcr.io/acme/c:1', port: 80, replicas: 6, delivery: 'karmada', karmada: { weights: {} } },
          { name: 'api', image: 'ghcr.io/acme/d:1', port: 80, replicas: 6, delivery: 'karmada', karmada: { weightBy: 'fleetwright.io/provider', weights: { 'capi-aws-eks': 2, 'pulumi-eks': 1, existing: 1, 'capi-aws': 1, 'capi-docker': 1 } } },
        ];
      }).filter((p) => p.startsWith('services')),
    ).toEqual([]);
  });
});

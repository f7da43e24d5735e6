import { describe, expect, it } from 'vitest';
import { checkFleet } from '../../model';
import { batchCount, maxUpdateCount } from '../../model/delivery/engine-rules';
import { engineDefinition } from './fleets';

function problemsOf(engine: 'argocd' | 'flux' | 'both', mutate: (d: any) => void): string[] {
  const d: any = engineDefinition(engine);
  mutate(d);
  return checkFleet(d).problems.map((p) => p.message);
}

const previews = { github: { owner: 'acme', repo: 'blog', tokenSecret: { name: 'github-token', key: 'token' } }, cluster: 'prod-eks' };

describe('engine rules', () => {
  it.each(['argocd', 'flux', 'both'] as const)('GIVEN the engine test fleet for %s WHEN checked THEN there is no problem', (engine) => {
    expect(problemsOf(engine, () => {})).toEqual([]);
  });

  it.each<[string, 'flux' | 'both', (d: any) => void, string[]]>([
    ['pull-request previews', 'flux', (d) => (d.apps[1].previews = previews), [
      'apps[1].previews {"github":{"owner":"acme","repo":"blog","tokenSecret":{"name":"github-token",... needs Argo CD\'s pull request generator, which Flux has no equivalent of (engine "flux"); remove previews, or use engine "argocd"',
    ]],
    ['services read from folders', 'both', (d) => {
      delete d.apps[0].services;
      d.apps[0].path = 'overlays/{env}';
      d.apps[0].serviceDirectories = 'services/*';
    }, [
      'apps[0].serviceDirectories "services/*" is read by Argo CD\'s Git directory generator when it syncs, which Flux has no equivalent of (engine "both"); list the services in apps[0].services, or use engine "argocd"',
    ]],
    ['a wave held by maxUpdate 0', 'flux', (d) => (d.rollout.waves[1].maxUpdate = 0), [
      'rollout.waves[1].maxUpdate 0 holds the wave until someone syncs it in Argo CD, which Flux has no equivalent of (engine "flux"; a suspended Kustomization would hold every later wave at each commit); give a count of at least 1 or a percentage above 0, or use engine "argocd"',
    ]],
    ['a wave held by maxUpdate 0%', 'both', (d) => (d.rollout.waves[2].maxUpdate = '0%'), [
      'rollout.waves[2].maxUpdate "0%" holds the wave until someone syncs it in Argo CD, which Flux has no equivalent of (engine "both"; a suspended Kustomization would hold every later wave at each commit); give a count of at least 1 or a percentage above 0, or use engine "argocd"',
    ]],
    ['durations below the millisecond', 'flux', (d) => (d.flux = { interval: '500us', timeout: '1h', retryInterval: '90ns' }), [
      'flux.interval "500us" uses a unit below the millisecond, which the Flux CRDs do not accept; write it in ms, s, m or h, e.g. "10m"',
      'flux.retryInterval "90ns" uses a unit below the millisecond, which the Flux CRDs do not accept; write it in ms, s, m or h, e.g. "10m"',
    ]],
    ['a service Karmada propagates, without Argo CD', 'flux', (d) => (d.services[0].delivery = 'karmada'), [
      'services[0].delivery "karmada" needs the hub\'s Argo CD, which applies the service to Karmada\'s API server (registered as an Argo CD cluster), and engine "flux" has none; use engine "both", or deliver the service per cluster with delivery "argocd"',
    ]],
    ['an app name too long for its Kustomizations (its NetworkPolicy\'s on its DR copy)', 'flux', (d) => (d.apps[1].name = 'a'.repeat(50)), [
      `apps[1].name "${'a'.repeat(50)}" makes the Flux Kustomization name "${'a'.repeat(50)}-prod-pulumi-dr-netpol" 72 characters long, over the limit of 63; shorten the app name or its longest cluster name by 9 characters`,
    ]],
    ['an app name too long for its DR copy\'s Kustomization, without NetworkPolicy', 'flux', (d) => Object.assign(d.apps[1], { name: 'a'.repeat(49), networkPolicy: false }), [
      `apps[1].name "${'a'.repeat(49)}" makes the Flux Kustomization name "${'a'.repeat(49)}-prod-pulumi-dr" 64 characters long, over the limit of 63; shorten the app name or its longest cluster name by 1 character`,
    ]],
    ['a wave name too long for the gates', 'both', (d) => (d.rollout.waves[2].name = 'w'.repeat(40)), [
      `rollout.waves[2].name "${'w'.repeat(40)}" makes the Flux gate Kustomization name "addon-kube-prometheus-stack-wave-${'w'.repeat(40)}-3" 75 characters long, over the limit of 63; shorten the wave name by 12 characters`,
    ]],
  ])('GIVEN %s WHEN checked for engine %s THEN the field, value and fix are named', (_name, engine, mutate, expected) => {
    expect(problemsOf(engine, mutate)).toEqual(expected);
  });

  it('GIVEN Argo CD-only features WHEN the engine is argocd THEN they are accepted', () => {
    expect(problemsOf('argocd', (d) => {
      d.apps[1].previews = previews;
      d.rollout.waves[1].maxUpdate = 0;
      d.services[0].delivery = 'karmada';
    }).filter((p) => p.includes('Flux'))).toEqual([]);
  });

  it.each([
    [1, 3, 1, 3],
    ['50%', 3, 1, 3],
    ['50%', 4, 2, 2],
    ['10%', 3, 1, 3],
    ['100%', 5, 5, 1],
    [10, 4, 10, 1],
    ['0%', 4, 0, 0],
  ] as const)('GIVEN maxUpdate %j over %i clusters WHEN counted as Argo CD does THEN %i at once, so Flux makes %i batches', (maxUpdate, size, count, batches) => {
    expect(maxUpdateCount(maxUpdate, size)).toBe(count);
    expect(batchCount(maxUpdate, size)).toBe(batches);
  });
});

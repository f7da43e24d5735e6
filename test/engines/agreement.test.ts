/**
 * The two engines release clusters in the same order: for every component
 * (what one ApplicationSet delivers), the steps Argo CD's RollingSync puts
 * the clusters' Applications in, and the order Flux's dependsOn graph imposes
 * on the same clusters, both read from the rendered objects (see ./orders).
 *
 * Flux has no maxUpdate: within a step, Flux releases clusters in batches of
 * maxUpdate in name order, one batch after the other, where Argo CD keeps a
 * sliding window of maxUpdate clusters. So Flux may order two clusters of one
 * step (a batch before the next), never two clusters Argo CD would release
 * the other way round, and never clusters of different steps differently.
 */
import { describe, expect, it } from 'vitest';
import { exampleDefinitionFor } from '../helpers/example';
import { resolveFleet } from '../../model';
import { synthesize } from '../../outputs/synth';
import type { Unit } from '../../stacks/rendered';
import { withPulumiRegistrations } from '../helpers/registrations';
import { engineDefinition } from './fleets';
import { argoOrder, argoReleases, disagreements, fluxComponents, fluxGraph, fluxOrder, levels } from './orders';

const fleet = resolveFleet(engineDefinition('both'));
const { rendered } = synthesize(fleet);
// As the hub holds them once the Pulumi stacks registered their clusters (prod-pulumi).
const units = withPulumiRegistrations(fleet, rendered.units);

describe('Argo CD and Flux release clusters in the same order', () => {
  it('GIVEN the test fleet for both engines WHEN every RollingSync is compared with the dependsOn graph THEN they agree for every component', () => {
    const components = [...argoReleases(units).keys()].sort();
    expect(components).toEqual([
      'addon-argo-rollouts',
      'addon-cilium',
      'addon-external-secrets',
      'addon-ingress-nginx',
      'addon-kube-prometheus-stack',
      'addon-thanos',
      'blog',
      'checkout',
      'cluster-config',
      'docs',
      'edge',
      'shop',
    ]);
    expect(disagreements(units, fleet.repo.path)).toEqual([]);
  });

  it.each([
    // canary: dev-docker; early (maxUpdate 1): dev-aws, then prod-eks; general (50% of 3, so 1): one at a time.
    ['cluster-config', [['dev-docker'], ['dev-aws'], ['prod-eks'], ['prod-existing'], ['prod-other'], ['prod-pulumi']]],
    // The hub first, where the add-on runs there.
    ['addon-thanos', [['management'], ['prod-eks'], ['prod-existing'], ['prod-other'], ['prod-pulumi']]],
    ['addon-ingress-nginx', [['management'], ['dev-docker'], ['dev-aws']]],
    // The standby prod-other runs no app of its own; 50% of the two others is one at a time.
    ['blog', [['prod-eks'], ['prod-existing'], ['prod-pulumi']]],
    // Listed clusters (list generator) and a label selector (cluster generator).
    ['docs', [['dev-aws'], ['prod-eks'], ['prod-existing']]],
    ['edge', [['dev-docker'], ['dev-aws'], ['prod-pulumi']]],
  ])('GIVEN component %s WHEN its clusters are grouped by their depth in the Flux graph THEN the groups are %j', (component, expected) => {
    const graph = fluxGraph(units, fleet.repo.path);
    const byCluster = fluxComponents(graph).get(component)!;
    expect(levels([...byCluster.keys()], fluxOrder(graph, byCluster))).toEqual(expected);
  });

  it('GIVEN the Argo CD side WHEN the steps are read from the rendered ApplicationSets THEN Flux batches split only the steps whose maxUpdate is below their size', () => {
    const release = argoReleases(units).get('cluster-config')!;
    expect(Object.fromEntries(release.steps)).toEqual({ 'dev-docker': 0, 'dev-aws': 1, 'prod-eks': 1, 'prod-existing': 2, 'prod-other': 2, 'prod-pulumi': 2 });
    expect(release.maxUpdate).toEqual(['100%', 1, '50%']);
    const { steps, batches } = argoOrder(release);
    expect(steps.has('dev-aws<prod-eks')).toBe(false);
    expect([...batches].sort()).toEqual(['dev-aws<prod-eks', 'prod-existing<prod-other', 'prod-existing<prod-pulumi', 'prod-other<prod-pulumi']);
  });

  it('GIVEN the example fleet (five waves by rollout tier, with maxUpdate) for both engines WHEN compared THEN the orders are equal', () => {
    const example = resolveFleet(exampleDefinitionFor('both'));
    const out = withPulumiRegistrations(example, synthesize(example).rendered.units);
    expect(disagreements(out, example.repo.path)).toEqual([]);
    expect(argoReleases(out).get('cluster-config')!.maxUpdate).toEqual(['100%', '100%', 1, 2, '25%']);
  });

  it('GIVEN a Flux graph whose first cluster of a wave no longer waits WHEN compared THEN the missing order is reported, so the comparison can fail', () => {
    // prod-existing starts the general wave; the rest of the wave waits for it, so they lose the earlier waves too.
    const broken = withoutDependsOn(units, 'Kustomization', 'cluster-config-prod-existing');
    const later = ['prod-existing', 'prod-other', 'prod-pulumi'];
    expect(disagreements(broken, fleet.repo.path)).toEqual(
      ['dev-aws', 'dev-docker', 'prod-eks'].flatMap((before) => later.map((after) => `cluster-config: Argo CD releases ${before} before ${after}, Flux does not`)),
    );
  });

  it('GIVEN RollingSync steps in the wrong order WHEN compared THEN the extra Flux order is reported', () => {
    const swapped = units.map((u) =>
      u.dir !== 'hub/argocd'
        ? u
        : {
          ...u,
          objects: u.objects.map((o: any) =>
            o.kind === 'ApplicationSet' && o.metadata.name === 'cluster-config'
              ? { ...o, spec: { ...o.spec, strategy: { ...o.spec.strategy, rollingSync: { steps: [...o.spec.strategy.rollingSync.steps].reverse() } } } }
              : o,
          ),
        },
    );
    const problems = disagreements(swapped, fleet.repo.path);
    expect(problems).toContain('cluster-config: Flux releases dev-docker before dev-aws, Argo CD does not');
    expect(problems).toContain('cluster-config: Argo CD releases prod-pulumi before dev-docker, Flux does not');
  });
});

/** The units with the dependsOn of one object removed. */
function withoutDependsOn(all: readonly Unit[], kind: string, name: string): Unit[] {
  return all.map((u) => ({
    ...u,
    objects: u.objects.map((o: any) => (o.kind === kind && o.metadata.name === name ? { ...o, spec: { ...o.spec, dependsOn: [] } } : o)),
  }));
}

import { describe, expect, it } from 'vitest';
import { checkFleet, resolveFleet } from '../../model';
import { registrationLabels } from '../../model/registration-labels';
import { mergeClusters } from '../../model/merge';
import { parseDefinition } from '../../model/parse';
import { Problems } from '../../model/problems';
import { karmadaDefinition, mutableKarmadaDefinition } from '../helpers/karmada-fleet';

function problemsOf(mutate: (d: any) => void): string[] {
  const d = mutableKarmadaDefinition();
  mutate(d);
  return checkFleet(d).problems.map((p) => p.message);
}

describe('validation of services Karmada propagates', () => {
  it('GIVEN the Karmada test fleet WHEN checked THEN there is no problem', () => {
    expect(checkFleet(karmadaDefinition()).problems).toEqual([]);
  });

  it.each<[string, (d: any) => void, string[]]>([
    ['weights that sum to zero', (d) => (d.services[0].karmada.weights = { 'us-east-1': 0, 'eu-west-1': 0, 'ap-southeast-1': 0, 'us-west-2': 0 }), [
      'services[0].karmada.weights {"us-east-1":0,"eu-west-1":0,"ap-southeast-1":0,"us-west-2":0} sum to zero, so Karmada would ignore them and spread the replicas equally; give at least one value a positive weight, or leave weights out for an equal spread',
    ]],
    ['a clusterSelector that selects no cluster', (d) => (d.services[0].karmada.clusterSelector = { tier: 'edge' }), [
      `services[0].karmada.clusterSelector {"tier":"edge"} selects none of the clusters of environments "prod" (standbys excluded), so Karmada would run checkout nowhere; use labels of the clusters meant to run it, or widen the service's environments`,
    ]],
    ['environments without clusters', (d) => {
      d.environments.staging = { region: 'us-east-1', nodePools: [{ name: 'general', instanceType: 'm6i.large' }] };
      d.services[1].environments = ['staging'];
    }, [
      'services[1].environments ["staging"] hold no cluster Karmada could propagate search to (standbys excluded); add a cluster to these environments, or choose others',
    ]],
    ['a cluster whose region has no weight', (d) => delete d.services[0].karmada.weights['us-west-2'], [
      'services[0].karmada.weights {"us-east-1":3,"eu-west-1":2,"ap-southeast-1":1} has no weight for region "us-west-2" of prod-other, so Karmada would give it no replica; add a weight for "us-west-2" (0 keeps it empty on purpose), or leave it out with karmada.clusterSelector',
    ]],
    ['clusters without the weightBy label', (d) => {
      d.services[0].karmada.weightBy = 'zone';
      d.services[0].karmada.weights = { a: 1, b: 2 };
      d.clusters[2].labels = { zone: 'a' };
      d.clusters[4].labels = { zone: 'b' };
    }, [
      'services[0].karmada.weightBy "zone" is not a label of prod-other, prod-pulumi, so Karmada would give them no replica; weigh by a label every cluster of the service has, e.g. "region"',
    ]],
    ['weights that give none of the selected clusters a share', (d) => {
      d.services[0].karmada.clusterSelector = { region: 'us-west-2' };
      d.services[0].karmada.overrides = [];
    }, [
      "services[0].karmada.weights {\"us-east-1\":3,\"eu-west-1\":2,\"ap-southeast-1\":1,\"us-west-2\":0} gives none of the service's clusters (prod-other) a positive weight, so Karmada would ignore the weights and spread the replicas equally; give the region of at least one of them a positive weight",
    ]],
    ['overrides that match no cluster, or every cluster', (d) => (d.services[0].karmada.overrides = [{ match: { region: 'sa-east-1' }, memoryLimit: '1Gi' }, { match: {}, imageRegistry: 'mirror.acme.io' }]), [
      "services[0].karmada.overrides[0].match {\"region\":\"sa-east-1\"} matches none of checkout's clusters (prod-eks, prod-existing, prod-other, prod-pulumi), so the override would never apply; use labels of the clusters it is meant for",
      'services[0].karmada.overrides[1].match {} is empty, so the override would apply to every cluster of checkout; give the labels of the clusters it is for, or change the service itself',
    ]],
    ['a member name over Karmada\'s 48 characters', (d) => (d.clusters[2].name = 'p'.repeat(49)), [
      `clusters[2].name "${'p'.repeat(49)}" makes the Application name "cluster-config-${'p'.repeat(49)}" 64 characters long, over the limit of 63; shorten the cluster name by 1 characters`,
      `clusters[2].name "${'p'.repeat(49)}" is 49 characters, over Karmada's limit of 48 for member clusters (services[0] propagates to it); shorten the cluster name by 1 characters`,
    ]],
    ['a cluster named like Karmada\'s registration', (d) => (d.clusters[1].name = 'karmada'), [
      `clusters[1].name "karmada" is the name Argo CD gives Karmada's API server (services[0] is delivered by Karmada); rename the cluster`,
    ]],
  ])('GIVEN %s WHEN checked THEN the problem names the field, the value and the fix', (_name, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expected);
  });

  it('GIVEN fewer replicas than weighted clusters WHEN checked THEN it is accepted (the report shows the clusters left empty)', () => {
    expect(problemsOf((d) => (d.services[0].replicas = 2))).toEqual([]);
  });

  it('GIVEN no service delivered by Karmada WHEN a cluster is named karmada THEN nothing is reported', () => {
    expect(problemsOf((d) => { d.services = []; d.clusters[1].name = 'karmada'; })).toEqual([]);
  });

  it('GIVEN every cluster of the test fleet WHEN labelled before the model is built THEN the labels equal the registration labels of the model', () => {
    const d = mutableKarmadaDefinition();
    d.clusters[0].labels = { team: 'payments' };
    d.clusters[1].standby = true;
    const parsed = parseDefinition(d, new Problems());
    const fleet = resolveFleet(d);
    for (const c of mergeClusters(parsed)) {
      expect(registrationLabels(c, 'acme'), c.def.name).toEqual(fleet.clusters.find((m) => m.name === c.def.name)!.labels);
    }
  });
});

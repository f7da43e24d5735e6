/**
 * "All problems at once" without false follow-ons: a part with a refused field
 * is still checked by every rule (its other problems show in the same run),
 * a rule never reports missing what the schema refused, and rules relating
 * parts wait, with a note, when a part cannot be read at all.
 */
import { describe, expect, it } from 'vitest';
import exampleDefinition from '../../fleet.config';
import { checkFleet } from '../../model';
import { mutableDefinition } from '../helpers/definitions';

function problemsOf(mutate: (d: any) => void, base: () => any = mutableDefinition): string[] {
  const d = base();
  mutate(d);
  return checkFleet(d).problems.map((p) => p.message);
}

const example = () => structuredClone(exampleDefinition) as any;
const indexOf = (d: any, name: string) => d.clusters.findIndex((c: any) => c.name === name);

describe('problems reported together, without follow-ons', () => {
  it('GIVEN a cluster with a bad label and no node pools WHEN checked THEN both are reported in one run', () => {
    expect(problemsOf((d) => {
      d.clusters[0].labels = { 'bad key!': 'x' };
      d.environments.dev.nodePools = [];
    })).toEqual([
      `clusters[0].labels["bad key!"] key "bad key!" is not a valid label key; use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit (optionally after a DNS prefix and '/')`,
      'clusters[0].nodePools is missing; provider "capi-aws" needs at least one node pool: set clusters[0].nodePools or environments.dev.nodePools',
    ]);
  });

  it('GIVEN a misspelt hub field WHEN checked THEN only that is reported (the hub is still read: no "not enabled on the hub")', () => {
    expect(problemsOf((d) => {
      d.hub.kubernetesVersoin = d.hub.kubernetesVersion;
    }, example)).toEqual(['hub.kubernetesVersoin is not a known field; did you mean "kubernetesVersion"?']);
  });

  it('GIVEN invalid Velero options on a prod cluster WHEN checked THEN only they are reported (the cluster stays in its waves and Karmada weights)', () => {
    expect(problemsOf((d) => {
      d.clusters[indexOf(d, 'prod-eu-west-1')].addons = {
        velero: { schedules: { hourly: { cron: '61 * * * *', ttl: '100000000h' }, daily: { ttl: '30m' } } },
      };
    }, example)).toEqual([
      'clusters[3].addons.velero.schedules.daily.ttl "30m" is shorter than an hour; keep backups at least "1h"; the defaults are "720h" (daily, dr) and "168h" (hourly)',
      'clusters[3].addons.velero.schedules.hourly.cron "61 * * * *" has an invalid minute "61" (allowed 0-59); use 5 fields (minute hour day-of-month month day-of-week), e.g. "0 2 * * *", or a descriptor such as "@daily"',
      'clusters[3].addons.velero.schedules.hourly.ttl "100000000h" is longer than a Go duration can hold (about 2,562,047h); use a shorter duration, e.g. "8760h" for a year',
    ]);
  });

  it('GIVEN a refused Kubernetes version WHEN checked THEN it is not also reported missing', () => {
    expect(problemsOf((d) => (d.clusters[0].kubernetesVersion = 'latest'))).toEqual([
      expect.stringMatching(/^clusters\[0\]\.kubernetesVersion "latest" /),
    ]);
  });

  it('GIVEN a hub that cannot be read WHEN checked THEN rules relating parts wait, and say so last', () => {
    const problems = problemsOf((d) => {
      delete d.hub.name;
      d.clusters[1].name = 'dev-aws';
    });
    expect(problems).toEqual([
      'hub.name is missing; add it (a string)',
      'clusters[1].name "dev-aws" is already the name of clusters[0]; give every cluster a unique name',
      expect.stringContaining('(further checks) add-ons, apps, delivery and disaster recovery are checked once hub can be read'),
    ]);
  });

  it('GIVEN a derived name too long in several ways WHEN checked THEN one problem asks for the largest cut', () => {
    expect(problemsOf((d) => (d.clusters[indexOf(d, 'staging-us-east-1')].name = 's'.repeat(48)), example)).toContain(
      `clusters[1].name "${'s'.repeat(48)}" makes the "kube-prometheus-stack" Application name "kube-prometheus-stack-${'s'.repeat(48)}" 70 characters long, over the limit of 63; shorten the cluster name by 7 characters`,
    );
  });

  it('GIVEN two clusters with one name and the same ranges WHEN checked THEN the overlap names the other cluster, not "the same cluster"', () => {
    const problems = problemsOf((d) => {
      d.clusters[1].name = 'dev-aws';
      d.clusters[1].network = { ...d.clusters[0].network };
    });
    expect(problems).toContain(
      'clusters[1].network.podCidr "10.101.0.0/16" overlaps clusters[0].network.podCidr "10.101.0.0/16" (dev-aws); give each cluster its own ranges (cross-cluster networking such as Cilium ClusterMesh and Submariner needs them disjoint)',
    );
  });

  it('GIVEN a Docker cluster inheriting EC2 node pools WHEN checked THEN the fix is its own node pools, not removing the environment\'s instance type', () => {
    expect(problemsOf((d) => delete d.clusters[1].nodePools)).toEqual([
      'environments.dev.nodePools[0].instanceType "m6i.large" means nothing to provider "capi-docker" of dev-docker; give clusters[1] its own nodePools, without instanceType',
    ]);
  });

  it('GIVEN a cluster label with Argo CD\'s prefix WHEN checked THEN it is refused, not silently overwritten on the registration', () => {
    expect(problemsOf((d) => (d.clusters[0].labels = { 'argocd.argoproj.io/secret-type': 'repository' }))).toEqual([
      'clusters[0].labels["argocd.argoproj.io/secret-type"] "argocd.argoproj.io/secret-type" is Argo CD\'s own key on the cluster\'s registration Secret; choose a key with your own prefix, e.g. "example.com/team"',
    ]);
  });
});

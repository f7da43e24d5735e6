import { describe, expect, it } from 'vitest';
import { checkFleet, resolveFleet } from '../../model';
import { mutableDefinition } from '../helpers/definitions';
import { pulumiDeliveredDefinition } from '../helpers/pulumi-delivered';

const app = (extra: Record<string, unknown> = {}) => ({ name: 'web', repoUrl: 'https://github.com/acme/web.git', path: 'deploy/{env}', namespace: 'web', ...extra });
const github = { owner: 'acme', repo: 'web', tokenSecret: { name: 'github-token', key: 'token' } };

/** Problems of the fleet whose prod and hub Pulumi delivers (clusters: dev-aws, dev-docker, prod-eks, prod-pulumi, prod-existing, dev-pulumi), changed by `mutate`. */
function problemsOf(mutate: (d: any) => void): string[] {
  const d = pulumiDeliveredDefinition() as any;
  mutate(d);
  return checkFleet(d).problems.map((p) => p.message);
}

describe('who delivers an environment: the model', () => {
  it('GIVEN no delivery anywhere WHEN resolved THEN the environments, their clusters and the hub are delivered by GitOps', () => {
    const fleet = resolveFleet(mutableDefinition());
    expect(fleet.environments.map((e) => [e.name, e.delivery])).toEqual([['dev', 'gitops'], ['prod', 'gitops']]);
    expect(new Set(fleet.clusters.map((c) => c.delivery))).toEqual(new Set(['gitops']));
    expect(fleet.hub.delivery).toBe('gitops');
  });

  it('GIVEN prod and the hub delivered by Pulumi WHEN resolved THEN prod and each of its clusters carry it, dev keeps GitOps, and pulumi-eks clusters are registered by Pulumi', () => {
    const fleet = resolveFleet(pulumiDeliveredDefinition());
    expect(fleet.environments.map((e) => [e.name, e.delivery])).toEqual([['dev', 'gitops'], ['prod', 'pulumi']]);
    expect(fleet.clusters.map((c) => [c.name, c.delivery])).toEqual([
      ['dev-aws', 'gitops'],
      ['dev-docker', 'gitops'],
      ['dev-pulumi', 'gitops'],
      ['prod-eks', 'pulumi'],
      ['prod-existing', 'pulumi'],
      ['prod-pulumi', 'pulumi'],
    ]);
    expect(fleet.hub.delivery).toBe('pulumi');
    expect(fleet.clusters.find((c) => c.name === 'dev-pulumi')!.registration).toEqual({
      kind: 'pulumi',
      auth: { kind: 'aws-iam', eksClusterName: 'acme-dev-pulumi', roleArn: 'arn:aws:iam::111122223333:role/fleet-argocd' },
    });
    // The contract keeps its keys: delivery is no registration label.
    expect(Object.keys(fleet.clusters.find((c) => c.name === 'prod-eks')!.labels).some((k) => k.includes('delivery'))).toBe(false);
  });

  it.each<[string, (d: any) => void, string[]]>([
    ['an unknown owner for an environment and the hub, and delivery on a cluster', (d) => {
      d.environments.prod.delivery = 'argocd';
      d.hub.delivery = 'flux';
      d.clusters[0].delivery = 'pulumi';
    }, [
      'hub.delivery "flux" is not an accepted value; use one of "gitops", "pulumi"',
      'environments.prod.delivery "argocd" is not an accepted value; use one of "gitops", "pulumi"',
      'clusters[0].delivery is not a field at this level; move it into its environment (environments.<name>.delivery), which decides for all its clusters',
    ]],
  ])('GIVEN %s WHEN checked THEN the exact problems are reported', (_title, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expected);
  });
});

describe('who delivers an environment: what only an engine can do', () => {
  it('GIVEN the fleet whose prod and hub Pulumi delivers WHEN checked THEN there is no problem', () => {
    expect(problemsOf(() => {})).toEqual([]);
  });

  it.each<[string, (d: any) => void, string[]]>([
    ['an app whose environments include prod', (d) => (d.apps = [app({ environments: ['dev', 'prod'] })]), [
      'apps[0].environments[1] "prod" is delivered by Pulumi (environments.prod.delivery), which cannot deploy the app: its manifests live in https://github.com/acme/web.git, which synth does not render; leave "prod" out of the app\'s environments, or deliver "prod" with GitOps',
    ]],
    ['an app without environments, so in prod too', (d) => (d.apps = [app()]), [
      'apps[0].environments is not set, so the app runs in every environment, "prod" included, delivered by Pulumi (environments.prod.delivery), which cannot deploy the app: its manifests live in https://github.com/acme/web.git, which synth does not render; list the app\'s environments without "prod", or deliver it with GitOps',
    ]],
    ['an app without environments and two Pulumi-delivered environments', (d) => {
      d.environments = { dev: d.environments.dev, staging: { delivery: 'pulumi' }, prod: d.environments.prod };
      d.apps = [app()];
    }, [
      'apps[0].environments is not set, so the app runs in every environment, "staging" and "prod" included, delivered by Pulumi (environments.staging.delivery, environments.prod.delivery), which cannot deploy the app: its manifests live in https://github.com/acme/web.git, which synth does not render; list the app\'s environments without "staging" and "prod", or deliver them with GitOps',
    ]],
    ['an app listing a cluster of prod (and no environments)', (d) => (d.apps = [app({ clusters: ['dev-aws', 'prod-eks'] })]), [
      'apps[0].clusters[1] "prod-eks" is in environment "prod", delivered by Pulumi (environments.prod.delivery), which cannot deploy the app: its manifests live in https://github.com/acme/web.git, which synth does not render; remove the cluster, or deliver "prod" with GitOps',
    ]],
    ['previews on a cluster of prod', (d) => (d.apps = [app({ environments: ['dev'], previews: { github, cluster: 'prod-eks' } })]), [
      'apps[0].previews.cluster "prod-eks" is in environment "prod", which the app does not run in, so its project would not allow the app\'s repository; name a cluster of the app\'s environments',
      'apps[0].previews.cluster "prod-eks" is in environment "prod", delivered by Pulumi (environments.prod.delivery), which cannot run previews: Argo CD creates and deletes them as pull requests open and close; name a cluster of an environment delivered by GitOps',
    ]],
    ['a DR standby in prod for a primary in dev that runs an app', (d) => {
      d.platform.thanos = { sidecarEndpoint: 'thanos-sidecar.{cluster}.acme.io:10901' };
      const metrics = { 'kube-prometheus-stack': true, thanos: true, 'external-secrets': true };
      Object.assign(d.hub.addons, metrics);
      Object.assign(d.environments.dev.addons, metrics);
      Object.assign(d.environments.prod.addons, metrics);
      d.clusters[4].standby = true;
      d.clusters[0].drPartner = 'prod-existing';
    }, [
      'apps[0].name "web" runs on dev-aws, whose standby prod-existing is in environment "prod", delivered by Pulumi (environments.prod.delivery), which cannot deploy the app\'s DR copies: they come from https://github.com/acme/web.git, which synth does not render; give dev-aws a standby in an environment delivered by GitOps, or deliver "prod" with GitOps',
    ]],
    ['an existing cluster reached through the registration store in prod', (d) => d.clusters.push({
      name: 'prod-other',
      environment: 'prod',
      region: 'us-west-2',
      provider: { kind: 'existing', server: 'https://k8s.example.com:6443', auth: { kind: 'secret-store' } },
      network: { podCidr: '10.106.0.0/16', serviceCidr: '172.20.96.0/20' },
    }), [
      'clusters[6].provider.auth.kind "secret-store" keeps the cluster\'s connection in the hub\'s registration store, which only the hub\'s External Secrets reads, so the Pulumi stack of environment "prod" (environments.prod.delivery) cannot reach the cluster; use auth kind "aws-iam" for an EKS cluster, or deliver "prod" with GitOps',
    ]],
    ['an existing hub reached through the registration store', (d) => (d.hub.provider = { kind: 'existing', server: 'https://hub.example.com', auth: { kind: 'secret-store' } }), [
      'hub.provider.auth.kind "secret-store" gives the management stack (hub.delivery "pulumi") nothing to build a kubeconfig from, so it cannot reach the hub; use auth kind "aws-iam" for an EKS hub, or deliver the hub with GitOps',
    ]],
  ])('GIVEN %s WHEN checked THEN the exact problems are reported', (_title, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expected);
  });

  it.each<[string, (d: any) => void]>([
    ['an app of every kind in prod', (d) => (d.apps = [app({ environments: ['dev', 'prod'], previews: { github, cluster: 'prod-eks' } })])],
    ['an existing cluster reached through the registration store in prod', (d) => d.clusters.push({
      name: 'prod-other',
      environment: 'prod',
      region: 'us-west-2',
      provider: { kind: 'existing', server: 'https://k8s.example.com:6443', auth: { kind: 'secret-store' } },
      network: { podCidr: '10.106.0.0/16', serviceCidr: '172.20.96.0/20' },
    })],
  ])('GIVEN %s WHEN prod is delivered by GitOps THEN there is no problem', (_title, mutate) => {
    expect(problemsOf((d) => {
      mutate(d);
      d.environments.prod.delivery = 'gitops';
      d.hub.delivery = 'gitops';
    })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { checkFleet } from '../../model';
import { MAX_PREVIEW_APP_NAME } from '../../model/rules/apps';
import { APPS, appsDefinition } from '../helpers/app-definitions';
import { mutableDefinition } from '../helpers/definitions';

const app = (extra: Record<string, unknown> = {}) => ({ name: 'web', repoUrl: 'https://github.com/acme/web.git', path: 'deploy/{env}', namespace: 'web', ...extra });
const github = { owner: 'acme', repo: 'web', tokenSecret: { name: 'github-token', key: 'token' } };

function problemsOf(mutate: (d: any) => void): string[] {
  const d = mutableDefinition();
  mutate(d);
  return checkFleet(d).problems.map((p) => p.message);
}

describe('app generator fields', () => {
  it('GIVEN an app of every shape WHEN checked THEN there is no problem and the model carries each generator field', () => {
    const result = checkFleet(appsDefinition());
    expect(result.problems).toEqual([]);
    const apps = new Map(result.fleet!.apps.map((a) => [a.name, a]));
    expect(apps.get('ledger')!.clusters).toEqual(['dev-aws', 'prod-eks']);
    expect(apps.get('web')!.clusterSelector).toEqual(APPS.selected.clusterSelector);
    expect(apps.get('shop')!.services).toEqual(['cart', 'checkout']);
    expect(apps.get('tools')!.serviceDirectories).toBe('services/*');
    expect(apps.get('payments')!.previews).toEqual(APPS.previews.previews);
  });

  it.each<[string, (d: any) => void, string[]]>([
    ['clusters that are unknown, the hub, outside the environments or listed twice', (d) => (d.apps = [app({ environments: ['dev'], clusters: ['nope', 'management', 'prod-eks', 'dev-aws', 'dev-aws'] })]), [
      'apps[0].clusters[0] "nope" is not a cluster of the fleet; name a cluster of clusters',
      "apps[0].clusters[1] \"management\" is the hub, which runs no apps; name a spoke of the app's environments",
      'apps[0].clusters[2] "prod-eks" is in environment "prod", which the app does not run in; add "prod" to the app\'s environments, or remove the cluster',
      'apps[0].clusters[4] "dev-aws" is listed twice (also apps[0].clusters[3]); list each cluster once',
    ]],
    ['a standby among the clusters', (d) => { d.clusters[5].standby = true; d.apps = [app({ clusters: ['prod-other'] })]; }, [
      "apps[0].clusters[0] \"prod-other\" is a disaster-recovery standby, which runs only DR copies of its primaries' apps; remove it (standbys get the app as DR copies of their primaries)",
    ]],
    ['clusters and a selector, and selector expressions with wrong values', (d) => (d.apps = [app({ clusters: ['dev-aws'], clusterSelector: { matchLabels: { region: 'us-east-1' }, matchExpressions: [{ key: 'region', operator: 'In' }, { key: 'tier', operator: 'Exists', values: ['x'] }] } })]), [
      'apps[0].clusterSelector {"matchLabels":{"region":"us-east-1"},"matchExpressions":[{"key":"region","op... is set together with clusters, which already names them; keep one of the two',
      'apps[0].clusterSelector.matchExpressions[0] {"key":"region","operator":"In"} uses operator In without values, so it matches no cluster; list the label values to match in values',
      'apps[0].clusterSelector.matchExpressions[1].values ["x"] are given with operator Exists, which takes none; remove values, or use In or NotIn',
    ]],
    ['services with folders, a service listed twice and paths that do not fit', (d) => (d.apps = [app({ services: ['api', 'web', 'api'], serviceDirectories: 'services/*' }), app({ name: 'docs', path: 'docs/{service}' })]), [
      'apps[0].path "deploy/{env}" does not contain {service}, so every service would deploy the same manifests; put {service} where each service\'s folder goes, e.g. "services/{service}/overlays/{env}"',
      'apps[0].serviceDirectories "services/*" is set together with services; list the services, or let the folders name them, not both',
      'apps[0].services[2] "api" is listed twice (also apps[0].services[0]); list each service once',
      'apps[1].path "docs/{service}" contains {service}, but the app has no services; list them in services, or remove {service} from the path',
    ]],
    ['previews on a cluster outside the environments, on the hub and on an unknown cluster, with a malformed GitHub repository', (d) => (d.apps = [
      app({ environments: ['prod'], previews: { github: { ...github, owner: 'acme inc', repo: 'acme/web' }, cluster: 'dev-aws' } }),
      app({ name: 'shop', previews: { github, cluster: 'management' } }),
      app({ name: 'docs', previews: { github, cluster: 'nope' } }),
    ]), [
      "apps[0].previews.cluster \"dev-aws\" is in environment \"dev\", which the app does not run in, so its project would not allow the app's repository; name a cluster of the app's environments",
      'apps[0].previews.github.owner "acme inc" is not a GitHub user or organization name; give the owner alone, e.g. "acme"',
      'apps[0].previews.github.repo "acme/web" is not a GitHub repository name; give the name alone, e.g. "payments-api" (the owner goes in github.owner)',
      "apps[1].previews.cluster \"management\" is the hub, which runs no apps; name a spoke of the app's environments",
      'apps[2].previews.cluster "nope" is not a cluster of the fleet; name the cluster previews run on',
    ]],
    ['previews of an app with services without their own path, and a preview path with {service}', (d) => (d.apps = [
      app({ services: ['api'], path: 's/{service}', previews: { github, cluster: 'dev-aws' } }),
      app({ name: 'docs', services: ['api'], path: 's/{service}', previews: { github, cluster: 'dev-aws', path: 'p/{service}' } }),
    ]), [
      'apps[0].previews.path is missing; the app deploys several services, so give the folder of one preview in https://github.com/acme/web.git, e.g. "deploy/preview"',
      'apps[1].previews.path "p/{service}" contains {service}, but a preview deploys one folder; give the folder of the preview, e.g. "deploy/preview"',
    ]],
    ['an app name too long for its preview namespaces', (d) => (d.apps = [app({ name: 'b'.repeat(54), previews: { github, cluster: 'dev-aws' } })]), [
      `apps[0].name "${'b'.repeat(54)}" is too long for its preview namespaces "${'b'.repeat(54)}-pr-<number>", which must fit in 63 characters with pull request numbers of up to 6 digits; shorten the app name to at most 53 characters`,
    ]],
  ])('GIVEN %s WHEN checked THEN each problem is reported with its path, value and fix', (_name, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expected);
  });

  it('GIVEN an app name of the longest length previews allow WHEN checked THEN its preview namespaces fit a DNS label', () => {
    expect(MAX_PREVIEW_APP_NAME).toBe(53);
    expect(problemsOf((d) => (d.apps = [app({ name: 'b'.repeat(53), previews: { github, cluster: 'dev-aws' } })]))).toEqual([]);
    expect(`${'b'.repeat(53)}-pr-999999`).toHaveLength(63);
  });
});

describe('names of the Applications apps generate', () => {
  it.each<[string, (d: any) => void, string[]]>([
    ["an app whose name is another app's name and service", (d) => (d.apps = [app({ name: 'shop-api', environments: ['dev'] }), app({ name: 'shop', environments: ['dev'], services: ['api', 'web'], path: 's/{service}' })]), [
      'apps[1].services[0] "api" would name the Application of shop service api on dev-aws "shop-api-dev-aws", already the name of the Application of shop-api on dev-aws (apps[0].name), and 1 more like it; rename an app, a service or a cluster so that the names differ',
    ]],
    ['an app named like the previews ApplicationSet of another', (d) => (d.apps = [app({ name: 'x', previews: { github, cluster: 'dev-aws' } }), app({ name: 'x-previews' })]), [
      'apps[1].name "x-previews" would name the ApplicationSet of app x-previews "x-previews", already the name of the ApplicationSet of x\'s previews (apps[0].name); rename an app, a service or a cluster so that the names differ',
    ]],
    ['a cluster whose name makes an Application look like a preview', (d) => { d.clusters[1].name = 'pr-7'; d.apps = [app({ previews: { github, cluster: 'dev-aws' } })]; }, [
      'apps[0].name "web" would name its preview Applications "web-pr-<number>", a form the Application of web on pr-7 (apps[0].name) already has: "web-pr-7"; rename an app, a service or a cluster so that the names differ',
    ]],
  ])('GIVEN %s WHEN checked THEN the clash is reported once, naming both sources', (_name, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expected);
  });

  it('GIVEN two apps of the same name WHEN checked THEN only the duplicate name is reported, not each of their Applications', () => {
    expect(problemsOf((d) => (d.apps = [app(), app()]))).toEqual(['apps[1].name "web" is already the name of apps[0]; give every app a unique name']);
  });
});

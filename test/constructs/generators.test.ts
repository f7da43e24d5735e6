import { describe, expect, it } from 'vitest';
import { ApplicationSet } from '../../constructs/argocd/application-set';
import { ClusterGenerator } from '../../constructs/argocd/cluster-generator';
import { Destination } from '../../constructs/argocd/destination';
import { GitGenerator } from '../../constructs/argocd/git-generator';
import { ListGenerator } from '../../constructs/argocd/list-generator';
import { MatrixGenerator } from '../../constructs/argocd/matrix-generator';
import { PullRequestGenerator, PullRequestParam } from '../../constructs/argocd/pull-request-generator';
import { Source } from '../../constructs/argocd/source';
import { only, testChart } from '../helpers/synth';

const prod = ClusterGenerator.select({
  matchLabels: { 'fleetwright.io/fleet': 'acme', 'fleetwright.io/role': 'spoke' },
  matchExpressions: [
    { key: 'env', operator: 'In', values: ['staging', 'prod'] },
    { key: 'fleetwright.io/standby', operator: 'DoesNotExist' },
  ],
});
const services = GitGenerator.directories({ repoUrl: 'https://github.com/acme/tools.git', revision: 'main', include: ['services/*'] });

describe('ApplicationSet generators', () => {
  it('GIVEN matchLabels and matchExpressions WHEN a cluster generator is built THEN both are rendered in its selector as given', () => {
    expect(prod.spec).toEqual({
      clusters: {
        selector: {
          matchLabels: { 'fleetwright.io/fleet': 'acme', 'fleetwright.io/role': 'spoke' },
          matchExpressions: [
            { key: 'env', operator: 'In', values: ['staging', 'prod'] },
            { key: 'fleetwright.io/standby', operator: 'DoesNotExist' },
          ],
        },
      },
    });
  });

  it('GIVEN an empty selector WHEN a cluster generator is built THEN it selects every registered cluster', () => {
    expect(ClusterGenerator.select({ matchLabels: {}, matchExpressions: [] }).spec).toEqual({ clusters: { selector: {} } });
  });

  it('GIVEN Exists with values and In without WHEN a cluster generator is built THEN both are refused at once', () => {
    expect(() => ClusterGenerator.select({ matchExpressions: [{ key: 'env', operator: 'Exists', values: ['x'] }, { key: 'tier', operator: 'In', values: [] }] })).toThrow(
      'ClusterGenerator: matchExpressions key "env" with operator Exists takes no values; remove values\nClusterGenerator: matchExpressions key "tier" with operator In needs values; list at least one value',
    );
  });

  it('GIVEN elements WHEN a list generator is built THEN each element is one parameter set, keys sorted at every level', () => {
    expect(ListGenerator.elements([{ service: 'cart' }, { zone: 'b', service: 'checkout', extra: { z: '1', a: '2' } }]).spec).toEqual({
      list: { elements: [{ service: 'cart' }, { extra: { a: '2', z: '1' }, service: 'checkout', zone: 'b' }] },
    });
    const rendered = JSON.stringify(ListGenerator.elements([{ zone: 'b', service: 'checkout' }]).spec);
    expect(rendered).toBe('{"list":{"elements":[{"service":"checkout","zone":"b"}]}}');
  });

  it('GIVEN clusters WHEN a list generator of clusters is built THEN each is rendered with the cluster generator parameter names', () => {
    expect(ListGenerator.clusters([{ name: 'prod-eu', labels: { env: 'prod', 'fleetwright.io/role': 'spoke' } }, { name: 'dev-us' }]).spec).toEqual({
      list: {
        elements: [
          { name: 'prod-eu', metadata: { annotations: {}, labels: { env: 'prod', 'fleetwright.io/role': 'spoke' } } },
          { name: 'dev-us', metadata: { annotations: {}, labels: {} } },
        ],
      },
    });
  });

  it('GIVEN no element, an empty element and a key the template cannot read WHEN a list generator is built THEN every problem is reported', () => {
    expect(() => ListGenerator.elements([])).toThrow('ListGenerator: elements [] is empty, so no Application would be generated; list at least one element');
    expect(() => ListGenerator.elements([{}, { 'app-name': 'x' }])).toThrow(
      'ListGenerator: elements[0] {} has no parameter; give each element at least one key\nListGenerator: elements[1] key "app-name" is not a Go identifier, so the template could not read it as {{ .key }}; use letters, digits and _',
    );
  });

  it('GIVEN a cluster listed twice WHEN a list generator of clusters is built THEN it is refused', () => {
    expect(() => ListGenerator.clusters([{ name: 'a' }, { name: 'a' }])).toThrow('ListGenerator: clusters "a" is listed twice, so its Applications would be generated twice; list each cluster once');
  });

  it('GIVEN a folder pattern WHEN a Git directory generator is built THEN it reads the folders at the revision, and its parameters are .path.*', () => {
    expect(services.spec).toEqual({ git: { repoURL: 'https://github.com/acme/tools.git', revision: 'main', directories: [{ path: 'services/*' }] } });
    expect(services.param).toEqual({ path: '{{ .path.path }}', basename: '{{ .path.basename }}', basenameNormalized: '{{ .path.basenameNormalized }}' });
  });

  it('GIVEN exclusions, a prefix and a poll interval WHEN a Git directory generator is built THEN exclusions follow the inclusions and the parameters move under the prefix', () => {
    const git = GitGenerator.directories({ repoUrl: 'r', revision: 'v1', include: ['apps/*', 'infra/**'], exclude: ['apps/legacy'], pathParamPrefix: 'svc', requeueAfterSeconds: 60 });
    expect(git.spec).toEqual({
      git: {
        repoURL: 'r',
        revision: 'v1',
        directories: [{ path: 'apps/*' }, { path: 'infra/**' }, { path: 'apps/legacy', exclude: true }],
        pathParamPrefix: 'svc',
        requeueAfterSeconds: 60,
      },
    });
    expect(git.param.basenameNormalized).toBe('{{ .svc.path.basenameNormalized }}');
  });

  it('GIVEN no pattern, an absolute one and a parent folder WHEN a Git directory generator is built THEN every problem is reported', () => {
    expect(() => GitGenerator.directories({ repoUrl: 'r', revision: 'main', include: [] })).toThrow('GitGenerator: include [] is empty, so no folder would be found; give a pattern such as "services/*"');
    expect(() => GitGenerator.directories({ repoUrl: 'r', revision: 'main', include: ['/services/*'], exclude: ['../x'], pathParamPrefix: 'my-prefix', requeueAfterSeconds: 0 })).toThrow(
      [
        'GitGenerator: include[0] "/services/*" is not a path relative to the repository root; write it like "services/*"',
        'GitGenerator: exclude[0] "../x" is not a path relative to the repository root; write it like "services/*"',
        'GitGenerator: pathParamPrefix "my-prefix" is not a Go identifier, so the template could not read it; use letters, digits and _',
        'GitGenerator: requeueAfterSeconds 0 is not a positive whole number of seconds; use e.g. 180',
      ].join('\n'),
    );
  });

  it('GIVEN clusters and a list of services WHEN combined in a matrix THEN both children are rendered, clusters first', () => {
    const matrix = MatrixGenerator.of(prod, ListGenerator.elements([{ service: 'cart' }, { service: 'checkout' }]));
    expect(matrix.spec).toEqual({ matrix: { generators: [prod.spec, { list: { elements: [{ service: 'cart' }, { service: 'checkout' }] } }] } });
  });

  it('GIVEN clusters and Git directories WHEN combined in a matrix THEN both children are rendered, clusters first', () => {
    expect(MatrixGenerator.of(prod, services).spec).toEqual({
      matrix: { generators: [prod.spec, { git: { repoURL: 'https://github.com/acme/tools.git', revision: 'main', directories: [{ path: 'services/*' }] } }] },
    });
  });

  it('GIVEN a matrix nested once WHEN combined again THEN the nesting is accepted, and a third level is refused', () => {
    const once = MatrixGenerator.of(MatrixGenerator.of(prod, services), ListGenerator.elements([{ tier: 'a' }]));
    expect(once.spec.matrix!.generators[0]).toEqual(MatrixGenerator.of(prod, services).spec);
    expect(() => MatrixGenerator.of(once, prod)).toThrow(
      'MatrixGenerator: generators[0] "matrix" nests combination generators two levels deep, which Argo CD does not process; nest a matrix at most once',
    );
  });

  it('GIVEN two Git generators without a prefix WHEN combined in a matrix THEN it is refused, and a prefix on one makes it valid', () => {
    const other = GitGenerator.directories({ repoUrl: 'r', revision: 'main', include: ['envs/*'] });
    expect(() => MatrixGenerator.of(services, other)).toThrow(
      'MatrixGenerator: generators are two Git generators with the same path parameters (no pathParamPrefix), which Argo CD refuses to combine; give one of them a different pathParamPrefix',
    );
    const prefixed = GitGenerator.directories({ repoUrl: 'r', revision: 'main', include: ['envs/*'], pathParamPrefix: 'env' });
    expect(MatrixGenerator.of(services, prefixed).spec.matrix!.generators).toHaveLength(2);
  });

  it('GIVEN a GitHub repository, a token Secret and labels WHEN a pull request generator is built THEN the token is referenced and polled every 5 minutes', () => {
    expect(PullRequestGenerator.github({ owner: 'acme', repo: 'payments', tokenSecret: { name: 'github-token', key: 'token' }, labels: ['preview'] }).spec).toEqual({
      pullRequest: {
        github: { owner: 'acme', repo: 'payments', tokenRef: { secretName: 'github-token', key: 'token' }, labels: ['preview'] },
        requeueAfterSeconds: 300,
      },
    });
  });

  it('GIVEN GitHub Enterprise and no labels WHEN a pull request generator is built THEN the API is set and every open pull request counts', () => {
    expect(PullRequestGenerator.github({ owner: 'acme', repo: 'web.site', tokenSecret: { name: 'ghe', key: 'pat' }, api: 'https://ghe.acme.io/api/v3', requeueAfterSeconds: 60 }).spec).toEqual({
      pullRequest: { github: { owner: 'acme', repo: 'web.site', api: 'https://ghe.acme.io/api/v3', tokenRef: { secretName: 'ghe', key: 'pat' } }, requeueAfterSeconds: 60 },
    });
  });

  it('GIVEN an owner in the repository name and a token Secret that is no Secret name WHEN a pull request generator is built THEN every problem is reported', () => {
    expect(() => PullRequestGenerator.github({ owner: 'acme/', repo: 'acme/payments', tokenSecret: { name: 'GitHub_Token', key: '' }, labels: [' '], api: 'http://ghe' })).toThrow(
      [
        'PullRequestGenerator: owner "acme/" is not a GitHub user or organization name; use letters, digits and -, e.g. "acme"',
        'PullRequestGenerator: repo "acme/payments" is not a GitHub repository name; give the name alone, e.g. "payments-api" (the owner goes in owner)',
        'PullRequestGenerator: tokenSecret.name "GitHub_Token" is not a Secret name; name the Secret holding the token, e.g. "github-token"',
        'PullRequestGenerator: tokenSecret.key "" is empty; name the key of the token in the Secret, e.g. "token"',
        'PullRequestGenerator: labels[0] " " is empty; give the label as GitHub shows it, e.g. "preview"',
        'PullRequestGenerator: api "http://ghe" is not an https URL; use e.g. "https://github.example.com/api/v3"',
      ].join('\n'),
    );
  });

  it('GIVEN the pull request parameters WHEN used in templates THEN they read the generator keys Argo CD documents', () => {
    expect(PullRequestParam).toEqual({
      number: '{{ .number }}',
      branch: '{{ .branch }}',
      branchSlug: '{{ .branch_slug }}',
      headSha: '{{ .head_sha }}',
      headShortSha: '{{ .head_short_sha }}',
    });
  });
});

describe('ApplicationSet deletion guard rails', () => {
  const template = {
    name: 'web-pr-{{ .number }}',
    project: 'dev',
    sources: [Source.git({ repoUrl: 'https://github.com/acme/web.git', revision: '{{ .head_sha }}', path: 'deploy' })],
    destination: Destination.cluster('dev-a', 'web-pr-{{ .number }}'),
  };
  const generators = [PullRequestGenerator.github({ owner: 'acme', repo: 'web', tokenSecret: { name: 'github-token', key: 'token' } })];

  it('GIVEN cascadeDelete without preserving resources WHEN synthesized THEN each Application carries the resources finalizer and the set deletes freely', () => {
    const { chart, objects } = testChart();
    new ApplicationSet(chart, 'previews', { metadata: { name: 'web-previews', namespace: 'argocd' }, generators, preserveResourcesOnDeletion: false, template: { ...template, cascadeDelete: true } });
    const set = only(objects(), 'ApplicationSet');
    expect(set.spec.template.metadata).toEqual({ name: 'web-pr-{{ .number }}', finalizers: ['resources-finalizer.argocd.argoproj.io'] });
    expect(set.spec.syncPolicy).toEqual({ preserveResourcesOnDeletion: false });
    expect(set.spec.strategy).toBeUndefined();
  });

  it('GIVEN cascadeDelete with the default preserveResourcesOnDeletion WHEN an ApplicationSet is built THEN it is refused, since the finalizer would win', () => {
    const { chart } = testChart();
    expect(() => new ApplicationSet(chart, 'previews', { metadata: { name: 'web-previews', namespace: 'argocd' }, generators, template: { ...template, cascadeDelete: true } })).toThrow(
      'ApplicationSet "web-previews": template.cascadeDelete true deletes what an Application deployed when the ApplicationSet removes it, which preserveResourcesOnDeletion (true) is meant to prevent; set preserveResourcesOnDeletion: false for ApplicationSets whose Applications own what they deploy (e.g. previews)',
    );
  });

  it('GIVEN keepApplications WHEN synthesized THEN Applications are only created and updated, and resources are preserved', () => {
    const { chart, objects } = testChart();
    new ApplicationSet(chart, 'app', { metadata: { name: 'web', namespace: 'argocd' }, generators: [prod], keepApplications: true, template: { ...template, name: 'web-{{ .name }}' } });
    expect(only(objects(), 'ApplicationSet').spec.syncPolicy).toEqual({ preserveResourcesOnDeletion: true, applicationsSync: 'create-update' });
  });
});

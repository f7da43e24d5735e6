import { Duration } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AppProject } from '../../constructs/argocd/app-project';
import { Application } from '../../constructs/argocd/application';
import { ApplicationSet } from '../../constructs/argocd/application-set';
import { ClusterGenerator } from '../../constructs/argocd/cluster-generator';
import { Destination } from '../../constructs/argocd/destination';
import { Source } from '../../constructs/argocd/source';
import { automatedSync, Retry } from '../../constructs/argocd/sync-policy';
import { only, testChart } from '../helpers/synth';

const source = { repoUrl: 'https://github.com/acme/fleet.git', revision: 'main', path: 'gitops/clusters/x' };
const sources = [Source.git(source)];

describe('Argo CD constructs', () => {
  it('GIVEN defaults WHEN an automated sync policy is built THEN it prunes, self-heals and retries with backoff', () => {
    expect(automatedSync()).toEqual({
      automated: { prune: true, selfHeal: true },
      retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
    });
    expect(automatedSync({ createNamespace: true, serverSideApply: true, retry: Retry.exponential({ limit: 3, initial: Duration.seconds(5), max: Duration.hours(1) }) })).toEqual({
      automated: { prune: true, selfHeal: true },
      syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'],
      retry: { limit: 3, backoff: { duration: '5s', factor: 2, maxDuration: '1h' } },
    });
  });

  it('GIVEN a retry until synced WHEN the policy is built THEN the limit is -1 (unlimited) with the same backoff', () => {
    expect(automatedSync({ retry: Retry.untilSynced() }).retry).toEqual({ limit: -1, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } });
  });

  it('GIVEN a fractional backoff factor WHEN the retry is built THEN it is refused with the fix', () => {
    expect(() => Retry.exponential({ factor: 1.5 })).toThrow('Retry.exponential: factor 1.5 must be a whole number ≥ 1 (Argo CD takes an integer); use e.g. 2');
  });

  it('GIVEN an Application WHEN synthesized THEN source, destination and policy are rendered, without finalizer by default', () => {
    const { chart, objects } = testChart();
    new Application(chart, 'app', {
      metadata: { name: 'root', namespace: 'argocd' },
      project: 'hub',
      sources,
      destination: Destination.inCluster('argocd'),
      syncPolicy: automatedSync(),
    });
    const app = only(objects(), 'Application');
    expect(app.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(app.metadata).toEqual({ name: 'root', namespace: 'argocd' });
    expect(app.spec.source).toEqual({ repoURL: source.repoUrl, targetRevision: 'main', path: 'gitops/clusters/x' });
    expect(app.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'argocd' });
    expect(app.spec.project).toBe('hub');
  });

  it('GIVEN cascadeDelete WHEN synthesized THEN the resources finalizer is set', () => {
    const { chart, objects } = testChart();
    new Application(chart, 'app', { metadata: { name: 'a', namespace: 'argocd' }, project: 'p', sources, destination: Destination.cluster('c', 'ns'), cascadeDelete: true });
    expect(only(objects(), 'Application').metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
  });

  it('GIVEN an empty project and an absolute path WHEN an Application is built THEN both problems are reported', () => {
    const { chart } = testChart();
    expect(() => new Application(chart, 'bad', { metadata: { name: 'bad', namespace: 'argocd' }, project: '', sources: [Source.git({ ...source, path: '/abs' })], destination: Destination.cluster('c', 'ns') })).toThrow(
      'Application "bad": project "" is empty; name an AppProject\nApplication "bad": sources[0].path "/abs" is absolute; use a path relative to the repository root',
    );
  });

  it('GIVEN a cluster generator WHEN synthesized THEN the ApplicationSet uses Go templates with missingkey=error and keeps resources on deletion', () => {
    const { chart, objects } = testChart();
    new ApplicationSet(chart, 'set', {
      metadata: { name: 'set', namespace: 'argocd' },
      generators: [ClusterGenerator.select({ matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['production'] }] })],
      template: {
        name: 'set-{{ .name }}',
        project: '{{ index .metadata.labels "env" }}',
        sources,
        destination: Destination.cluster('{{ .name }}', 'ns'),
      },
    });
    const set = only(objects(), 'ApplicationSet');
    expect(set.spec.goTemplate).toBe(true);
    expect(set.spec.goTemplateOptions).toEqual(['missingkey=error']);
    expect(set.spec.generators).toEqual([
      { clusters: { selector: { matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['production'] }] } } },
    ]);
    expect(set.spec.template.metadata).toEqual({ name: 'set-{{ .name }}' });
    expect(set.spec.template.spec.destination).toEqual({ name: '{{ .name }}', namespace: 'ns' });
    expect(set.spec.syncPolicy).toEqual({ preserveResourcesOnDeletion: true });
  });

  it('GIVEN a template name without a parameter WHEN an ApplicationSet is built THEN it is refused', () => {
    const { chart } = testChart();
    expect(() => new ApplicationSet(chart, 'set', {
      metadata: { name: 'set', namespace: 'argocd' },
      generators: [ClusterGenerator.select({})],
      template: { name: 'fixed', project: 'p', sources, destination: Destination.cluster('{{ .name }}', 'ns') },
    })).toThrow('ApplicationSet "set": template.name "fixed" is not templated, so every generated Application would have the same name; include a parameter such as {{ .name }}');
  });

  it('GIVEN an In expression without values WHEN a cluster generator is built THEN it is refused', () => {
    expect(() => ClusterGenerator.select({ matchExpressions: [{ key: 'env', operator: 'In' }] })).toThrow(
      'ClusterGenerator: matchExpressions key "env" with operator In needs values; list at least one value',
    );
  });

  it('GIVEN repositories and destinations WHEN an AppProject is synthesized THEN they are restricted to exactly those', () => {
    const { chart, objects } = testChart();
    new AppProject(chart, 'p', {
      metadata: { name: 'prod', namespace: 'argocd' },
      description: 'prod clusters',
      sourceRepos: ['https://b.example/r.git', 'https://a.example/r.git', 'https://b.example/r.git'],
      destinations: [{ cluster: 'prod-a', namespace: '*' }, { inCluster: true, namespace: 'argocd' }],
      clusterResources: [{ group: '', kind: 'Namespace' }],
    });
    expect(only(objects(), 'AppProject').spec).toEqual({
      description: 'prod clusters',
      sourceRepos: ['https://a.example/r.git', 'https://b.example/r.git'],
      destinations: [{ name: 'prod-a', namespace: '*' }, { server: 'https://kubernetes.default.svc', namespace: 'argocd' }],
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
    });
  });

  it('GIVEN no destinations WHEN an AppProject is built THEN it is refused', () => {
    const { chart } = testChart();
    expect(() => new AppProject(chart, 'p', { metadata: { name: 'empty', namespace: 'argocd' }, description: '', sourceRepos: ['r'], destinations: [] })).toThrow(
      'AppProject "empty": destinations [] is empty, so no application could deploy; list the clusters the project may deploy to',
    );
  });
});

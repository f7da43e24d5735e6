import { describe, expect, it } from 'vitest';
import { fluxGitUrl, GitReference, GitRepository } from '../../constructs/flux/git-repository';
import { HelmChartSource } from '../../constructs/flux/helm-chart-source';
import { HelmRelease } from '../../constructs/flux/helm-release';
import { HelmRepository } from '../../constructs/flux/helm-repository';
import { Kustomization, KustomizationHealth } from '../../constructs/flux/kustomization';
import { OCIRepository } from '../../constructs/flux/oci-repository';
import { only, testChart } from '../helpers/synth';

const fleetSource = { kind: 'GitRepository' as const, name: 'fleet', namespace: 'flux-system' };
const kubeConfig = { name: 'prod-1-kubeconfig', key: 'value' };

describe('Flux sources', () => {
  it.each([
    ['main', { branch: 'main' }],
    ['release/2026-09', { branch: 'release/2026-09' }],
    ['v1.4.0', { tag: 'v1.4.0' }],
    ['2.1', { tag: '2.1' }],
    ['v2.0.0-rc.1', { tag: 'v2.0.0-rc.1' }],
    ['refs/tags/stable', { name: 'refs/tags/stable' }],
    ['0123456789abcdef0123456789abcdef01234567', { commit: '0123456789abcdef0123456789abcdef01234567' }],
  ])('GIVEN revision %s WHEN it becomes a GitRepository reference THEN Flux is told %j', (revision, ref) => {
    expect(GitReference.fromRevision(revision).spec).toEqual(ref);
  });

  it.each([
    ['git@github.com:acme/fleet.git', 'ssh://git@github.com/acme/fleet.git'],
    ['github.com:acme/fleet.git', 'ssh://github.com/acme/fleet.git'],
    ['https://github.com/acme/fleet.git', 'https://github.com/acme/fleet.git'],
    ['ssh://git@gitlab.acme.io:2222/platform/fleet.git', 'ssh://git@gitlab.acme.io:2222/platform/fleet.git'],
  ])('GIVEN the Git URL %s WHEN rewritten for Flux THEN it is %s', (url, expected) => {
    expect(fluxGitUrl(url)).toBe(expected);
  });

  it('GIVEN a GitRepository WHEN synthesized THEN it fetches the reference every interval, with credentials only by Secret name', () => {
    const { chart, objects } = testChart();
    const repo = new GitRepository(chart, 'fleet', { name: 'fleet', namespace: 'flux-system', interval: '10m', url: 'https://github.com/acme/fleet.git', ref: GitReference.branch('main'), secretName: 'fleet-git' });
    expect(only(objects(), 'GitRepository')).toEqual({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'fleet', namespace: 'flux-system' },
      spec: { interval: '10m', url: 'https://github.com/acme/fleet.git', ref: { branch: 'main' }, secretRef: { name: 'fleet-git' } },
    });
    expect(repo.ref).toEqual(fleetSource);
  });

  it('GIVEN an scp-like URL and a bad interval WHEN a GitRepository is built THEN both problems are reported', () => {
    const { chart } = testChart();
    expect(() => new GitRepository(chart, 'bad', { name: 'fleet', namespace: 'flux-system', interval: '1d', url: 'git@github.com:acme/fleet.git', ref: GitReference.branch('main') })).toThrow(
      'GitRepository "fleet": interval "1d" is not a duration Flux accepts; write a positive duration in ms, s, m or h, e.g. "10m" or "1h30m"\n' +
        'GitRepository "fleet": url "git@github.com:acme/fleet.git" is not a URL Flux can clone; use https://, http:// or ssh:// (rewrite git@host:org/repo.git with fluxGitUrl)',
    );
  });

  it('GIVEN a HelmRepository WHEN a chart of it is taken THEN the HelmRelease spec pins the chart and version from that repository', () => {
    const { chart, objects } = testChart();
    const repo = new HelmRepository(chart, 'jetstack', { name: 'charts-jetstack-io', namespace: 'flux-system', interval: '10m', url: 'https://charts.jetstack.io' });
    expect(only(objects(), 'HelmRepository').spec).toEqual({ interval: '10m', url: 'https://charts.jetstack.io' });
    expect(repo.chart('cert-manager', 'v1.21.1').spec).toEqual({
      chart: { spec: { chart: 'cert-manager', version: 'v1.21.1', sourceRef: { kind: 'HelmRepository', name: 'charts-jetstack-io', namespace: 'flux-system' } } },
    });
  });

  it('GIVEN an OCI registry URL WHEN a HelmRepository is built THEN it points at OCIRepository instead', () => {
    const { chart } = testChart();
    expect(() => new HelmRepository(chart, 'oci', { name: 'ghcr', namespace: 'flux-system', interval: '10m', url: 'oci://ghcr.io/acme/charts' })).toThrow(
      'HelmRepository "ghcr": url "oci://ghcr.io/acme/charts" is not an http(s) Helm repository; use the https URL of the repository; for an OCI registry use an OCIRepository',
    );
  });

  it('GIVEN a chart in an OCI registry WHEN an OCIRepository is built THEN it holds the chart layer at the pinned tag, for chartRef', () => {
    const { chart, objects } = testChart();
    const repo = new OCIRepository(chart, 'podinfo', { name: 'podinfo', namespace: 'flux-system', interval: '10m', url: 'oci://ghcr.io/stefanprodan/charts/podinfo', tag: '6.5.0' });
    expect(only(objects(), 'OCIRepository').spec).toEqual({
      interval: '10m',
      url: 'oci://ghcr.io/stefanprodan/charts/podinfo',
      ref: { tag: '6.5.0' },
      layerSelector: { mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', operation: 'copy' },
    });
    expect(repo.chart().spec).toEqual({ chartRef: { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'OCIRepository', name: 'podinfo', namespace: 'flux-system' } });
  });
});

describe('Flux Kustomization', () => {
  it('GIVEN a remote cluster, a dependency and wait WHEN synthesized THEN every field carrying the behaviour is set', () => {
    const { chart, objects } = testChart();
    new Kustomization(chart, 'ks', {
      name: 'cluster-config-prod-1',
      namespace: 'clusters',
      labels: { 'fleetwright.io/cluster': 'prod-1' },
      interval: '10m',
      timeout: '5m',
      retryInterval: '2m',
      source: fleetSource,
      path: 'gitops/clusters/prod-1',
      kubeConfig,
      dependsOn: [{ name: 'cluster-config-wave-dev', namespace: 'flux-system' }],
      health: KustomizationHealth.waitForAll(),
    });
    expect(only(objects(), 'Kustomization')).toEqual({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'cluster-config-prod-1', namespace: 'clusters', labels: { 'fleetwright.io/cluster': 'prod-1' } },
      spec: {
        sourceRef: { kind: 'GitRepository', name: 'fleet', namespace: 'flux-system' },
        path: './gitops/clusters/prod-1',
        prune: true,
        interval: '10m',
        timeout: '5m',
        retryInterval: '2m',
        kubeConfig: { secretRef: { name: 'prod-1-kubeconfig', key: 'value' } },
        dependsOn: [{ name: 'cluster-config-wave-dev', namespace: 'flux-system' }],
        wait: true,
      },
    });
  });

  it('GIVEN health checks, patches, a target namespace and an orphaning deletion WHEN synthesized THEN they are rendered as Flux takes them', () => {
    const { chart, objects } = testChart();
    new Kustomization(chart, 'ks', {
      name: 'shop-prod-1-dr',
      namespace: 'clusters',
      interval: '10m',
      source: { kind: 'GitRepository', name: 'app-shop', namespace: 'flux-system' },
      path: '.',
      prune: false,
      targetNamespace: 'shop',
      patches: [{ patch: '[{"op":"add","path":"/spec/replicas","value":1}]', target: { group: 'apps', kind: 'Deployment' } }],
      health: KustomizationHealth.check([{ apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', name: 'velero-prod-1', namespace: 'clusters' }]),
      deletionPolicy: 'Orphan',
    });
    const spec = only(objects(), 'Kustomization').spec;
    expect(spec.path).toBe('./');
    expect(spec.prune).toBe(false);
    expect(spec.targetNamespace).toBe('shop');
    expect(spec.patches).toEqual([{ patch: '[{"op":"add","path":"/spec/replicas","value":1}]', target: { group: 'apps', kind: 'Deployment' } }]);
    expect(spec.healthChecks).toEqual([{ apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', name: 'velero-prod-1', namespace: 'clusters' }]);
    expect(spec.wait).toBeUndefined();
    expect(spec.deletionPolicy).toBe('Orphan');
    expect(spec.kubeConfig).toBeUndefined();
  });

  it('GIVEN a name too long for a label, an absolute path, a zero timeout and itself as dependency WHEN built THEN every problem is reported', () => {
    const { chart } = testChart();
    const name = `cluster-config-${'a'.repeat(50)}`;
    expect(
      () =>
        new Kustomization(chart, 'bad', {
          name,
          namespace: 'clusters',
          interval: '10m',
          timeout: '0s',
          source: fleetSource,
          path: '/clusters/a',
          dependsOn: [{ name, namespace: 'clusters' }, { name: 'gate', namespace: 'flux-system' }, { name: 'gate', namespace: 'flux-system' }],
        }),
    ).toThrow(
      [
        `Kustomization "${name}": name "${name}" is 65 characters long, more than the 63 Flux allows here; shorten it to 63 characters`,
        `Kustomization "${name}": path "/clusters/a" is not a folder inside the source; give a relative path such as "clusters/dev-1"`,
        `Kustomization "${name}": timeout "0s" is not a duration Flux accepts; write a positive duration in ms, s, m or h, e.g. "10m" or "1h30m"`,
        `Kustomization "${name}": dependsOn ["flux-system/gate"] lists the same object more than once; list each object once`,
        `Kustomization "${name}": dependsOn ["clusters/${name}","flux-system/gate","flux-system/gate"] lists the Kustomization itself, so it would never become ready; remove it from dependsOn`,
      ].join('\n'),
    );
  });

  it('GIVEN no objects WHEN health checks are asked for THEN the fix is named', () => {
    expect(() => KustomizationHealth.check([])).toThrow('KustomizationHealth.check: no objects; use KustomizationHealth.none()');
  });
});

describe('Flux HelmRelease', () => {
  const chartSource = HelmChartSource.fromHelmRepository({ name: 'charts-jetstack-io', namespace: 'flux-system' }, 'cert-manager', 'v1.21.1');

  it('GIVEN a chart for a remote cluster WHEN synthesized THEN it installs into the add-on namespace there, keeps Helm records there, replaces CRDs and retries failures', () => {
    const { chart, objects } = testChart();
    new HelmRelease(chart, 'hr', {
      name: 'cert-manager-prod-1',
      namespace: 'clusters',
      interval: '10m',
      timeout: '5m',
      retryInterval: '2m',
      chart: chartSource,
      releaseName: 'cert-manager',
      targetNamespace: 'cert-manager',
      kubeConfig,
      dependsOn: [{ name: 'external-secrets-prod-1', namespace: 'clusters' }],
      values: { crds: { keep: true } },
    });
    expect(only(objects(), 'HelmRelease')).toMatchSnapshot();
    const spec = only(objects(), 'HelmRelease').spec;
    expect(spec.storageNamespace).toBe('cert-manager');
    expect(spec.targetNamespace).toBe('cert-manager');
    expect(spec.install).toEqual({ createNamespace: true, crds: 'CreateReplace', strategy: { name: 'RetryOnFailure', retryInterval: '2m' } });
    expect(spec.upgrade).toEqual({ crds: 'CreateReplace', strategy: { name: 'RetryOnFailure', retryInterval: '2m' } });
    expect(spec.kubeConfig).toEqual({ secretRef: { name: 'prod-1-kubeconfig', key: 'value' } });
  });

  it('GIVEN no values, a chart from an OCIRepository and the hub WHEN synthesized THEN there is no values key, a chartRef and no kubeconfig', () => {
    const { chart, objects } = testChart();
    new HelmRelease(chart, 'hr', {
      name: 'podinfo-hub',
      namespace: 'clusters',
      interval: '10m',
      chart: HelmChartSource.fromOCIRepository({ name: 'podinfo', namespace: 'flux-system' }),
      releaseName: 'podinfo',
      targetNamespace: 'podinfo',
      storageNamespace: 'helm-records',
      createNamespace: false,
      crds: 'Skip',
    });
    const spec = only(objects(), 'HelmRelease').spec;
    expect(spec.chartRef).toEqual({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'OCIRepository', name: 'podinfo', namespace: 'flux-system' });
    expect(spec.chart).toBeUndefined();
    expect(spec.values).toBeUndefined();
    expect(spec.kubeConfig).toBeUndefined();
    expect(spec.storageNamespace).toBe('helm-records');
    expect(spec.install).toEqual({ createNamespace: false, crds: 'Skip', strategy: { name: 'RetryOnFailure' } });
  });

  it('GIVEN a version range and a release name over 53 characters WHEN built THEN both are refused', () => {
    const { chart } = testChart();
    expect(
      () =>
        new HelmRelease(chart, 'bad', {
          name: 'x',
          namespace: 'clusters',
          interval: '10m',
          chart: HelmChartSource.fromHelmRepository({ name: 'r', namespace: 'flux-system' }, 'cert-manager', '>=1.0.0'),
          releaseName: 'r'.repeat(54),
          targetNamespace: 'cert-manager',
        }),
    ).toThrow(
      `HelmRelease "x": releaseName "${'r'.repeat(54)}" is 54 characters long, more than the 53 Helm allows; shorten it to 53 characters\n` +
        'HelmRelease "x": chart.version ">=1.0.0" is a range, so the chart could change without a commit; pin an exact version',
    );
  });
});

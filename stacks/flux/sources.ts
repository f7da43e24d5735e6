/**
 * The sources the fleet's Flux objects build from, all in Flux's namespace
 * on the hub: the fleet repository, one GitRepository per app, and one chart
 * source per chart repository of the add-ons in use (a HelmRepository per
 * https repository; an OCIRepository per chart kept in an OCI registry,
 * which Flux recommends over HelmRepositories of type oci).
 */
import type { Construct } from 'constructs';
import type { KustomizationSourceRef } from '../../constructs/flux/api';
import { fluxGitUrl, GitReference, GitRepository } from '../../constructs/flux/git-repository';
import type { HelmChartSource } from '../../constructs/flux/helm-chart-source';
import { HelmRepository } from '../../constructs/flux/helm-repository';
import { OCIRepository } from '../../constructs/flux/oci-repository';
import { CATALOG, type AddonName, type App, type Fleet } from '../../model';
import { FluxNames } from '../../model/delivery/engine-rules';
import { isOciChart } from '../delivery/addon-components';

/** The fleet repository's GitRepository, as Kustomizations refer to it. */
export function fleetSource(fleet: Fleet): KustomizationSourceRef {
  return { kind: 'GitRepository', name: FluxNames.fleetSource, namespace: fleet.flux.namespace };
}

/** An app's GitRepository, as Kustomizations refer to it. */
export function appSource(fleet: Fleet, app: App): KustomizationSourceRef {
  return { kind: 'GitRepository', name: FluxNames.appSource(app.name), namespace: fleet.flux.namespace };
}

/**
 * Name of the HelmRepository of an https chart repository: its host and path
 * in DNS-1123 form, e.g. `charts-jetstack-io` for https://charts.jetstack.io.
 */
export function helmRepositoryName(repoUrl: string): string {
  return repoUrl
    .replace(/^https?:\/\//, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Adds the GitRepositories of the fleet and its apps and the chart sources of `addons`; returns each add-on's chart source. */
export function addSources(scope: Construct, fleet: Fleet, addons: readonly AddonName[]): ReadonlyMap<AddonName, HelmChartSource> {
  const interval = fleet.flux.interval;
  const namespace = fleet.flux.namespace;
  new GitRepository(scope, 'fleet', {
    name: FluxNames.fleetSource,
    namespace,
    interval,
    url: fluxGitUrl(fleet.repo.url),
    ref: GitReference.fromRevision(fleet.repo.revision),
  });
  for (const app of fleet.apps) {
    new GitRepository(scope, `app-${app.name}`, {
      name: FluxNames.appSource(app.name),
      namespace,
      interval,
      url: fluxGitUrl(app.repoUrl),
      ref: GitReference.fromRevision(app.revision),
    });
  }
  const charts = new Map<AddonName, HelmChartSource>();
  const repositories = new Map<string, HelmRepository>();
  for (const addon of addons) {
    const chart = CATALOG[addon].chart;
    if (!chart) continue;
    if (isOciChart(chart)) {
      const repository = new OCIRepository(scope, `oci-${addon}`, {
        name: addon,
        namespace,
        interval,
        url: `oci://${chart.repoUrl.replace(/\/+$/, '')}/${chart.chart}`,
        tag: chart.version,
      });
      charts.set(addon, repository.chart());
      continue;
    }
    const name = helmRepositoryName(chart.repoUrl);
    let repository = repositories.get(name);
    if (repository && repository.url !== chart.repoUrl) {
      throw new Error(`Flux: chart repositories ${repository.url} and ${chart.repoUrl} would both be the HelmRepository ${name}; write the catalog's repository URLs the same way`);
    }
    if (!repository) {
      repository = new HelmRepository(scope, `helm-${name}`, { name, namespace, interval, url: chart.repoUrl });
      repositories.set(name, repository);
    }
    charts.set(addon, repository.chart(chart.chart, chart.version));
  }
  return charts;
}

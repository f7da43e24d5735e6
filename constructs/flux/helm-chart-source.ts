/**
 * Where a HelmRelease's chart comes from: a chart and exact version of a
 * HelmRepository (`spec.chart`), or an OCIRepository holding the chart
 * (`spec.chartRef`).
 * @see https://fluxcd.io/flux/components/helm/helmreleases/#chart-template
 */
import { refSpec, SOURCE_API_VERSION, type FluxObjectRef } from './api';

export class HelmChartSource {
  /** `chart` at `version` from a HelmRepository. */
  static fromHelmRepository(repository: FluxObjectRef, chart: string, version: string): HelmChartSource {
    return new HelmChartSource(
      {
        chart: {
          spec: {
            chart,
            version,
            sourceRef: { kind: 'HelmRepository', ...refSpec(repository) },
          },
        },
      },
      { chart, version },
    );
  }

  /** The chart an OCIRepository holds (its version is the repository's tag). */
  static fromOCIRepository(repository: FluxObjectRef): HelmChartSource {
    return new HelmChartSource({ chartRef: { apiVersion: SOURCE_API_VERSION, kind: 'OCIRepository', ...refSpec(repository) } }, {});
  }

  private constructor(
    /** The part of the HelmRelease's spec that names the chart. */
    readonly spec: Readonly<Record<string, unknown>>,
    /** What a HelmRelease checks: the chart name and version, when they are known here. */
    readonly pinned: { readonly chart?: string; readonly version?: string },
  ) {}
}

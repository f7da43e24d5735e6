/**
 * Where an Application's manifests come from. Several sources combine (Argo
 * CD multi-source): a Helm chart whose value files live in the fleet
 * repository (`valuesRef`), plus a folder of the fleet's own manifests.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/multiple_sources/
 */
import type { HelmValues } from '../../model';
import type { ApplicationSourceSpec } from './types';

export interface GitFolder {
  readonly repoUrl: string;
  /** Branch, tag or commit. */
  readonly revision: string;
  /** Folder in the repository (plain manifests or a kustomization). */
  readonly path: string;
  /**
   * JSON patches Argo CD applies through kustomize (the folder must be a kustomization).
   * @default []
   */
  readonly kustomizePatches?: readonly { readonly target: { readonly kind: string; readonly group?: string }; readonly patch: string }[];
}

export interface HelmChartSource {
  readonly repoUrl: string;
  readonly chart: string;
  readonly version: string;
  /** Helm release name; keep it short (53 characters) and stable. */
  readonly releaseName: string;
  /**
   * Value files, in order; `$<ref>/path` reads from a `valuesRef` source.
   * @default []
   */
  readonly valueFiles?: readonly string[];
  /**
   * Skip value files that do not exist (per-cluster files are optional).
   * @default false
   */
  readonly ignoreMissingValueFiles?: boolean;
  /**
   * Values over the files (may hold ApplicationSet parameters).
   * @default {}
   */
  readonly valuesObject?: HelmValues;
}

export class Source {
  /** A folder of a Git repository. */
  static git(folder: GitFolder): Source {
    const patches = folder.kustomizePatches ?? [];
    return new Source({
      repoURL: folder.repoUrl,
      targetRevision: folder.revision,
      path: folder.path,
      ...(patches.length > 0
        ? { kustomize: { patches: patches.map((p) => ({ target: { ...(p.target.group !== undefined ? { group: p.target.group } : {}), kind: p.target.kind }, patch: p.patch })) } }
        : {}),
    });
  }

  /** A chart from a Helm repository. */
  static helmChart(chart: HelmChartSource): Source {
    const valuesObject = chart.valuesObject && Object.keys(chart.valuesObject).length > 0 ? chart.valuesObject : undefined;
    return new Source({
      repoURL: chart.repoUrl,
      chart: chart.chart,
      targetRevision: chart.version,
      helm: {
        releaseName: chart.releaseName,
        ...(chart.valueFiles && chart.valueFiles.length > 0 ? { valueFiles: [...chart.valueFiles] } : {}),
        ...(chart.ignoreMissingValueFiles ? { ignoreMissingValueFiles: true } : {}),
        ...(valuesObject ? { valuesObject: valuesObject as Record<string, unknown> } : {}),
      },
    });
  }

  /** A repository whose files other sources read as `$<ref>/…` (it renders nothing itself). */
  static valuesRef(repo: { readonly repoUrl: string; readonly revision: string; readonly ref: string }): Source {
    return new Source({ repoURL: repo.repoUrl, targetRevision: repo.revision, ref: repo.ref });
  }

  private constructor(readonly spec: ApplicationSourceSpec) {}

  get repoUrl(): string {
    return this.spec.repoURL;
  }
}

/**
 * What the stacks hand to the outputs: folders of plain Kubernetes objects.
 * The GitOps writer and the Pulumi program consume the same units.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import { ManagedByLabels } from '../model';
import { objectRenderer } from './object-json';

/** A Kubernetes object as plain JSON (what cdk8s renders). */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly [key: string]: unknown;
  };
  readonly [key: string]: unknown;
}

/** Which cluster a folder's objects are applied to. */
export interface UnitTarget {
  /**
   * `hub`: applied to the hub; `cluster`: to one spoke; `shared`: included by cluster folders;
   * `karmada`: applied to Karmada's API server (which propagates the objects to its member clusters).
   */
  readonly scope: 'hub' | 'cluster' | 'shared' | 'karmada';
  /** The cluster, for `hub` (the hub's name) and `cluster`. */
  readonly cluster?: string;
  /** The environment, for `cluster` and per-environment shared folders. */
  readonly environment?: string;
}

/** One folder of the tree: its objects and the folders its kustomization includes. */
export interface Unit {
  /** Folder relative to the tree root, e.g. `clusters/prod-us-east-1`. */
  readonly dir: string;
  readonly target: UnitTarget;
  readonly objects: readonly KubeObject[];
  /** Other folders (relative to the tree root) the folder's kustomization includes. */
  readonly includes: readonly string[];
  /** Files that are not Kubernetes objects (Helm value files, reports), left out of the kustomization. */
  readonly files: readonly UnitFile[];
  /** Whether the folder gets a kustomization.yaml (false for folders of value files only). */
  readonly kustomization: boolean;
}

/** A file of a folder that is not a Kubernetes object. */
export interface UnitFile {
  readonly name: string;
  /** YAML data (written as YAML), or, with `format: 'text'`, the file's text (written verbatim). */
  readonly content: unknown;
  /** @default 'yaml' */
  readonly format?: 'yaml' | 'text';
}

/** A text file written as it is, e.g. a report for reviewers. */
export function textFile(name: string, text: string): UnitFile {
  return { name, content: text, format: 'text' };
}

export interface UnitExtras {
  /** @default [] */
  readonly files?: Unit['files'];
  /** @default true */
  readonly kustomization?: boolean;
}

/**
 * Builds one folder's objects in a chart of their own, in an App of their
 * own: each chart is rendered with `toJson()` and dropped, so the cost stays
 * linear in the fleet (one `App.synth()` over thousands of charts is not).
 */
export function renderUnit(
  dir: string,
  target: UnitTarget,
  includes: readonly string[],
  build: (chart: Chart) => void,
  extras: UnitExtras = {},
): Unit {
  return {
    dir,
    target,
    includes,
    objects: renderObjects(build),
    files: extras.files ?? [],
    kustomization: extras.kustomization ?? true,
  };
}

/** The objects `build` adds to a chart of their own (with the fleet's managed-by label), as plain JSON. */
export function renderObjects(build: (chart: Chart) => void): KubeObject[] {
  const chart = new Chart(new App(), 'fleetwright', { disableResourceNameHashes: true, labels: { ...ManagedByLabels } });
  build(chart);
  return chartObjects(chart) as KubeObject[];
}

/** Test-only: render every chart with `chart.toJson()`, to compare both ways (test/stacks/rendered.test.ts). */
export const chartRendering = { alwaysToJson: false };

/**
 * Exactly what `chart.toJson()` returns, for a chart alone in its App, with
 * less work when nothing needs ordering: `toJson()` builds a dependency
 * graph of every construct of the App to order the objects, and with no
 * dependency and no nested chart that order is the construct tree's
 * (pre-order), so the objects are rendered in it directly (each by
 * `objectRenderer`, which gives what its `toJson()` gives). A chart with a
 * dependency, a nested chart or a failing validation goes through
 * `toJson()` itself (which orders, or reports, as cdk8s does).
 */
export function chartObjects(chart: Chart): unknown[] {
  if (chartRendering.alwaysToJson) return chart.toJson();
  const apiObjects: ApiObject[] = [];
  for (const construct of chart.node.findAll()) {
    if ((construct !== chart && Chart.isChart(construct)) || construct.node.dependencies.length > 0 || construct.node.validate().length > 0) {
      return chart.toJson();
    }
    if (ApiObject.isApiObject(construct)) apiObjects.push(construct);
  }
  const render = objectRenderer(App.of(chart));
  return apiObjects.map((o) => render(o));
}

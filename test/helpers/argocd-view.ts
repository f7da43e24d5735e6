/**
 * What the hub's Argo CD would sync to a cluster, read from the rendered
 * ApplicationSets alone (an oracle independent of stacks/delivery): every
 * ApplicationSet whose cluster generator selects the cluster's registration
 * labels, with its templates filled in for the cluster. For tests that compare
 * a direct apply with the tree.
 *
 * Understands what fleetwright's ApplicationSets use: cluster generators with
 * `matchLabels` and `matchExpressions` (In, NotIn, Exists, DoesNotExist), Go
 * templates `{{ .name }}` and `{{ index .metadata.labels|annotations "key" }}`,
 * Git sources with a `path`, Helm sources with value files from a `ref`
 * source (`$values/...`) and `valuesObject`. Anything else throws.
 */
import type { Cluster, Fleet, HubCluster } from '../../model';
import type { KubeObject, Unit } from '../../stacks/rendered';

interface Requirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

/** A Helm source as Argo CD would render it for the cluster. */
export interface ChartSource {
  readonly applicationSet: string;
  readonly repoURL: string;
  readonly chart: string;
  readonly targetRevision: string;
  readonly releaseName: string;
  /** The Application's destination namespace. */
  readonly namespace: string;
  /** Folders (relative to the tree's root) of the value files, in order, that exist in the tree. */
  readonly valueFolders: readonly string[];
  /** The value files merged in order (maps merged, anything else replaced), then `valuesObject` over them. */
  readonly values: Record<string, unknown>;
}

export interface ArgoView {
  /** Folders (relative to the tree's root) Argo CD would sync to the cluster, with the ApplicationSet that does. */
  readonly folders: readonly { readonly applicationSet: string; readonly folder: string }[];
  readonly charts: readonly ChartSource[];
}

function matches(labels: Readonly<Record<string, string>>, selector: { matchLabels?: Record<string, string>; matchExpressions?: Requirement[] }): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const r of selector.matchExpressions ?? []) {
    const value = labels[r.key];
    const ok = r.operator === 'In' ? value !== undefined && r.values!.includes(value)
      : r.operator === 'NotIn' ? value === undefined || !r.values!.includes(value)
      : r.operator === 'Exists' ? value !== undefined
      : r.operator === 'DoesNotExist' ? value === undefined
      : (() => { throw new Error(`argoView: operator ${String(r.operator)}`); })();
    if (!ok) return false;
  }
  return true;
}

function fill(text: string, cluster: Cluster | HubCluster): string {
  const out = text.replace(/\{\{ *(\.name|index \.metadata\.(labels|annotations) "([^"]+)") *\}\}/g, (_all, expr: string, map?: string, key?: string) => {
    if (expr === '.name') return cluster.name;
    const value = (map === 'labels' ? cluster.labels : cluster.annotations)[key!];
    if (value === undefined) throw new Error(`argoView: ${cluster.name} has no ${map} ${key} (${text})`);
    return value;
  });
  if (out.includes('{{')) throw new Error(`argoView: cannot fill ${text}`);
  return out;
}

function fillDeep(value: unknown, cluster: Cluster | HubCluster): unknown {
  if (typeof value === 'string') return fill(value, cluster);
  if (Array.isArray(value)) return value.map((v) => fillDeep(v, cluster));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillDeep(v, cluster)]));
  return value;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Helm's merge of value files: maps merge key by key, anything else is replaced by the later file. */
export function helmMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isMap(v) && isMap(out[k]) ? helmMerge(out[k] as Record<string, unknown>, v) : v;
  return out;
}

/** What Argo CD would sync to `cluster` if the hub's ApplicationSets selected it. */
export function argoView(fleet: Fleet, units: readonly Unit[], cluster: Cluster | HubCluster): ArgoView {
  const prefix = fleet.repo.path === '' ? '' : `${fleet.repo.path}/`;
  const folderOf = (repoPath: string) => {
    if (!repoPath.startsWith(prefix)) throw new Error(`argoView: ${repoPath} is outside the tree`);
    return repoPath.slice(prefix.length);
  };
  const byDir = new Map(units.map((u) => [u.dir, u]));
  const appSets = units.flatMap((u) => u.objects.filter((o) => o.kind === 'ApplicationSet'));
  const folders: { applicationSet: string; folder: string }[] = [];
  const charts: ChartSource[] = [];
  for (const set of appSets as (KubeObject & { spec: any })[]) {
    const generators: any[] = set.spec.generators;
    const selects = generators.some((g) => g.clusters && matches(cluster.labels, g.clusters.selector ?? {}));
    if (!selects) continue;
    const spec = set.spec.template.spec;
    const sources: any[] = spec.sources ?? [spec.source];
    for (const source of sources) {
      if (source.ref !== undefined) continue;
      if (source.repoURL === fleet.repo.url && source.path !== undefined) {
        folders.push({ applicationSet: set.metadata.name, folder: folderOf(fill(source.path, cluster)) });
        continue;
      }
      if (source.chart === undefined) throw new Error(`argoView: ${set.metadata.name} has a source it does not understand`);
      const valueFolders: string[] = [];
      let values: Record<string, unknown> = {};
      for (const file of (source.helm?.valueFiles ?? []) as string[]) {
        const folder = folderOf(fill(file, cluster).replace(/^\$values\//, '').replace(/\/values\.yaml$/, ''));
        const content = byDir.get(folder)?.files.find((f) => f.name === 'values.yaml')?.content;
        if (content === undefined) continue; // ignoreMissingValueFiles
        valueFolders.push(folder);
        values = helmMerge(values, content as Record<string, unknown>);
      }
      if (source.helm?.valuesObject !== undefined) values = helmMerge(values, fillDeep(source.helm.valuesObject, cluster) as Record<string, unknown>);
      charts.push({
        applicationSet: set.metadata.name,
        repoURL: source.repoURL,
        chart: source.chart,
        targetRevision: source.targetRevision,
        releaseName: source.helm?.releaseName,
        namespace: fill(spec.destination.namespace, cluster),
        valueFolders,
        values,
      });
    }
  }
  return { folders, charts };
}

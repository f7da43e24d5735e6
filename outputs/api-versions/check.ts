/**
 * Every synthesized object against the API versions its target clusters
 * serve (what kubent and pluto do, before anything reaches a cluster): an API
 * a target no longer serves (or does not serve yet) is an error, a deprecated
 * one a warning. An object must be served by every cluster it reaches, so a
 * folder shared by clusters of several versions is checked against each.
 */
import type { Fleet } from '../../model';
import { listNames } from '../../model/delivery/rules';
import type { KubeObject, Unit } from '../../stacks/rendered';
import { apiLifecycle, serving, servingIn, type ApiLifecycle, type Replacement, type Serving } from './catalog';
import { FolderTargets, type TargetCluster } from './targets';

export interface ApiFinding {
  /** `error` for an API a target does not serve, `warning` for a deprecated one. */
  readonly severity: 'error' | 'warning';
  /** The object's file, relative to the tree root. */
  readonly file: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  /** The targets the finding is about (the ones that do not serve the API, or that deprecate it), sorted by name. */
  readonly clusters: readonly TargetCluster[];
  /** The whole line: file, object, API, clusters with their versions, and what to use instead. */
  readonly message: string;
}

/** Every finding, in folder order; objects of APIs without a limited lifecycle (CRDs included) are not looked at. */
export function checkApiVersions(fleet: Fleet, units: readonly Unit[]): ApiFinding[] {
  let targets: FolderTargets | undefined;
  const findings: ApiFinding[] = [];
  for (const unit of units) {
    let files: readonly string[] | undefined;
    unit.objects.forEach((object, i) => {
      const api = apiLifecycle(object.apiVersion, object.kind);
      if (!api) return;
      targets ??= new FolderTargets(fleet, units);
      const finding = check(api, object, targets.of(unit.dir));
      if (!finding) return;
      files ??= objectFiles(unit);
      findings.push({ ...finding, file: files[i]!, message: `${files[i]}: ${finding.message}` });
    });
  }
  return findings;
}

/** Thrown by synthesis when an object uses an API one of its clusters does not serve. */
export class ApiVersionError extends Error {
  constructor(readonly findings: readonly ApiFinding[]) {
    super(
      `the synthesized tree uses Kubernetes APIs that its clusters do not serve, so nothing was written:\n${findings
        .map((f) => `  ✖ ${f.message}`)
        .join('\n')}\nmove the objects to the APIs named, or keep those clusters on a version that serves them`,
    );
    this.name = 'ApiVersionError';
  }
}

function check(api: ApiLifecycle, object: KubeObject, clusters: readonly TargetCluster[]): Omit<ApiFinding, 'file'> | undefined {
  const by = new Map<Serving, TargetCluster[]>();
  for (const c of clusters) {
    const serving = servingIn(api, c.version.minor);
    const list = by.get(serving);
    if (list) list.push(c);
    else by.set(serving, [c]);
  }
  const identity = {
    apiVersion: object.apiVersion,
    kind: object.kind,
    ...(object.metadata.namespace !== undefined ? { namespace: object.metadata.namespace } : {}),
    name: object.metadata.name,
  };
  const subject = `${object.kind} ${object.metadata.namespace !== undefined ? `${object.metadata.namespace}/` : ''}${object.metadata.name} uses ${object.apiVersion}`;
  const removed = by.get('removed');
  if (removed) {
    return {
      severity: 'error',
      ...identity,
      clusters: removed,
      message: `${subject}, which Kubernetes 1.${api.removed} stopped serving, but it is applied to ${describe(removed)}; ${instead(api, object, clusters, 'error')}`,
    };
  }
  const early = by.get('not-yet');
  if (early) {
    const alternative = instead(api, object, clusters, 'error');
    return {
      severity: 'error',
      ...identity,
      clusters: early,
      message: `${subject}, which Kubernetes serves from 1.${api.introduced} on, but it is applied to ${describe(early)}; ${alternative}${alternative.startsWith('use ') ? ` until they run 1.${api.introduced}` : ''}`,
    };
  }
  const deprecated = by.get('deprecated');
  if (deprecated) {
    const until = api.removed !== undefined ? ` (not served from 1.${api.removed} on)` : '';
    return {
      severity: 'warning',
      ...identity,
      clusters: deprecated,
      message: `${subject}, deprecated since Kubernetes 1.${api.deprecated}${until}, on ${describe(deprecated)}; ${instead(api, object, clusters, 'warning')}`,
    };
  }
  return undefined;
}

/**
 * `use batch/v1`, `use discovery.k8s.io/v1 EndpointSlice`: the first
 * replacement that every target of the object serves (e.g. flowcontrol
 * v1beta3 rather than v1 while one target runs 1.28), or the note of an API
 * without one. When no replacement serves every target, the first one is
 * named for later.
 */
function instead(api: ApiLifecycle, object: KubeObject, clusters: readonly TargetCluster[], severity: ApiFinding['severity']): string {
  const usable = (api.replacements ?? []).find((r) =>
    clusters.every((c) => ['served', 'deprecated'].includes(serving(r.apiVersion, r.kind ?? object.kind, c.version.minor))),
  );
  const name = (r: Replacement) => `${r.apiVersion}${r.kind !== undefined && r.kind !== object.kind ? ` ${r.kind}` : ''}`;
  if (usable) return `use ${name(usable)}`;
  const first = api.replacements?.[0];
  if (!first) return api.note ?? 'remove it';
  return severity === 'warning'
    ? `move to ${name(first)} once every cluster it reaches serves it`
    : `no API version of ${object.kind} is served by every cluster it reaches: bring their Kubernetes versions closer, then use ${name(first)}`;
}

/** `dev-a and dev-b (Kubernetes 1.34), prod-a (Kubernetes 1.35)`: clusters grouped by minor version, oldest first. */
function describe(clusters: readonly TargetCluster[]): string {
  const byMinor = new Map<number, string[]>();
  for (const c of clusters) {
    const names = byMinor.get(c.version.minor);
    if (names) names.push(c.name);
    else byMinor.set(c.version.minor, [c.name]);
  }
  return [...byMinor]
    .sort(([a], [b]) => a - b)
    .map(([minor, names]) => `${listNames(names)} (Kubernetes 1.${minor})`)
    .join(', ');
}

/**
 * The file each object of `unit` is written to, named as the GitOps tree
 * names them (`outputs/gitops/tree.ts`): `<kind>-<name>.yaml`, with the
 * namespace when two objects of the folder would share that name.
 */
function objectFiles(unit: Unit): string[] {
  const base = (o: KubeObject) => `${o.kind.toLowerCase()}-${o.metadata.name}`;
  const counts = new Map<string, number>();
  for (const o of unit.objects) counts.set(base(o), (counts.get(base(o)) ?? 0) + 1);
  return unit.objects.map(
    (o) => `${unit.dir}/${counts.get(base(o))! > 1 ? `${o.kind.toLowerCase()}-${o.metadata.namespace ?? 'cluster'}-${o.metadata.name}` : base(o)}.yaml`,
  );
}

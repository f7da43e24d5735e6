/**
 * First pass: parse each part of the definition on its own, so that every
 * structural problem is reported and the parts that parsed can still be
 * checked against each other.
 */
import { z } from 'zod';
import type { PlatformDefinition } from './addons/options';
import type { AppDefinition, ClusterDefinition, EnvironmentDefinition, FluxDefinition, HubDefinition, KarmadaDefinition, RepoDefinition, RolloutDefinition, ServiceDefinition } from './definition';
import { formatPath, type Problems } from './problems';
import { AppSchema, ClusterSchema, EnvironmentSchema, FleetSchema, HubSchema, RepoSchema, ServiceSchema } from './schema';
import { salvage } from './salvage';
import { reportZodIssues } from './zod-issues';

export interface Indexed<T> {
  readonly index: number;
  /** Field path of the element, e.g. `clusters[3]`. */
  readonly path: string;
  readonly def: T;
}

export interface ClusterIdentity {
  /** `hub` or `clusters[3]` */
  readonly path: string;
  /** `['hub']` or `['clusters', 3]` */
  readonly segments: readonly PropertyKey[];
  readonly name?: string;
  readonly labels?: Readonly<Record<string, unknown>>;
  readonly podCidr?: string;
  readonly serviceCidr?: string;
  readonly vpcCidr?: string;
}

export interface ParsedDefinition {
  readonly name?: string;
  readonly repo?: RepoDefinition;
  readonly hub?: HubDefinition;
  /** Undefined when `environments` is not an object at all. */
  readonly environments?: ReadonlyMap<string, EnvironmentDefinition>;
  /** Environment names in declaration order (also those whose settings failed to parse). */
  readonly environmentNames: readonly string[];
  /** Clusters that parsed, with their position in the definition, except those marked `decommission: true`. */
  readonly clusters: readonly Indexed<ClusterDefinition>[];
  /** Clusters that parsed and are marked `decommission: true`: nothing is rendered for them. */
  readonly decommissioned: readonly Indexed<ClusterDefinition>[];
  /**
   * What could be read of the hub and of every cluster, parsed or not, so
   * that rules relating clusters (unique names, disjoint ranges) still see a
   * cluster whose other fields are broken.
   */
  readonly identities: readonly ClusterIdentity[];
  readonly apps: readonly Indexed<AppDefinition>[];
  readonly services: readonly Indexed<ServiceDefinition>[];
  readonly platform?: PlatformDefinition;
  readonly rollout?: RolloutDefinition;
  readonly engine?: 'argocd' | 'flux' | 'both';
  readonly flux?: FluxDefinition;
  readonly karmada?: KarmadaDefinition;
  /**
   * Paths of parts that could not be read even without their refused fields
   * (e.g. `hub`, `clusters[2]`): rules relating parts would take them as absent.
   */
  readonly unreadable: readonly string[];
  /** Paths of refused fields, already reported: a later rule finding them missing would repeat it. */
  readonly refused: readonly string[];
}

const Shape = z.strictObject({
  name: z.unknown(),
  repo: z.unknown(),
  hub: z.unknown(),
  environments: z.unknown(),
  clusters: z.unknown(),
  apps: z.unknown().optional(),
  services: z.unknown().optional(),
  platform: z.unknown().optional(),
  rollout: z.unknown().optional(),
  engine: z.unknown().optional(),
  flux: z.unknown().optional(),
  karmada: z.unknown().optional(),
});

export function parseDefinition(input: unknown, problems: Problems): ParsedDefinition {
  const unreadable: string[] = [];
  const refused: string[] = [];
  const report: Report = { problems, unreadable, refused };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    problems.add('(root)', `(root) the configuration exported ${input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input}, not a fleet definition; export the result of defineFleet({...})`);
    return { environmentNames: [], clusters: [], decommissioned: [], identities: [], apps: [], services: [], unreadable: ['(root)'], refused: [] };
  }
  const raw = input as Record<string, unknown>;
  const shape = Shape.safeParse(raw, { reportInput: true });
  if (!shape.success) reportZodIssues(shape.error.issues, [], problems);

  const name = part(FleetSchema.shape.name, raw.name, ['name'], report);
  const repo = part(RepoSchema, raw.repo, ['repo'], report);
  const hub = part(HubSchema, raw.hub, ['hub'], report);
  const platform = raw.platform === undefined ? undefined : part(FleetSchema.shape.platform, raw.platform, ['platform'], report);
  const rollout = raw.rollout === undefined ? undefined : part(FleetSchema.shape.rollout, raw.rollout, ['rollout'], report);
  const engine = raw.engine === undefined ? undefined : part(FleetSchema.shape.engine, raw.engine, ['engine'], report);
  const flux = raw.flux === undefined ? undefined : part(FleetSchema.shape.flux, raw.flux, ['flux'], report);
  const karmada = raw.karmada === undefined ? undefined : part(FleetSchema.shape.karmada, raw.karmada, ['karmada'], report);

  let environments: Map<string, EnvironmentDefinition> | undefined;
  let environmentNames: string[] = [];
  if (isPlainObject(raw.environments)) {
    environments = new Map();
    environmentNames = Object.keys(raw.environments);
    for (const [envName, value] of Object.entries(raw.environments)) {
      const env = part(EnvironmentSchema, value, ['environments', envName], report);
      if (env) environments.set(envName, env);
    }
  } else {
    part(FleetSchema.shape.environments, raw.environments, ['environments'], report);
  }

  const clusters = elements(ClusterSchema, raw.clusters, 'clusters', true, report);
  return {
    name,
    repo,
    hub,
    environments,
    environmentNames,
    clusters: clusters.filter((c) => c.def.decommission !== true),
    decommissioned: clusters.filter((c) => c.def.decommission === true),
    identities: [
      identity(raw.hub, ['hub']),
      ...(Array.isArray(raw.clusters) ? raw.clusters.map((c, i) => identity(c, ['clusters', i])) : []),
    ],
    apps: elements(AppSchema, raw.apps, 'apps', false, report),
    services: elements(ServiceSchema, raw.services, 'services', false, report),
    platform,
    rollout,
    engine,
    flux,
    karmada,
    unreadable,
    refused,
  };
}

/**
 * `value` parsed by `schema`; on failure its problems are reported and the
 * part is read without the refused fields, or listed in `unreadable`.
 */
/** Where parsing reports: the problems, and the parts and fields it could not keep. */
interface Report {
  readonly problems: Problems;
  readonly unreadable: string[];
  readonly refused: string[];
}

/**
 * `value` parsed by `schema`; on failure its problems are reported and the
 * part is read without the refused fields, or listed as unreadable.
 */
function part<S extends z.ZodType>(schema: S, value: unknown, path: PropertyKey[], report: Report): z.output<S> | undefined {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  reportZodIssues(result.error.issues, path, report.problems);
  const salvaged = salvage(schema, value, result.error.issues);
  for (const removed of salvaged.removed) report.refused.push(formatPath([...path, ...removed]));
  if (salvaged.value === undefined) report.unreadable.push(formatPath(path));
  return salvaged.value;
}

function elements<S extends z.ZodType>(
  schema: S,
  value: unknown,
  key: string,
  required: boolean,
  report: Report,
): Indexed<z.output<S>>[] {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value)) {
    if (value === undefined) report.problems.missing(key, 'add an array');
    else report.problems.at(key, value, 'is not an array', 'write a list: [ ... ]');
    report.unreadable.push(key);
    return [];
  }
  const parsed: Indexed<z.output<S>>[] = [];
  value.forEach((element, index) => {
    const def = part(schema, element, [key, index], report);
    if (def !== undefined) parsed.push({ index, path: formatPath([key, index]), def });
  });
  return parsed;
}

function identity(raw: unknown, segments: readonly PropertyKey[]): ClusterIdentity {
  const obj = isPlainObject(raw) ? raw : {};
  const network = isPlainObject(obj.network) ? obj.network : {};
  const provider = isPlainObject(obj.provider) ? obj.provider : {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    path: formatPath(segments),
    segments,
    name: str(obj.name),
    labels: isPlainObject(obj.labels) ? obj.labels : undefined,
    podCidr: str(network.podCidr),
    serviceCidr: str(network.serviceCidr),
    vpcCidr: str(provider.vpcCidr),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

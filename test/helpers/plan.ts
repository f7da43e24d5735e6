/**
 * Fixtures for plan tests: changes of the example fleet, plans between two
 * definitions, trees written to disk, Git repositories (committing without a
 * configured user, as in CI), and the CLI run as a process.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import exampleDefinition from '../../fleet.config';
import { resolveFleet, type FleetDefinition } from '../../model';
import type { ClusterFacts, ClusterTable } from '../../outputs/plan/clusters';
import { planChanges, sideFromFleet, type Plan, type PlanOptions, type PlanSide } from '../../outputs/plan';
import { PROJECT } from './conformance';

export const BIN = path.join(PROJECT, 'bin', 'fleetwright.js');

/** A mutable deep copy of the example's definition. */
export function example(): any {
  return structuredClone(exampleDefinition);
}

/** A new prod cluster in us-east-1 (a region Karmada weighs), in the last wave. */
export const NEW_CLUSTER = {
  name: 'prod-us-east-1b',
  environment: 'prod',
  region: 'us-east-1',
  rolloutTier: 'general',
  provider: { kind: 'capi-aws-eks', vpcCidr: '10.7.0.0/16' },
  network: { podCidr: '10.107.0.0/16', serviceCidr: '172.20.112.0/20' },
};

/** The example with a cluster added. */
export function withNewCluster(): any {
  const d = example();
  d.clusters.push(structuredClone(NEW_CLUSTER));
  return d;
}

/**
 * The example without prod-ap-southeast-1 (production, protected), or with it marked
 * `decommission: true`: Karmada no longer weighs its region, and the registry-mirror override
 * of that region goes (its OverridePolicy is removed from the hub).
 */
export function withoutApSoutheast(options: { readonly decommission: boolean }): any {
  const d = example();
  if (options.decommission) d.clusters.find((c: any) => c.name === 'prod-ap-southeast-1').decommission = true;
  else d.clusters = d.clusters.filter((c: any) => c.name !== 'prod-ap-southeast-1');
  const storefront = d.services.find((s: any) => s.name === 'storefront');
  delete storefront.karmada.weights['ap-southeast-1'];
  storefront.karmada.overrides = [];
  return d;
}

const sides = new Map<string, PlanSide>();

/** The side of a definition, rendered once per distinct definition. */
export function sideOfDefinition(definition: FleetDefinition, label: string): PlanSide {
  const key = `${label}\u0000${JSON.stringify(definition)}`;
  if (!sides.has(key)) sides.set(key, sideFromFleet(resolveFleet(definition), label));
  return sides.get(key)!;
}

/** The plan from one definition to another, both rendered in memory. */
export function planBetween(base: FleetDefinition, head: FleetDefinition, options: PlanOptions = {}): Plan {
  return planChanges(sideOfDefinition(base, 'base'), sideOfDefinition(head, 'head'), options);
}

/** A side made of the given files (objects are written as YAML by the caller, or given as text). */
export function sideOfFiles(files: Record<string, string>, table: ClusterTable, label = 'files'): PlanSide {
  return { label, files: new Map(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))), table };
}

/** A table with the hub `hub` and spokes `a` (production) and `b`, in environments `prod` and `dev`. */
export function smallTable(): ClusterTable {
  const spoke = (name: string, environment: string): ClusterFacts => ({
    name,
    role: 'spoke' as const,
    environment,
    tier: environment === 'prod' ? ('production' as const) : ('non-production' as const),
    protected: environment === 'prod',
    standby: false,
    labels: { env: environment, 'fleetwright.io/role': 'spoke' },
    addons: new Set(['velero']),
  });
  return {
    hub: 'hub',
    clusters: new Map<string, ClusterFacts>([
      ['hub', { name: 'hub', role: 'hub' as const, environment: 'hub', protected: true, standby: false, labels: { 'fleetwright.io/role': 'hub' }, addons: new Set<string>() }],
      ['a', spoke('a', 'prod')],
      ['b', spoke('b', 'dev')],
    ]),
    environments: ['dev', 'prod'],
  };
}

/** Writes a definition as a TypeScript config file; returns its path. */
export function writeConfig(file: string, definition: unknown): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `export default ${JSON.stringify(definition, null, 2)};\n`);
  return file;
}

/** Runs git in `dir`; commits work without a configured user. */
export function git(dir: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=fleetwright tests', '-c', 'user.email=tests@fleetwright.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** Runs the CLI as a process in `cwd`. */
export function run(cwd: string, args: readonly string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CDK8S_OUTDIR: '', NO_COLOR: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

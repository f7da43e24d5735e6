/**
 * The stack's configuration (`Pulumi.<stack>.yaml`), checked like the fleet
 * definition: every problem at once, each naming the config key, the value
 * and the fix, and the program stops before it registers any resource.
 *
 * | key | meaning | default |
 * | --- | --- | --- |
 * | `fleetwright:environment` | the environment the stack delivers, or the hub's name for the hub's stack | required |
 * | `fleetwright:config` | the fleet definition, relative to the project root | `fleet.config.ts` |
 * | `fleetwright:hubStack` | the hub's stack, fully qualified, for the StackReference | `<organization>/<project>/management` |
 * | `fleetwright:apply` | `direct` or `register`: an assertion that must agree with the definition's `delivery` | none |
 * | `aws:region` | the region of the stack's AWS provider | required |
 * | `fleetwright:awsAccountId` | the only account the AWS provider may change (`allowedAccountIds`) | none |
 *
 * The definition decides who delivers an environment (`delivery`); the stack
 * config cannot override it, so synth and a stack never both manage the same
 * objects. `fleetwright:apply` only states what the stack's owner expects.
 */
import * as fs from 'node:fs';
import * as pulumi from '@pulumi/pulumi';
import { ConfigLoadError, DEFAULT_CONFIG, loadConfig } from '../../cli/load-config';
import { checkFleet, formatPath, formatValue, type Cluster, type DeliveryOwner, type Environment, type Fleet } from '../../model';
import { awsRegion } from '../../model/rules/syntax';
import { StackConfigError } from './errors';
import { hubAccessNeeds, hubKubeconfigSource } from './hub-access';

/** The config keys the program reads. */
export const ConfigKey = {
  environment: 'fleetwright:environment',
  config: 'fleetwright:config',
  hubStack: 'fleetwright:hubStack',
  apply: 'fleetwright:apply',
  region: 'aws:region',
  awsAccountId: 'fleetwright:awsAccountId',
} as const;

/** `direct`: the stack applies the objects (delivery 'pulumi'); `register`: it provisions and registers, GitOps applies (delivery 'gitops'). */
export type ApplyMode = 'direct' | 'register';

const APPLY_MODES: Readonly<Record<ApplyMode, DeliveryOwner>> = { direct: 'pulumi', register: 'gitops' };

/** The config values as the stack holds them, unchecked. */
export interface RawStackConfig {
  readonly environment?: string;
  readonly config?: string;
  readonly hubStack?: string;
  readonly apply?: string;
  readonly region?: string;
  readonly awsAccountId?: string;
}

/** Where the program runs. */
export interface StackContext {
  readonly stack: string;
  readonly project: string;
  /** Undefined when the CLI does not say (older CLIs). */
  readonly organization?: string;
}

/** What the stack delivers. */
export type StackTarget =
  | { readonly kind: 'hub'; readonly delivery: DeliveryOwner }
  | { readonly kind: 'environment'; readonly environment: Environment; readonly clusters: readonly Cluster[]; readonly delivery: DeliveryOwner };

/** The checked configuration. */
export interface StackConfig {
  readonly stack: string;
  readonly fleet: Fleet;
  /** The definition file, as configured. */
  readonly definitionFile: string;
  readonly target: StackTarget;
  /** The hub's stack, fully qualified. */
  readonly hubStack: string;
  readonly region: string;
  readonly awsAccountId?: string;
}

/** Reads the keys from the stack's config. */
export function readRawConfig(): RawStackConfig {
  const own = new pulumi.Config('fleetwright');
  const raw: Record<string, string | undefined> = {
    environment: own.get('environment'),
    config: own.get('config'),
    hubStack: own.get('hubStack'),
    apply: own.get('apply'),
    region: new pulumi.Config('aws').get('region'),
    awsAccountId: own.get('awsAccountId'),
  };
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as RawStackConfig;
}

const ACCOUNT_ID = /^\d{12}$/;
const QUALIFIED_STACK = /^[^/\s]+\/[^/\s]+\/[^/\s]+$/;

/** `<key> <value> <issue>; <fix>`, as the definition's problems read. */
function problem(key: string, value: unknown, issue: string, fix: string): string {
  return `${key} ${formatValue(value)} ${issue}; ${fix}`;
}

/**
 * Checks `raw` and loads the definition it names. Throws a
 * {@link StackConfigError} listing every problem.
 */
export function resolveStackConfig(raw: RawStackConfig, context: StackContext): StackConfig {
  const problems: string[] = [];
  const definitionFile = raw.config ?? DEFAULT_CONFIG;
  const fleet = loadFleet(definitionFile, problems);
  const target = fleet ? checkTarget(raw, fleet, definitionFile, problems) : checkEnvironmentSet(raw, problems);
  const hubStack = checkHubStack(raw, context, problems);
  checkRegion(raw, fleet, target, problems);
  if (raw.awsAccountId !== undefined && !ACCOUNT_ID.test(raw.awsAccountId)) {
    problems.push(problem(ConfigKey.awsAccountId, raw.awsAccountId, 'is not an AWS account ID (12 digits)', 'use the ID of the only account this stack may change, e.g. "111122223333"'));
  }
  if (problems.length > 0 || !fleet || !target || hubStack === undefined) throw new StackConfigError(context.stack, problems);
  return {
    stack: context.stack,
    fleet,
    definitionFile,
    target,
    hubStack,
    region: raw.region!,
    ...(raw.awsAccountId !== undefined ? { awsAccountId: raw.awsAccountId } : {}),
  };
}

/** Loads and resolves the definition; its problems are reported with the file's name. */
function loadFleet(file: string, problems: string[]): Fleet | undefined {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    problems.push(problem(ConfigKey.config, file, `names no file in the project (${process.cwd()})`, 'set it to the fleet definition, relative to the folder of Pulumi.yaml'));
    return undefined;
  }
  let definition: unknown;
  try {
    definition = loadConfig(file);
  } catch (e) {
    if (!(e instanceof ConfigLoadError)) throw e;
    problems.push(problem(ConfigKey.config, file, `cannot be used: ${e.message}`, 'fix the file, or point the key at another one'));
    return undefined;
  }
  const result = checkFleet(definition);
  for (const p of result.problems) problems.push(`${file}: ${p.message}`);
  return result.fleet;
}

/** Without a definition, only whether the environment is set can be checked. */
function checkEnvironmentSet(raw: RawStackConfig, problems: string[]): undefined {
  if (raw.environment === undefined) {
    problems.push(`${ConfigKey.environment} is missing; set the environment this stack delivers, or the hub's name for the hub's stack`);
  }
  return undefined;
}

function choices(fleet: Fleet): string {
  const withClusters = fleet.environments.filter((e) => e.clusters.length > 0).map((e) => JSON.stringify(e.name));
  return `${withClusters.join(', ')}, or ${JSON.stringify(fleet.hub.name)} for the hub's stack`;
}

function deliveryPath(target: StackTarget): string {
  return target.kind === 'hub' ? 'hub.delivery' : formatPath(['environments', target.environment.name, 'delivery']);
}

function checkTarget(raw: RawStackConfig, fleet: Fleet, file: string, problems: string[]): StackTarget | undefined {
  const name = raw.environment;
  if (name === undefined) {
    problems.push(`${ConfigKey.environment} is missing; set the environment this stack delivers: one of ${choices(fleet)}`);
    return undefined;
  }
  const environment = fleet.environments.find((e) => e.name === name);
  if (environment && name === fleet.hub.name) {
    problems.push(problem(ConfigKey.environment, name, `is both the hub's name and an environment of ${file}, so the stack could deliver either`, 'rename the hub or the environment'));
    return undefined;
  }
  let target: StackTarget;
  if (name === fleet.hub.name) {
    target = { kind: 'hub', delivery: fleet.hub.delivery };
  } else if (environment) {
    if (environment.clusters.length === 0) {
      problems.push(problem(
        ConfigKey.environment,
        name,
        `has no clusters in ${file}, so the stack would deliver nothing`,
        `give clusters environment "${name}", or set the key to one of ${choices(fleet)}`,
      ));
      return undefined;
    }
    const clusters = fleet.clusters.filter((c) => c.environment === name);
    target = { kind: 'environment', environment, clusters, delivery: environment.delivery };
  } else {
    problems.push(problem(ConfigKey.environment, name, `is neither an environment of ${file} nor its hub`, `use one of ${choices(fleet)}`));
    return undefined;
  }
  checkApply(raw, target, file, problems);
  checkHubReachable(fleet, target, problems);
  return target;
}

function checkApply(raw: RawStackConfig, target: StackTarget, file: string, problems: string[]): void {
  if (raw.apply === undefined) return;
  if (!(raw.apply in APPLY_MODES)) {
    problems.push(problem(ConfigKey.apply, raw.apply, 'is not a way a stack delivers', 'use "direct" (the stack applies the objects) or "register" (it provisions and registers clusters, GitOps applies), or remove the key'));
    return;
  }
  const expected = APPLY_MODES[raw.apply as ApplyMode];
  if (expected === target.delivery) return;
  const path = deliveryPath(target);
  const what = target.kind === 'hub' ? 'the hub' : `environment "${target.environment.name}"`;
  const meaning = target.delivery === 'pulumi'
    ? `which makes this stack apply the objects of ${what} directly`
    : `under which GitOps applies the objects of ${what} and this stack only provisions and registers clusters`;
  const own: ApplyMode = target.delivery === 'pulumi' ? 'direct' : 'register';
  problems.push(problem(
    ConfigKey.apply,
    raw.apply,
    `disagrees with ${path} "${target.delivery}" in ${file}, ${meaning}`,
    `set ${ConfigKey.apply} to "${own}" (or remove it), or set ${path} to "${expected}"`,
  ));
}

/** The management stack exports the hub's kubeconfig only when the definition tells how to reach the hub. */
function checkHubReachable(fleet: Fleet, target: StackTarget, problems: string[]): void {
  if (hubKubeconfigSource(fleet.hub) !== undefined) return;
  const why = target.kind === 'hub'
    ? target.delivery === 'pulumi' ? 'applies the hub\'s objects (hub.delivery "pulumi")' : undefined
    : hubAccessNeeds(target.clusters, target.delivery);
  if (why === undefined) return;
  problems.push(problem(
    ConfigKey.environment,
    target.kind === 'hub' ? fleet.hub.name : target.environment.name,
    `makes this stack reach the hub (it ${why}), but the hub's provider "${fleet.hub.provider.kind}" gives the management stack no kubeconfig to export`,
    'run the hub on a pulumi-eks cluster or an existing one with aws-iam auth, or deliver with GitOps',
  ));
}

function checkHubStack(raw: RawStackConfig, context: StackContext, problems: string[]): string | undefined {
  if (raw.hubStack !== undefined) {
    if (QUALIFIED_STACK.test(raw.hubStack)) return raw.hubStack;
    const example = `${context.organization ?? '<organization>'}/${context.project}/management`;
    problems.push(problem(ConfigKey.hubStack, raw.hubStack, 'is not a fully qualified stack name', `use "<organization>/<project>/<stack>", e.g. "${example}"`));
    return undefined;
  }
  if (context.organization === undefined) {
    problems.push(`${ConfigKey.hubStack} is missing, and the Pulumi CLI did not say which organization the stack is in; set it to the hub's stack, e.g. "<organization>/${context.project}/management"`);
    return undefined;
  }
  return `${context.organization}/${context.project}/management`;
}

/** Where the stack's AWS resources are: its first pulumi-eks cluster's region, else the hub's. */
function suggestedRegion(fleet: Fleet | undefined, target: StackTarget | undefined): string {
  if (!fleet) return 'us-east-1';
  const eks = target?.kind === 'environment' ? target.clusters.find((c) => c.provider.kind === 'pulumi-eks') : undefined;
  return eks?.region ?? fleet.hub.region;
}

function checkRegion(raw: RawStackConfig, fleet: Fleet | undefined, target: StackTarget | undefined, problems: string[]): void {
  if (raw.region === undefined) {
    const region = suggestedRegion(fleet, target);
    problems.push(`${ConfigKey.region} is missing; set the region of the stack's AWS provider: pulumi config set ${ConfigKey.region} ${region}`);
    return;
  }
  const issue = awsRegion(raw.region);
  if (issue) problems.push(problem(ConfigKey.region, raw.region, ...issue));
}

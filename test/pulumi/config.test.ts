/**
 * The stack's config is checked like the fleet definition: every problem at
 * once, each naming the config key, its value and the fix, and nothing is
 * registered or read when one is found.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { StackConfigError } from '../../outputs/pulumi/errors';
import { mutableDefinition } from '../helpers/definitions';
import { definitionFile, runStack, stackFileConfig, type StackRun } from '../helpers/pulumi-stacks';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

/** Writes `definition` where the stack can load it; returns the file. */
function fileOf(definition: unknown): string {
  const { file, cleanup } = definitionFile(definition as never);
  cleanups.push(cleanup);
  return file;
}

/** The run failed before anything was created, with exactly `problems`. */
function expectRefused(run: StackRun, stack: string, problems: readonly string[]): void {
  expect(run.error).toBeInstanceOf(StackConfigError);
  const error = run.error as StackConfigError;
  expect(error.problems).toEqual(problems);
  expect(error.message).toBe(
    `stack ${stack} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was created:\n` + problems.map((p) => `  ✖ ${p}`).join('\n'),
  );
  expect(run.recorder.resources).toEqual([]);
  expect(run.recorder.reads).toEqual([]);
  expect(run.outputs).toBeUndefined();
}

describe('GIVEN a stack config naming an environment the definition does not have WHEN the program runs', () => {
  it('THEN it fails naming the key, the value and the choices', async () => {
    const run = await runStack('qa', { ...stackFileConfig('staging'), 'fleetwright:environment': 'qa' });
    expectRefused(run, 'qa', [
      'fleetwright:environment "qa" is neither an environment of fleet.config.ts nor its hub; use one of "dev", "staging", "prod", or "management" for the hub\'s stack',
    ]);
  });
});

describe('GIVEN a stack config naming an environment without clusters WHEN the program runs', () => {
  it('THEN it fails naming the key and the environments that have clusters', async () => {
    const definition = mutableDefinition();
    definition.environments.qa = { region: 'us-east-1' };
    const file = fileOf(definition);
    const run = await runStack('qa', { 'fleetwright:config': file, 'fleetwright:environment': 'qa', 'aws:region': 'us-east-1' });
    expectRefused(run, 'qa', [
      `fleetwright:environment "qa" has no clusters in ${file}, so the stack would deliver nothing; give clusters environment "qa", or set the key to one of "dev", "prod", or "management" for the hub's stack`,
    ]);
  });
});

describe('GIVEN fleetwright:apply disagreeing with the environment\'s delivery WHEN the program runs', () => {
  it('THEN a GitOps-delivered environment refuses "direct", naming both settings', async () => {
    const run = await runStack('staging', { ...stackFileConfig('staging'), 'fleetwright:apply': 'direct' });
    expectRefused(run, 'staging', [
      'fleetwright:apply "direct" disagrees with environments.staging.delivery "gitops" in fleet.config.ts, under which GitOps applies the objects of environment "staging" and this stack only provisions and registers clusters; set fleetwright:apply to "register" (or remove it), or set environments.staging.delivery to "pulumi"',
    ]);
  });

  it('THEN a Pulumi-delivered environment refuses "register"', async () => {
    const run = await runStack('dev', { ...stackFileConfig('dev'), 'fleetwright:apply': 'register' });
    expectRefused(run, 'dev', [
      'fleetwright:apply "register" disagrees with environments.dev.delivery "pulumi" in fleet.config.ts, which makes this stack apply the objects of environment "dev" directly; set fleetwright:apply to "direct" (or remove it), or set environments.dev.delivery to "gitops"',
    ]);
  });

  it('THEN the hub\'s stack names hub.delivery', async () => {
    const run = await runStack('management', { ...stackFileConfig('management'), 'fleetwright:apply': 'direct' });
    expect((run.error as StackConfigError).problems).toEqual([
      'fleetwright:apply "direct" disagrees with hub.delivery "gitops" in fleet.config.ts, under which GitOps applies the objects of the hub and this stack only provisions and registers clusters; set fleetwright:apply to "register" (or remove it), or set hub.delivery to "pulumi"',
    ]);
    expect(run.recorder.resources).toEqual([]);
  });

  it('THEN a value that is no mode is refused with the two modes', async () => {
    const run = await runStack('staging', { ...stackFileConfig('staging'), 'fleetwright:apply': 'sometimes' });
    expectRefused(run, 'staging', [
      'fleetwright:apply "sometimes" is not a way a stack delivers; use "direct" (the stack applies the objects) or "register" (it provisions and registers clusters, GitOps applies), or remove the key',
    ]);
  });
});

describe('GIVEN a stack config with several problems WHEN the program runs', () => {
  it('THEN every problem is listed at once: the missing region (with the region of the stack\'s EKS cluster), the unqualified hub stack, the bad account', async () => {
    const run = await runStack('prod', { 'fleetwright:environment': 'prod', 'fleetwright:hubStack': 'management', 'fleetwright:awsAccountId': '12' });
    expectRefused(run, 'prod', [
      'fleetwright:hubStack "management" is not a fully qualified stack name; use "<organization>/<project>/<stack>", e.g. "acme/fleetwright/management"',
      'aws:region is missing; set the region of the stack\'s AWS provider: pulumi config set aws:region us-east-1',
      'fleetwright:awsAccountId "12" is not an AWS account ID (12 digits); use the ID of the only account this stack may change, e.g. "111122223333"',
    ]);
  });

  it('THEN a missing environment and an unknown region are both named', async () => {
    const run = await runStack('x', { 'aws:region': 'mars-1' });
    expectRefused(run, 'x', [
      'fleetwright:environment is missing; set the environment this stack delivers: one of "dev", "staging", "prod", or "management" for the hub\'s stack',
      'aws:region "mars-1" is not an AWS region; use a region code like "us-east-1"',
    ]);
  });
});

describe('GIVEN a stack config whose definition is missing or invalid WHEN the program runs', () => {
  it('THEN a missing file is named by its key', async () => {
    const run = await runStack('staging', { ...stackFileConfig('staging'), 'fleetwright:config': 'nope.ts' });
    expectRefused(run, 'staging', [
      `fleetwright:config "nope.ts" names no file in the project (${process.cwd()}); set it to the fleet definition, relative to the folder of Pulumi.yaml`,
    ]);
  });

  it('THEN the definition\'s own problems are listed with the file, as check prints them', async () => {
    const definition = mutableDefinition();
    definition.clusters[0].network.podCidr = 'x';
    definition.clusters[1].name = 'Dev Docker';
    const file = fileOf(definition);
    const run = await runStack('dev', { 'fleetwright:config': file, 'fleetwright:environment': 'dev', 'aws:region': 'us-east-1' });
    expect(run.error).toBeInstanceOf(StackConfigError);
    const problems = (run.error as StackConfigError).problems;
    expect(problems).toContain(`${file}: clusters[0].network.podCidr "x" is not an IPv4 CIDR; write it like "10.20.0.0/16"`);
    expect(problems.some((p) => p.startsWith(`${file}: clusters[1].name "Dev Docker"`))).toBe(true);
    expect(problems.every((p) => p.startsWith(`${file}: `))).toBe(true);
    expect(run.recorder.resources).toEqual([]);
  });
});

describe('GIVEN a Pulumi-delivered environment whose Cluster API clusters live on a hub the management stack cannot export a kubeconfig for WHEN the program runs', () => {
  it('THEN it fails before creating anything, naming why the stack needs the hub', async () => {
    const definition = mutableDefinition();
    definition.hub.provider = { kind: 'existing', server: 'https://hub.example:6443', auth: { kind: 'secret-store' } };
    definition.environments.dev.delivery = 'pulumi';
    definition.apps = [];
    const file = fileOf(definition);
    const run = await runStack('dev', { 'fleetwright:config': file, 'fleetwright:environment': 'dev', 'aws:region': 'us-east-1' });
    if (!(run.error instanceof StackConfigError)) throw run.error;
    expect(run.error.problems).toContain(
      'fleetwright:environment "dev" makes this stack reach the hub (it applies its Cluster API clusters\' objects to the hub), but the hub\'s provider "existing" gives the management stack no kubeconfig to export; run the hub on a pulumi-eks cluster or an existing one with aws-iam auth, or deliver with GitOps',
    );
    expect(run.recorder.resources).toEqual([]);
  });
});

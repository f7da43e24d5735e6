/**
 * The fleet's Pulumi program: one project, one stack per environment plus the
 * hub's (`management`), each configured by `Pulumi.<stack>.yaml` (see
 * `config.ts`). In this order, so that a problem stops it before it creates
 * anything:
 *
 * 1. reads and checks the stack's config and the fleet definition it names;
 * 2. renders the fleet exactly as `npm run synth` does (`synthesize`: the same
 *    units, the same credential and API checks; warnings are logged);
 * 3. plans what the stack applies directly (Pulumi-delivered environments,
 *    or the hub), refusing what a direct apply cannot deliver;
 * 4. creates the management or environment stack (`management.ts`,
 *    `environment.ts`), with one explicit AWS provider (no default provider),
 *    created only if the stack has AWS resources.
 *
 * Every resource is created synchronously while the program runs, none
 * inside an `apply` or `then`, so `pulumi preview` shows all of them.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { ConstructPropsError } from '../../constructs/errors';
import { clusterDelivery } from '../../stacks/delivery';
import type { Unit } from '../../stacks/rendered';
import { ApiVersionError } from '../api-versions';
import { CredentialError } from '../gitops/credentials';
import { synthesize } from '../synth';
import { planDirectApply, type ApplyPlan } from './apply-plan';
import { readRawConfig, resolveStackConfig, type RawStackConfig, type StackConfig, type StackContext } from './config';
import { environmentStack } from './environment';
import { StackConfigError } from './errors';
import { managementStack } from './management';
import type { StackOutputs } from './outputs';

/** Where the program runs, from the Pulumi runtime. */
export function stackContext(): StackContext {
  let organization: string | undefined;
  try {
    organization = pulumi.getOrganization();
  } catch {
    organization = undefined; // CLIs before organizations were passed to programs
  }
  return { stack: pulumi.getStack(), project: pulumi.getProject(), ...(organization !== undefined ? { organization } : {}) };
}

/** Renders the fleet as synth does; its checks' failures become the stack's problems. */
function render(config: StackConfig): readonly Unit[] {
  try {
    const output = synthesize(config.fleet);
    for (const warning of output.warnings) pulumi.log.warn(warning);
    return output.rendered.units;
  } catch (e) {
    if (e instanceof CredentialError || e instanceof ApiVersionError || e instanceof ConstructPropsError) {
      throw new StackConfigError(config.stack, [`${config.definitionFile}: ${e.message}`]);
    }
    throw e;
  }
}

/** The direct-apply plan of every cluster the stack delivers, by cluster name. */
export function planStack(config: StackConfig, units: readonly Unit[]): Map<string, ApplyPlan> {
  const { fleet, target } = config;
  const delivered = target.kind === 'hub' ? (target.delivery === 'pulumi' ? [fleet.hub] : []) : target.delivery === 'pulumi' ? target.clusters : [];
  return new Map(delivered.map((cluster) => [cluster.name, planDirectApply(clusterDelivery(fleet, units, cluster), cluster)]));
}

/**
 * Runs the program for the current stack; returns the stack's outputs.
 * @param raw the stack's config (default: read from the stack)
 * @throws StackConfigError listing every problem, before any resource is created
 */
export function fleetwrightProgram(raw: RawStackConfig = readRawConfig()): StackOutputs {
  const config = resolveStackConfig(raw, stackContext());
  const units = render(config);
  const plans = planStack(config, units);
  for (const plan of plans.values()) for (const note of plan.notes) pulumi.log.info(note);
  // Created on first use: a stack with no AWS resource needs no AWS credentials.
  let provider: aws.Provider | undefined;
  const awsProvider = (): aws.Provider =>
    (provider ??= new aws.Provider('aws', {
      region: config.region as aws.Region,
      ...(config.awsAccountId !== undefined ? { allowedAccountIds: [config.awsAccountId] } : {}),
    }));
  const { target } = config;
  if (target.kind === 'hub') {
    const plan = plans.get(config.fleet.hub.name);
    return managementStack({ config, aws: awsProvider, ...(plan ? { plan } : {}) });
  }
  return environmentStack({ config: { ...config, target }, units, plans, aws: awsProvider });
}

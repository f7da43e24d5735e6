/**
 * Runs the fleet's Pulumi program (outputs/pulumi) on mocked Pulumi, as a
 * given stack with given config, and records what it registers and reads.
 *
 * The mocks answer what the program reads back from the engine: the
 * management stack's outputs (StackReference), the kubeconfig Secret Cluster
 * API writes on the hub, a ServiceAccount token Secret's token, and the EKS
 * outputs of `defaultOutputs`.
 *
 * @example
 * const run = await runStack('dev', stackFileConfig('dev'));
 * expect(run.recorder.countsByType()).toEqual({ ... });
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { parse } from 'yaml';
import type { FleetDefinition } from '../../model';
import type { StackOutputs } from '../../outputs/pulumi/outputs';
import { defaultOutputs, mockPulumi, settled, type PulumiRecorder } from './pulumi';
import { tempDir } from './tmp';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** The organization and project the runs pretend to be in. */
export const ORGANIZATION = 'acme';
export const PROJECT = 'fleetwright';

/** The kubeconfig the mocked management stack exports. */
export const HUB_KUBECONFIG = 'apiVersion: v1\nkind: Config\nclusters:\n  - name: management\n    cluster:\n      server: https://HUB.gr7.us-east-1.eks.amazonaws.com\n';

/** The kubeconfig Cluster API writes for `cluster` (mocked). */
export function capiKubeconfig(cluster: string): string {
  return `apiVersion: v1\nkind: Config\nclusters:\n  - cluster:\n      certificate-authority-data: Q0E=\n      server: https://${cluster}.capi.example:6443\n    name: ${cluster}\n`;
}

/** The token of a ServiceAccount token Secret (mocked). */
export function serviceAccountToken(name: string): string {
  return `token-of-${name}`;
}

/** The config of `Pulumi.<stack>.yaml`, as the CLI hands it to the program (lists and maps as JSON). */
export function stackFileConfig(stack: string): Record<string, string> {
  const file = parse(fs.readFileSync(path.join(PROJECT_ROOT, `Pulumi.${stack}.yaml`), 'utf8')) as { config?: Record<string, unknown> };
  return Object.fromEntries(Object.entries(file.config ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

/** Outputs the program reads back, over `defaultOutputs`. */
export function fleetOutputs(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
  const inputs = args.inputs as Record<string, any>;
  if (args.type === 'pulumi:pulumi:StackReference') {
    return { name: inputs.name, outputs: { kubeconfig: HUB_KUBECONFIG }, secretOutputNames: ['kubeconfig'] };
  }
  if (args.type === 'kubernetes:core/v1:Secret' && args.id !== undefined && args.id !== '') {
    // A read: the kubeconfig Secret Cluster API writes (`<namespace>/<cluster>-kubeconfig`).
    const name = args.id.split('/')[1]!;
    return { data: { value: Buffer.from(capiKubeconfig(name.replace(/-kubeconfig$/, ''))).toString('base64') } };
  }
  if (args.type === 'kubernetes:core/v1:Secret' && inputs.type === 'kubernetes.io/service-account-token') {
    return { data: { token: Buffer.from(serviceAccountToken(inputs.metadata.annotations['kubernetes.io/service-account.name'])).toString('base64') } };
  }
  return defaultOutputs(args);
}

export interface StackRun {
  readonly recorder: PulumiRecorder;
  /** The program's outputs, unless it threw. */
  readonly outputs?: StackOutputs;
  /** What the program threw. */
  readonly error?: unknown;
  /** Types and names of the resources registered while the program ran, in order. */
  readonly registeredDuring: readonly string[];
  /** Types and names of the resources registered after it returned (inside an apply or a then). */
  readonly registeredAfter: readonly string[];
}

interface RuntimeResourceModule {
  registerResource: (...args: any[]) => unknown;
  readResource: (...args: any[]) => unknown;
}

/**
 * Runs the program as `stack` with `config`. The program module is imported
 * after the mocks are installed (the first time), as Pulumi's unit-testing
 * guide asks.
 */
export async function runStack(stack: string, config: Readonly<Record<string, string>>, options: { readonly preview?: boolean } = {}): Promise<StackRun> {
  const recorder = mockPulumi({ stack, project: PROJECT, organization: ORGANIZATION, outputs: fleetOutputs, preview: options.preview ?? false });
  pulumi.runtime.setAllConfig({ ...config });
  const { fleetwrightProgram } = await import('../../outputs/pulumi/program');
  const nodeRequire = createRequire(__filename);
  // The program loads the definition with require, which the real entry (main.js) teaches TypeScript by registering tsx.
  nodeRequire('tsx/cjs');
  const runtime = nodeRequire('@pulumi/pulumi/runtime/resource') as RuntimeResourceModule;
  const register = runtime.registerResource;
  const read = runtime.readResource;
  const during: string[] = [];
  const after: string[] = [];
  let running = true;
  const track = (t: unknown, name: unknown) => (running ? during : after).push(`${String(t)} ${String(name)}`);
  runtime.registerResource = (res, parent, t, name, ...rest) => {
    track(t, name);
    return register(res, parent, t, name, ...rest);
  };
  runtime.readResource = (res, parent, t, name, ...rest) => {
    track(t, name);
    return read(res, parent, t, name, ...rest);
  };
  let outputs: StackOutputs | undefined;
  let error: unknown;
  try {
    outputs = fleetwrightProgram();
  } catch (e) {
    error = e;
  } finally {
    running = false;
  }
  try {
    await settled();
  } finally {
    runtime.registerResource = register;
    runtime.readResource = read;
  }
  return { recorder, ...(outputs ? { outputs } : {}), ...(error !== undefined ? { error } : {}), registeredDuring: during, registeredAfter: after };
}

/**
 * A definition in a file the program can load (`fleetwright:config`): JSON,
 * which `require` reads as the module's exports. Removed by `cleanup`.
 */
export function definitionFile(definition: FleetDefinition): { readonly file: string; readonly cleanup: () => void } {
  const { dir, cleanup } = tempDir('fleetwright-pulumi-');
  const file = path.join(dir, 'fleet.json');
  fs.writeFileSync(file, JSON.stringify(definition));
  return { file, cleanup };
}

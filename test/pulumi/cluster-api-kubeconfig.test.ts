/**
 * The kubeconfig Cluster API writes for a cluster a stack delivers (the
 * example's dev stack: dev-us-east-1 on capi-aws) is read only once the
 * cluster's Cluster API `Cluster` exists, and Pulumi waits for its control
 * plane before that.
 *
 * The engine answers a resource being created in a preview with no ID, and
 * runs no read whose ID is unknown. The mocks of `mockPulumi` give every
 * resource an ID, so a new Cluster is modelled by taking the ID out of the
 * engine's answer for it (what `pulumi preview` of a fresh stack sees); the
 * mocks' `newResource` (which every read reaches) records what it is asked.
 */
import { createRequire } from 'node:module';
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StackOutputs } from '../../outputs/pulumi/outputs';
import { mockPulumi, settled, type PulumiRecorder, type RecordedResource } from '../helpers/pulumi';
import { capiKubeconfig, fleetOutputs, ORGANIZATION, PROJECT, stackFileConfig } from '../helpers/pulumi-stacks';

const CLUSTER = 'dev-us-east-1';
const CLUSTER_TYPE = 'kubernetes:cluster.x-k8s.io/v1beta2:Cluster';
const SECRET_TYPE = 'kubernetes:core/v1:Secret';
const KUBECONFIG_ID = `clusters/${CLUSTER}-kubeconfig`;

/** What the mocks' `newResource` was asked: registrations (no ID) and reads (the ID read). */
interface MockRequest {
  readonly type: string;
  readonly name: string;
  readonly id?: string;
}

interface DevRun {
  readonly recorder: PulumiRecorder;
  readonly requests: readonly MockRequest[];
  readonly outputs?: StackOutputs;
  readonly error?: unknown;
}

interface Monitor {
  registerResource(req: { getType(): string }, callback: (error: unknown, response: { setId(id: string): void } | undefined) => void): unknown;
}

/**
 * Runs the dev stack with its Pulumi.dev.yaml. `preview`: as `pulumi
 * preview` (and the preview of `pulumi up`); `clusterIsNew`: the engine
 * answers the Cluster API `Cluster` with no ID, as for a resource it is
 * creating.
 */
async function runDev(options: { readonly preview: boolean; readonly clusterIsNew: boolean }): Promise<DevRun> {
  const requests: MockRequest[] = [];
  const recorder = mockPulumi({
    stack: 'dev',
    project: PROJECT,
    organization: ORGANIZATION,
    preview: options.preview,
    outputs: (args) => {
      requests.push({ type: args.type, name: args.name, ...(args.id ? { id: args.id } : {}) });
      // A read by an unknown ID, which the engine would not run: no state.
      return args.id === pulumi.runtime.unknownValue ? {} : fleetOutputs(args);
    },
  });
  if (options.clusterIsNew) {
    const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) =>
      register(req, (error, response) => {
        if (!error && response && req.getType() === CLUSTER_TYPE) response.setId('');
        callback(error, response);
      });
  }
  pulumi.runtime.setAllConfig(stackFileConfig('dev'));
  // The program loads the definition with require, which the real entry (main.js) teaches TypeScript by registering tsx.
  createRequire(__filename)('tsx/cjs');
  const { fleetwrightProgram } = await import('../../outputs/pulumi/program');
  let outputs: StackOutputs | undefined;
  let error: unknown;
  try {
    outputs = fleetwrightProgram();
  } catch (e) {
    error = e;
  }
  await settled();
  return { recorder, requests, ...(outputs ? { outputs } : {}), ...(error !== undefined ? { error } : {}) };
}

const providerRef = (r: RecordedResource) => `${r.urn}::${r.name}-id`;
const kubeconfigReads = (run: DevRun) => run.recorder.reads.filter((r) => r.type === SECRET_TYPE).map((r) => `${r.name} ${r.id}`);
const secretRequests = (run: DevRun) => run.requests.filter((r) => r.type === SECRET_TYPE).map((r) => `${r.name} ${r.id ?? ''}`);
/** The Cluster API objects the stack applies to the hub. */
const hubObjects = (run: DevRun) => run.recorder.resources.filter((r) => r.provider === providerRef(run.recorder.one('pulumi:providers:kubernetes', 'hub')));

describe('GIVEN a preview of the dev stack whose Cluster API Cluster is new (a fresh stack) WHEN it runs', () => {
  let run: DevRun;
  beforeAll(async () => {
    run = await runDev({ preview: true, clusterIsNew: true });
  });

  it('THEN the program completes, and the Cluster and the other Cluster API objects are registered', () => {
    expect(run.error).toBeUndefined();
    expect(hubObjects(run).map((r) => `${r.type} ${r.name}`)).toContain(`${CLUSTER_TYPE} ${CLUSTER}/hub/clusters/${CLUSTER}`);
    expect(hubObjects(run)).toHaveLength(7);
  });

  it('THEN the kubeconfig is not read: its read carries an unknown ID, which the engine does not run in a preview, and nothing asks the mocks for the Secret by its ID', () => {
    expect(kubeconfigReads(run)).toEqual([`${CLUSTER}-kubeconfig ${pulumi.runtime.unknownValue}`]);
    expect(secretRequests(run)).toEqual([`${CLUSTER}-kubeconfig ${pulumi.runtime.unknownValue}`]);
    expect(run.requests.filter((r) => r.id === KUBECONFIG_ID)).toEqual([]);
  });

  it('THEN the cluster\'s provider gets no kubeconfig yet (unknown), and nothing on the cluster is read', () => {
    const spoke = run.recorder.one('pulumi:providers:kubernetes', CLUSTER);
    expect(pulumi.isUnknown(spoke.inputs.kubeconfig)).toBe(true);
    expect(run.recorder.reads.map((r) => r.type).sort()).toEqual(['kubernetes:core/v1:Secret', 'pulumi:pulumi:StackReference']);
  });
});

describe('GIVEN a preview of the dev stack whose Cluster API Cluster exists WHEN it runs', () => {
  let run: DevRun;
  beforeAll(async () => {
    run = await runDev({ preview: true, clusterIsNew: false });
    expect(run.error).toBeUndefined();
  });

  it('THEN the kubeconfig is read by its ID and feeds the cluster\'s provider', () => {
    expect(kubeconfigReads(run)).toEqual([`${CLUSTER}-kubeconfig ${KUBECONFIG_ID}`]);
    expect(secretRequests(run)).toEqual([`${CLUSTER}-kubeconfig ${KUBECONFIG_ID}`]);
    expect(run.recorder.one('pulumi:providers:kubernetes', CLUSTER).inputs.kubeconfig).toBe(capiKubeconfig(CLUSTER));
  });
});

describe('GIVEN the dev stack WHEN `pulumi up` runs it (no preview)', () => {
  let run: DevRun;
  beforeAll(async () => {
    run = await runDev({ preview: false, clusterIsNew: false });
    expect(run.error).toBeUndefined();
  });

  it('THEN the kubeconfig is read by `<namespace>/<cluster>-kubeconfig`, after the Cluster API Cluster and the other Cluster API objects', () => {
    const read = run.recorder.reads.find((r) => r.type === SECRET_TYPE)!;
    expect(read).toMatchObject({ name: `${CLUSTER}-kubeconfig`, id: KUBECONFIG_ID, provider: providerRef(run.recorder.one('pulumi:providers:kubernetes', 'hub')) });
    expect(read.dependencies).toContain(run.recorder.one(CLUSTER_TYPE).urn);
    expect(read.dependencies).toEqual(hubObjects(run).map((r) => r.urn).sort());
    expect(run.requests.filter((r) => r.id === KUBECONFIG_ID)).toEqual([{ type: SECRET_TYPE, name: `${CLUSTER}-kubeconfig`, id: KUBECONFIG_ID }]);
  });

  it('THEN the Cluster API Cluster carries the annotations that make the provider wait 30 minutes at most for its control plane', () => {
    expect(run.recorder.one(CLUSTER_TYPE).inputs.metadata.annotations).toEqual({
      'pulumi.com/waitFor': 'condition=ControlPlaneInitialized',
      'pulumi.com/timeoutSeconds': '1800',
    });
    // No other object the stack applies to the hub gets either.
    const awaited = hubObjects(run).filter((r) => ['pulumi.com/waitFor', 'pulumi.com/timeoutSeconds'].some((k) => k in (r.inputs.metadata.annotations ?? {})));
    expect(awaited.map((r) => r.type)).toEqual([CLUSTER_TYPE]);
  });
});

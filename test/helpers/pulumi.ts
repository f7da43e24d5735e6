/**
 * Pulumi unit tests without the CLI or a cloud: `mockPulumi()` installs
 * `pulumi.runtime.setMocks` (call it before importing the code under test,
 * as Pulumi's `testing-unit-ts` example does) and records every resource
 * registered: type, name, URN, inputs and the options the engine would get
 * (parent, protect, provider, dependencies, ignoreChanges,
 * deleteBeforeReplace). `settled()` waits until every pending registration
 * has reached the mocks; `promiseOf()` awaits an output.
 *
 * @example
 * const pulumiMocks = mockPulumi();
 * const { EksCluster } = await import('../../outputs/pulumi/eks');
 * const eks = new EksCluster('prod', { cluster });
 * await settled();
 * expect(pulumiMocks.ofType('aws:eks/nodeGroup:NodeGroup')).toHaveLength(2);
 * expect(await promiseOf(eks.endpoint)).toBe('https://…');
 */
import { createHash } from 'node:crypto';
import * as pulumi from '@pulumi/pulumi';

/** A resource as the engine would have received it. */
export interface RecordedResource {
  /** Type token, e.g. `aws:eks/cluster:Cluster`. */
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  readonly urn: string;
  /** false for component resources. */
  readonly custom: boolean;
  /** Resolved inputs (secrets unwrapped: see `secretInputs`). */
  readonly inputs: Record<string, any>;
  /** Top-level input keys whose value was a Pulumi secret (or held one), sorted. */
  readonly secretInputs: readonly string[];
  /** URN of the parent, if any. */
  readonly parent?: string;
  readonly protect: boolean;
  /** Provider reference (`<urn>::<id>`), when one was passed or inherited. */
  readonly provider?: string;
  /** URNs the resource depends on: `dependsOn` and the resources its inputs come from. */
  readonly dependencies: readonly string[];
  readonly ignoreChanges: readonly string[];
  readonly deleteBeforeReplace: boolean;
  /** Pulumi leaves the object in place when the resource leaves the program. */
  readonly retainOnDelete: boolean;
}

/** A resource the program read (`Resource.get`, a StackReference) rather than registered. */
export interface RecordedRead {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** The ID it was read by. */
  readonly id: string;
  readonly parent?: string;
  readonly provider?: string;
  /** URNs the read waited for (`dependsOn`). */
  readonly dependencies: readonly string[];
}

export interface MockPulumiOptions {
  /**
   * Output properties of a new resource, over its inputs; `undefined` falls
   * back to {@link defaultOutputs}.
   */
  readonly outputs?: (args: pulumi.runtime.MockResourceArgs) => Record<string, unknown> | undefined;
  /** Results of provider functions by token, over {@link DEFAULT_CALLS}. */
  readonly calls?: Readonly<Record<string, (inputs: any) => Record<string, unknown>>>;
  /** @default 'project' */
  readonly project?: string;
  /** @default 'stack' */
  readonly stack?: string;
  /** What `pulumi.getOrganization()` returns. @default 'organization' (the DIY backend's) */
  readonly organization?: string;
  /** Run as a preview (outputs of new resources unknown). @default false */
  readonly preview?: boolean;
}

/** The account the default outputs put in ARNs. */
export const MOCK_ACCOUNT = '123456789012';

/** A stable hex digest of `text`, for made-up IDs that stay the same from run to run. */
function digest(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * Plausible outputs for AWS resources whose outputs code reads: EKS clusters
 * (endpoint, CA, OIDC issuer, ARN), IAM roles and OIDC providers (ARN, name).
 * Everything else echoes its inputs.
 */
export function defaultOutputs(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
  const inputs = args.inputs as Record<string, any>;
  const region: string = inputs.region ?? 'us-east-1';
  switch (args.type) {
    case 'aws:eks/cluster:Cluster': {
      const name: string = inputs.name ?? args.name;
      const id = digest(name, 32).toUpperCase();
      return {
        arn: `arn:aws:eks:${region}:${MOCK_ACCOUNT}:cluster/${name}`,
        name,
        endpoint: `https://${id}.gr7.${region}.eks.amazonaws.com`,
        certificateAuthority: { data: Buffer.from(`CA of ${name}`).toString('base64') },
        identities: [{ oidcs: [{ issuer: `https://oidc.eks.${region}.amazonaws.com/id/${id}` }] }],
      };
    }
    case 'aws:iam/role:Role': {
      const name: string = inputs.name ?? `${args.name}-${digest(args.name, 7)}`;
      return { arn: `arn:aws:iam::${MOCK_ACCOUNT}:role/${name}`, name };
    }
    case 'aws:iam/openIdConnectProvider:OpenIdConnectProvider':
      return { arn: `arn:aws:iam::${MOCK_ACCOUNT}:oidc-provider/${String(inputs.url).replace(/^https:\/\//, '')}` };
    default:
      return {};
  }
}

/** `aws.getAvailabilityZones`: zones a to f of the region asked for (us-east-1 when none). */
export const DEFAULT_CALLS: Readonly<Record<string, (inputs: any) => Record<string, unknown>>> = {
  'aws:index/getAvailabilityZones:getAvailabilityZones': (inputs) => {
    const region: string = inputs.region ?? 'us-east-1';
    const letters = ['a', 'b', 'c', 'd', 'e', 'f'];
    return { id: region, region, names: letters.map((l) => `${region}${l}`), zoneIds: letters.map((_, i) => `${region}-az${i + 1}`) };
  },
};

/** What `mockPulumi` recorded. */
export class PulumiRecorder {
  readonly resources: RecordedResource[] = [];
  /** Reads, in the order they reached the mocks. */
  readonly reads: RecordedRead[] = [];

  /** Resources of `type`, sorted by name. */
  ofType(type: string): RecordedResource[] {
    return this.resources.filter((r) => r.type === type).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The single resource of `type` (and `name`, when given); throws otherwise. */
  one(type: string, name?: string): RecordedResource {
    const found = this.ofType(type).filter((r) => name === undefined || r.name === name);
    if (found.length !== 1) throw new Error(`expected one ${type}${name ? ` "${name}"` : ''}, found ${found.length}`);
    return found[0]!;
  }

  /** The resource with this URN. */
  byUrn(urn: string): RecordedResource | undefined {
    return this.resources.find((r) => r.urn === urn);
  }

  /** Every resource below `urn` (children, their children, …). */
  descendantsOf(urn: string): RecordedResource[] {
    const below = new Set([urn]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const r of this.resources) {
        if (r.parent !== undefined && below.has(r.parent) && !below.has(r.urn)) {
          below.add(r.urn);
          grew = true;
        }
      }
    }
    below.delete(urn);
    return this.resources.filter((r) => below.has(r.urn));
  }

  /** Number of resources per type, keys sorted: a compact picture of what was created. */
  countsByType(resources: readonly RecordedResource[] = this.resources): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of [...resources].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))) counts[r.type] = (counts[r.type] ?? 0) + 1;
    return counts;
  }

  /** Forgets what was recorded (between tests that build separate programs). */
  clear(): void {
    this.resources.length = 0;
    this.reads.length = 0;
  }
}

interface RegisterResourceRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): any;
  getProtect(): boolean;
  getProvider(): string;
  getDependenciesList(): string[];
  getIgnorechangesList(): string[];
  getDeletebeforereplace(): boolean;
  getRetainondelete(): boolean | undefined;
}

interface ReadResourceRequest {
  getType(): string;
  getName(): string;
  getId(): string;
  getParent(): string;
  getProvider(): string;
  getDependenciesList(): string[];
}

type Callback = (error: unknown, response: { getUrn(): string } | undefined) => void;

interface Monitor {
  registerResource(req: RegisterResourceRequest, callback: Callback): unknown;
  readResource(req: ReadResourceRequest, callback: Callback): unknown;
}

/** A deserialized secret: `{ <sig key>: <secret sig>, value }`. */
function isSecretValue(value: unknown): value is { readonly value: unknown } {
  return pulumi.runtime.isRpcSecret(value);
}

/** Installs Pulumi's mocks and starts recording. Call once per test file, before importing the program. */
export function mockPulumi(options: MockPulumiOptions = {}): PulumiRecorder {
  const recorder = new PulumiRecorder();
  const calls = { ...DEFAULT_CALLS, ...options.calls };
  void pulumi.runtime.setMocks(
    {
      newResource(args) {
        const state = { ...args.inputs, ...(options.outputs?.(args) ?? defaultOutputs(args)) };
        return { id: args.custom ? `${args.name}-id` : undefined, state };
      },
      call(args) {
        const call = calls[args.token];
        if (!call) throw new Error(`no mock for provider function ${args.token}: pass it in mockPulumi({ calls })`);
        return call(args.inputs);
      },
    },
    options.project ?? 'project',
    options.stack ?? 'stack',
    options.preview ?? false,
    options.organization ?? 'organization',
  );
  const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) =>
    register(req, (error, response) => {
      if (!error && response) {
        const parent = req.getParent();
        const provider = req.getProvider();
        const raw: Record<string, unknown> = pulumi.runtime.deserializeProperties(req.getObject());
        const secretInputs = Object.keys(raw).filter((key) => isSecretValue(raw[key])).sort();
        const inputs = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, isSecretValue(value) ? value.value : value]));
        recorder.resources.push({
          type: req.getType(),
          name: req.getName(),
          urn: response.getUrn(),
          custom: req.getCustom(),
          inputs,
          secretInputs,
          ...(parent ? { parent } : {}),
          protect: req.getProtect(),
          ...(provider ? { provider } : {}),
          dependencies: [...req.getDependenciesList()].sort(),
          ignoreChanges: [...req.getIgnorechangesList()],
          deleteBeforeReplace: req.getDeletebeforereplace(),
          retainOnDelete: req.getRetainondelete() === true,
        });
      }
      callback(error, response);
    });
  const read = monitor.readResource.bind(monitor);
  monitor.readResource = (req, callback) =>
    read(req, (error, response) => {
      if (!error && response) {
        const parent = req.getParent();
        const provider = req.getProvider();
        recorder.reads.push({
          type: req.getType(),
          name: req.getName(),
          urn: response.getUrn(),
          id: req.getId(),
          ...(parent ? { parent } : {}),
          ...(provider ? { provider } : {}),
          dependencies: [...req.getDependenciesList()].sort(),
        });
      }
      callback(error, response);
    });
  return recorder;
}

/** Waits until every resource registration started so far has completed. */
export async function settled(): Promise<void> {
  const runtime = pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> };
  if (!runtime.waitForRPCs) throw new Error('@pulumi/pulumi no longer exports runtime.waitForRPCs: adapt settled()');
  await runtime.waitForRPCs();
}

/** The value of an output (or plain input). Never resolves for an output unknown in a preview. */
export function promiseOf<T>(input: pulumi.Input<T>): Promise<pulumi.Unwrap<T>> {
  return new Promise((resolve) => {
    pulumi.output(input).apply((value) => {
      resolve(value);
      return value;
    });
  });
}

/** The URN of a resource. */
export function urnOf(resource: pulumi.Resource): Promise<string> {
  return promiseOf(resource.urn);
}

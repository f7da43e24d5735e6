/**
 * Applies an {@link ApplyPlan} to a cluster through its Kubernetes provider:
 * each folder step as a `fleetwright:fleet:Folder` component holding one
 * resource per object, each chart step as a Helm release
 * (`k8s.helm.v3.Release`). A step waits for the steps it needs
 * (`dependsOn` on their components: Pulumi waits for everything in them),
 * which keeps the edges per object at the handful of steps it follows.
 *
 * Helm releases, as Argo CD installs the charts:
 * - the release named after the add-on (as the ApplicationSet's
 *   `releaseName`), in the add-on's namespace, which Helm does not create
 *   (`createNamespace` false): the step's labelled Namespace (see
 *   ./apply-plan), created before the release, or the Namespace of the
 *   chart step before it into the same namespace, which it waits for;
 * - the pinned chart and version from the chart's repository (an OCI
 *   registry as `oci://<registry>/<chart>`), with the merged values Argo CD
 *   and Flux get; `allowNullValues` so that a `null` removes a chart default
 *   as it does for Argo CD (Helm's semantics);
 * - Pulumi waits until the release's objects are ready (`skipAwait` false),
 *   so a step that needs a chart's CRDs or webhooks starts after them.
 * Server-side apply and the ignored HPA-managed replicas that Argo CD needs
 * have no counterpart: Helm creates objects (no last-applied annotation, so
 * no size limit on large CRDs) and upgrades with a three-way merge against
 * the previous release, which leaves fields no chart sets (HPA-managed
 * replicas) to their controllers.
 * @see https://www.pulumi.com/registry/packages/kubernetes/api-docs/helm/v3/release/
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { ChartStep, FolderStep, ApplyPlan } from './apply-plan';
import { applyObjects } from './kube-objects';

export const DIRECT_APPLY_TYPE = 'fleetwright:fleet:DirectApply';
export const FOLDER_TYPE = 'fleetwright:fleet:Folder';

export interface DirectApplyArgs {
  readonly plan: ApplyPlan;
  /** The cluster's provider. */
  readonly provider: k8s.Provider;
  /** What every step waits for, e.g. the cluster's node groups. @default [] */
  readonly dependsOn?: readonly pulumi.Resource[];
}

/** The objects of one folder step: one resource per object, each after its step's predecessors. */
export class FolderApply extends pulumi.ComponentResource {
  /** The resources, in the step's order. */
  readonly resources: readonly pulumi.CustomResource[];

  constructor(name: string, args: { readonly step: FolderStep; readonly provider: k8s.Provider; readonly dependsOn: readonly pulumi.Resource[] }, opts?: pulumi.ComponentResourceOptions) {
    super(FOLDER_TYPE, name, {}, opts);
    this.resources = applyObjects(args.step.objects, { parent: this, provider: args.provider, dependsOn: args.dependsOn });
    this.registerOutputs({});
  }
}

/** Everything a cluster gets, in delivery order. */
export class DirectApply extends pulumi.ComponentResource {
  /** Per step id, the resources a later step waits for (none for an empty folder: its own predecessors instead). */
  readonly gates: ReadonlyMap<string, readonly pulumi.Resource[]>;

  constructor(name: string, args: DirectApplyArgs, opts?: pulumi.ComponentResourceOptions) {
    super(DIRECT_APPLY_TYPE, name, {}, opts);
    const { plan, provider } = args;
    const base = [...(args.dependsOn ?? [])];
    const gates = new Map<string, readonly pulumi.Resource[]>();
    /** The Namespaces chart steps created, by name. */
    const namespaces = new Map<string, pulumi.Resource>();
    for (const step of plan.steps) {
      const before = [...new Set(step.after.flatMap((id) => gates.get(id) ?? []))];
      const dependsOn = [...base, ...before];
      if (step.kind === 'chart') {
        if (step.namespace) namespaces.set(step.component.namespace, applyObjects([step.namespace], { parent: this, provider, dependsOn })[0]!);
        const namespace = namespaces.get(step.component.namespace);
        gates.set(step.id, [release(plan.cluster, step, { parent: this, provider, dependsOn: namespace ? [...dependsOn, namespace] : dependsOn })]);
      } else if (step.objects.length === 0) {
        gates.set(step.id, before);
      } else {
        gates.set(step.id, [new FolderApply(`${plan.cluster}/${step.id}`, { step, provider, dependsOn }, { parent: this })]);
      }
    }
    this.gates = gates;
    this.registerOutputs({});
  }
}

function release(cluster: string, step: ChartStep, opts: pulumi.CustomResourceOptions): k8s.helm.v3.Release {
  const c = step.component;
  return new k8s.helm.v3.Release(`${cluster}/${c.releaseName}`, {
    name: c.releaseName,
    chart: c.oci ? `oci://${c.repoUrl}/${c.chart}` : c.chart,
    version: c.version,
    ...(c.oci ? {} : { repositoryOpts: { repo: c.repoUrl } }),
    namespace: c.namespace,
    // The namespace exists, with its labels: created by this step or one before it, or by Kubernetes.
    createNamespace: false,
    values: c.values as Record<string, unknown>,
    allowNullValues: true,
  }, opts);
}

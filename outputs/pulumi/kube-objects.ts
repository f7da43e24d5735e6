/**
 * One rendered object as one @pulumi/kubernetes resource, with its content
 * exactly as synth renders it (nothing added): Kubernetes' own kinds as the
 * provider's typed classes (`k8s.core.v1.ConfigMap`, …: the type token the
 * provider expects, and its readiness checks, e.g. a Deployment's rollout),
 * every kind from a CRD as `k8s.apiextensions.CustomResource`.
 *
 * One resource per object (rather than a `yaml.v2.ConfigGroup`, which the
 * provider expands on its side) so that each object has its own
 * `dependsOn`, `protect` and `retainOnDelete`, and `pulumi preview` lists
 * every object.
 */
import * as k8s from '@pulumi/kubernetes';
import type * as pulumi from '@pulumi/pulumi';
import { apiGroup, BUILT_IN_GROUPS } from '../../stacks/delivery';
import type { KubeObject } from '../../stacks/rendered';
import type { PlannedObject } from './apply-plan';

type TypedClass = new (name: string, args: KubeObject, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** The SDK's module of a built-in API group: `core` for the core group, else the group's first label (`rbac.authorization.k8s.io` → `rbac`). */
function sdkModule(group: string): string {
  return group === '' ? 'core' : group.split('.')[0]!;
}

/** The typed class of a built-in kind, e.g. `k8s.apps.v1.Deployment`; undefined if the SDK has none. */
export function typedClass(apiVersion: string, kind: string): TypedClass | undefined {
  const group = apiGroup(apiVersion);
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  const modules = k8s as unknown as Record<string, Record<string, Record<string, unknown>> | undefined>;
  const found = modules[sdkModule(group)]?.[version]?.[kind];
  return typeof found === 'function' ? (found as TypedClass) : undefined;
}

/** The Pulumi type token of an object's resource, e.g. `kubernetes:core/v1:Namespace`. */
export function kubeType(object: Pick<KubeObject, 'apiVersion' | 'kind'>): string {
  const group = apiGroup(object.apiVersion);
  return BUILT_IN_GROUPS.has(group) ? `kubernetes:${object.apiVersion.includes('/') ? '' : 'core/'}${object.apiVersion}:${object.kind}` : `kubernetes:${object.apiVersion}:${object.kind}`;
}

/** Registers `object` as a resource named `name`. */
export function kubeObject(name: string, object: KubeObject, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
  const group = apiGroup(object.apiVersion);
  if (!BUILT_IN_GROUPS.has(group)) return new k8s.apiextensions.CustomResource(name, object as k8s.apiextensions.CustomResourceArgs, opts);
  const Typed = typedClass(object.apiVersion, object.kind);
  if (!Typed) {
    throw new Error(
      `kubeObject: @pulumi/kubernetes has no class for ${object.apiVersion} ${object.kind} (${name}); ` +
        'the API is too new or was removed: render a version the SDK knows, or upgrade @pulumi/kubernetes',
    );
  }
  return new Typed(name, object, opts);
}

/**
 * Registers planned objects, each after the objects of the list it waits for
 * (its Namespace, its kind's CRD) and after `dependsOn`. Returns the
 * resources in the list's order.
 */
export function applyObjects(
  planned: readonly PlannedObject[],
  opts: { readonly parent: pulumi.Resource; readonly provider: pulumi.ProviderResource; readonly dependsOn?: readonly pulumi.Resource[] },
): pulumi.CustomResource[] {
  const created = new Map<number, pulumi.CustomResource>();
  const create = (i: number, waiting: readonly number[]): pulumi.CustomResource => {
    const done = created.get(i);
    if (done) return done;
    const p = planned[i]!;
    if (waiting.includes(i)) throw new Error(`applyObjects: ${[...waiting.slice(waiting.indexOf(i)), i].map((j) => planned[j]!.name).join(' → ')} wait for each other`);
    const before = p.after.map((j) => create(j, [...waiting, i]));
    const resource = kubeObject(p.name, p.object, {
      parent: opts.parent,
      provider: opts.provider,
      protect: p.protect,
      retainOnDelete: p.retainOnDelete,
      dependsOn: [...(opts.dependsOn ?? []), ...before],
    });
    created.set(i, resource);
    return resource;
  };
  return planned.map((_, i) => create(i, []));
}

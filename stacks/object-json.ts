/**
 * `ApiObject.toJson()` with less work, for the objects fleetwright builds.
 *
 * cdk8s renders an object by walking its props once to resolve them (for
 * every value, a resolution context offered to each of the App's resolvers:
 * `Lazy`, implicit tokens, number-or-string unions), once more to sanitize
 * them (drop null and undefined, sort keys), then applying JSON patches and
 * putting `apiVersion`, `kind` and `metadata` first. When the props hold
 * only plain JSON (strings, numbers, booleans, arrays, plain objects), none
 * of the default resolvers changes anything, so one walk that copies, drops
 * and sorts gives the same object. An L1 class of cdk8s-plus-28's `k8s`
 * renders itself as its static `manifest()` of what `ApiObject.toJson()`
 * gives for it (the code `cdk8s import` generates), so it takes the same walk,
 * then its `manifest()`. Anything else goes to `toJson()` itself: a value
 * that is not plain JSON (a `Lazy`, a token, a class instance, a null inside
 * an array), any other class that renders itself, JSON patches, custom
 * resolvers, `CDK8S_DISABLE_SORT`, or an `ApiObject` whose internals are not
 * the ones this version of cdk8s has.
 *
 * test/stacks/object-json.test.ts checks each fallback, and
 * test/stacks/rendered.test.ts that every folder of every kind of fleet
 * renders exactly as `chart.toJson()` renders it.
 */
import { ApiObject, App, ImplicitTokenResolver, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';

/** The renderer below gave up: the value needs cdk8s's own rendering. */
const NOT_PLAIN = Symbol('not plain JSON');

/** What `ApiObject.toJson()` returns for `object`. */
export function apiObjectJson(object: ApiObject): unknown {
  return objectRenderer(App.of(object))(object);
}

/**
 * The renderer for the objects of `app`, giving what their `toJson()` gives.
 * What holds for the whole App (its resolvers, `CDK8S_DISABLE_SORT`) is
 * checked here once, not per object.
 */
export function objectRenderer(app: App): (object: ApiObject) => unknown {
  if (process.env.CDK8S_DISABLE_SORT || !hasDefaultResolvers(app)) return (object) => object.toJson();
  return plainJson;
}

/** An L1 class of `k8s`: `toJson()` is `{ ...GVK, ...toJson_<Kind>Props(super.toJson()) }`, and `manifest(props)` that of `props`. */
interface L1Class {
  readonly prototype: ApiObject;
  manifest(props: unknown): unknown;
}

/** The L1 classes of `k8s` by prototype: an object of a subclass (whose `toJson()` may differ) has another prototype. */
const L1_CLASSES: ReadonlyMap<object, L1Class> = new Map(
  (Object.values(k8s) as unknown[]).filter(isL1Class).map((c) => [c.prototype, c]),
);

function isL1Class(value: unknown): value is L1Class {
  // Not `instanceof`: ApiObject's Symbol.hasInstance looks for a marker instances carry and prototypes do not.
  return typeof value === 'function' && Object.prototype.isPrototypeOf.call(ApiObject.prototype, value.prototype) && typeof (value as Partial<L1Class>).manifest === 'function';
}

/** `toJson()`'s result for an object of an App with the default resolvers and sorting. */
function plainJson(object: ApiObject): unknown {
  const proto: object = Object.getPrototypeOf(object);
  const l1 = L1_CLASSES.get(proto);
  if (l1 === undefined && (proto as ApiObject).toJson !== ApiObject.prototype.toJson) return object.toJson();
  const inside = internals(object);
  if (inside === undefined) return object.toJson();
  try {
    const metadata = plainCopy(metadataInput(inside.metadata), true);
    const body = plainCopy(inside.props, false, 'metadata') as Record<string, unknown>;
    // apiVersion, kind and metadata first, then the other fields in (sorted) order, as cdk8s puts them.
    const result: Record<string, unknown> = {};
    if ('apiVersion' in body) result.apiVersion = body.apiVersion;
    if ('kind' in body) result.kind = body.kind;
    if (metadata !== undefined) result.metadata = metadata;
    for (const key of Object.keys(body)) if (!(key in result)) result[key] = body[key];
    return l1 === undefined ? result : l1.manifest(result);
  } catch (e) {
    if (e === NOT_PLAIN) return object.toJson();
    throw e;
  }
}

/** The fields of `ApiObjectMetadataDefinition` that its `toJson()` renders. */
interface MetadataFields {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels: Record<string, unknown>;
  readonly annotations: Record<string, unknown>;
  readonly finalizers: unknown[];
  readonly ownerReferences: unknown[];
  readonly _additionalAttributes: Record<string, unknown>;
}

interface Internals {
  readonly props: Record<string, unknown>;
  readonly metadata: MetadataFields;
}

/** The object's props and metadata when the plain rendering applies to it; undefined when `toJson()` must render it. */
function internals(object: ApiObject): Internals | undefined {
  const raw = object as unknown as { props?: unknown; patches?: unknown; metadata?: unknown };
  if (!Array.isArray(raw.patches) || raw.patches.length > 0) return undefined;
  if (!isPlainObject(raw.props)) return undefined;
  const metadata = raw.metadata as Partial<MetadataFields> | undefined;
  if (
    metadata === undefined ||
    !isPlainObject(metadata.labels) ||
    !isPlainObject(metadata.annotations) ||
    !Array.isArray(metadata.finalizers) ||
    !Array.isArray(metadata.ownerReferences) ||
    !isPlainObject(metadata._additionalAttributes)
  ) {
    return undefined;
  }
  return { props: raw.props, metadata: metadata as MetadataFields };
}

/** The App's resolvers are cdk8s's three built-in ones, and nothing else. */
function hasDefaultResolvers(app: App): boolean {
  const resolvers = app.resolvers;
  return (
    resolvers.length === 3 &&
    resolvers[0]!.constructor === LazyResolver &&
    resolvers[1]!.constructor === ImplicitTokenResolver &&
    resolvers[2]!.constructor === NumberStringUnionResolver
  );
}

/** What `ApiObjectMetadataDefinition.toJson()` resolves, before sanitizing. */
function metadataInput(m: MetadataFields): Record<string, unknown> {
  const input = Object.assign({}, m._additionalAttributes);
  input.name = m.name;
  input.namespace = m.namespace;
  input.annotations = m.annotations;
  input.finalizers = m.finalizers;
  input.ownerReferences = m.ownerReferences;
  input.labels = m.labels;
  return input;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * A copy of `value` with keys sorted and null or undefined values dropped
 * from objects, as cdk8s's resolve-then-sanitize gives it; with `dropEmpty`
 * (metadata), empty arrays and objects are dropped too. Throws NOT_PLAIN for
 * anything but plain JSON, for a null or undefined array element (which
 * cdk8s renders as a hole), and for keys cdk8s reads specially. `skipKey`
 * leaves one key of the top object out.
 */
function plainCopy(value: unknown, dropEmpty: boolean, skipKey?: string): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'number':
      return value;
    case 'undefined':
      return undefined;
    case 'object':
      break;
    default:
      throw NOT_PLAIN;
  }
  if (value === null) return undefined;
  if (Array.isArray(value)) {
    if (dropEmpty && value.length === 0) return undefined;
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const element = value[i];
      if (element === null || element === undefined) throw NOT_PLAIN;
      copy[i] = plainCopy(element, dropEmpty);
      // A nested empty array or object is dropped in metadata, leaving a hole cdk8s would keep.
      if (copy[i] === undefined) throw NOT_PLAIN;
    }
    return copy;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) throw NOT_PLAIN;
  const source = value as Record<string, unknown>;
  // cdk8s treats an object with its own `constructor` as a class instance (and refuses it); `__proto__` cannot be copied by assignment.
  if (Object.hasOwn(source, 'constructor') || Object.hasOwn(source, '__proto__')) throw NOT_PLAIN;
  const copy: Record<string, unknown> = {};
  let size = 0;
  for (const key of Object.keys(source).sort()) {
    if (key === skipKey) continue;
    const v = plainCopy(source[key], dropEmpty);
    if (v !== undefined) {
      copy[key] = v;
      size++;
    }
  }
  return dropEmpty && size === 0 ? undefined : copy;
}

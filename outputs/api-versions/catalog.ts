/**
 * The lifecycle of Kubernetes' built-in APIs: the release that deprecated
 * each API version of a kind, the release that stopped serving it, and what
 * replaces it (what kubent and pluto check). Only built-in groups are listed:
 * kinds served by CRDs are versioned by their CRDs, which the schema
 * validation covers.
 *
 * Removals and replacements follow the Deprecated API Migration Guide; the
 * deprecation releases are the `k8s:prerelease-lifecycle-gen` tags of the
 * Kubernetes source (`staging/src/k8s.io/api/<group>/<version>/zz_generated.prerelease-lifecycle.go`),
 * which are what the API server's own deprecation warnings use.
 * @see https://kubernetes.io/docs/reference/using-api/deprecation-guide/
 * @see https://kubernetes.io/docs/reference/using-api/deprecation-policy/
 */

/** A Kubernetes minor release, e.g. 25 for 1.25. */
export type Minor = number;

/** What to use instead of a deprecated or removed API. */
export interface Replacement {
  /** e.g. `batch/v1`. */
  readonly apiVersion: string;
  /**
   * The kind there.
   * @default - the same kind
   */
  readonly kind?: string;
}

/** One API version of one kind whose serving is limited to a range of releases. */
export interface ApiLifecycle {
  /** `<group>/<version>`, or `v1` for the core group. */
  readonly apiVersion: string;
  readonly kind: string;
  /**
   * First release that serves it.
   * @default - every release fleetwright supports
   */
  readonly introduced?: Minor;
  /**
   * Release that deprecated it: served, with a warning, from here until `removed`.
   * @default - not deprecated
   */
  readonly deprecated?: Minor;
  /**
   * First release that no longer serves it.
   * @default - still served
   */
  readonly removed?: Minor;
  /**
   * The APIs to use instead, preferred first (for an API not served yet: the ones to use until
   * it is); the first one every affected cluster serves is named.
   * @default [] (see `note`)
   */
  readonly replacements?: readonly Replacement[];
  /** What to do when there is no replacement API. */
  readonly note?: string;
}

type Row = readonly [apiVersion: string, kinds: readonly string[], deprecated: Minor, removed: Minor, replacements: string | readonly string[]];

/** flowcontrol v1 is served from 1.29 only; v1beta3 (from 1.26) until 1.32. */
const FLOWCONTROL = ['flowcontrol.apiserver.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1beta3'] as const;

/** Rows of the table: every kind listed shares the releases and the replacement API versions (same kind). */
const ROWS: readonly Row[] = [
  // Removed in 1.16 (guide: "v1.16").
  ['extensions/v1beta1', ['Deployment', 'DaemonSet', 'ReplicaSet'], 8, 16, 'apps/v1'],
  ['extensions/v1beta1', ['NetworkPolicy'], 9, 16, 'networking.k8s.io/v1'],
  ['apps/v1beta1', ['Deployment', 'StatefulSet', 'ReplicaSet'], 8, 16, 'apps/v1'],
  ['apps/v1beta2', ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'], 9, 16, 'apps/v1'],
  // Removed in 1.22 (guide: "v1.22").
  ['extensions/v1beta1', ['Ingress'], 14, 22, 'networking.k8s.io/v1'],
  ['networking.k8s.io/v1beta1', ['Ingress', 'IngressClass'], 19, 22, 'networking.k8s.io/v1'],
  ['admissionregistration.k8s.io/v1beta1', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], 16, 22, 'admissionregistration.k8s.io/v1'],
  ['apiextensions.k8s.io/v1beta1', ['CustomResourceDefinition'], 16, 22, 'apiextensions.k8s.io/v1'],
  ['apiregistration.k8s.io/v1beta1', ['APIService'], 19, 22, 'apiregistration.k8s.io/v1'],
  ['authentication.k8s.io/v1beta1', ['TokenReview'], 19, 22, 'authentication.k8s.io/v1'],
  ['authorization.k8s.io/v1beta1', ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview'], 19, 22, 'authorization.k8s.io/v1'],
  ['certificates.k8s.io/v1beta1', ['CertificateSigningRequest'], 19, 22, 'certificates.k8s.io/v1'],
  ['coordination.k8s.io/v1beta1', ['Lease'], 19, 22, 'coordination.k8s.io/v1'],
  ['rbac.authorization.k8s.io/v1beta1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], 17, 22, 'rbac.authorization.k8s.io/v1'],
  ['scheduling.k8s.io/v1beta1', ['PriorityClass'], 17, 22, 'scheduling.k8s.io/v1'],
  ['storage.k8s.io/v1beta1', ['CSINode'], 17, 22, 'storage.k8s.io/v1'],
  ['storage.k8s.io/v1beta1', ['CSIDriver', 'StorageClass', 'VolumeAttachment'], 19, 22, 'storage.k8s.io/v1'],
  // Removed in 1.25 (guide: "v1.25").
  ['batch/v1beta1', ['CronJob'], 21, 25, 'batch/v1'],
  ['discovery.k8s.io/v1beta1', ['EndpointSlice'], 21, 25, 'discovery.k8s.io/v1'],
  ['events.k8s.io/v1beta1', ['Event'], 22, 25, 'events.k8s.io/v1'],
  ['autoscaling/v2beta1', ['HorizontalPodAutoscaler'], 22, 25, 'autoscaling/v2'],
  ['policy/v1beta1', ['PodDisruptionBudget'], 21, 25, 'policy/v1'],
  ['node.k8s.io/v1beta1', ['RuntimeClass'], 22, 25, 'node.k8s.io/v1'],
  // Removed in 1.26 (guide: "v1.26").
  ['flowcontrol.apiserver.k8s.io/v1beta1', ['FlowSchema', 'PriorityLevelConfiguration'], 23, 26, FLOWCONTROL],
  ['autoscaling/v2beta2', ['HorizontalPodAutoscaler'], 23, 26, 'autoscaling/v2'],
  // Removed in 1.27 (guide: "v1.27").
  ['storage.k8s.io/v1beta1', ['CSIStorageCapacity'], 24, 27, 'storage.k8s.io/v1'],
  // Removed in 1.29 (guide: "v1.29").
  ['flowcontrol.apiserver.k8s.io/v1beta2', ['FlowSchema', 'PriorityLevelConfiguration'], 26, 29, FLOWCONTROL],
  // Removed in 1.32 (guide: "v1.32").
  ['flowcontrol.apiserver.k8s.io/v1beta3', ['FlowSchema', 'PriorityLevelConfiguration'], 29, 32, 'flowcontrol.apiserver.k8s.io/v1'],
];

/** Built-in APIs whose serving is limited, one entry per API version and kind. */
export const KUBERNETES_APIS: readonly ApiLifecycle[] = [
  ...ROWS.flatMap(([apiVersion, kinds, deprecated, removed, replacements]) =>
    kinds.map((kind) => ({ apiVersion, kind, deprecated, removed, replacements: [replacements].flat().map((r) => ({ apiVersion: r })) })),
  ),
  /** PodSecurityPolicy went without a successor API (guide: "v1.25"). */
  ...(['extensions/v1beta1', 'policy/v1beta1'] as const).map((apiVersion) => ({
    apiVersion,
    kind: 'PodSecurityPolicy',
    deprecated: apiVersion === 'extensions/v1beta1' ? 11 : 21,
    removed: apiVersion === 'extensions/v1beta1' ? 16 : 25,
    note: 'PodSecurityPolicy has no successor API: enforce Pod Security Standards with the pod-security.kubernetes.io labels of namespaces (Pod Security Admission)',
  })),
  /**
   * Endpoints is deprecated from 1.33 in favour of EndpointSlices, but will stay served.
   * @see https://kubernetes.io/blog/2025/04/24/endpoints-deprecation/
   */
  { apiVersion: 'v1', kind: 'Endpoints', deprecated: 33, replacements: [{ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice' }] },
  /** flowcontrol v1 is served from 1.29 (guide, "v1.29": "available since v1.29"); before, v1beta3. */
  ...['FlowSchema', 'PriorityLevelConfiguration'].map((kind) => ({
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
    kind,
    introduced: 29,
    replacements: [{ apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3' }],
  })),
  /**
   * ValidatingAdmissionPolicy is stable (v1) from 1.30; before, v1beta1.
   * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
   */
  ...['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'].map((kind) => ({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind,
    introduced: 30,
    replacements: [{ apiVersion: 'admissionregistration.k8s.io/v1beta1' }],
  })),
];

const BY_KEY: ReadonlyMap<string, ApiLifecycle> = new Map(KUBERNETES_APIS.map((api) => [`${api.apiVersion} ${api.kind}`, api]));

/** The lifecycle entry of `apiVersion` and `kind`, if serving it is limited. */
export function apiLifecycle(apiVersion: string, kind: string): ApiLifecycle | undefined {
  return BY_KEY.get(`${apiVersion} ${kind}`);
}

/** How a release treats an API: serves it, serves it with a deprecation warning, or does not serve it. */
export type Serving = 'served' | 'deprecated' | 'removed' | 'not-yet';

/** How `minor` treats `apiVersion` and `kind` (`served` for APIs without a limited lifecycle). */
export function serving(apiVersion: string, kind: string, minor: Minor): Serving {
  const api = apiLifecycle(apiVersion, kind);
  return api ? servingIn(api, minor) : 'served';
}

export function servingIn(api: ApiLifecycle, minor: Minor): Serving {
  if (api.introduced !== undefined && minor < api.introduced) return 'not-yet';
  if (api.removed !== undefined && minor >= api.removed) return 'removed';
  if (api.deprecated !== undefined && minor >= api.deprecated) return 'deprecated';
  return 'served';
}

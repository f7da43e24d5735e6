/**
 * Prop types and spec shapes shared by the Cluster API constructs, and the
 * checks that go with them.
 *
 * There is no typed package for the Cluster API and CAPA kinds, so the spec
 * shapes below are written by hand from the v1beta2 CRD schemas
 * (cluster-api v1.14, cluster-api-provider-aws v2.11) and cover only the
 * fields the constructs emit.
 */
import type { ApiObjectMetadata } from 'cdk8s';
import type { PropsCheck } from '../errors';
import type { ObjectRef } from './refs';

// ---------------------------------------------------------------- props ----

/** Identity of every Cluster API object. */
export interface ClusterApiObjectProps {
  /**
   * `metadata.name`: a DNS-1123 name, used as is (never hashed).
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
   */
  readonly name: string;
  /**
   * `metadata.namespace`: the namespace of the cluster's Cluster API objects
   * on the management cluster. Every object of a cluster must share it.
   * @see https://cluster-api.sigs.k8s.io/user/concepts
   */
  readonly namespace: string;
  /**
   * Labels of the object itself.
   * @default {}
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Annotations of the object itself.
   * @default {}
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Something that names another object: a construct (its `ref`) or an {@link ObjectRef}. */
export type RefSource = ObjectRef | { readonly ref: ObjectRef };

/** The {@link ObjectRef} of `source`. */
export function refOf(source: RefSource): ObjectRef {
  return 'ref' in source ? source.ref : source;
}

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

/**
 * A taint nodes register with.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
 */
export interface NodeTaint {
  readonly key: string;
  /** @default '' */
  readonly value?: string;
  readonly effect: TaintEffect;
}

/**
 * Bounds for the Kubernetes cluster autoscaler.
 * @see https://cluster-api.sigs.k8s.io/tasks/automated-machine-management/autoscaling
 */
export interface Autoscaling {
  /** Fewest machines; 0 allows scaling to zero. */
  readonly minReplicas: number;
  /** Most machines. */
  readonly maxReplicas: number;
}

/**
 * Annotations the cluster autoscaler's `clusterapi` provider reads on
 * MachineDeployments and MachinePools.
 * @see https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/clusterapi/README.md
 */
export const AutoscalerAnnotation = {
  minSize: 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size',
  maxSize: 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size',
} as const;

/** The autoscaler's min/max annotations for `autoscaling`, or none. */
export function autoscalerAnnotations(autoscaling: Autoscaling | undefined): Record<string, string> {
  if (!autoscaling) return {};
  return {
    [AutoscalerAnnotation.minSize]: String(autoscaling.minReplicas),
    [AutoscalerAnnotation.maxSize]: String(autoscaling.maxReplicas),
  };
}

/** Labels Cluster API puts on (and selects) the machines of a cluster and a MachineDeployment. */
export const ClusterApiLabel = {
  clusterName: 'cluster.x-k8s.io/cluster-name',
  deploymentName: 'cluster.x-k8s.io/deployment-name',
} as const;

// ---------------------------------------------------------- spec shapes ----

/** A v1beta2 kubeadm `extraArgs` / `kubeletExtraArgs` entry (v1beta1 used a map). */
export interface KubeadmArgSpec {
  readonly name: string;
  readonly value: string;
}

/** A taint in kubeadm's `nodeRegistration.taints` (core/v1 Taint). */
export interface KubeadmTaintSpec {
  readonly key: string;
  readonly value?: string;
  readonly effect: TaintEffect;
}

/** kubeadm `nodeRegistration` (init and join configuration). */
export interface NodeRegistrationSpec {
  readonly name?: string;
  readonly kubeletExtraArgs?: readonly KubeadmArgSpec[];
  readonly taints?: readonly KubeadmTaintSpec[];
}

/** kubeadm `clusterConfiguration`, the parts fleetwright sets. */
export interface ClusterConfigurationSpec {
  readonly apiServer?: { readonly certSANs?: readonly string[]; readonly extraArgs?: readonly KubeadmArgSpec[] };
  readonly controllerManager?: { readonly extraArgs?: readonly KubeadmArgSpec[] };
}

/** `KubeadmConfigSpec` (KubeadmControlPlane `kubeadmConfigSpec`, KubeadmConfigTemplate `template.spec`). */
export interface KubeadmConfigSpec {
  readonly format?: 'cloud-config' | 'ignition';
  readonly clusterConfiguration?: ClusterConfigurationSpec;
  readonly initConfiguration?: { readonly nodeRegistration?: NodeRegistrationSpec };
  readonly joinConfiguration?: { readonly nodeRegistration?: NodeRegistrationSpec };
}

/** `metadata` for a construct's single ApiObject: explicit name and namespace, empty maps left out. */
export function objectMetadata(props: ClusterApiObjectProps): ApiObjectMetadata {
  return {
    name: props.name,
    namespace: props.namespace,
    ...nonEmpty('labels', props.labels),
    ...nonEmpty('annotations', props.annotations),
  };
}

/** `{ [key]: record }` when `record` has entries, else `{}`: spreads optional maps into specs. */
export function nonEmpty<K extends string, V>(key: K, record: Readonly<Record<string, V>> | undefined): { [P in K]?: Record<string, V> } {
  return record && Object.keys(record).length > 0 ? ({ [key]: { ...record } } as { [P in K]: Record<string, V> }) : {};
}

/** A map of command line flags as a v1beta2 list, sorted by flag name. */
export function argList(args: Readonly<Record<string, string>>): KubeadmArgSpec[] {
  return Object.keys(args)
    .sort()
    .map((name) => ({ name, value: args[name] }));
}

/** A kubelet `--node-labels` value: `k=v` pairs sorted by key. */
export function nodeLabelsArg(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort()
    .map((key) => `${key}=${labels[key]}`)
    .join(',');
}

// --------------------------------------------------------------- checks ----

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** A full Kubernetes release as kubeadm and Cluster API's webhooks want it: `v1.31.4`. */
export const KUBEADM_VERSION = /^v1\.\d+\.\d+$/;

/**
 * Checks the identity props. `maxNameLength` is 63 for objects whose name
 * Cluster API copies into label values (Cluster, KubeadmControlPlane,
 * MachineDeployment, MachinePool), else 253.
 */
export function checkIdentity(check: PropsCheck, props: ClusterApiObjectProps, maxNameLength: 63 | 253): void {
  const nameOk = maxNameLength === 63 ? DNS1123_LABEL.test(props.name) : DNS1123_SUBDOMAIN.test(props.name);
  check.expect(
    nameOk,
    'name',
    props.name,
    maxNameLength === 63 ? 'is not a DNS-1123 label' : 'is not a DNS-1123 subdomain',
    maxNameLength === 63 ? "use lowercase letters, digits and '-', starting and ending with a letter or digit" : "use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit",
  );
  check.expect(
    props.name.length <= maxNameLength,
    'name',
    props.name,
    `is ${props.name.length} characters long, more than the ${maxNameLength} Kubernetes allows here`,
    `shorten it to ${maxNameLength} characters`,
  );
  check.expect(
    DNS1123_LABEL.test(props.namespace) && props.namespace.length <= 63,
    'namespace',
    props.namespace,
    'is not a DNS-1123 label of at most 63 characters',
    "use lowercase letters, digits and '-'",
  );
  checkLabelMap(check, 'labels', props.labels ?? {});
  for (const key of Object.keys(props.annotations ?? {})) {
    check.expect(isQualifiedKey(key), `annotations["${key}"]`, key, 'is not a valid annotation key', 'use an optional DNS prefix and a name of at most 63 characters, e.g. "example.com/team"');
  }
}

/** Checks label keys and values. */
export function checkLabelMap(check: PropsCheck, prop: string, labels: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(labels)) {
    check.expect(isQualifiedKey(key), `${prop}["${key}"]`, key, 'is not a valid label key', 'use an optional DNS prefix and a name of at most 63 characters, e.g. "example.com/team"');
    check.expect(
      value.length <= 63 && LABEL_VALUE.test(value),
      `${prop}["${key}"]`,
      value,
      'is not a valid label value',
      "use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
    );
  }
}

/** Checks taint keys and values (taints follow the label syntax). */
export function checkTaints(check: PropsCheck, prop: string, taints: readonly NodeTaint[]): void {
  taints.forEach((taint, i) => {
    check.expect(isQualifiedKey(taint.key), `${prop}[${i}].key`, taint.key, 'is not a valid taint key', 'use an optional DNS prefix and a name of at most 63 characters');
    const value = taint.value ?? '';
    check.expect(value.length <= 63 && LABEL_VALUE.test(value), `${prop}[${i}].value`, value, 'is not a valid taint value', "use at most 63 letters, digits, '-', '_' or '.'");
  });
}

/** Checks that `ref` points at an object of `apiGroup` (and one of `kinds`, when given). */
export function checkRef(check: PropsCheck, prop: string, source: RefSource, apiGroup: string, kinds?: readonly string[]): void {
  const ref = refOf(source);
  const kindOk = kinds === undefined || kinds.includes(ref.kind);
  const expected = kinds === undefined ? `an object of API group "${apiGroup}"` : `${kinds.map((k) => `"${k}"`).join(' or ')} of API group "${apiGroup}"`;
  check.expect(ref.apiGroup === apiGroup && kindOk, prop, ref, `does not refer to ${expected}`, `pass the construct itself or a ref to ${expected}`);
}

/** Checks a non-negative (or positive) whole number. */
export function checkCount(check: PropsCheck, prop: string, value: number, min: 0 | 1): void {
  check.expect(Number.isInteger(value) && value >= min, prop, value, `is not a whole number of at least ${min}`, `use ${min} or more`);
}

/** Checks autoscaler bounds and that `replicas` lies within them. */
export function checkAutoscaling(check: PropsCheck, prop: string, autoscaling: Autoscaling, replicas: number | undefined): void {
  const { minReplicas: min, maxReplicas: max } = autoscaling;
  checkCount(check, `${prop}.minReplicas`, min, 0);
  checkCount(check, `${prop}.maxReplicas`, max, 1);
  check.expect(min <= max, prop, autoscaling, 'has minReplicas above maxReplicas', 'make minReplicas ≤ maxReplicas');
  if (replicas !== undefined && min <= max) {
    check.expect(replicas >= min && replicas <= max, 'replicas', replicas, `lies outside autoscaling ${min}..${max}`, `use a value from ${min} to ${max}`);
  }
}

/** `a.b.c.d/n` with octets ≤ 255 and n ≤ 32. */
export function isIpv4Cidr(text: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  return m !== null && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
}

function isQualifiedKey(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  const prefix = parts.length === 2 ? parts[0] : undefined;
  const prefixOk = prefix === undefined || (prefix.length <= 253 && DNS1123_SUBDOMAIN.test(prefix));
  return prefixOk && name.length <= 63 && QUALIFIED_NAME.test(name);
}

// ------------------------------------------------------------ node labels ----

/** Labels in the kubernetes.io / k8s.io namespaces the kubelet may still set on its own Node. */
const KUBELET_LABELS = new Set([
  'kubernetes.io/hostname',
  'kubernetes.io/arch',
  'kubernetes.io/os',
  'beta.kubernetes.io/arch',
  'beta.kubernetes.io/os',
  'beta.kubernetes.io/instance-type',
  'node.kubernetes.io/instance-type',
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
]);

function labelDomain(key: string): string | undefined {
  const slash = key.indexOf('/');
  return slash < 0 ? undefined : key.slice(0, slash);
}

function inDomain(domain: string | undefined, root: string): boolean {
  return domain !== undefined && (domain === root || domain.endsWith(`.${root}`));
}

/**
 * Whether the kubelet may register its Node with this label (`--node-labels`).
 * The NodeRestriction admission plugin refuses other keys in the
 * `kubernetes.io` and `k8s.io` namespaces, and the kubelet then fails to start.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#noderestriction
 */
export function isKubeletSettableLabel(key: string): boolean {
  const domain = labelDomain(key);
  if (!inDomain(domain, 'kubernetes.io') && !inDomain(domain, 'k8s.io')) return true;
  return KUBELET_LABELS.has(key) || inDomain(domain, 'kubelet.kubernetes.io') || inDomain(domain, 'node.kubernetes.io');
}

/**
 * Whether Cluster API copies this Machine label to the Node (and keeps it in
 * sync): `node-role.kubernetes.io/*`, `[*.]node-restriction.kubernetes.io/*`
 * and `[*.]node.cluster.x-k8s.io/*`.
 * @see https://cluster-api.sigs.k8s.io/reference/api/metadata-propagation#machine
 */
export function isMachineSyncedLabel(key: string): boolean {
  const domain = labelDomain(key);
  return domain === 'node-role.kubernetes.io' || inDomain(domain, 'node-restriction.kubernetes.io') || inDomain(domain, 'node.cluster.x-k8s.io');
}

/**
 * Splits a node pool's labels for kubeadm machines: the ones Cluster API
 * copies from the Machine to the Node (`machine`), and the rest, which the
 * kubelet registers with (`kubelet`).
 */
export function splitNodeLabels(labels: Readonly<Record<string, string>>): {
  machine: Record<string, string>;
  kubelet: Record<string, string>;
} {
  const machine: Record<string, string> = {};
  const kubelet: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    (isMachineSyncedLabel(key) ? machine : kubelet)[key] = value;
  }
  return { machine, kubelet };
}

// ------------------------------------------------------------------- AWS ----

/** Scheme of an AWS load balancer. */
export type AwsLoadBalancerScheme = 'internet-facing' | 'internal';

const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/;
const EC2_INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
const IAM_ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@\/-]+$/;

export function checkAwsRegion(check: PropsCheck, region: string): void {
  check.expect(AWS_REGION.test(region), 'region', region, 'is not an AWS region', 'write it like "eu-west-1"');
}

/** AWS accepts VPCs from /16 to /28. */
export function checkVpcCidr(check: PropsCheck, cidr: string): void {
  const prefix = isIpv4Cidr(cidr) ? Number(cidr.split('/')[1]) : undefined;
  check.expect(prefix !== undefined && prefix >= 16 && prefix <= 28, 'vpcCidr', cidr, 'is not an IPv4 CIDR from /16 to /28, which AWS requires of a VPC', 'write it like "10.0.0.0/16"');
}

export function checkInstanceType(check: PropsCheck, instanceType: string): void {
  check.expect(EC2_INSTANCE_TYPE.test(instanceType), 'instanceType', instanceType, 'is not an EC2 instance type', 'write it like "m6i.xlarge"');
}

export function checkIamRoleArn(check: PropsCheck, prop: string, arn: string): void {
  check.expect(IAM_ROLE_ARN.test(arn), prop, arn, 'is not an IAM role ARN', 'write it like "arn:aws:iam::123456789012:role/argocd"');
}

/** The AWS partition of an ARN (`aws`, `aws-cn`, `aws-us-gov`). */
export function arnPartition(arn: string): string {
  return arn.split(':')[1];
}

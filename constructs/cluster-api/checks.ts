/**
 * Checks of Cluster API construct props, recorded on a {@link PropsCheck}.
 *
 * String syntax (names, labels, CIDRs, AWS identifiers) is checked by the
 * fleet model's rules, so a construct words a problem the way the fleet
 * definition does. The checks here add what only the constructs know:
 * name limits, references, counts, autoscaling bounds and version formats.
 */
import { cidrSize, isCidr, parseCidr } from '../../model/rules/cidr';
import { dnsLabel, dnsSubdomain, labelKey, labelValue, type SyntaxIssue } from '../../model/rules/syntax';
import type { PropsCheck } from '../errors';
import { refOf, type Autoscaling, type ClusterApiObjectProps, type NodeTaint, type RefSource } from './props';

/** A full Kubernetes release as kubeadm and Cluster API's webhooks want it: `v1.31.4`. */
export const KUBEADM_VERSION = /^v1\.\d+\.\d+$/;

/** Records the problem a model syntax rule finds with `value`, if any. */
export function expectSyntax(check: PropsCheck, prop: string, value: string, rule: (value: string) => SyntaxIssue): void {
  const issue = rule(value);
  if (issue !== undefined) check.expect(false, prop, value, ...issue);
}

/**
 * Checks the identity props. `maxNameLength` is 63 for objects whose name
 * Cluster API copies into label values (Cluster, KubeadmControlPlane,
 * MachineDeployment, MachinePool): the name must then be a DNS-1123 label;
 * else 253, for a DNS-1123 subdomain.
 */
export function checkIdentity(check: PropsCheck, props: ClusterApiObjectProps, maxNameLength: 63 | 253): void {
  const fits = props.name.length <= maxNameLength;
  check.expect(
    fits,
    'name',
    props.name,
    `is ${props.name.length} characters long, more than the ${maxNameLength} Kubernetes allows here`,
    `shorten it to ${maxNameLength} characters`,
  );
  // The syntax only once the length fits: the model's rules would report the length again.
  if (fits) expectSyntax(check, 'name', props.name, maxNameLength === 63 ? dnsLabel : dnsSubdomain);
  expectSyntax(check, 'namespace', props.namespace, dnsLabel);
  checkLabelMap(check, 'labels', props.labels ?? {});
  // Annotation keys follow the label key syntax.
  for (const key of Object.keys(props.annotations ?? {})) expectSyntax(check, `annotations["${key}"]`, key, labelKey);
}

/** Checks label keys and values. */
export function checkLabelMap(check: PropsCheck, prop: string, labels: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(labels)) {
    expectSyntax(check, `${prop}["${key}"]`, key, labelKey);
    expectSyntax(check, `${prop}["${key}"]`, value, labelValue);
  }
}

/** Checks taint keys and values (taints follow the label syntax). */
export function checkTaints(check: PropsCheck, prop: string, taints: readonly NodeTaint[]): void {
  taints.forEach((taint, i) => {
    expectSyntax(check, `${prop}[${i}].key`, taint.key, labelKey);
    expectSyntax(check, `${prop}[${i}].value`, taint.value ?? '', labelValue);
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

/** Checks an IPv4 CIDR: well-formed, without host bits. */
export function checkCidr(check: PropsCheck, prop: string, cidr: string): void {
  expectSyntax(check, prop, cidr, (text) => {
    const parsed = parseCidr(text);
    return isCidr(parsed) ? undefined : parsed;
  });
}

/** Checks a VPC's CIDR: AWS accepts VPCs from /16 to /28. */
export function checkVpcCidr(check: PropsCheck, cidr: string): void {
  expectSyntax(check, 'vpcCidr', cidr, (text) => {
    const parsed = parseCidr(text);
    return isCidr(parsed) ? cidrSize(parsed, 16, 28, 'an AWS VPC') : parsed;
  });
}

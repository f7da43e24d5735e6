/**
 * A default-deny Kubernetes NetworkPolicy for every pod of a namespace: every
 * connection to and from them is refused except
 * - ingress from pods of the same namespace and of the listed namespaces
 *   (e.g. the ingress controller's, Prometheus'), on any port,
 * - egress to the cluster DNS (pods `k8s-app: kube-dns` in `kube-system`,
 *   UDP and TCP 53) and to pods of the same namespace.
 *
 * Policies add up, so whoever owns the namespace's workloads widens it with
 * NetworkPolicies of their own (egress to a database, to the internet)
 * without touching this one. Without `namespace` the object has none: the
 * namespace it is applied to gives it one (an Argo CD Application's
 * destination, a Flux Kustomization's `targetNamespace`), so one folder serves
 * every namespace. A plain NetworkPolicy, so it holds with any CNI that
 * enforces them (Cilium included).
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-and-all-egress-traffic
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { checkNamespaceNames, dnsAndSameNamespaceEgress, namespacePeers, sameNamespacePeer } from './peers';

export interface NamespaceDefaultDenyProps {
  /** DNS-1123 subdomain: the policy's name. */
  readonly name: string;
  /**
   * The namespace whose pods it isolates.
   * @default - none written: the namespace the object is applied to
   */
  readonly namespace?: string;
  /**
   * Namespaces besides the policy's own whose pods may connect to its pods.
   * @default none
   */
  readonly allowFromNamespaces?: readonly string[];
  /**
   * Labels of the policy object.
   * @default none
   */
  readonly labels?: Readonly<Record<string, string>>;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Isolates every pod of a namespace but for the namespace itself, the listed ones and the cluster DNS. */
export class NamespaceDefaultDeny extends Construct {
  readonly apiObject: k8s.KubeNetworkPolicy;

  constructor(scope: Construct, id: string, props: NamespaceDefaultDenyProps) {
    super(scope, id);
    const check = new PropsCheck('NamespaceDefaultDeny', props.name);
    check.expect(props.name.length <= 253 && DNS_SUBDOMAIN.test(props.name), 'name', props.name, 'is not a DNS-1123 subdomain', 'use lower-case letters, digits, - and ., e.g. "payments-default-deny"');
    checkNamespaceNames(check, 'namespace', props.namespace === undefined ? [] : [props.namespace]);
    checkNamespaceNames(check, 'allowFromNamespaces', props.allowFromNamespaces ?? []);
    check.done();
    this.apiObject = new k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: {
        name: props.name,
        ...(props.namespace === undefined ? {} : { namespace: props.namespace }),
        ...(props.labels === undefined ? {} : { labels: { ...props.labels } }),
      },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [sameNamespacePeer(), ...namespacePeers(props.allowFromNamespaces ?? [], props.namespace)] }],
        egress: dnsAndSameNamespaceEgress(),
      },
    });
  }
}

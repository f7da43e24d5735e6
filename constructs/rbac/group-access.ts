/**
 * What a Kubernetes group may do on a cluster, by API group: a ClusterRole
 * and the ClusterRoleBinding that gives it to the group (and to ServiceAccounts
 * named with it). Made for a deployer
 * (the hub's Argo CD on a spoke) that manages whole API groups:
 * - every resource and verb of the listed API groups (a deployer creates,
 *   patches and deletes what Git holds, and watches it to compare);
 * - in the core group only the kinds workloads are configured with
 *   (namespaces, service accounts, config maps, secrets, services, volume
 *   claims, quotas), and read access to the rest (pods and events, for health);
 *   never nodes, persistent volumes or `pods/exec`.
 *
 * Group access is only as narrow as its API groups: holding
 * `rbac.authorization.k8s.io` (charts create ClusterRoles) includes the
 * `bind` and `escalate` verbs.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';

/** Core-group kinds a deployer may create, change and delete. */
export const CORE_WRITABLE = ['configmaps', 'limitranges', 'namespaces', 'persistentvolumeclaims', 'resourcequotas', 'secrets', 'serviceaccounts', 'services'] as const;

export interface GroupAccessProps {
  /** Name of the ClusterRole and of its binding (a path segment: no '/' or '%'). */
  readonly name: string;
  /** The Kubernetes group that gets the role, e.g. the group an EKS access entry maps an IAM role to. */
  readonly group: string;
  /** API groups besides the core one ('') that the group manages entirely, e.g. `apps`. */
  readonly apiGroups: readonly string[];
  /**
   * ServiceAccounts bound to the role too, e.g. the one whose token a deployer uses where
   * the cluster maps no identity to the group.
   * @default none
   */
  readonly serviceAccounts?: readonly { readonly name: string; readonly namespace: string }[];
  /**
   * Labels of both objects.
   * @default none
   */
  readonly labels?: Readonly<Record<string, string>>;
}

const NAME = /^[^/%]+$/;
const API_GROUP = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export class GroupAccess extends Construct {
  readonly role: k8s.KubeClusterRole;
  readonly binding: k8s.KubeClusterRoleBinding;

  constructor(scope: Construct, id: string, props: GroupAccessProps) {
    super(scope, id);
    const check = new PropsCheck('GroupAccess', props.name);
    check.expect(NAME.test(props.name) && props.name !== '.' && props.name !== '..', 'name', props.name, 'is not a valid RBAC object name', 'use a name without "/" or "%", e.g. "fleetwright:argocd"');
    check.expect(props.group.trim() !== '', 'group', props.group, 'is empty', 'name the Kubernetes group, e.g. "fleetwright:argocd"');
    for (const g of props.apiGroups) {
      check.expect(g !== '' && g !== '*', 'apiGroups', g, g === '' ? 'is the core group, whose access is fixed' : 'would allow every API group', 'list named API groups, e.g. "apps"');
      if (g !== '' && g !== '*') check.expect(API_GROUP.test(g), 'apiGroups', g, 'is not an API group name', 'use a DNS subdomain, e.g. "cert-manager.io"');
    }
    for (const sa of props.serviceAccounts ?? []) {
      check.expect(API_GROUP.test(sa.name) && sa.name.length <= 253, 'serviceAccounts', sa.name, 'is not a ServiceAccount name', 'use a DNS subdomain, e.g. "fleetwright-argocd"');
      check.expect(DNS_LABEL.test(sa.namespace), 'serviceAccounts', sa.namespace, 'is not a namespace name', 'use a DNS label, e.g. "kube-system"');
    }
    check.done();
    const apiGroups = [...new Set(props.apiGroups)].sort();
    const metadata = (name: string) => ({ name, ...(props.labels ? { labels: { ...props.labels } } : {}) });
    this.role = new k8s.KubeClusterRole(this, 'Role', {
      metadata: metadata(props.name),
      rules: [
        { apiGroups: [''], resources: [...CORE_WRITABLE], verbs: ['*'] },
        { apiGroups: [''], resources: ['*'], verbs: ['get', 'list', 'watch'] },
        ...(apiGroups.length > 0 ? [{ apiGroups, resources: ['*'], verbs: ['*'] }] : []),
      ],
    });
    this.binding = new k8s.KubeClusterRoleBinding(this, 'Binding', {
      metadata: metadata(props.name),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: props.name },
      subjects: [
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: props.group },
        ...(props.serviceAccounts ?? []).map((sa) => ({ kind: 'ServiceAccount', name: sa.name, namespace: sa.namespace })),
      ],
    });
  }
}

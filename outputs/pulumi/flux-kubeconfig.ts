/**
 * The kubeconfig Secret Flux reads for a `pulumi-eks` cluster of a
 * GitOps-delivered environment (engine `flux` or `both`): `<cluster>-kubeconfig`
 * in the Cluster API namespace on the hub, key `value`, the name Cluster API
 * gives the Secrets it writes for its clusters (`fluxKubeconfigSecret`), so
 * the hub's Flux objects refer to every spoke alike.
 *
 * Why a ServiceAccount token rather than the EKS kubeconfig: the EKS
 * kubeconfig runs `aws eks get-token` (an exec plugin), and Flux's
 * kustomize-controller and helm-controller refuse exec plugins unless started
 * with `--insecure-kubeconfig-exec` (since Flux 0.29, GHSA-vvmq-fwmg-2gjc);
 * their images have no AWS CLI either, and an EKS token lasts 15 minutes.
 * So the stack creates on the spoke a ServiceAccount `fleetwright-flux`
 * (kube-system) bound to the deployer ClusterRole the cluster's
 * least-privilege access brings (see `stacks/spoke/argocd-access.ts`), or to
 * `cluster-admin` on a spoke without one (Flux applies CRDs and cluster-wide
 * objects), and a long-lived token for it (a `kubernetes.io/service-account-token`
 * Secret, which the Kubernetes provider waits for until the token controller
 * has filled it in), and writes a self-contained kubeconfig with the
 * cluster's server, CA and that token, as a Pulumi secret. Rotate the token
 * by replacing the token Secret (`pulumi up --replace <its URN>`).
 * @see https://fluxcd.io/flux/components/kustomize/kustomizations/#kubeconfig-remote-clusters
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#serviceaccount-token-secrets
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { fluxKubeconfigSecret, ManagedByLabels, type Cluster, type Fleet } from '../../model';
import { stringifyDocument } from '../yaml/stringify';
import type { EksCluster } from './eks';
import { hubObjectName } from './registration';

/** The ServiceAccount Flux acts as on the spoke, its namespace and its token Secret. */
export const FLUX_ACCESS = { serviceAccount: 'fleetwright-flux', namespace: 'kube-system', tokenSecret: 'fleetwright-flux-token' } as const;

/** A kubeconfig that authenticates with a bearer token (YAML, apiVersion and kind first, other keys sorted). */
export function tokenKubeconfig(input: { readonly name: string; readonly server: string; readonly caData: string; readonly token: string }): string {
  const { name } = input;
  return stringifyDocument({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: input.server, 'certificate-authority-data': input.caData } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    'current-context': name,
    preferences: {},
    users: [{ name, user: { token: input.token } }],
  });
}

/**
 * Flux's access to `cluster` (through `spoke`, the cluster's provider) and
 * the kubeconfig Secret on the hub. Returns the hub's Secret.
 */
export function fluxKubeconfig(
  fleet: Pick<Fleet, 'clusterApi'>,
  cluster: Cluster,
  eks: EksCluster,
  opts: {
    readonly spoke: k8s.Provider;
    readonly hub: k8s.Provider;
    readonly parent: pulumi.Resource;
    /** The ClusterRole Flux is bound to, and what creates it. @default cluster-admin */
    readonly role?: { readonly name: string; readonly createdBy: readonly pulumi.Resource[] };
  },
): k8s.core.v1.Secret {
  const { serviceAccount, namespace, tokenSecret } = FLUX_ACCESS;
  const onSpoke = { parent: opts.parent, provider: opts.spoke, dependsOn: [...eks.nodeGroups] };
  const labels = { ...ManagedByLabels };
  const account = new k8s.core.v1.ServiceAccount(`${cluster.name}/${namespace}/${serviceAccount}`, {
    metadata: { name: serviceAccount, namespace, labels },
  }, onSpoke);
  new k8s.rbac.v1.ClusterRoleBinding(`${cluster.name}/${serviceAccount}`, {
    metadata: { name: serviceAccount, labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: opts.role?.name ?? 'cluster-admin' },
    subjects: [{ kind: 'ServiceAccount', name: serviceAccount, namespace }],
  }, { ...onSpoke, dependsOn: [...onSpoke.dependsOn, ...(opts.role?.createdBy ?? [])] });
  const token = new k8s.core.v1.Secret(`${cluster.name}/${namespace}/${tokenSecret}`, {
    metadata: { name: tokenSecret, namespace, labels, annotations: { 'kubernetes.io/service-account.name': serviceAccount } },
    type: 'kubernetes.io/service-account-token',
  }, { ...onSpoke, dependsOn: [...onSpoke.dependsOn, account] });

  const target = fluxKubeconfigSecret(fleet, cluster.name);
  const kubeconfig = pulumi.all([eks.endpoint, eks.certificateAuthority, token.data]).apply(([server, caData, data]) => {
    const value = data?.['token'];
    if (value === undefined) throw new Error(`${namespace}/${tokenSecret} on ${cluster.name} has no token; the token controller fills it in for ServiceAccount ${serviceAccount}`);
    return tokenKubeconfig({ name: cluster.name, server, caData, token: Buffer.from(value, 'base64').toString('utf8') });
  });
  return new k8s.core.v1.Secret(hubObjectName(cluster.name, target.namespace, target.name), {
    metadata: { name: target.name, namespace: target.namespace, labels },
    type: 'Opaque',
    stringData: pulumi.secret(kubeconfig.apply((value) => ({ [target.key]: value }))),
  }, { parent: opts.parent, provider: opts.hub });
}

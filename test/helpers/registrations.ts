/**
 * The Argo CD cluster registrations the hub holds once the fleet is deployed:
 * the tree's (plain cluster Secrets, and the Secrets ExternalSecrets
 * template) and the cluster Secrets the Pulumi stacks create for the
 * `pulumi-eks` clusters of GitOps-delivered environments.
 */
import { pulumiClusterSecret } from '../../constructs/argocd/cluster-secret';
import type { Cluster, Fleet } from '../../model';
import type { KubeObject, Unit } from '../../stacks/rendered';

export interface HubRegistration {
  /** Argo CD's name for the cluster. */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly origin: 'tree' | 'pulumi';
}

/** The connection a Pulumi stack reads from the EKS cluster it created (made up, deterministic). */
export function fakeConnection(cluster: Cluster): { server: string; caData: string } {
  return { server: `https://${cluster.name.toUpperCase()}.gr7.${cluster.region}.eks.amazonaws.com`, caData: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lCQURBS0JnZ3Foa2pPUFFRREFqQWpNU0V3SHdZRFZRUUREQmhyTXk1elpYSjIKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=' };
}

/** The clusters a Pulumi stack registers. */
export function pulumiRegistered(fleet: Fleet): Cluster[] {
  return fleet.clusters.filter((c) => c.registration.kind === 'pulumi' && c.delivery === 'gitops');
}

/** The cluster Secrets the Pulumi stacks create on the hub, as plain objects. */
export function pulumiSecrets(fleet: Fleet): KubeObject[] {
  return pulumiRegistered(fleet).map((cluster) => {
    const secret = pulumiClusterSecret(cluster, fleet.argocd.namespace);
    return { apiVersion: secret.apiVersion, kind: secret.kind, type: secret.type, metadata: { ...secret.metadata }, stringData: secret.stringData(fakeConnection(cluster)) };
  });
}

/** The registrations `hub/registration` holds. */
export function treeRegistrations(units: readonly Unit[]): HubRegistration[] {
  const unit = units.find((u) => u.dir === 'hub/registration');
  return (unit?.objects ?? []).flatMap((o: any): HubRegistration[] => {
    const r = o.kind === 'Secret'
      ? { name: o.stringData?.name, labels: o.metadata.labels, annotations: o.metadata.annotations }
      : o.kind === 'ExternalSecret'
        ? { name: o.spec.target?.template?.data?.name, labels: o.spec.target?.template?.metadata?.labels, annotations: o.spec.target?.template?.metadata?.annotations }
        : undefined;
    return r?.labels?.['argocd.argoproj.io/secret-type'] === 'cluster' ? [{ name: r.name, labels: r.labels, annotations: r.annotations ?? {}, origin: 'tree' }] : [];
  });
}

/** Every registration on the hub: the tree's and the Pulumi stacks'. */
export function hubRegistrations(fleet: Fleet, units: readonly Unit[]): HubRegistration[] {
  return [
    ...treeRegistrations(units),
    ...pulumiSecrets(fleet).map((s: any): HubRegistration => ({ name: s.stringData.name, labels: s.metadata.labels, annotations: s.metadata.annotations, origin: 'pulumi' })),
  ];
}

/** The units as the hub holds them after `pulumi up`: `hub/registration` with the Pulumi stacks' cluster Secrets added. */
export function withPulumiRegistrations(fleet: Fleet, units: readonly Unit[]): Unit[] {
  const secrets = pulumiSecrets(fleet);
  return units.map((u) => (u.dir === 'hub/registration' ? { ...u, objects: [...u.objects, ...secrets] } : u));
}

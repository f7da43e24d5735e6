/**
 * A fleet whose prod environment and hub are delivered by Pulumi, built on
 * the valid test fleet: dev (GitOps) has a kubeadm, a Docker and a Pulumi EKS
 * cluster; prod (Pulumi) a Cluster API EKS, a Pulumi EKS and an existing EKS
 * cluster. An app runs in dev, a service in both environments, and add-ons
 * on the hub and in both environments, so every folder kind exists for the
 * clusters of both.
 */
import type { FleetDefinition } from '../../model';
import { mutableDefinition } from './definitions';

/** The clusters of the Pulumi-delivered environment. */
export const PULUMI_CLUSTERS = ['prod-eks', 'prod-existing', 'prod-pulumi'] as const;

/** The clusters of the GitOps-delivered environment. */
export const GITOPS_CLUSTERS = ['dev-aws', 'dev-docker', 'dev-pulumi'] as const;

/**
 * The fleet, with `delivery` of prod and the hub as given (both 'pulumi' by
 * default; 'gitops' gives the same fleet delivered by GitOps, to compare).
 */
export function pulumiDeliveredDefinition(options: {
  readonly delivery?: 'gitops' | 'pulumi';
  readonly hubDelivery?: 'gitops' | 'pulumi';
  readonly engine?: 'argocd' | 'flux' | 'both';
} = {}): FleetDefinition {
  const d = mutableDefinition();
  d.engine = options.engine ?? 'argocd';
  d.hub.delivery = options.hubDelivery ?? options.delivery ?? 'pulumi';
  d.environments.prod.delivery = options.delivery ?? 'pulumi';
  d.platform = { externalSecrets: { store: { kind: 'vault', server: 'https://vault.acme.io:8200' } } };
  d.hub.addons = { 'external-secrets': true, 'ingress-nginx': true };
  d.environments.dev.addons = { cilium: true, 'ingress-nginx': true };
  d.environments.prod.addons = { 'external-secrets': true, 'ingress-nginx': true };
  // secret-store auth gives a Pulumi stack no way to reach the cluster.
  d.clusters = d.clusters.filter((c: any) => c.name !== 'prod-other');
  d.clusters.push({
    name: 'dev-pulumi',
    environment: 'dev',
    kubernetesVersion: '1.34',
    provider: { kind: 'pulumi-eks', vpcCidr: '10.7.0.0/16' },
    addons: { cilium: false },
    network: { podCidr: '10.107.0.0/16', serviceCidr: '172.20.112.0/20' },
  });
  d.apps = [{ name: 'web', repoUrl: 'https://github.com/acme/web.git', path: 'deploy/{env}', namespace: 'web', environments: ['dev'] }];
  d.services = [{ name: 'checkout', image: 'ghcr.io/acme/checkout:1.4.2', port: 8080, replicas: 2 }];
  return d;
}

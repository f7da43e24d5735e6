/**
 * A fleet with an app of every ApplicationSet shape (cluster selector, explicit
 * clusters, services, service folders, pull-request previews) and a
 * disaster-recovery standby, built on the valid test fleet.
 */
import type { AppDefinition, FleetDefinition } from '../../model';
import { validDefinition } from './definitions';

/** One app per shape. */
export const APPS = {
  /** Cluster generator narrowed by registration labels. */
  selected: {
    name: 'web',
    repoUrl: 'https://github.com/acme/web.git',
    path: 'deploy/overlays/{env}',
    namespace: 'web',
    clusterSelector: {
      matchLabels: { region: 'us-east-1' },
      matchExpressions: [{ key: 'fleetwright.io/provider', operator: 'NotIn', values: ['capi-docker'] }],
    },
  },
  /** List generator of exactly these clusters. */
  listed: {
    name: 'ledger',
    repoUrl: 'https://github.com/acme/ledger.git',
    revision: 'v2.3.0',
    path: 'k8s/{env}',
    namespace: 'ledger',
    clusters: ['prod-eks', 'dev-aws'],
  },
  /** Matrix of the clusters and a list of services. */
  services: {
    name: 'shop',
    repoUrl: 'https://github.com/acme/shop.git',
    path: 'services/{service}/overlays/{env}',
    namespace: 'shop',
    environments: ['prod'],
    services: ['cart', 'checkout'],
  },
  /** Matrix of the clusters and a Git directory generator. */
  folders: {
    name: 'tools',
    repoUrl: 'https://github.com/acme/tools.git',
    path: 'overlays/{env}',
    namespace: 'tools',
    environments: ['prod'],
    serviceDirectories: 'services/*',
  },
  /** Pull-request previews on one dev cluster. */
  previews: {
    name: 'payments',
    repoUrl: 'https://github.com/acme/payments.git',
    path: 'deploy/overlays/{env}',
    namespace: 'payments',
    previews: {
      github: { owner: 'acme', repo: 'payments', tokenSecret: { name: 'github-token', key: 'token' }, labels: ['preview'] },
      cluster: 'dev-aws',
      path: 'deploy/preview',
    },
  },
} as const satisfies Record<string, AppDefinition<'dev' | 'prod'>>;

/**
 * The valid test fleet with the apps of {@link APPS} and a standby `prod-standby`
 * for prod-eks (with the metrics add-ons disaster recovery needs).
 */
export function appsDefinition(apps: readonly AppDefinition[] = Object.values(APPS)): FleetDefinition {
  const d = structuredClone(validDefinition()) as any;
  d.hub.addons = { 'external-secrets': true, 'kube-prometheus-stack': true, thanos: true };
  d.platform = {
    externalSecrets: { store: { kind: 'vault', server: 'https://vault.acme.io:8200' } },
    thanos: { sidecarEndpoint: 'thanos-sidecar.{cluster}.acme.io:10901' },
    irsaRoleArn: 'arn:aws:iam::111122223333:role/{cluster}-{addon}',
  };
  d.environments.prod.addons = { 'external-secrets': true, 'kube-prometheus-stack': true, thanos: true };
  d.clusters.find((c: any) => c.name === 'prod-eks').drPartner = 'prod-standby';
  d.clusters.push({
    name: 'prod-standby',
    environment: 'prod',
    region: 'eu-central-1',
    standby: true,
    provider: { kind: 'capi-aws-eks', vpcCidr: '10.7.0.0/16' },
    network: { podCidr: '10.107.0.0/16', serviceCidr: '172.20.112.0/20' },
  });
  d.apps = structuredClone(apps);
  return d;
}

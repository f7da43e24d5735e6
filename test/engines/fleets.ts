/**
 * Fleets rendered for Flux, or for both engines: the test fleet with every
 * provider, three waves by rollout tier (one cluster, then batches of one,
 * then half the wave at a time), add-ons on the hub and the spokes (one with
 * dependencies and no chart), apps of every generator shape Flux can follow
 * (environments, listed clusters, a label selector, services), a service,
 * and a DR standby.
 */
import type { FleetDefinition } from '../../model';
import { mutableDefinition } from '../helpers/definitions';

export function engineDefinition(engine: 'argocd' | 'flux' | 'both'): FleetDefinition {
  const d = mutableDefinition();
  d.engine = engine;
  d.platform = {
    externalSecrets: { store: { kind: 'vault', server: 'https://vault.acme.io:8200' } },
    thanos: { sidecarEndpoint: 'thanos-sidecar.{cluster}.acme.io:10901' },
  };
  d.hub.addons = { 'external-secrets': true, 'kube-prometheus-stack': true, thanos: true, 'ingress-nginx': true };
  d.environments.dev.addons = { cilium: true, 'ingress-nginx': true };
  d.environments.prod.addons = { 'external-secrets': true, 'kube-prometheus-stack': true, thanos: true, 'argo-rollouts': true };
  const tiers: Record<string, string> = {
    'dev-docker': 'canary',
    'dev-aws': 'early',
    'prod-eks': 'early',
    'prod-pulumi': 'general',
    'prod-existing': 'general',
    'prod-other': 'general',
  };
  for (const c of d.clusters) c.rolloutTier = tiers[c.name];
  d.rollout = {
    by: 'rollout-tier',
    waves: [
      { name: 'canary', values: ['canary'] },
      { name: 'early', values: ['early'], maxUpdate: 1 },
      { name: 'general', values: ['general'], maxUpdate: '50%' },
    ],
  };
  d.apps = [
    { name: 'shop', repoUrl: 'https://github.com/acme/shop.git', path: 'deploy/{service}/overlays/{env}', namespace: 'shop', services: ['api', 'web'] },
    { name: 'blog', repoUrl: 'git@github.com:acme/blog.git', revision: 'v1.4.0', path: 'deploy/{env}', namespace: 'blog', environments: ['prod'] },
    { name: 'docs', repoUrl: 'https://github.com/acme/docs.git', path: '.', namespace: 'docs', clusters: ['dev-aws', 'prod-eks', 'prod-existing'] },
    { name: 'edge', repoUrl: 'https://github.com/acme/edge.git', path: 'deploy/{env}', namespace: 'edge', clusterSelector: { matchLabels: { region: 'us-east-1' } } },
  ];
  const other = d.clusters.find((c: any) => c.name === 'prod-other');
  other.standby = true;
  d.clusters.find((c: any) => c.name === 'prod-pulumi').drPartner = 'prod-other';
  d.services = [{ name: 'checkout', image: 'ghcr.io/acme/checkout:1.4.2', port: 8080, replicas: 2, environments: ['prod'] }];
  return d;
}

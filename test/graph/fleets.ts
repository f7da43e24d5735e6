/**
 * Fleets for the graph tests: a small one whose Mermaid is pinned, one with
 * names Mermaid could misread, and generated big ones.
 */
import { generateFleet } from '../../bench/generate-fleet';
import { resolveFleet, type Fleet, type FleetDefinition } from '../../model';
import { mutableDefinition } from '../helpers/definitions';

/**
 * Three spokes: dev-aws (dev, applied by its Pulumi stack), prod-eks
 * (eu-west-1) and prod-pulumi (us-east-1), in waves dev, canary (one at a
 * time) and general, with a Kubernetes upgrade through dev.
 */
export function smallDefinition(): FleetDefinition {
  const d = mutableDefinition();
  d.clusters = d.clusters.filter((c: { name: string }) => ['dev-aws', 'prod-eks', 'prod-pulumi'].includes(c.name));
  d.environments.dev.delivery = 'pulumi';
  d.environments.dev.rolloutTier = 'dev';
  d.environments.prod.addons = { 'ingress-nginx': true, 'argo-rollouts': true };
  d.clusters.find((c: { name: string }) => c.name === 'prod-pulumi').rolloutTier = 'canary';
  d.environments.prod.rolloutTier = 'general';
  d.rollout = {
    by: 'rollout-tier',
    waves: [
      { name: 'dev', values: ['dev'] },
      { name: 'canary', values: ['canary'], maxUpdate: 1 },
      { name: 'general', values: ['general'], maxUpdate: '50%' },
    ],
    upgrade: { kubernetesVersion: '1.35.1', throughWave: 'dev' },
  };
  return d;
}

export const smallFleet: Fleet = resolveFleet(smallDefinition());

/**
 * Docker spokes named like Mermaid's keywords and edge syntax: `end`,
 * `subgraph`, `class`, `o` and `x-1` (which would read as circle and cross
 * edges after `---`), `0-graph` (starts with a digit).
 */
export const AWKWARD_NAMES = ['end', 'subgraph', 'class', 'o', 'x-1', '0-graph'] as const;

export function awkwardDefinition(): FleetDefinition {
  const d = mutableDefinition();
  const docker = d.clusters.find((c: { name: string }) => c.name === 'dev-docker');
  d.clusters = AWKWARD_NAMES.map((name, i) => ({
    ...structuredClone(docker),
    name,
    network: { podCidr: `10.${110 + i}.0.0/16`, serviceCidr: `172.21.${i * 16}.0/20` },
  }));
  d.environments = { dev: d.environments.dev };
  return d;
}

/** `n` generated clusters over three environments and six regions (bench/generate-fleet.ts). */
export function generatedFleet(n: number): Fleet {
  return resolveFleet(generateFleet(n));
}

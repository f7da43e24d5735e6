import type { AddonFleetCheckContext } from '../spec';
import { defineAddon } from '../spec';
import { externalSecrets } from './external-secrets';
import { kubePrometheusStack } from './kube-prometheus-stack';

/**
 * The Thanos release of every Thanos component the fleet runs: the sidecars
 * (through kube-prometheus-stack's values) and the hub's Query, store gateway
 * and Ruler. The one place it is pinned.
 * @see https://github.com/thanos-io/thanos/releases
 */
export const THANOS_VERSION = 'v0.42.0';
export const THANOS_IMAGE = `quay.io/thanos/thanos:${THANOS_VERSION}`;

/** The Thanos sidecar of the cluster's Prometheus, uploading to object storage; queried from the hub. */
export const thanos = defineAddon({
  name: 'thanos',
  description: 'Thanos sidecar next to Prometheus, uploading to object storage; the hub queries every sidecar',
  namespace: 'monitoring',
  // Its own pods are unprivileged, but it shares `monitoring` with kube-prometheus-stack (privileged).
  podSecurity: 'restricted',
  // The sidecar's settings live in kube-prometheus-stack's Prometheus; ServiceMonitors.
  apiGroups: ['monitoring.coreos.com'],
  dependsOn: [kubePrometheusStack, externalSecrets],
  requiresPlatform: 'thanos',
  checkFleet: checkThanosFleet,
});

/** Where the hub's own add-ons are switched on (`hub.addons.<name>`). */
const isHub = (path: string) => path === 'hub' || path.startsWith('hub.');

/**
 * The hub must run thanos when any spoke does: its Query reads the sidecars, and its
 * store gateway reads the bucket through the hub's own `thanos-objstore` Secret. The
 * sidecar address pattern must give each cluster its own `host:port`.
 */
function checkThanosFleet({ clusters, platform, problems }: AddonFleetCheckContext<'thanos'>): void {
  const spokes = clusters.filter((c) => !isHub(c.path));
  if (spokes.length > 0 && spokes.length === clusters.length) {
    const [first] = spokes;
    const more = spokes.length > 1 ? ` (and ${spokes.length - 1} more cluster${spokes.length > 2 ? 's' : ''})` : '';
    problems.add(
      'hub.addons.thanos',
      `hub.addons.thanos is not enabled, but ${first!.path} enables "thanos" for ${first!.name}${more}: the hub's Thanos Query reads their sidecars and its store gateway reads their bucket through the hub's own thanos-objstore Secret; enable thanos on the hub (with kube-prometheus-stack and external-secrets, which it needs)`,
    );
  }
  const pattern = platform.thanos?.sidecarEndpoint;
  if (pattern === undefined) return;
  const path = 'platform.thanos.sidecarEndpoint';
  if (!pattern.includes('{cluster}')) {
    problems.at(path, pattern, "has no {cluster} placeholder, so every cluster's sidecar would get the same address", 'put {cluster} in it, e.g. "thanos-sidecar.{cluster}.acme.io:10901"');
  }
  const port = /:(\d+)$/.exec(pattern)?.[1];
  if (port === undefined || Number(port) < 1 || Number(port) > 65535) {
    problems.at(path, pattern, 'does not end with a port', `end it with the sidecar's gRPC port, e.g. "thanos-sidecar.{cluster}.acme.io:10901"`);
  }
}

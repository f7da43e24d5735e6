/**
 * What every Thanos component fleetwright runs shares: the ports, the labels
 * its pods carry (and its Service selects on), the container's probes and
 * security settings, and the checks of its image and StoreAPI addresses.
 * @see https://thanos.io/tip/thanos/quick-tutorial.md/
 */
import { k8s } from 'cdk8s-plus-28';
import type { PropsCheck } from '../errors';

/** Thanos' default listen ports. */
export const THANOS_PORTS = { grpc: 10901, http: 10902 } as const;

/** Labels of a component's pods; the Service and workload select on `app.kubernetes.io/name`. */
export function componentLabels(name: string, component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': component, 'app.kubernetes.io/part-of': 'thanos' };
}

export function selectorLabels(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name };
}

/** The gRPC (StoreAPI) and HTTP ports of a Service in front of a component. */
export function servicePorts(): k8s.ServicePort[] {
  return [
    { name: 'grpc', port: THANOS_PORTS.grpc, targetPort: k8s.IntOrString.fromString('grpc'), protocol: 'TCP' },
    { name: 'http', port: THANOS_PORTS.http, targetPort: k8s.IntOrString.fromString('http'), protocol: 'TCP' },
  ];
}

/** The container of a component: `thanos <args>`, listening on both ports, probed on HTTP, unprivileged. */
export function thanosContainer(name: string, image: string, args: readonly string[], volumeMounts: readonly k8s.VolumeMount[] = []): k8s.Container {
  const probe = (path: string): k8s.Probe => ({ httpGet: { path, port: k8s.IntOrString.fromString('http') }, periodSeconds: 10, failureThreshold: 6 });
  return {
    name,
    image,
    args: [...args, `--grpc-address=0.0.0.0:${THANOS_PORTS.grpc}`, `--http-address=0.0.0.0:${THANOS_PORTS.http}`],
    ports: [
      { name: 'grpc', containerPort: THANOS_PORTS.grpc, protocol: 'TCP' },
      { name: 'http', containerPort: THANOS_PORTS.http, protocol: 'TCP' },
    ],
    readinessProbe: probe('/-/ready'),
    livenessProbe: probe('/-/healthy'),
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    ...(volumeMounts.length > 0 ? { volumeMounts: [...volumeMounts] } : {}),
  };
}

/** Thanos images run as `nobody`; the group owns mounted volumes so the store gateway can write its cache. */
export const POD_SECURITY_CONTEXT: k8s.PodSecurityContext = {
  runAsNonRoot: true,
  runAsUser: 65534,
  runAsGroup: 65534,
  fsGroup: 65534,
  seccompProfile: { type: 'RuntimeDefault' },
};

/** An image pinned by tag (not `latest`) or digest. */
export function checkImage(check: PropsCheck, image: string): void {
  const ref = image.slice(image.lastIndexOf('/') + 1);
  const tag = ref.includes('@') ? undefined : ref.split(':')[1];
  const pinned = ref.includes('@sha256:') || (tag !== undefined && tag !== '' && tag !== 'latest');
  check.expect(pinned, 'image', image, 'is not pinned to a version', 'give a tag or digest, e.g. "quay.io/thanos/thanos:v0.42.0"');
}

/** A StoreAPI / query address Thanos accepts: `host:port`, `dns+host:port`, or `dnssrv+name`. */
export function isThanosAddress(address: string): boolean {
  return /^(dns\+)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?:\d{1,5}$/.test(address) || /^dnssrv\+(_[a-z0-9-]+\._tcp\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(address);
}

/** The version in an image's tag (`v0.42.0` of `quay.io/thanos/thanos:v0.42.0`), when it is one. */
export function imageVersion(image: string): string | undefined {
  return /:(v\d+\.\d+\.\d+)$/.exec(image)?.[1];
}

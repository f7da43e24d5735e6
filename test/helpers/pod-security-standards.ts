/**
 * The Pod Security Standards' checks of a pod spec, as the admission
 * controller applies them (`baseline`, and `restricted` on top of it), for
 * tests of the pods fleetwright renders itself. Messages name the container
 * (or `pod`) and the field.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */

export type Level = 'privileged' | 'baseline' | 'restricted';

/** Capabilities `baseline` lets a container add. */
const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
/** Volume types `restricted` allows. */
const RESTRICTED_VOLUMES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

/** Where a workload kind keeps its pod spec; undefined for kinds that run no pods. */
export function podSpecOf(object: any): any | undefined {
  switch (object?.kind) {
    case 'Pod':
      return object.spec;
    case 'CronJob':
      return object.spec?.jobTemplate?.spec?.template?.spec;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
    case 'Rollout':
      return object.spec?.template?.spec;
    default:
      return undefined;
  }
}

/** Every violation of `level` by the pod spec, in a stable order; none for `privileged`. */
export function podSecurityViolations(spec: any, level: Level): string[] {
  if (level === 'privileged') return [];
  const out: string[] = [];
  const pod = spec.securityContext ?? {};
  const containers: any[] = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];
  const each = (check: (c: any, sc: any) => string | undefined) => {
    for (const c of containers) {
      const problem = check(c, c.securityContext ?? {});
      if (problem) out.push(`container ${c.name}: ${problem}`);
    }
  };
  // baseline
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) if (spec[field] === true) out.push(`pod: ${field} is true`);
  each((_c, sc) => (sc.privileged === true ? 'securityContext.privileged is true' : undefined));
  each((_c, sc) => {
    const added = (sc.capabilities?.add ?? []).filter((cap: string) => !BASELINE_CAPABILITIES.has(cap));
    return added.length > 0 ? `securityContext.capabilities.add has ${added.join(', ')}` : undefined;
  });
  for (const v of spec.volumes ?? []) if (v.hostPath !== undefined) out.push(`pod: volume ${v.name} is a hostPath`);
  each((c) => ((c.ports ?? []).some((p: any) => (p.hostPort ?? 0) !== 0) ? 'a port has a hostPort' : undefined));
  each((_c, sc) => (sc.procMount !== undefined && sc.procMount !== 'Default' ? `securityContext.procMount is ${sc.procMount}` : undefined));
  const unconfined = (sc: any) => sc.seccompProfile?.type === 'Unconfined';
  if (unconfined(pod)) out.push('pod: securityContext.seccompProfile is Unconfined');
  each((_c, sc) => (unconfined(sc) ? 'securityContext.seccompProfile is Unconfined' : undefined));
  for (const s of pod.sysctls ?? []) if (!SAFE_SYSCTLS.has(s.name)) out.push(`pod: sysctl ${s.name} is not a safe one`);
  if (level === 'baseline') return out;
  // restricted
  for (const v of spec.volumes ?? []) {
    const type = Object.keys(v).find((k) => k !== 'name');
    if (type !== undefined && !RESTRICTED_VOLUMES.has(type) && type !== 'hostPath') out.push(`pod: volume ${v.name} is of type ${type}`);
  }
  each((_c, sc) => (sc.allowPrivilegeEscalation !== false ? 'securityContext.allowPrivilegeEscalation is not false' : undefined));
  each((_c, sc) => (sc.runAsNonRoot === true || (sc.runAsNonRoot === undefined && pod.runAsNonRoot === true) ? undefined : 'runAsNonRoot is not true (neither on the container nor on the pod)'));
  if (pod.runAsUser === 0) out.push('pod: securityContext.runAsUser is 0');
  each((_c, sc) => (sc.runAsUser === 0 ? 'securityContext.runAsUser is 0' : undefined));
  const confined = (sc: any) => sc.seccompProfile?.type === 'RuntimeDefault' || sc.seccompProfile?.type === 'Localhost';
  each((_c, sc) => (confined(sc) || (sc.seccompProfile === undefined && confined(pod)) ? undefined : 'seccompProfile is not RuntimeDefault or Localhost (neither on the container nor on the pod)'));
  each((_c, sc) => {
    const drop: string[] = sc.capabilities?.drop ?? [];
    const added = (sc.capabilities?.add ?? []).filter((cap: string) => cap !== 'NET_BIND_SERVICE');
    if (!drop.includes('ALL')) return 'securityContext.capabilities.drop does not include ALL';
    return added.length > 0 ? `securityContext.capabilities.add has ${added.join(', ')}` : undefined;
  });
  return out;
}

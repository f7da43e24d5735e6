/**
 * The pods fleetwright renders itself (services' Deployments and Rollouts,
 * on Argo CD and through Karmada; the Thanos components) pass the Pod Security
 * Standard claimed for them: the service's `podSecurity`, the add-on's catalog
 * level. A namespace shared with others is labelled with the most permissive
 * level of the group, so passing the claimed level passes the label too.
 * Charts' pods are the charts' own: their levels come from the catalog.
 */
import { describe, expect, it } from 'vitest';
import { generateFleet } from '../../bench/generate-fleet';
import { ADDON_NAMES, addonPodSecurity, resolveFleet, type Fleet, type PodSecurityLevel } from '../../model';
import { renderFleet } from '../../stacks/fleet';
import { exampleDefinitionFor, exampleFleet } from '../helpers/example';
import { karmadaDefinition } from '../helpers/karmada-fleet';
import { podSecurityViolations, podSpecOf } from '../helpers/pod-security-standards';
import { servicesDefinition } from '../helpers/services';

/** A pod as fleetwright's web services render it: passes `restricted`. */
function compliantPod(): any {
  return {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{ name: 'web', ports: [{ containerPort: 8080 }], securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } } }],
    volumes: [{ name: 'tmp', emptyDir: {} }],
  };
}

describe('the Pod Security Standards checker', () => {
  it('GIVEN a pod as fleetwright renders them WHEN checked THEN it passes every level', () => {
    for (const level of ['privileged', 'baseline', 'restricted'] as const) expect(podSecurityViolations(compliantPod(), level), level).toEqual([]);
  });

  it('GIVEN a pod breaking both profiles WHEN checked THEN each level reports exactly its own violations', () => {
    const pod = compliantPod();
    pod.hostNetwork = true;
    pod.securityContext = { runAsUser: 0 };
    pod.volumes.push({ name: 'host', hostPath: { path: '/var/run' } }, { name: 'nfs', nfs: { server: 'nfs', path: '/' } });
    pod.initContainers = [{ name: 'init', securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN'] } }, ports: [{ containerPort: 80, hostPort: 80 }] }];
    expect(podSecurityViolations(pod, 'baseline')).toEqual([
      'pod: hostNetwork is true',
      'container init: securityContext.privileged is true',
      'container init: securityContext.capabilities.add has SYS_ADMIN',
      'pod: volume host is a hostPath',
      'container init: a port has a hostPort',
    ]);
    expect(podSecurityViolations(pod, 'restricted').slice(5)).toEqual([
      'pod: volume nfs is of type nfs',
      'container init: securityContext.allowPrivilegeEscalation is not false',
      'container init: runAsNonRoot is not true (neither on the container nor on the pod)',
      'container web: runAsNonRoot is not true (neither on the container nor on the pod)',
      'pod: securityContext.runAsUser is 0',
      'container init: seccompProfile is not RuntimeDefault or Localhost (neither on the container nor on the pod)',
      'container web: seccompProfile is not RuntimeDefault or Localhost (neither on the container nor on the pod)',
      'container init: securityContext.capabilities.drop does not include ALL',
    ]);
  });

  it('GIVEN the kinds that run pods WHEN their pod spec is asked THEN each gives its template\'s', () => {
    const spec = compliantPod();
    expect(podSpecOf({ kind: 'Deployment', spec: { template: { spec } } })).toBe(spec);
    expect(podSpecOf({ kind: 'Rollout', spec: { template: { spec } } })).toBe(spec);
    expect(podSpecOf({ kind: 'CronJob', spec: { jobTemplate: { spec: { template: { spec } } } } })).toBe(spec);
    expect(podSpecOf({ kind: 'Service', spec: {} })).toBeUndefined();
  });
});

/** The level claimed for the pods of a rendered folder's object: its service's, or its add-on's. */
function claimedLevel(fleet: Fleet, dir: string, object: any): PodSecurityLevel | undefined {
  const parts = dir.split('/');
  const service = (name: string | undefined) => fleet.services.find((s) => s.name === name || (name === undefined && s.namespace === object.metadata.namespace));
  if (parts[0] === 'services') return service(parts[1])?.podSecurity;
  if (dir === 'hub/karmada') return service(undefined)?.podSecurity;
  const addon = ADDON_NAMES.find((a) => parts.includes(a) && (parts[0] === 'platform' || parts.includes('addons')));
  return addon === undefined ? undefined : addonPodSecurity(fleet.platform, addon);
}

/** Every workload the fleet renders, with the level claimed for it and its violations of that level. */
function workloads(fleet: Fleet): { what: string; level: PodSecurityLevel | undefined; violations: string[] }[] {
  return renderFleet(fleet).units.flatMap((unit) =>
    unit.objects.flatMap((o: any) => {
      const spec = podSpecOf(o);
      if (spec === undefined) return [];
      const level = claimedLevel(fleet, unit.dir, o);
      return [{ what: `${unit.dir} ${o.kind}/${o.metadata.name}`, level, violations: level === undefined ? [] : podSecurityViolations(spec, level) }];
    }),
  );
}

describe('GIVEN fleets of every shape WHEN the pods fleetwright renders are checked', () => {
  it.each([
    ['the example', exampleFleet],
    ['the example for Flux', resolveFleet(exampleDefinitionFor('flux'))],
    ['the services fleet', resolveFleet(servicesDefinition())],
    ['the Karmada fleet', resolveFleet(karmadaDefinition())],
    ['a generated fleet of 30 clusters', resolveFleet(generateFleet(30))],
  ])('THEN every one in %s has a claimed level and passes it', (_name, fleet) => {
    const found = workloads(fleet);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((w) => w.level === undefined).map((w) => w.what)).toEqual([]);
    expect(found.filter((w) => w.violations.length > 0)).toEqual([]);
  });

  it('THEN the example\'s are the services\' workloads and Thanos\', all restricted', () => {
    expect(workloads(exampleFleet).map((w) => `${w.what} ${w.level}`)).toEqual([
      'hub/addons/thanos StatefulSet/thanos-store-gateway restricted',
      'hub/addons/thanos Deployment/thanos-query restricted',
      'hub/karmada Deployment/storefront restricted',
      'services/checkout/base Rollout/checkout restricted',
    ]);
  });
});

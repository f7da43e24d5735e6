/**
 * What a fleet policy checks on every Pod: a Kyverno validate pattern with
 * its message. Kyverno's autogen applies Pod rules to the Pod controllers
 * too (Deployments, StatefulSets, Jobs…), so violations are refused where
 * they are written, not when the Pods are created.
 * @see https://kyverno.io/docs/policy-types/cluster-policy/validate/#patterns
 * @see https://kyverno.io/docs/policy-types/cluster-policy/autogen/
 */
import type { PropsCheck } from '../errors';

/** A resource a container asks for or is limited to. */
export type ContainerResource = 'cpu' | 'memory';

type Pattern = { readonly [key: string]: unknown };

/** The containers of a Pod a rule checks: `containers` always, the others only when present. */
function everyContainer(item: Pattern, which: 'all' | 'app' = 'all'): Pattern {
  return {
    spec: {
      ...(which === 'all' ? { '=(ephemeralContainers)': [item], '=(initContainers)': [item] } : {}),
      containers: [item],
    },
  };
}

const REGISTRY = /^[^\s|*?:][^\s|]*$/;

export class PodRule {
  /** No container runs privileged (`securityContext.privileged` absent or false). */
  static noPrivilegedContainers(): PodRule {
    return new PodRule(
      'disallow-privileged-containers',
      'Privileged containers are not allowed: remove securityContext.privileged or set it to false.',
      everyContainer({ '=(securityContext)': { '=(privileged)': 'false' } }),
      () => undefined,
    );
  }

  /**
   * Every app container (`spec.containers`; init and ephemeral containers are
   * left alone) states the given requests and limits.
   */
  static requireResources(options: { readonly requests: readonly ContainerResource[]; readonly limits: readonly ContainerResource[] }): PodRule {
    const stated = (names: readonly ContainerResource[]) => Object.fromEntries([...new Set(names)].sort().map((n) => [n, '?*']));
    const resources = {
      ...(options.requests.length > 0 ? { requests: stated(options.requests) } : {}),
      ...(options.limits.length > 0 ? { limits: stated(options.limits) } : {}),
    };
    const fields = [
      ...[...new Set(options.requests)].sort().map((n) => `resources.requests.${n}`),
      ...[...new Set(options.limits)].sort().map((n) => `resources.limits.${n}`),
    ];
    return new PodRule(
      'require-requests-limits',
      `Every container must set ${fields.length > 1 ? `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}` : fields.join('')}.`,
      everyContainer({ resources }, 'app'),
      (check, prop) =>
        check.expect(fields.length > 0, prop, options, 'requires no request and no limit', 'require at least one, e.g. { requests: ["cpu", "memory"], limits: ["memory"] }'),
    );
  }

  /**
   * Every image comes from one of `registries`: a registry host
   * (`quay.io`) or a path prefix ending in `/` (`ghcr.io/acme/`). Images
   * are matched as written, so they must be fully qualified (`nginx` is
   * refused, `docker.io/library/nginx` is allowed with `docker.io`).
   */
  static imagesFrom(registries: readonly string[]): PodRule {
    const prefixes = registries.map((r) => (r.endsWith('/') ? r : `${r}/`));
    return new PodRule(
      'restrict-image-registries',
      `Images must come from an allowed registry: ${prefixes.join(', ')}.`,
      everyContainer({ image: prefixes.map((p) => `${p}*`).join(' | ') }),
      (check, prop) => {
        check.expect(registries.length > 0, `${prop}.registries`, registries, 'is empty, so every image would be refused', 'allow at least one registry, e.g. "ghcr.io/acme/"');
        registries.forEach((r, i) =>
          check.expect(REGISTRY.test(r) && !r.includes('://'), `${prop}.registries[${i}]`, r, 'is not a registry or an image path prefix', 'write it without scheme, spaces, "|" or a leading wildcard, e.g. "ghcr.io/acme/" or "quay.io"'),
        );
      },
    );
  }

  private constructor(
    /** Rule name in the policy. */
    readonly name: string,
    /** What a violation reports. */
    readonly message: string,
    /** The validate pattern, on Pods. */
    readonly pattern: Pattern,
    private readonly checkOptions: (check: PropsCheck, prop: string) => void,
  ) {}

  /** Records problems with the rule's options at `prop`. */
  check(check: PropsCheck, prop: string): void {
    this.checkOptions(check, prop);
  }
}

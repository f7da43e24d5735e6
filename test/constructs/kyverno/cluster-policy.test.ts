import { describe, expect, it } from 'vitest';
import { ConstructPropsError } from '../../../constructs/errors';
import { ClusterPolicy } from '../../../constructs/kyverno/cluster-policy';
import { PodRule } from '../../../constructs/kyverno/pod-rule';
import { only, testChart } from '../../helpers/synth';

const ALL_CONTAINERS = ['=(ephemeralContainers)', '=(initContainers)', 'containers'];

describe('ClusterPolicy', () => {
  it('GIVEN the privileged rule in enforce mode WHEN synthesized THEN the rule enforces, excludes the namespaces sorted, scans in the background (snapshot)', () => {
    const { chart, objects } = testChart();
    const policy = new ClusterPolicy(chart, 'Privileged', {
      name: 'disallow-privileged-containers',
      description: 'No privileged containers.',
      rules: [PodRule.noPrivilegedContainers()],
      mode: 'enforce',
      excludeNamespaces: ['kyverno', 'kube-system', 'kyverno'],
    });
    const cp = only(objects(), 'ClusterPolicy');
    expect(policy.mode).toBe('enforce');
    expect(cp.apiVersion).toBe('kyverno.io/v1');
    expect(cp.metadata).toEqual({
      name: 'disallow-privileged-containers',
      annotations: { 'policies.kyverno.io/subject': 'Pod', 'policies.kyverno.io/description': 'No privileged containers.' },
    });
    expect(cp.spec.background).toBe(true);
    expect(cp.spec.validationFailureAction).toBeUndefined();
    const [rule] = cp.spec.rules;
    expect(rule.match).toEqual({ any: [{ resources: { kinds: ['Pod'] } }] });
    expect(rule.exclude).toEqual({ any: [{ resources: { namespaces: ['kube-system', 'kyverno'] } }] });
    expect(rule.validate.failureAction).toBe('Enforce');
    expect(Object.keys(rule.validate.pattern.spec).sort()).toEqual(ALL_CONTAINERS);
    expect(rule.validate.pattern.spec.containers).toEqual([{ '=(securityContext)': { '=(privileged)': 'false' } }]);
    expect(cp).toMatchSnapshot();
  });

  it('GIVEN audit mode, no exclusions and no background scan WHEN synthesized THEN the rule audits and matches every namespace', () => {
    const { chart, objects } = testChart();
    new ClusterPolicy(chart, 'P', { name: 'p', description: 'd', rules: [PodRule.noPrivilegedContainers()], mode: 'audit', background: false });
    const cp = only(objects(), 'ClusterPolicy');
    expect(cp.spec.background).toBe(false);
    expect(cp.spec.rules[0].validate.failureAction).toBe('Audit');
    expect(cp.spec.rules[0].exclude).toBeUndefined();
  });

  it('GIVEN required CPU and memory requests and a memory limit WHEN synthesized THEN only app containers must state exactly those', () => {
    const { chart, objects } = testChart();
    new ClusterPolicy(chart, 'R', { name: 'require-requests-limits', description: 'd', rules: [PodRule.requireResources({ requests: ['memory', 'cpu'], limits: ['memory'] })], mode: 'enforce' });
    const validate = only(objects(), 'ClusterPolicy').spec.rules[0].validate;
    expect(validate.message).toBe('Every container must set resources.requests.cpu, resources.requests.memory and resources.limits.memory.');
    expect(validate.pattern).toEqual({
      spec: { containers: [{ resources: { requests: { cpu: '?*', memory: '?*' }, limits: { memory: '?*' } } }] },
    });
  });

  it('GIVEN registries with and without a trailing slash WHEN synthesized THEN every container image must start with one of them', () => {
    const { chart, objects } = testChart();
    new ClusterPolicy(chart, 'I', { name: 'restrict-image-registries', description: 'd', rules: [PodRule.imagesFrom(['ghcr.io/acme/', 'quay.io'])], mode: 'enforce' });
    const validate = only(objects(), 'ClusterPolicy').spec.rules[0].validate;
    expect(validate.message).toBe('Images must come from an allowed registry: ghcr.io/acme/, quay.io/.');
    for (const key of ALL_CONTAINERS) expect(validate.pattern.spec[key]).toEqual([{ image: 'ghcr.io/acme/* | quay.io/*' }]);
  });

  it('GIVEN a bad name, bad registries, no resources, a duplicate rule and a bad namespace WHEN constructed THEN reports every problem at once', () => {
    const { chart } = testChart();
    expect(
      () =>
        new ClusterPolicy(chart, 'Bad', {
          name: 'Fleet_Policy',
          description: 'd',
          rules: [PodRule.imagesFrom(['https://ghcr.io/acme/', 'a | b']), PodRule.requireResources({ requests: [], limits: [] }), PodRule.imagesFrom([])],
          mode: 'enforce',
          excludeNamespaces: ['Kube-System'],
        }),
    ).toThrow(
      new ConstructPropsError([
        `ClusterPolicy "Fleet_Policy": name "Fleet_Policy" is not a DNS-1123 subdomain; use lowercase letters, digits, '-' and '.'`,
        'ClusterPolicy "Fleet_Policy": rules ["restrict-image-registries","require-requests-limits","restrict-image-registries"] has duplicate rule names; use each rule once per policy',
        'ClusterPolicy "Fleet_Policy": rules[0].registries[0] "https://ghcr.io/acme/" is not a registry or an image path prefix; write it without scheme, spaces, "|" or a leading wildcard, e.g. "ghcr.io/acme/" or "quay.io"',
        'ClusterPolicy "Fleet_Policy": rules[0].registries[1] "a | b" is not a registry or an image path prefix; write it without scheme, spaces, "|" or a leading wildcard, e.g. "ghcr.io/acme/" or "quay.io"',
        'ClusterPolicy "Fleet_Policy": rules[1] {"requests":[],"limits":[]} requires no request and no limit; require at least one, e.g. { requests: ["cpu", "memory"], limits: ["memory"] }',
        'ClusterPolicy "Fleet_Policy": rules[2].registries [] is empty, so every image would be refused; allow at least one registry, e.g. "ghcr.io/acme/"',
        `ClusterPolicy "Fleet_Policy": excludeNamespaces[0] "Kube-System" is not a DNS-1123 label; use lowercase letters, digits and '-', starting and ending with a letter or digit`,
      ]),
    );
  });

  it('GIVEN no rules WHEN constructed THEN says the policy needs one', () => {
    const { chart } = testChart();
    expect(() => new ClusterPolicy(chart, 'Empty', { name: 'empty', description: 'd', rules: [], mode: 'audit' })).toThrow(
      new ConstructPropsError(['ClusterPolicy "empty": rules [] is empty; give the policy at least one rule']),
    );
  });
});

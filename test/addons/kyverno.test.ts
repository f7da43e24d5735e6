import { describe, expect, it } from 'vitest';
import { CATALOG, checkFleet, resolveFleet, type Fleet } from '../../model';
import { synthesize, type SynthOutput } from '../../outputs/synth';
import { mutableDefinition } from '../helpers/definitions';
import { exampleFleet, exampleSynth } from '../helpers/example';
import { unitOf, valuesOf } from '../helpers/addons';

const REGISTRIES = ['ghcr.io/acme/', 'registry.k8s.io', 'quay.io/'];
const POLICIES = ['disallow-privileged-containers', 'require-requests-limits', 'restrict-image-registries'];

/** kyverno on dev (audit by default), prod (enforce by default) and the hub. */
function kyvernoDefinition(): any {
  const d = mutableDefinition();
  d.platform = { kyverno: { allowedRegistries: REGISTRIES }, certManager: { acmeEmail: 'ops@acme.io' } };
  d.hub.addons = { kyverno: true };
  d.environments.dev.addons = { cilium: true, kyverno: true };
  d.environments.prod.addons = { kyverno: true, 'cert-manager': true };
  return d;
}

const fleet = resolveFleet(kyvernoDefinition());
const out = synthesize(fleet);
const policiesOf = (o: SynthOutput, overlay: string) => (unitOf(o, `platform/kyverno/overlays/${overlay}`)?.objects ?? []).filter((x) => x.kind === 'ClusterPolicy') as any[];
const actionsOf = (policies: any[]) => [...new Set(policies.flatMap((p) => p.spec.rules.map((r: any) => r.validate.failureAction)))];

/** The mode each overlay running kyverno must have, from the model: the level's option, else by tier. */
function expectedModes(f: Fleet): Record<string, 'Audit' | 'Enforce'> {
  const modes: Record<string, 'Audit' | 'Enforce'> = {};
  const action = (mode: string | undefined, tier: string) => ((mode ?? (tier === 'production' ? 'enforce' : 'audit')) === 'enforce' ? 'Enforce' : 'Audit');
  for (const env of f.environments) {
    if (f.clusters.some((c) => c.environment === env.name && c.addons.includes('kyverno'))) modes[env.name] = action(env.addonOptions.kyverno?.mode, env.tier);
  }
  if (f.hub.addons.includes('kyverno')) modes.hub = action(f.hub.addonOptions.kyverno?.mode, 'production');
  return modes;
}

describe('kyverno: chart and values', () => {
  it('GIVEN the catalog WHEN read THEN pins chart 3.9.0 (Kyverno v1.19.0), applied server-side, with mode an environment-only option', () => {
    expect(CATALOG.kyverno.chart).toEqual({ repoUrl: 'https://kyverno.github.io/kyverno', chart: 'kyverno', version: '3.9.0' });
    expect(CATALOG.kyverno.serverSideApply).toBe(true);
    expect(CATALOG.kyverno.environmentOnlyOptions).toEqual(['mode']);
  });

  it('GIVEN production and non-production overlays WHEN synthesized THEN the CRDs are installed and production replicates every controller', () => {
    expect(valuesOf(out, 'platform/kyverno/base')).toEqual({ crds: { install: true } });
    const ha = { admissionController: { replicas: 3 }, backgroundController: { replicas: 2 }, cleanupController: { replicas: 2 }, reportsController: { replicas: 2 } };
    expect(valuesOf(out, 'platform/kyverno/overlays/prod')).toEqual(ha);
    expect(valuesOf(out, 'platform/kyverno/overlays/hub')).toEqual(ha);
    expect(valuesOf(out, 'platform/kyverno/overlays/dev')).toEqual({});
  });
});

describe('kyverno: policies', () => {
  it('GIVEN the prod overlay WHEN synthesized THEN it holds the three policies, enforcing, scanning in the background (snapshot)', () => {
    const policies = policiesOf(out, 'prod');
    expect(policies.map((p) => p.metadata.name)).toEqual(POLICIES);
    expect(actionsOf(policies)).toEqual(['Enforce']);
    expect(policies.every((p) => p.spec.background === true && p.spec.validationFailureAction === undefined)).toBe(true);
    expect(policies).toMatchSnapshot();
  });

  it('GIVEN the dev overlay (non-production) WHEN synthesized THEN its policies audit', () => {
    expect(policiesOf(out, 'dev').map((p) => p.metadata.name)).toEqual(POLICIES);
    expect(actionsOf(policiesOf(out, 'dev'))).toEqual(['Audit']);
  });

  it('GIVEN prod set to audit and dev to enforce WHEN synthesized THEN the environment option wins over the tier', () => {
    const d = kyvernoDefinition();
    d.environments.prod.addons.kyverno = { mode: 'audit' };
    d.environments.dev.addons.kyverno = { mode: 'enforce' };
    const o = synthesize(resolveFleet(d));
    expect(actionsOf(policiesOf(o, 'prod'))).toEqual(['Audit']);
    expect(actionsOf(policiesOf(o, 'dev'))).toEqual(['Enforce']);
    expect(actionsOf(policiesOf(o, 'hub'))).toEqual(['Enforce']);
  });

  it('GIVEN the allowed registries WHEN synthesized THEN every container, init container and ephemeral container image must start with one of them', () => {
    const rule = policiesOf(out, 'prod').find((p) => p.metadata.name === 'restrict-image-registries').spec.rules[0];
    const image = 'ghcr.io/acme/* | registry.k8s.io/* | quay.io/*';
    expect(rule.validate.pattern).toEqual({
      spec: { '=(ephemeralContainers)': [{ image }], '=(initContainers)': [{ image }], containers: [{ image }] },
    });
  });

  it('GIVEN the add-ons each overlay runs WHEN synthesized THEN the policies leave out kube-system and exactly their namespaces (and Argo CD on the hub)', () => {
    const excluded = (overlay: string) => [...new Set(policiesOf(out, overlay).map((p) => JSON.stringify(p.spec.rules[0].exclude.any[0].resources.namespaces)))];
    // cilium runs in kube-system.
    expect(excluded('dev')).toEqual([JSON.stringify(['kube-system', 'kyverno'])]);
    expect(excluded('prod')).toEqual([JSON.stringify(['cert-manager', 'kube-system', 'kyverno'])]);
    expect(excluded('hub')).toEqual([JSON.stringify(['argocd', 'kube-system', 'kyverno'])]);
  });
});

describe('kyverno: fleet-wide', () => {
  it.each([
    ['the test fleet', fleet, out],
    ['the example fleet', exampleFleet, exampleSynth()],
  ])("GIVEN every overlay of %s running kyverno WHEN synthesized THEN all its policies carry its mode and exclude the namespaces of its clusters' add-ons", (_t, f, o) => {
    const modes = expectedModes(f);
    expect(Object.keys(modes).length).toBeGreaterThan(0);
    for (const [overlay, action] of Object.entries(modes)) {
      const policies = policiesOf(o, overlay);
      expect(policies.map((p) => p.metadata.name), overlay).toEqual(POLICIES);
      expect(actionsOf(policies), overlay).toEqual([action]);
      const clusters = overlay === 'hub' ? [f.hub] : f.clusters.filter((c) => c.role === 'spoke' && c.environment === overlay);
      const namespaces = new Set(clusters.flatMap((c) => c.addons.map((a) => CATALOG[a].namespace)));
      for (const policy of policies) {
        const excluded: string[] = policy.spec.rules[0].exclude.any[0].resources.namespaces;
        for (const ns of [...namespaces, 'kube-system', 'kyverno']) expect(excluded, `${overlay} ${policy.metadata.name}`).toContain(ns);
      }
    }
    // Overlays without kyverno get no policies.
    for (const env of f.environments.filter((e) => modes[e.name] === undefined)) expect(policiesOf(o, env.name), env.name).toEqual([]);
  });
});

describe('kyverno: checks', () => {
  it('GIVEN a cluster that sets mode WHEN checked THEN it is refused: the mode belongs to its environment', () => {
    const d = kyvernoDefinition();
    d.clusters[2].addons = { kyverno: { mode: 'audit' } };
    expect(checkFleet(d).problems.map((p) => p.message)).toEqual([
      'clusters[2].addons.kyverno.mode is set on a cluster, but "kyverno" reads mode per environment (the objects it shapes are shared by the environment\'s clusters); set environments.prod.addons.kyverno.mode instead',
    ]);
  });

  it('GIVEN kyverno without platform.kyverno WHEN checked THEN asks for the allowed registries', () => {
    const d = kyvernoDefinition();
    delete d.platform.kyverno;
    d.hub.addons = {};
    d.environments.prod.addons = { 'cert-manager': true };
    expect(checkFleet(d).problems.map((p) => p.message)).toEqual([
      'platform.kyverno is missing, but environments.dev.addons.kyverno enables "kyverno" (and 1 more cluster do), which needs it; set platform.kyverno',
    ]);
  });
});

import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTree } from '../../outputs/gitops/writer';
import { formatJson, formatMarkdown, formatText, planChanges, planExitCode, sideFromDirectory, versionRefusalMessage, type Plan } from '../../outputs/plan';
import { exampleSynth } from '../helpers/example';
import { example, git, planBetween, run, sideOfDefinition, writeConfig } from '../helpers/plan';
import { tempDir } from '../helpers/tmp';

const { dir, cleanup } = tempDir('fleetwright-plan-versions-');
afterAll(cleanup);

/** The example's definition, changed by `edit`. */
function changed(edit: (definition: any) => void): any {
  const d = example();
  edit(d);
  return d;
}

/**
 * Version changes of the example: staging-us-east-1 (EKS, wave staging) up one minor and up two;
 * rollout.upgrade removed, which takes dev-us-east-1 (kubeadm) back from the upgrade's 1.35.1 to
 * its own 1.34.2; the upgrade moved on from wave dev through staging to canary.
 */
const CHANGES = {
  oneMinor: changed((d) => { d.environments.staging.kubernetesVersion = '1.35'; }),
  twoMinors: changed((d) => { d.environments.staging.kubernetesVersion = '1.36'; }),
  downgrade: changed((d) => { delete d.rollout.upgrade; }),
  twoWaves: changed((d) => { d.rollout.upgrade.throughWave = 'canary'; }),
};

const SKIP = 'cluster staging-us-east-1: Kubernetes 1.34 → 1.36 skips a minor version; Kubernetes upgrades one minor at a time: go to 1.35 first, merge, then 1.36';
const DOWNGRADE =
  'cluster dev-us-east-1: Kubernetes 1.35.1 → 1.34.2 is a downgrade; control planes cannot be downgraded; keep 1.35.1 or newer (to run 1.34, create a new cluster and move the workloads)';
const WAVES =
  'this change upgrades Kubernetes in 2 waves at once (staging, canary); upgrades follow the waves: advance one wave per change (move rollout.upgrade.throughWave on by one wave), the next once that wave is healthy';
const STAGING = { cluster: 'staging-us-east-1', from: '1.34', to: '1.35', wave: 'staging' };

/** The tree synth wrote for the example. */
const tree = path.join(dir, 'tree');
writeTree(tree, sideOfDefinition(example(), 'base').files, exampleSynth().manifest);

/** A plan from the example to `head`: the base rendered from the definition (as at a Git ref), or read from the tree. */
const BASES: Record<string, (head: unknown) => Plan> = {
  'the definition at a Git ref': (head) => planBetween(example(), head as any),
  'a folder synth wrote': (head) => {
    const side = sideOfDefinition(head as any, 'head');
    return planChanges(sideFromDirectory(tree, side.table), side);
  },
};

describe.each(Object.keys(BASES))('plan: Kubernetes versions, the base being %s', (base) => {
  const planTo = BASES[base]!;

  it('GIVEN an environment up one minor WHEN planned THEN its cluster is listed as an upgrade in its wave, nothing is refused, and the exit code is 2', () => {
    const plan = planTo(CHANGES.oneMinor);
    expect(plan.upgrades).toEqual([STAGING]);
    expect(plan.refusedVersions).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(plan.affected).toEqual(['staging-us-east-1']);
    expect(planExitCode(plan)).toBe(2);
  });

  it('GIVEN an environment up two minors WHEN planned THEN the change is refused for its cluster, with the step to take first, and the exit code is 1', () => {
    const plan = planTo(CHANGES.twoMinors);
    expect(plan.refusedVersions).toEqual([{ cluster: 'staging-us-east-1', from: '1.34', to: '1.36', wave: 'staging', reason: 'skip' }]);
    expect(planExitCode(plan)).toBe(1);
  });

  it('GIVEN the upgrade removed before it is through WHEN planned THEN the downgrade of the upgraded cluster is refused and the exit code is 1', () => {
    const plan = planTo(CHANGES.downgrade);
    expect(plan.refusedVersions).toEqual([{ cluster: 'dev-us-east-1', from: '1.35.1', to: '1.34.2', wave: 'dev', reason: 'downgrade' }]);
    expect(planExitCode(plan)).toBe(1);
  });

  it('GIVEN the upgrade moved on by two waves WHEN planned THEN both upgrades are listed in rollout order, the plan ends with a warning naming the waves, and the exit code is 2', () => {
    const plan = planTo(CHANGES.twoWaves);
    expect(plan.upgrades).toEqual([STAGING, { cluster: 'prod-us-east-1', from: '1.34', to: '1.35', wave: 'canary' }]);
    expect(plan.refusedVersions).toEqual([]);
    expect(plan.warnings).toEqual([WAVES]);
    expect(planExitCode(plan)).toBe(2);
  });
});

describe('plan: Kubernetes versions, which clusters and messages', () => {
  it('GIVEN a jump of two and of three minors, on EKS and on kubeadm WHEN refused THEN each message names the cluster, the versions and every step', () => {
    const messages = (plan: Plan) => plan.refusedVersions.map(versionRefusalMessage);
    expect(messages(planBetween(changed((d) => { d.environments.staging.kubernetesVersion = '1.33'; }), CHANGES.twoMinors))).toEqual([
      'cluster staging-us-east-1: Kubernetes 1.33 → 1.36 skips 2 minor versions; Kubernetes upgrades one minor at a time: go to 1.34 first, merge, then 1.35, merge, then 1.36',
    ]);
    const kubeadm = changed((d) => { delete d.rollout.upgrade; });
    expect(messages(planBetween(kubeadm, changed((d) => { delete d.rollout.upgrade; d.environments.dev.kubernetesVersion = '1.36.0'; })))).toEqual([
      'cluster dev-us-east-1: Kubernetes 1.34.2 → 1.36.0 skips a minor version; Kubernetes upgrades one minor at a time: go to 1.35.x first, merge, then 1.36.0',
    ]);
  });

  it('GIVEN an environment of four clusters up two minors WHEN planned THEN one refusal per cluster fleetwright upgrades, none for the registered-only cluster, whose own jump is only listed', () => {
    const plan = planBetween(example(), changed((d) => { d.environments.prod.kubernetesVersion = '1.36'; }));
    expect(plan.refusedVersions.map((r) => r.cluster)).toEqual(['prod-us-east-1', 'prod-eu-west-1', 'prod-us-west-2']);
    expect(plan.upgrades.map((u) => `${u.cluster} ${u.wave}`)).toEqual(['prod-us-east-1 canary', 'prod-eu-west-1 early', 'prod-ap-southeast-1 general', 'prod-us-west-2 general']);
    const existing = planBetween(example(), changed((d) => { d.clusters.find((c: any) => c.name === 'prod-ap-southeast-1').kubernetesVersion = '1.36'; }));
    expect(existing.upgrades).toEqual([{ cluster: 'prod-ap-southeast-1', from: '1.34', to: '1.36', wave: 'general' }]);
    expect(existing.refusedVersions).toEqual([]);
    expect(planExitCode(existing)).toBe(2);
  });

  it('GIVEN the hub up one minor WHEN planned THEN it is listed first, as the hub, and no wave warning is given', () => {
    const plan = planBetween(example(), changed((d) => { d.hub.kubernetesVersion = '1.35'; d.environments.staging.kubernetesVersion = '1.35'; }));
    expect(plan.upgrades).toEqual([{ cluster: 'management', from: '1.34', to: '1.35', wave: 'hub' }, STAGING]);
    expect(plan.warnings).toEqual([]);
    expect(formatText(plan)).toContain('\n  Kubernetes upgrades: management 1.34 → 1.35 (hub), staging-us-east-1 1.34 → 1.35 (wave staging)\n');
  });

  it('GIVEN a tree WHEN read THEN each cluster\'s version comes from its registration\'s annotation or its fleet-cluster ConfigMap, else from its Cluster API objects', () => {
    const versions = (side: ReturnType<typeof sideFromDirectory>) => Object.fromEntries([...side.table.clusters].map(([name, c]) => [name, c.kubernetesVersion]));
    expect(versions(sideFromDirectory(tree))).toEqual({
      management: '1.34',
      'dev-us-east-1': '1.35.1',
      'staging-us-east-1': '1.34',
      'prod-us-east-1': '1.34',
      'prod-eu-west-1': '1.34',
      'prod-ap-southeast-1': '1.34',
      'prod-us-west-2': '1.34',
    });
    // A tree that says the version only in its Cluster API objects: the control plane's, `v` dropped.
    const bare = path.join(dir, 'bare');
    const files = new Map([...sideOfDefinition(example(), 'base').files].map(([file, text]) => [file, text.replace(/^ *(fleetwright\.io\/)?kubernetes-version: .*\n/gm, '')]));
    writeTree(bare, files, exampleSynth().manifest);
    expect(versions(sideFromDirectory(bare))).toEqual({
      management: undefined,
      'dev-us-east-1': '1.35.1',
      'staging-us-east-1': '1.34',
      'prod-us-east-1': undefined,
      'prod-eu-west-1': '1.34',
      'prod-ap-southeast-1': undefined,
      'prod-us-west-2': '1.34',
    });
  });
});

describe('plan: Kubernetes upgrades in the reports', () => {
  const plan = planBetween(example(), CHANGES.twoWaves);

  it('GIVEN upgrades in two waves WHEN reported as text THEN the summary lists them and the report ends with the warning', () => {
    expect(formatText(plan).endsWith(
      '\n  Kubernetes upgrades: staging-us-east-1 1.34 → 1.35 (wave staging), prod-us-east-1 1.34 → 1.35 (wave canary)\n  destructive changes: none\n\n' +
        `⚠ ${WAVES}\n`,
    )).toBe(true);
  });

  it('GIVEN upgrades in two waves WHEN reported as markdown THEN the summary lists them and the warning follows it', () => {
    const [part] = formatMarkdown(plan);
    expect(part).toContain(
      '\n- Kubernetes upgrades: staging-us-east-1 1.34 → 1.35 (wave staging), prod-us-east-1 1.34 → 1.35 (wave canary)\n- destructive changes: none\n\n' +
        `> [!WARNING]\n> ${WAVES}\n`,
    );
  });

  it('GIVEN upgrades in two waves WHEN reported as JSON THEN `upgrades` lists cluster, from, to and wave in rollout order, and the warning is in `warnings`', () => {
    const json = JSON.parse(formatJson(plan));
    expect(json.upgrades).toEqual([STAGING, { cluster: 'prod-us-east-1', from: '1.34', to: '1.35', wave: 'canary' }]);
    expect(json.warnings).toEqual([WAVES]);
  });
});

describe('fleetwright plan: Kubernetes versions on the command line', () => {
  // The base as a Git ref: a repository holding the example's definition.
  const repo = path.join(dir, 'repo');
  const config = writeConfig(path.join(repo, 'fleet.config.ts'), example());
  git(repo, 'init', '-q');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'the fleet');
  const atRef = `HEAD (${git(repo, 'rev-parse', 'HEAD').slice(0, 12)})`;
  const againstRef = (head: unknown) => {
    writeConfig(config, head);
    return run(repo, ['plan', '--config', config, '--base', 'HEAD']);
  };
  const againstTree = (name: string, head: unknown) => run(dir, ['plan', '--config', writeConfig(path.join(dir, 'cli', `${name}.config.ts`), head), '--base', tree]);
  const sides = [
    { base: 'a Git ref', label: atRef, plan: (_name: string, head: unknown) => againstRef(head) },
    { base: 'a folder synth wrote', label: `${tree}/`, plan: againstTree },
  ];

  describe.each(sides)('against $base', ({ label, plan }) => {
    it('GIVEN one minor up WHEN planned THEN the summary lists the upgrade and the exit code is 2', () => {
      const r = plan('one-minor', CHANGES.oneMinor);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('\n  rollout: staging (staging-us-east-1)\n  Kubernetes upgrades: staging-us-east-1 1.34 → 1.35 (wave staging)\n  destructive changes: none\n');
      expect(r.code).toBe(2);
    });

    it('GIVEN two minors up WHEN planned THEN it is refused with the cluster, the versions and the fix, and the exit code is 1', () => {
      expect(plan('two-minors', CHANGES.twoMinors)).toEqual({
        code: 1,
        stdout: '',
        stderr: `fleetwright plan: refusing 1 Kubernetes version change from the base (${label}) that the version-skew policy forbids:\n  ✖ ${SKIP}\n`,
      });
    });

    it('GIVEN a downgrade WHEN planned THEN it is refused and the exit code is 1', () => {
      expect(plan('downgrade', CHANGES.downgrade)).toEqual({
        code: 1,
        stdout: '',
        stderr: `fleetwright plan: refusing 1 Kubernetes version change from the base (${label}) that the version-skew policy forbids:\n  ✖ ${DOWNGRADE}\n`,
      });
    });

    it('GIVEN upgrades in two waves WHEN planned THEN the plan ends with the warning and the exit code is 2', () => {
      const r = plan('two-waves', CHANGES.twoWaves);
      expect(r.stderr).toBe('');
      expect(r.stdout.endsWith(`\n  Kubernetes upgrades: staging-us-east-1 1.34 → 1.35 (wave staging), prod-us-east-1 1.34 → 1.35 (wave canary)\n  destructive changes: none\n\n⚠ ${WAVES}\n`)).toBe(true);
      expect(r.code).toBe(2);
    });
  });
});

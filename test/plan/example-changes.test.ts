import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveFleet } from '../../model';
import { writeTree } from '../../outputs/gitops/writer';
import { formatText, planChanges, planExitCode, sideFromDirectory, sideFromFleet } from '../../outputs/plan';
import { exampleDefinitionFor, exampleFleet, exampleSynth } from '../helpers/example';
import { example, NEW_CLUSTER, planBetween, run, sideOfDefinition, withNewCluster, withoutApSoutheast, writeConfig } from '../helpers/plan';
import { tempDir } from '../helpers/tmp';

const { dir, cleanup } = tempDir('fleetwright-plan-');
afterAll(cleanup);

/** Counts of the clusters a plan affects. */
function affectedCounts(plan: ReturnType<typeof planBetween>) {
  return Object.fromEntries([...plan.clusters].filter(([, c]) => c.status !== 'unchanged'));
}

describe('plan: known changes to the example fleet', () => {
  it('GIVEN the same definition on both sides WHEN planned THEN the plan is empty', () => {
    const plan = planBetween(example(), example());
    expect(plan.changes).toEqual([]);
    expect(plan.affected).toEqual([]);
    expect(plan.totals).toEqual({ added: 0, changed: 0, removed: 0 });
    expect(plan.waves).toEqual([]);
    expect(plan.destructive).toEqual([]);
    expect(planExitCode(plan)).toBe(0);
    expect(formatText(plan)).toBe('fleetwright plan: base → head\n\nNo changes: the tree is the same on both sides.\n');
  });

  it('GIVEN a cluster added WHEN planned THEN the new cluster and the hub are affected, in the hub step and the cluster\'s wave', () => {
    const plan = planBetween(example(), withNewCluster());
    expect(plan.affected).toEqual(['management', 'prod-us-east-1b']);
    expect(plan.totals).toEqual({ added: 34, changed: 9, removed: 0 });
    expect(affectedCounts(plan)).toEqual({
      management: { environment: 'hub', status: 'changed', added: 0, changed: 9, removed: 0 },
      'prod-us-east-1b': { environment: 'prod', wave: 'general', status: 'added', added: 34, changed: 0, removed: 0 },
    });
    expect(plan.waves).toEqual([
      { name: 'hub', clusters: ['management'] },
      { name: 'general', clusters: ['prod-us-east-1b'] },
    ]);
    expect(plan.destructive).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(planExitCode(plan)).toBe(2);
    // Its Cluster API objects, registration and Karmada membership are the new cluster's.
    const own = plan.changes.filter((c) => c.home.kind === 'cluster').map((c) => c.file);
    expect(own).toEqual(expect.arrayContaining([
      'hub/cluster-api/prod-us-east-1b/cluster-prod-us-east-1b.yaml',
      'hub/registration/externalsecret-cluster-prod-us-east-1b.yaml',
      'hub/karmada/cluster-prod-us-east-1b.yaml',
      'hub/karmada/clusterrole-fleetwright-karmada-agent-prod-us-east-1b.yaml',
    ]));
    const query = plan.changes.find((c) => c.file === 'hub/addons/thanos/deployment-thanos-query.yaml')!;
    expect(query.fields).toEqual([{ path: 'spec.template.spec.containers[name=thanos-query].args[+]', after: '--endpoint=thanos-sidecar.prod-us-east-1b.acme.io:10901' }]);
  });

  it('GIVEN an add-on chart bumped by a fleetwright upgrade WHEN planned against the tree written before THEN the ApplicationSet change reaches exactly the clusters its generator selects', () => {
    const out = path.join(dir, 'before-upgrade');
    writeTree(out, exampleSynth().files, exampleSynth().manifest);
    const file = path.join(out, 'hub/addons/applicationset-addon-velero.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('targetRevision: "12.1.0"', 'targetRevision: "12.0.0"'));
    const head = sideFromFleet(exampleFleet, 'head');
    const plan = planChanges(sideFromDirectory(out, head.table), head);
    expect(plan.changes.map((c) => ({ action: c.action, file: c.file, home: c.home, reach: c.reach, fields: c.fields }))).toEqual([
      {
        action: 'changed',
        file: 'hub/addons/applicationset-addon-velero.yaml',
        home: { kind: 'hub' },
        // dev-us-east-1 runs velero but is applied by its Pulumi stack: no ApplicationSet reaches it.
        reach: ['prod-ap-southeast-1', 'prod-eu-west-1', 'prod-us-east-1', 'prod-us-west-2', 'staging-us-east-1'],
        fields: [{ path: 'spec.template.spec.sources[0].targetRevision', before: '12.0.0', after: '12.1.0' }],
      },
    ]);
    expect(plan.affected).toEqual(['prod-ap-southeast-1', 'prod-eu-west-1', 'prod-us-east-1', 'prod-us-west-2', 'staging-us-east-1']);
    expect(plan.totals).toEqual({ added: 0, changed: 1, removed: 0 });
    expect(affectedCounts(plan)).toEqual({
      'prod-ap-southeast-1': { environment: 'prod', wave: 'general', status: 'changed', added: 0, changed: 1, removed: 0 },
      'prod-eu-west-1': { environment: 'prod', wave: 'early', status: 'changed', added: 0, changed: 1, removed: 0 },
      'prod-us-east-1': { environment: 'prod', wave: 'canary', status: 'changed', added: 0, changed: 1, removed: 0 },
      'prod-us-west-2': { environment: 'prod', wave: 'general', status: 'changed', added: 0, changed: 1, removed: 0 },
      'staging-us-east-1': { environment: 'staging', wave: 'staging', status: 'changed', added: 0, changed: 1, removed: 0 },
    });
    expect(plan.destructive).toEqual([]);
    expect(planExitCode(plan)).toBe(2);
    expect(plan.waves).toEqual([
      { name: 'staging', clusters: ['staging-us-east-1'] },
      { name: 'canary', clusters: ['prod-us-east-1'] },
      { name: 'early', clusters: ['prod-eu-west-1'] },
      { name: 'general', clusters: ['prod-ap-southeast-1', 'prod-us-west-2'] },
    ]);
  });

  it('GIVEN an add-on\'s Helm values changed for an environment WHEN planned THEN the overlay change reaches the clusters of that environment running it', () => {
    const head = example();
    head.environments.prod.addons.velero = { values: { image: { tag: 'v1.16.1' } } };
    const plan = planBetween(example(), head);
    expect(plan.changes.map((c) => ({ file: c.file, home: c.home, reach: c.reach, fields: c.fields }))).toEqual([
      {
        file: 'platform/velero/overlays/prod/values.yaml',
        home: { kind: 'environment', environment: 'prod' },
        reach: ['prod-ap-southeast-1', 'prod-eu-west-1', 'prod-us-east-1', 'prod-us-west-2'],
        fields: [{ path: 'image', after: { tag: 'v1.16.1' } }],
      },
    ]);
    expect(plan.totals).toEqual({ added: 0, changed: 1, removed: 0 });
    expect(plan.waves.map((w) => w.name)).toEqual(['canary', 'early', 'general']);
  });

  it('GIVEN a rollout-tier label that moves a cluster to another wave WHEN planned THEN only that cluster is affected, in its new wave', () => {
    const head = example();
    head.clusters.find((c: any) => c.name === 'prod-ap-southeast-1').rolloutTier = 'early';
    const plan = planBetween(example(), head);
    expect(plan.affected).toEqual(['prod-ap-southeast-1']);
    expect(affectedCounts(plan)).toEqual({
      'prod-ap-southeast-1': { environment: 'prod', wave: 'early', previousWave: 'general', status: 'changed', added: 0, changed: 3, removed: 0 },
    });
    expect(plan.changes.map((c) => `${c.file}: ${c.fields.map((f) => `${f.path} ${String(f.before)} → ${String(f.after)}`).join()}`)).toEqual([
      'clusters/prod-ap-southeast-1/configmap-fleet-cluster.yaml: data.rollout-tier general → early',
      'hub/karmada/cluster-prod-ap-southeast-1.yaml: metadata.labels.rollout-tier general → early',
      'hub/registration/secret-cluster-prod-ap-southeast-1.yaml: metadata.labels.rollout-tier general → early',
    ]);
    expect(plan.waves).toEqual([{ name: 'early', clusters: ['prod-ap-southeast-1'] }]);
    expect(plan.totals).toEqual({ added: 0, changed: 3, removed: 0 });
    expect(plan.destructive).toEqual([]);
    expect(planExitCode(plan)).toBe(2);
  });

  // Waves select on the rollout-tier label (or the environment), never on a free-form label: the
  // label's other source is the environment's rolloutTier, which clusters without their own inherit.
  it('GIVEN an environment\'s rollout-tier label changed WHEN planned THEN only the cluster inheriting it moves, in its new wave', () => {
    const head = example();
    head.environments.prod.rolloutTier = 'early';
    const plan = planBetween(example(), head);
    expect(plan.affected).toEqual(['prod-us-west-2']);
    expect(affectedCounts(plan)).toEqual({
      'prod-us-west-2': { environment: 'prod', wave: 'early', previousWave: 'general', status: 'changed', added: 0, changed: 3, removed: 0 },
    });
    expect(plan.changes.map((c) => `${c.file}: ${c.fields.map((f) => `${f.path} ${String(f.before)} → ${String(f.after)}`).join()}`)).toEqual([
      'clusters/prod-us-west-2/configmap-fleet-cluster.yaml: data.rollout-tier general → early',
      'hub/cluster-api/prod-us-west-2/cluster-prod-us-west-2.yaml: metadata.labels.rollout-tier general → early',
      'hub/registration/externalsecret-cluster-prod-us-west-2.yaml: spec.target.template.metadata.labels.rollout-tier general → early',
    ]);
    expect(plan.totals).toEqual({ added: 0, changed: 3, removed: 0 });
    expect(plan.waves).toEqual([{ name: 'early', clusters: ['prod-us-west-2'] }]);
    expect(planExitCode(plan)).toBe(2);
  });

  it('GIVEN a production cluster removed without the opt-in WHEN planned THEN the removal is refused', () => {
    const plan = planBetween(example(), withoutApSoutheast({ decommission: false }));
    expect(plan.refused).toEqual([{ name: 'prod-ap-southeast-1', environment: 'prod', production: true, protected: true }]);
    expect(planExitCode(plan)).toBe(1);
  });

  it('GIVEN a production cluster marked decommission: true WHEN planned THEN it is removed, flagged as destructive with what goes with it, and the removal share is warned about', () => {
    const plan = planBetween(example(), withoutApSoutheast({ decommission: true }));
    expect(plan.refused).toEqual([]);
    expect(plan.affected).toEqual(['management', 'prod-ap-southeast-1']);
    expect(plan.totals).toEqual({ added: 0, changed: 8, removed: 25 });
    expect(affectedCounts(plan)).toEqual({
      management: { environment: 'hub', status: 'changed', added: 0, changed: 8, removed: 1 },
      'prod-ap-southeast-1': { environment: 'prod', status: 'removed', added: 0, changed: 0, removed: 24 },
    });
    expect(plan.waves).toEqual([{ name: 'hub', clusters: ['management'] }]);
    expect(plan.outsideWaves).toEqual(['prod-ap-southeast-1']);
    expect(plan.destructive).toEqual([
      {
        kind: 'cluster-removed',
        cluster: 'prod-ap-southeast-1',
        message:
          'cluster prod-ap-southeast-1 (environment prod) removed (decommission: true): its registration, Cluster API objects and folders leave the tree; ' +
          'with it 5 more: BackupStorageLocation velero/default, BackupStorageLocation velero/dr, Schedule velero/daily, Schedule velero/dr, Schedule velero/hourly',
      },
    ]);
    expect(plan.removal).toEqual({ clusters: 2, total: 7, share: 2 / 7, max: 0.25 });
    expect(plan.warnings).toEqual(['this change removes objects from 2 of the 7 clusters (28.6%), more than the 25% --max-removal-share allows; make sure this is intended']);
    expect(planExitCode(plan)).toBe(2);
    expect(planBetween(example(), withoutApSoutheast({ decommission: true }), { maxRemovalShare: 0.3 }).warnings).toEqual([]);
  });

  it('GIVEN the Flux engine and a cluster added WHEN planned THEN the Flux objects applied for it are the new cluster\'s, and the hub keeps what it shares', () => {
    const base = exampleDefinitionFor('flux');
    const head: any = structuredClone(base);
    head.clusters.push(structuredClone(NEW_CLUSTER));
    const plan = planBetween(base, head);
    // The new cluster joins wave general, whose Flux batches are rebuilt in name order:
    // prod-us-west-2 now waits for it.
    expect(plan.affected).toEqual(['management', 'prod-us-east-1b', 'prod-us-west-2']);
    expect(plan.changes.filter((c) => c.reach.includes('prod-us-west-2')).every((c) => c.action === 'changed' && c.fields.every((f) => f.path.startsWith('spec.dependsOn[')))).toBe(true);
    const flux = plan.changes.filter((c) => c.file.startsWith('hub/flux/'));
    expect(flux.filter((c) => c.home.kind === 'hub').map((c) => `${c.action} ${c.file}`)).toEqual(['changed hub/flux/kustomization.yaml']);
    const own = flux.filter((c) => c.home.kind === 'cluster' && c.home.cluster === 'prod-us-east-1b');
    expect(own.length).toBeGreaterThan(20);
    expect(own.every((c) => c.action === 'added' && c.reach.join() === 'prod-us-east-1b')).toBe(true);
    expect(flux.map((c) => c.file)).toEqual(expect.arrayContaining([
      'hub/flux/kustomization-cluster-api-prod-us-east-1b.yaml',
      'hub/flux/clusters/prod-us-east-1b/addons/velero/helmrelease-velero-prod-us-east-1b.yaml',
    ]));
  });

  it('GIVEN a decommissioned cluster WHEN resolved THEN it leaves the clusters and is kept as decommissioned', () => {
    const fleet = resolveFleet(withoutApSoutheast({ decommission: true }));
    expect(fleet.clusters.map((c) => c.name)).not.toContain('prod-ap-southeast-1');
    expect(fleet.decommissioned).toEqual([{ name: 'prod-ap-southeast-1', environment: 'prod' }]);
    expect(exampleFleet.decommissioned).toEqual([]);
  });
});

describe('plan: the command line on the example fleet', () => {
  const base = writeConfig(path.join(dir, 'cli', 'base.config.ts'), example());
  const tree = path.join(dir, 'cli', 'tree');
  writeTree(tree, sideOfDefinition(example(), 'base').files, exampleSynth().manifest);

  it('GIVEN no change WHEN planned against the tree synth wrote THEN it says so and exits 0', () => {
    expect(run(dir, ['plan', '--config', base, '--base', tree])).toEqual({
      code: 0,
      stderr: '',
      stdout: `fleetwright plan: ${tree}/ → ${base} (working tree)\n\nNo changes: the tree is the same on both sides.\n`,
    });
  });

  it('GIVEN a cluster added WHEN planned THEN the report lists it and the exit code is 2', () => {
    const head = writeConfig(path.join(dir, 'cli', 'added.config.ts'), withNewCluster());
    const r = run(dir, ['plan', '--config', head, '--base', tree]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('\ncluster prod-us-east-1b (environment prod, wave general, new)\n  + clusters/prod-us-east-1b/addons/argo-rollouts/values.yaml\n');
    expect(r.stdout).toContain('\nSummary\n  clusters affected: 2 of 8 (management, prod-us-east-1b)\n  objects: 34 added, 9 changed, 0 removed\n  rollout: hub (management) → general (prod-us-east-1b)\n  destructive changes: none\n');
  });

  it('GIVEN an add-on chart bumped by a fleetwright upgrade WHEN planned against the tree written before THEN the summary names the clusters the ApplicationSet reaches and the exit code is 2', () => {
    const before = path.join(dir, 'cli', 'before-upgrade');
    writeTree(before, sideOfDefinition(example(), 'base').files, exampleSynth().manifest);
    const file = path.join(before, 'hub/addons/applicationset-addon-velero.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('targetRevision: "12.1.0"', 'targetRevision: "12.0.0"'));
    const r = run(dir, ['plan', '--config', base, '--base', before]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(
      '\nSummary\n  clusters affected: 5 of 7 (prod-ap-southeast-1, prod-eu-west-1, prod-us-east-1, prod-us-west-2, staging-us-east-1)\n  objects: 0 added, 1 changed, 0 removed\n' +
        '  rollout: staging (staging-us-east-1) → canary (prod-us-east-1) → early (prod-eu-west-1) → general (prod-ap-southeast-1, prod-us-west-2)\n  destructive changes: none\n',
    );
  });

  it('GIVEN a rollout-tier label that moves a cluster to another wave WHEN planned THEN the summary has that cluster alone, in its new wave, and the exit code is 2', () => {
    const head = example();
    head.clusters.find((c: any) => c.name === 'prod-ap-southeast-1').rolloutTier = 'early';
    const r = run(dir, ['plan', '--config', writeConfig(path.join(dir, 'cli', 'moved.config.ts'), head), '--base', tree]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('\ncluster prod-ap-southeast-1 (environment prod, wave early)\n');
    expect(r.stdout).toContain('\nSummary\n  clusters affected: 1 of 7 (prod-ap-southeast-1)\n  objects: 0 added, 3 changed, 0 removed\n  rollout: early (prod-ap-southeast-1)\n  destructive changes: none\n');
  });

  it('GIVEN a production cluster removed without the opt-in WHEN planned or synthesized THEN both refuse with the cluster and the opt-in, exit 1, and nothing is written', () => {
    const head = writeConfig(path.join(dir, 'cli', 'removed.config.ts'), withoutApSoutheast({ decommission: false }));
    const line =
      '  ✖ cluster prod-ap-southeast-1 (environment prod, production, protected) is no longer in the definition; removing it needs the explicit opt-in: ' +
      'keep its entry in clusters with decommission: true (its objects and folders then leave the tree), and delete the entry after that synth\n';
    expect(run(dir, ['plan', '--config', head, '--base', tree])).toEqual({
      code: 1,
      stdout: '',
      stderr: `fleetwright plan: refusing to remove 1 production or protected cluster that the base (${tree}/) holds:\n${line}`,
    });
    const before = fs.readFileSync(path.join(tree, '.fleetwright/manifest.json'), 'utf8');
    expect(run(dir, ['synth', '--config', head, '--out', tree])).toEqual({
      code: 1,
      stdout: '',
      stderr: `fleetwright synth: refusing to remove 1 production or protected cluster that ${tree}/ holds:\n${line}fleetwright synth: nothing was written\n`,
    });
    expect(fs.readFileSync(path.join(tree, '.fleetwright/manifest.json'), 'utf8')).toBe(before);
    expect(fs.existsSync(path.join(tree, 'clusters/prod-ap-southeast-1/kustomization.yaml'))).toBe(true);
  });

  it('GIVEN the opt-in WHEN planned THEN the destructive change is flagged and the exit code is 2', () => {
    const head = writeConfig(path.join(dir, 'cli', 'decommissioned.config.ts'), withoutApSoutheast({ decommission: true }));
    const r = run(dir, ['plan', '--config', head, '--base', tree]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('\nDESTRUCTIVE CHANGES (1):\n  ✖ cluster prod-ap-southeast-1 (environment prod) removed (decommission: true)');
    expect(r.stdout.endsWith('\n\n⚠ this change removes objects from 2 of the 7 clusters (28.6%), more than the 25% --max-removal-share allows; make sure this is intended\n')).toBe(true);
  });
});

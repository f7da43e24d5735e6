import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTree } from '../../outputs/gitops/writer';
import { exampleSynth } from '../helpers/example';
import { PROJECT } from '../helpers/conformance';
import { example, git, NEW_CLUSTER, run, writeConfig } from '../helpers/plan';
import { readTree, tempDir } from '../helpers/tmp';

const { dir, cleanup } = tempDir('fleetwright-plan-cli-');
afterAll(cleanup);

/** A repository holding a definition split in two files, as teams do: the clusters live in ./clusters.ts. */
function repository(name: string): { repo: string; config: string; clusters: (list: unknown[]) => void } {
  const repo = path.join(dir, name);
  fs.mkdirSync(repo, { recursive: true });
  git(repo, 'init', '-q');
  const { clusters: list, ...rest } = example();
  const clusters = (value: unknown[]) => fs.writeFileSync(path.join(repo, 'fleet', 'clusters.ts'), `export const clusters = ${JSON.stringify(value, null, 2)};\n`);
  fs.mkdirSync(path.join(repo, 'fleet'));
  clusters(list);
  const config = path.join(repo, 'fleet', 'fleet.config.ts');
  fs.writeFileSync(config, `import { clusters } from './clusters';\n\nexport default { ...${JSON.stringify(rest)}, clusters };\n`);
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'the fleet');
  return { repo, config, clusters };
}

describe('fleetwright plan: usage', () => {
  it('GIVEN plan --help WHEN run THEN the options, the Git-ref semantics and the exit codes are described', () => {
    const r = run(dir, ['plan', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: fleetwright plan --base REF|DIR [--config FILE] [--format text|markdown|json] [--out FILE] [--max-removal-share N%]\n');
    expect(r.stdout).toContain('  -b, --base REF|DIR ');
    expect(r.stdout).toContain('is rendered with the current fleetwright: the plan shows what the definition change does');
    expect(r.stdout).toContain('Exit codes: 0 no changes, 2 changes, 1 error (bad usage and refusals too).');
    expect(run(dir, ['--help']).stdout).toMatch(/ {2}plan +show what a change of the definition does to every cluster, against a Git ref or a synthesized tree\n/);
  });

  it('GIVEN bad usage WHEN run THEN one line says what to do and the exit code is 1, never the 2 of a change', () => {
    expect(run(dir, ['plan'])).toEqual({ code: 1, stdout: '', stderr: 'fleetwright plan: --base is required: a Git ref (e.g. origin/main) or a folder synth wrote\n' });
    expect(run(dir, ['plan', '--base', 'x', '--format', 'html'])).toEqual({ code: 1, stdout: '', stderr: 'fleetwright plan: --format html is not one of text, markdown, json\n' });
    expect(run(dir, ['plan', '--base', 'x', '--max-removal-share', '120%'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'fleetwright plan: --max-removal-share 120% is not a share; give a percentage from 0% to 100%, e.g. 25%\n',
    });
    const r = run(dir, ['plan', '--bsae', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^fleetwright plan: Unknown option '--bsae'.*; usage: fleetwright plan --base REF\|DIR /);
  });
});

describe('fleetwright plan: the base as a Git ref', () => {
  const { repo, config, clusters } = repository('repo');
  git(repo, 'tag', 'before');

  it('GIVEN the definition unchanged since the ref WHEN planned THEN there is no change and the exit code is 0', () => {
    const r = run(repo, ['plan', '--config', config, '--base', 'before']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^fleetwright plan: before \([0-9a-f]{12}\) → .*fleet\.config\.ts \(working tree\)\n\nNo changes: the tree is the same on both sides\.\n$/);
    expect(r.code).toBe(0);
  });

  it('GIVEN a cluster added in a file the definition imports WHEN planned against the ref THEN the ref\'s own files are used and the new cluster is reported with exit code 2', () => {
    clusters([...example().clusters, NEW_CLUSTER]);
    const r = run(repo, ['plan', '--config', config, '--base', 'before', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout);
    expect(json.affected).toEqual(['management', 'prod-us-east-1b']);
    expect(json.summary).toEqual({ added: 34, changed: 9, clustersAffected: 2, clustersTotal: 8, destructive: 0, removed: 0 });
    expect(json.clusters['prod-us-east-1b']).toEqual({ added: 34, changed: 0, environment: 'prod', removed: 0, status: 'added', wave: 'general' });
    // The working tree is untouched: the new file is still uncommitted, the index clean.
    expect(git(repo, 'status', '--porcelain')).toBe('M fleet/clusters.ts');
  });

  it('GIVEN an unknown ref, a ref without the definition, a definition invalid at the ref, or no repository WHEN planned THEN one line says so and the exit code is 1', () => {
    const unknown = run(repo, ['plan', '--config', config, '--base', 'no-such-ref']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(`fleetwright plan: --base no-such-ref is neither a folder nor a commit, branch or tag of the repository at ${fs.realpathSync(repo)}; fetch it (in CI: check out with fetch-depth: 0) or pass another ref\n`);

    const other = path.join(dir, 'late');
    fs.mkdirSync(other);
    git(other, 'init', '-q');
    fs.writeFileSync(path.join(other, 'README.md'), 'fleet\n');
    git(other, 'add', '.');
    git(other, 'commit', '-q', '-m', 'no definition yet');
    const late = writeConfig(path.join(other, 'fleet.config.ts'), example());
    const missing = run(other, ['plan', '--config', late, '--base', 'HEAD']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^fleetwright plan: fleet\.config\.ts does not exist at HEAD \([0-9a-f]{12}\); pass --base a ref that has it, or a folder synth wrote\n$/);

    const broken = example();
    broken.clusters[1].name = broken.clusters[0].name;
    writeConfig(late, broken);
    git(other, 'add', '.');
    git(other, 'commit', '-q', '-m', 'a broken definition');
    writeConfig(late, example());
    const invalid = run(other, ['plan', '--config', late, '--base', 'HEAD']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(
      /^fleetwright plan: fleet\.config\.ts at HEAD \([0-9a-f]{12}\) is not a valid definition for this fleetwright \(2 problems, the first: clusters\[1\]\.name "dev-us-east-1" is already the name of clusters\[0\]; give every cluster a unique name\); plan against another base, or a folder synth wrote\n$/,
    );

    const outside = writeConfig(path.join(dir, 'no-git', 'fleet.config.ts'), example());
    expect(run(path.dirname(outside), ['plan', '--config', outside, '--base', 'main'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `fleetwright plan: ${outside} is not in a Git repository, so --base main cannot be read; pass --base a folder synth wrote, or run in the repository\n`,
    });
  });
});

describe('fleetwright plan: the base as a folder, and reports written to files', () => {
  const tree = path.join(dir, 'tree');
  writeTree(tree, exampleSynth().files, exampleSynth().manifest);

  it('GIVEN a folder without a manifest WHEN planned against THEN one line says it is not a tree synth wrote', () => {
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    const config = writeConfig(path.join(dir, 'empty.config.ts'), example());
    expect(run(dir, ['plan', '--config', config, '--base', empty])).toEqual({
      code: 1,
      stdout: '',
      stderr: `fleetwright plan: ${empty} holds no .fleetwright/manifest.json, so it is not a tree synth wrote; pass --base a folder written by fleetwright synth, or a Git ref\n`,
    });
  });

  it('GIVEN a folder an interrupted synth left (a pending journal) WHEN planned against THEN one line says its files mix two trees', () => {
    const mixed = path.join(dir, 'mixed');
    writeTree(mixed, exampleSynth().files, exampleSynth().manifest);
    fs.mkdirSync(path.join(mixed, '.fleetwright', 'journal'), { recursive: true });
    fs.writeFileSync(path.join(mixed, '.fleetwright', 'journal', 'pending.json'), '{}\n');
    const config = writeConfig(path.join(dir, 'mixed.config.ts'), example());
    expect(run(dir, ['plan', '--config', config, '--base', mixed])).toEqual({
      code: 1,
      stdout: '',
      stderr: `fleetwright plan: ${mixed}/ holds the journal of a synth that was interrupted while it replaced files (.fleetwright/journal/pending.json), so its files mix two trees; the next fleetwright synth restores the previous tree; run synth there first, or plan against a Git ref\n`,
    });
  });

  it('GIVEN a large change and --format markdown --out FILE WHEN planned THEN the parts go to FILE, FILE.2, …, stale parts are removed, and the base folder is untouched', () => {
    // 150 generated clusters: the bench generator's fleet, with the base synthesized into a folder.
    const generator = path.join(PROJECT, 'bench', 'generate-fleet');
    const base = path.join(dir, 'generated-base.config.ts');
    fs.writeFileSync(base, `import { generateFleet } from ${JSON.stringify(generator)};\nexport default generateFleet(150);\n`);
    const generated = path.join(dir, 'generated');
    expect(run(dir, ['synth', '--config', base, '--out', generated]).code).toBe(0);
    const head = path.join(dir, 'generated-head.config.ts');
    fs.writeFileSync(
      head,
      `import { generateFleet } from ${JSON.stringify(generator)};\nconst fleet = generateFleet(150);\n` +
        "export default { ...fleet, platform: { ...fleet.platform, velero: { ...fleet.platform!.velero!, bucket: 'acme-backups-{region}' }, thanos: { sidecarEndpoint: 'sidecar.{cluster}.thanos.acme.io:10901' } } };\n",
    );
    const before = readTree(generated);
    const out = path.join(dir, 'report', 'plan.md');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(`${out}.7`, 'stale');
    fs.writeFileSync(`${out}.4`, 'stale');
    const r = run(dir, ['plan', '--config', head, '--base', generated, '--format', 'markdown', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(2);
    const files = fs.readdirSync(path.dirname(out)).sort();
    expect(files).toEqual(['plan.md', 'plan.md.2', 'plan.md.3', 'plan.md.7']);
    expect(r.stdout).toBe(`fleetwright plan: 151 of 151 clusters affected; wrote ${out}, ${out}.2, ${out}.3\n`);
    expect(fs.readFileSync(`${out}.3`, 'utf8')).toMatch(/^### fleetwright plan \(part 3 of 3\)\n/);
    expect(readTree(generated)).toEqual(before);
  });
});

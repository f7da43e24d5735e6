/**
 * Crash safety of the writer: real `fleetwright synth` processes are
 * interrupted at chosen file system changes (the test-only hook of
 * outputs/gitops/kill-points.ts) while they change an existing tree:
 * (a) killed before any file moves (staging, saving the previous files,
 *     recording the journal): the tree is byte for byte the previous one,
 *     the very same files; only the writer's scratch under .fleetwright/ is
 *     extra, and no journal is pending;
 * (b) SIGKILL while files move: the journal is pending (the mixed tree
 *     still builds, and its manifest owns every file in it); the next synth,
 *     even of an invalid definition, first puts the previous tree back, byte
 *     for byte, and removes every trace of the interrupted one;
 * (c) SIGTERM or SIGINT while files move: synth puts the previous tree back
 *     itself, says so in one line and exits 128 + the signal's number;
 * (d) after each, a synth writes exactly the new tree; the user's files, in
 *     folders the writer also writes, are never touched.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFleet } from '../../bench/generate-fleet';
import { checkFleet } from '../../model';
import { KILL_AFTER_WRITES_ENV } from '../../outputs/gitops/kill-points';
import { JOURNAL_DIR, MANIFEST_PATH, STAGING_DIR } from '../../outputs/gitops/manifest';
import { synthesizeTo } from '../../outputs/synth';
import { announceSkip, conformanceRequired, kubectlTool, PROJECT } from '../helpers/conformance';
import { mutableDefinition } from '../helpers/definitions';
import { readTree, tempDir } from '../helpers/tmp';

const BIN = path.join(PROJECT, 'bin', 'fleetwright.js');
const kubectl = kubectlTool();
announceSkip('kubectl kustomize builds of interrupted trees', kubectl);
const PENDING = `${JOURNAL_DIR}/pending.json`;

const { dir: work, cleanup } = tempDir('fleetwright-crash-');
afterAll(cleanup);

/** The user's own files, in folders fleetwright writes, one of them a folder whose cluster is removed. */
const USER_FILES = { 'README.md': '# our fleet\n', 'hub/NOTES.md': 'hub notes\n', 'clusters/CODEOWNERS': '* @platform\n' };

function writeConfig(name: string, definition: unknown): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, `export default ${JSON.stringify(definition)};\n`);
  return file;
}

/** Runs synth; `kill` is the hook's value (`apply:3`, `prepare:2:SIGTERM`, a plain count). */
function synth(config: string, out: string, kill?: string | number) {
  const env: NodeJS.ProcessEnv = { ...process.env, CDK8S_OUTDIR: '' };
  delete env[KILL_AFTER_WRITES_ENV];
  if (kill !== undefined) env[KILL_AFTER_WRITES_ENV] = String(kill);
  const r = spawnSync(process.execPath, [BIN, 'synth', '--config', config, '--out', out], { cwd: work, encoding: 'utf8', env });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function copyTree(from: Record<string, string>, to: string): void {
  for (const [file, content] of Object.entries(from)) {
    fs.mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    fs.writeFileSync(path.join(to, file), content);
  }
}

/** Inode and modification time of every file: equal means the very same files, not copies of them. */
function identities(dir: string): Record<string, string> {
  return Object.fromEntries(Object.keys(readTree(dir)).map((f) => [f, `${fs.statSync(path.join(dir, f)).ino}:${fs.statSync(path.join(dir, f)).mtimeMs}`]));
}

const isScratch = (file: string) => file.startsWith(`${STAGING_DIR}/`) || file.startsWith(`${JOURNAL_DIR}/`);
const withoutScratch = <T>(tree: Record<string, T>) => Object.fromEntries(Object.entries(tree).filter(([f]) => !isScratch(f)));

/** The folders `kubectl kustomize` builds: the hub and every cluster. */
function entryFolders(tree: Record<string, string>): string[] {
  return Object.keys(tree)
    .filter((f) => /^(hub|clusters\/[^/]+)\/kustomization\.yaml$/.test(f))
    .map((f) => path.dirname(f));
}

// A generated fleet (bench/generate-fleet.ts); the change labels every cluster and removes a dev
// cluster (a production one needs decommission first), so the run rewrites files all over the tree
// and removes a cluster's folder.
const N = 24;
const before = generateFleet(N);
const removedCluster = before.clusters[N - 3]!.name;
const after = {
  ...before,
  clusters: before.clusters.filter((c) => c.name !== removedCluster).map((c) => ({ ...c, labels: { ...c.labels, 'example.com/revision': '2' } })),
};

let oldConfig: string;
let newConfig: string;
let invalidConfig: string;
let OLD: Record<string, string>;
let NEW: Record<string, string>;

/**
 * What the writer does for a change from `from` to `to` (outputs/gitops/writer.ts, apply.ts):
 * prepare: stage the widened manifest, each written file and the final manifest, save each file
 * replaced or removed and the manifest, record the journal; apply: move the widened manifest,
 * each written file, remove each stale one, move the final manifest.
 */
function phases(from: Record<string, string>, to: Record<string, string>) {
  const files = (tree: Record<string, string>) => Object.keys(tree).filter((f) => f !== MANIFEST_PATH);
  const changed = files(to).filter((f) => from[f] !== undefined && from[f] !== to[f]).length;
  const created = files(to).filter((f) => from[f] === undefined).length;
  const removed = files(from).filter((f) => to[f] === undefined).length;
  const writes = changed + created;
  const widen = writes > 0 ? 1 : 0;
  const saved = changed + removed + 1;
  return { staged: widen + writes + 1, saved, created, prepare: widen + writes + 1 + saved + 1, apply: widen + writes + removed + 1 };
}

describe('the writer interrupted while it changes an existing tree', () => {
  beforeAll(() => {
    oldConfig = writeConfig('old.config.ts', before);
    newConfig = writeConfig('new.config.ts', after);
    invalidConfig = writeConfig('invalid.config.ts', { ...after, clusters: 'not a list' });
    const oldDir = path.join(work, 'expected-old');
    const newDir = path.join(work, 'expected-new');
    expect(synth(oldConfig, oldDir).status).toBe(0);
    expect(synth(newConfig, newDir).status).toBe(0);
    OLD = readTree(oldDir);
    NEW = readTree(newDir);
  }, 120_000);

  /** A fresh copy of `from` with the user's files; returns the identities of its files. */
  function start(out: string, from: Record<string, string>): Record<string, string> {
    fs.rmSync(out, { recursive: true, force: true });
    copyTree({ ...from, ...USER_FILES }, out);
    return identities(out);
  }

  /** (d) A synth with no hook completes, and writes exactly the new tree, with no scratch left. */
  function expectCompletes(config: string, out: string, to: Record<string, string>, point: string): void {
    const resumed = synth(config, out);
    expect({ point, status: resumed.status, stderr: resumed.stderr }).toEqual({ point, status: 0, stderr: '' });
    expect(readTree(out)).toEqual({ ...to, ...USER_FILES });
  }

  it('GIVEN the change WHEN compared THEN it rewrites files all over the tree and removes files (the scenario is worth interrupting)', () => {
    const changed = Object.keys(NEW).filter((f) => OLD[f] !== undefined && OLD[f] !== NEW[f]);
    const removed = Object.keys(OLD).filter((f) => NEW[f] === undefined);
    expect(changed.length).toBeGreaterThan(N);
    expect(removed.length).toBeGreaterThan(1);
    expect(removed.filter((f) => !f.includes(removedCluster))).toEqual([]);
    expect(Object.keys(NEW).filter((f) => OLD[f] === undefined)).toEqual([]);
  });

  it('GIVEN the hook WHEN counting the changes of each phase THEN the last change of each is where this test thinks (a point past it completes the synth)', () => {
    const { prepare, apply } = phases(OLD, NEW);
    const out = path.join(work, 'counted');
    for (const [point, signal] of [[`prepare:${prepare}`, 'SIGKILL'], [`apply:${apply}`, 'SIGKILL'], [`apply:${apply + 1}`, null]] as const) {
      start(out, OLD);
      expect({ point, signal: synth(newConfig, out, point).signal }).toEqual({ point, signal });
    }
    expect(readTree(out)).toEqual({ ...NEW, ...USER_FILES });
  }, 120_000);

  it('(a) GIVEN kills before any file moves WHEN the tree is read THEN it is the previous tree, the very same files, with no journal pending; the next synth writes exactly the new tree', () => {
    const { staged, prepare } = phases(OLD, NEW);
    const out = path.join(work, 'before-apply');
    // The first staged file, every file staged, half the previous files saved, all saved (the journal not yet recorded); SIGTERM too, which nothing catches yet.
    const points = ['prepare:1', `prepare:${staged}`, `prepare:${Math.floor((staged + prepare) / 2)}`, `prepare:${prepare - 1}`, 'prepare:2:SIGTERM'];
    for (const point of points) {
      const same = start(out, OLD);
      const killed = synth(newConfig, out, point);
      expect({ point, signal: killed.signal, stderr: killed.stderr }).toEqual({ point, signal: point.endsWith('SIGTERM') ? 'SIGTERM' : 'SIGKILL', stderr: '' });

      const tree = readTree(out);
      expect({ point, pending: PENDING in tree }).toEqual({ point, pending: false });
      expect(withoutScratch(tree)).toEqual({ ...OLD, ...USER_FILES });
      expect(withoutScratch(identities(out))).toEqual(same);
      expectCompletes(newConfig, out, NEW, point);
    }
  }, 300_000);

  /**
   * (b) Kills `from` → `to` with SIGKILL at each point while files move; then an invalid definition's
   * synth puts the previous tree back, and a valid one writes the new tree.
   */
  function expectRestoredAfterKills(from: Record<string, string>, to: Record<string, string>, config: string, points: readonly string[]): void {
    const { saved, created, prepare, apply } = phases(from, to);
    const out = path.join(work, 'killed-while-moving');
    for (const point of points) {
      const same = start(out, from);
      const killed = synth(config, out, point);
      expect({ point, signal: killed.signal, stderr: killed.stderr }).toEqual({ point, signal: 'SIGKILL', stderr: '' });

      const tree = readTree(out);
      expect({ point, pending: PENDING in tree }).toEqual({ point, pending: true });
      if (point === `prepare:${prepare}`) {
        // Linear cost: one saved copy per file replaced or removed (and the manifest), no more.
        expect(Object.keys(tree).filter((f) => f.startsWith(`${JOURNAL_DIR}/saved/`))).toHaveLength(saved);
      }
      for (const [file, content] of Object.entries(USER_FILES)) expect(tree[file]).toBe(content);
      const owned = new Set<string>(JSON.parse(tree[MANIFEST_PATH]!).files);
      const present = Object.keys(tree).filter((f) => f !== MANIFEST_PATH && !(f in USER_FILES) && !isScratch(f));
      expect({ point, unowned: present.filter((f) => !owned.has(f)) }).toEqual({ point, unowned: [] });
      if (kubectl.available || conformanceRequired) {
        const failed = entryFolders(tree)
          .map((folder) => ({ folder, r: spawnSync('kubectl', ['kustomize', path.join(out, folder)], { encoding: 'utf8' }) }))
          .filter(({ r }) => r.status !== 0)
          .map(({ folder, r }) => `${folder}: ${r.stderr}`);
        expect({ point, failed }).toEqual({ point, failed: [] });
      }

      const invalid = synth(invalidConfig, out);
      const lines = invalid.stderr.trimEnd().split('\n');
      expect({ point, status: invalid.status, last: lines.at(-1) }).toEqual({ point, status: 1, last: 'fleetwright synth: nothing was written' });
      const restored = `fleetwright synth: an interrupted synth had left ${out}/ half-written; restored the previous tree`;
      // Exact where this test knows how far the run got: nothing moved yet, or everything.
      if (point === `prepare:${prepare}`) expect(lines[0]).toBe(`${restored} (0 file(s) put back, 0 removed)`);
      else if (point === `apply:${apply}`) expect(lines[0]).toBe(`${restored} (${saved} file(s) put back, ${created} removed)`);
      else expect(lines[0]).toMatch(/^fleetwright synth: an interrupted synth had left .+\/ half-written; restored the previous tree \(\d+ file\(s\) put back, \d+ removed\)$/);
      expect(readTree(out)).toEqual({ ...from, ...USER_FILES });
      expect(identities(out)).toEqual(same);
      expectCompletes(config, out, to, point);
    }
  }

  it('(b) GIVEN SIGKILL at points while files move WHEN the tree is read THEN a journal is pending; a synth of an invalid definition first restores the previous tree byte for byte; a valid synth then writes exactly the new tree', () => {
    const { prepare, apply } = phases(OLD, NEW);
    // The journal recorded and nothing moved, the widened manifest moved, the first file, half-way, among the removals, every change made but the journal still there.
    expectRestoredAfterKills(OLD, NEW, newConfig, [`prepare:${prepare}`, 'apply:1', 'apply:2', `apply:${Math.floor(apply / 2)}`, `apply:${apply - 2}`, `apply:${apply}`]);
  }, 300_000);

  it('(b) GIVEN the reverse change, which adds a cluster and creates its files, WHEN killed while files move THEN the created files go again on restore', () => {
    const { apply } = phases(NEW, OLD);
    expectRestoredAfterKills(NEW, OLD, oldConfig, ['apply:3', `apply:${Math.floor(apply / 2)}`, `apply:${apply}`]);
  }, 300_000);

  it('(c) GIVEN SIGTERM or SIGINT while files move WHEN synth ends THEN it exits 128 + the signal with one line, the previous tree is back at once (the very same files, no journal); the next synth writes exactly the new tree', () => {
    const { apply } = phases(OLD, NEW);
    const out = path.join(work, 'signalled');
    const codes = { SIGTERM: 143, SIGINT: 130 } as const;
    for (const [at, signal] of [[1, 'SIGTERM'], [Math.floor(apply / 2), 'SIGTERM'], [apply, 'SIGTERM'], [Math.floor(apply / 2), 'SIGINT']] as const) {
      const point = `apply:${at}:${signal}`;
      const same = start(out, OLD);
      const r = synth(newConfig, out, point);
      expect({ point, status: r.status, signal: r.signal, stderr: r.stderr }).toEqual({
        point,
        status: codes[signal],
        signal: null,
        stderr: `fleetwright synth: interrupted by ${signal} while writing ${out}/; the previous tree was restored and this synth's changes undone\n`,
      });
      expect(readTree(out)).toEqual({ ...OLD, ...USER_FILES });
      expect(identities(out)).toEqual(same);
      expectCompletes(newConfig, out, NEW, point);
    }
  }, 300_000);

  describe('a first synth killed while it writes into an empty folder', () => {
    it('GIVEN kills while staging and before the rename WHEN the folder is read THEN it is still empty (or missing), and the next synth writes the tree and removes the stale staging folder', () => {
      const files = Object.keys(NEW).length;
      const staging = (out: string) => path.join(path.dirname(out), `.${path.basename(out)}.fleetwright-staging`);
      for (const [i, point] of [1, Math.floor(files / 2), files].entries()) {
        const out = path.join(work, `fresh-${i}`);
        if (i === 1) fs.mkdirSync(out); // an existing empty folder, as well as a missing one
        const killed = synth(newConfig, out, point);
        expect({ point, signal: killed.signal }).toEqual({ point, signal: 'SIGKILL' });
        expect(fs.existsSync(out) ? fs.readdirSync(out) : 'missing').toEqual(i === 1 ? [] : 'missing');
        expect(fs.existsSync(staging(out))).toBe(true);

        const resumed = synth(newConfig, out);
        expect({ point, status: resumed.status, stderr: resumed.stderr }).toEqual({ point, status: 0, stderr: '' });
        expect(readTree(out)).toEqual(NEW);
        expect(fs.existsSync(staging(out))).toBe(false);
      }
    }, 120_000);

    it('GIVEN the hook variable is not a whole number WHEN synthesized THEN it is ignored and synth completes', () => {
      const out = path.join(work, 'not-a-number');
      const env = { ...process.env, CDK8S_OUTDIR: '', [KILL_AFTER_WRITES_ENV]: '1x' };
      const r = spawnSync(process.execPath, [BIN, 'synth', '--config', newConfig, '--out', out], { cwd: work, encoding: 'utf8', env });
      expect({ status: r.status, signal: r.signal }).toEqual({ status: 0, signal: null });
      expect(readTree(out)).toEqual(NEW);
    }, 60_000);
  });
});

describe('the user\'s files in a GitOps repository', () => {
  const synthIn = (out: string, definition: unknown) => {
    const { fleet, problems } = checkFleet(definition);
    expect(problems).toEqual([]);
    return synthesizeTo(fleet!, out).result;
  };

  it('GIVEN user files beside, above and inside the folders of a cluster WHEN the cluster is removed THEN only its files go; every user file stays, with the folders holding them', () => {
    const out = path.join(work, 'user-files');
    const d = mutableDefinition();
    synthIn(out, d);
    const user = {
      'README.md': '# fleet\n',
      '.fleetwright/NOTES.md': 'next to the manifest\n',
      'clusters/OWNERS': 'platform\n',
      'clusters/dev-docker/NOTES.md': 'a file in the folder of the removed cluster\n',
      'clusters/dev-docker/addons/cilium/patch.yaml': 'a file deep in it\n',
      'clusters/dev-aws/addons/cilium/README.md': 'a file in a folder of a kept cluster\n',
    };
    copyTree(user, out);
    const before = readTree(out);
    const ours = Object.keys(before).filter((f) => f.startsWith('clusters/dev-docker/') && !(f in user));
    expect(ours).toEqual([
      'clusters/dev-docker/addons/cilium/kustomization.yaml',
      'clusters/dev-docker/addons/cilium/values.yaml',
      'clusters/dev-docker/configmap-fleet-cluster.yaml',
      'clusters/dev-docker/kustomization.yaml',
    ]);

    d.clusters = d.clusters.filter((c: { name: string }) => c.name !== 'dev-docker');
    const result = synthIn(out, d);
    expect(result.removed.filter((f) => f.startsWith('clusters/dev-docker/'))).toEqual(ours);
    expect(result.removed.filter((f) => f in user)).toEqual([]);
    const tree = readTree(out);
    for (const [file, content] of Object.entries(user)) expect({ file, content: tree[file] }).toEqual({ file, content });
    expect(Object.keys(tree).filter((f) => f.startsWith('clusters/dev-docker/'))).toEqual(['clusters/dev-docker/NOTES.md', 'clusters/dev-docker/addons/cilium/patch.yaml']);
    expect(JSON.parse(tree[MANIFEST_PATH]!).files.filter((f: string) => f in user)).toEqual([]);

    // A later synth with no change touches none of them either.
    expect(synthIn(out, d)).toEqual({ written: [], removed: [], unchanged: Object.keys(tree).length - Object.keys(user).length - 1 });
    expect(readTree(out)).toEqual(tree);
  });
});

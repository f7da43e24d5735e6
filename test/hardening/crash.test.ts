/**
 * Crash safety of the writer: a real `fleetwright synth` process is killed
 * with SIGKILL at chosen points of its writes (the test-only
 * FLEETWRIGHT_TEST_KILL_AFTER_WRITES hook in outputs/gitops/fresh-folder.ts),
 * and the tree it leaves must hold, file by file, either the old or the new
 * content, never a partial file, with the user's files untouched; the next
 * synth must complete the change exactly.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFleet } from '../../bench/generate-fleet';
import { checkFleet } from '../../model';
import { KILL_AFTER_WRITES_ENV } from '../../outputs/gitops/fresh-folder';
import { MANIFEST_PATH } from '../../outputs/gitops/manifest';
import { synthesizeTo } from '../../outputs/synth';
import { announceSkip, conformanceRequired, kubectlTool, PROJECT } from '../helpers/conformance';
import { mutableDefinition } from '../helpers/definitions';
import { readTree, tempDir } from '../helpers/tmp';

const BIN = path.join(PROJECT, 'bin', 'fleetwright.js');
const kubectl = kubectlTool();
announceSkip('kubectl kustomize builds of interrupted trees', kubectl);
const SIGKILL = 'SIGKILL';

const { dir: work, cleanup } = tempDir('fleetwright-crash-');
afterAll(cleanup);

/** The user's own files, in folders fleetwright writes, one of them a folder whose cluster is removed. */
const USER_FILES = { 'README.md': '# our fleet\n', 'hub/NOTES.md': 'hub notes\n', 'clusters/CODEOWNERS': '* @platform\n' };

function writeConfig(name: string, definition: unknown): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, `export default ${JSON.stringify(definition)};\n`);
  return file;
}

function synth(config: string, out: string, killAfter?: number) {
  const env: NodeJS.ProcessEnv = { ...process.env, CDK8S_OUTDIR: '' };
  delete env[KILL_AFTER_WRITES_ENV];
  if (killAfter !== undefined) env[KILL_AFTER_WRITES_ENV] = String(killAfter);
  const r = spawnSync(process.execPath, [BIN, 'synth', '--config', config, '--out', out], { cwd: work, encoding: 'utf8', env });
  return { status: r.status, signal: r.signal, stderr: r.stderr };
}

function copyTree(from: Record<string, string>, to: string): void {
  for (const [file, content] of Object.entries(from)) {
    fs.mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    fs.writeFileSync(path.join(to, file), content);
  }
}

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
let OLD: Record<string, string>;
let NEW: Record<string, string>;

describe('the writer under SIGKILL', () => {
  beforeAll(() => {
    oldConfig = writeConfig('old.config.ts', before);
    newConfig = writeConfig('new.config.ts', after);
    const oldDir = path.join(work, 'expected-old');
    const newDir = path.join(work, 'expected-new');
    expect(synth(oldConfig, oldDir).status).toBe(0);
    expect(synth(newConfig, newDir).status).toBe(0);
    OLD = readTree(oldDir);
    NEW = readTree(newDir);
  }, 120_000);

  /**
   * Every path of either tree holds its old or its new content, or is absent where one of them
   * lacks it (never a partial file), and no other file of fleetwright's is there.
   */
  function expectOldOrNew(tree: Record<string, string>, from: Record<string, string>, to: Record<string, string>): void {
    const bad: string[] = [];
    for (const file of new Set([...Object.keys(from), ...Object.keys(to)])) {
      if (file === MANIFEST_PATH) continue;
      const now = tree[file];
      if (now !== from[file] && now !== to[file]) bad.push(file);
    }
    expect(bad).toEqual([]);
    expect(Object.keys(tree).filter((f) => !(f in from) && !(f in to) && !(f in USER_FILES))).toEqual([]);
  }

  describe('a synth killed while it rewrites an existing tree', () => {
    it('GIVEN the change WHEN compared THEN it rewrites files all over the tree and removes files (the scenario is worth interrupting)', () => {
      const changed = Object.keys(NEW).filter((f) => OLD[f] !== undefined && OLD[f] !== NEW[f]);
      const removed = Object.keys(OLD).filter((f) => NEW[f] === undefined);
      expect(changed.length).toBeGreaterThan(N);
      expect(removed.length).toBeGreaterThan(1);
      expect(removed.filter((f) => !f.includes(removedCluster))).toEqual([]);
      expect(Object.keys(NEW).filter((f) => OLD[f] === undefined)).toEqual([]);
    });

    // Points of the run: the first temp write, the widened manifest in place, among the rewrites, among the removals, before the final manifest.
    const points = (ops: number, removals: number) => [1, 2, 3, Math.floor((ops - removals) / 2), ops - removals - 1, ops - 3, ops - 1];

    it('GIVEN kills at points through the run WHEN the tree is read THEN every file is old or new, the manifest owns every file present, user files are untouched, and it builds', () => {
      expectSurvivesKills(OLD, NEW, newConfig, points);
    }, 300_000);

    it('GIVEN the reverse change, which adds a cluster and its new files, WHEN killed among the writes THEN the same holds', () => {
      expectSurvivesKills(NEW, OLD, oldConfig, (ops) => [3, Math.floor(ops / 2), ops - 3]);
    }, 300_000);
  });

  /** Kills a synth from `from` to `to` at each point, checks the tree it leaves, then lets a synth complete it. */
  function expectSurvivesKills(from: Record<string, string>, to: Record<string, string>, config: string, at: (ops: number, removals: number) => number[]): void {
    const changed = Object.keys(to).filter((f) => f !== MANIFEST_PATH && from[f] !== to[f]).length;
    const removals = Object.keys(from).filter((f) => to[f] === undefined).length;
    // writer.ts: the widened manifest (write + rename), each changed file (write + rename), each removal, the final manifest (write + rename).
    const ops = 2 + 2 * changed + removals + 2;
    const out = path.join(work, 'interrupted');
    for (const point of [...new Set(at(ops, removals))]) {
      fs.rmSync(out, { recursive: true, force: true });
      copyTree({ ...from, ...USER_FILES }, out);
      const killed = synth(config, out, point);
      expect({ point, signal: killed.signal, stderr: killed.stderr }).toEqual({ point, signal: SIGKILL, stderr: '' });

      const tree = readTree(out);
      for (const f of Object.keys(tree).filter((f) => f.startsWith('.fleetwright/staging/'))) delete tree[f];
      expectOldOrNew(tree, from, to);
      for (const [file, content] of Object.entries(USER_FILES)) expect(tree[file]).toBe(content);
      const owned = new Set<string>(JSON.parse(tree[MANIFEST_PATH]!).files);
      const present = Object.keys(tree).filter((f) => f !== MANIFEST_PATH && !(f in USER_FILES));
      expect(present.filter((f) => !owned.has(f))).toEqual([]);
      if (kubectl.available || conformanceRequired) {
        const failed = entryFolders(tree)
          .map((folder) => ({ folder, r: spawnSync('kubectl', ['kustomize', path.join(out, folder)], { encoding: 'utf8' }) }))
          .filter(({ r }) => r.status !== 0)
          .map(({ folder, r }) => `${folder}: ${r.stderr}`);
        expect({ point, failed }).toEqual({ point, failed: [] });
      }

      const resumed = synth(config, out);
      expect({ point, status: resumed.status, stderr: resumed.stderr }).toEqual({ point, status: 0, stderr: '' });
      expect(readTree(out)).toEqual({ ...to, ...USER_FILES });
    }
  }

  describe('a synth killed while it writes into an empty folder', () => {
    it('GIVEN kills while staging and before the rename WHEN the folder is read THEN it is still empty (or missing), and the next synth writes the tree and removes the stale staging folder', () => {
      const files = Object.keys(NEW).length;
      const staging = (out: string) => path.join(path.dirname(out), `.${path.basename(out)}.fleetwright-staging`);
      for (const [i, point] of [1, Math.floor(files / 2), files].entries()) {
        const out = path.join(work, `fresh-${i}`);
        if (i === 1) fs.mkdirSync(out); // an existing empty folder, as well as a missing one
        const killed = synth(newConfig, out, point);
        expect({ point, signal: killed.signal }).toEqual({ point, signal: SIGKILL });
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

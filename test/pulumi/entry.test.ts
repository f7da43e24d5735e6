/**
 * `pulumi up` loads the program through Pulumi.yaml: its Node.js runtime runs
 * in the project root, registers ts-node unless `typescript: false`, requires
 * `main` and calls the function it exports. These tests load the real entry
 * that way in a fresh Node process (no TypeScript loader registered, the
 * engine mocked), so a broken entry, module format or runtime option fails
 * here rather than on a user's machine.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT, stackFileConfig } from '../helpers/pulumi-stacks';

interface ProjectFile {
  name: string;
  main: string;
  runtime: { name: string; options: Record<string, unknown> };
}

const project = parse(fs.readFileSync(path.join(PROJECT_ROOT, 'Pulumi.yaml'), 'utf8')) as ProjectFile;

/** Runs the entry as the runtime does, as `stack` with `config`; returns what the child printed. */
function runEntry(stack: string, config: Record<string, string>): any {
  const result = spawnSync(process.execPath, [path.join('test', 'helpers', 'pulumi-entry.cjs'), project.main, stack], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, FLEETWRIGHT_TEST_CONFIG: JSON.stringify(config) },
    timeout: 120_000,
  });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

describe('GIVEN Pulumi.yaml', () => {
  it('THEN it names the project, the Node.js runtime without ts-node, and a CommonJS entry that exists', () => {
    expect(project).toMatchObject({ name: 'fleetwright', main: 'outputs/pulumi/main.js', runtime: { name: 'nodejs', options: { typescript: false } } });
    expect(fs.existsSync(path.join(PROJECT_ROOT, project.main))).toBe(true);
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
    expect(pkg.type).toBeUndefined(); // CommonJS: the runtime requires the entry rather than importing it
  });

  it('THEN every stack file has the keys the program reads, and no default providers', () => {
    for (const stack of ['management', 'dev', 'staging', 'prod']) {
      const config = stackFileConfig(stack);
      expect(config['fleetwright:environment'], stack).toBeDefined();
      expect(config['aws:region'], stack).toBe('us-east-1');
      expect(JSON.parse(config['pulumi:disable-default-providers']!), stack).toEqual(['aws', 'kubernetes']);
    }
  });
});

describe('GIVEN the entry loaded as the runtime loads it WHEN it runs as the prod stack', () => {
  it('THEN it registers the prod stack\'s resources and returns its outputs, kubeconfigs secret', () => {
    const result = runEntry('prod', stackFileConfig('prod'));
    expect(result.error).toBeUndefined();
    expect(result.registered).toMatchObject({
      'aws:eks/cluster:Cluster': 1,
      'aws:eks/nodeGroup:NodeGroup': 2,
      'fleetwright:fleet:Cluster': 1,
      'kubernetes:core/v1:Secret': 1,
      'pulumi:pulumi:StackReference': 1,
    });
    expect(result).toMatchObject({ environment: 'prod', delivery: 'gitops' });
    expect(result.clusters).toEqual([
      { name: 'prod-ap-southeast-1', kubeconfigSecret: true },
      { name: 'prod-eu-west-1' },
      { name: 'prod-us-east-1', kubeconfigSecret: true },
      { name: 'prod-us-west-2' },
    ]);
  });
});

describe('GIVEN the entry loaded as the runtime loads it WHEN the stack config is invalid', () => {
  it('THEN it fails with the RunError listing the problem (printed without a stack trace by the runtime), registering nothing', () => {
    const result = runEntry('qa', { 'fleetwright:environment': 'qa', 'aws:region': 'us-east-1' });
    expect(result.registered).toBeUndefined();
    expect(result.error).toEqual({
      name: 'StackConfigError',
      message:
        'stack qa has 1 problem; nothing was created:\n' +
        '  ✖ fleetwright:environment "qa" is neither an environment of fleet.config.ts nor its hub; use one of "dev", "staging", "prod", or "management" for the hub\'s stack',
    });
  });
});

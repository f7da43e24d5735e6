/**
 * End to end, as a user runs it: a definition that would put credential
 * material into the tree (a Helm values override carrying a token, an AWS
 * key, a private key, a password, a kubeconfig; a repository URL with a
 * password; a private key pasted as a cluster CA) makes `fleetwright synth`
 * exit 1, name the file and field (or the definition path), show no secret,
 * and write nothing: not into a fresh folder, not over an earlier tree.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT } from '../helpers/conformance';
import { mutableDefinition, validDefinition } from '../helpers/definitions';
import { mtimes, readTree, tempDir } from '../helpers/tmp';

const BIN = path.join(PROJECT, 'bin', 'fleetwright.js');
const { dir, cleanup } = tempDir('fleetwright-credential-refusal-');
afterAll(cleanup);

const GHP = `ghp_${'a1B2'.repeat(9)}`;
const KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA PRIVATE KEY-----\n';
const KUBECONFIG = 'apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: kubeadm-token-abc\n';
/** The index of cluster prod-existing (auth aws-iam) in the test fleet. */
const EXISTING = 4;
/** Every secret the definitions below carry: none may reach stdout or stderr. */
const SECRETS = /hunter2|ghp_a1B2|AKIAIOSFODNN7EXAMPLE|MIIEowIBAAKCAQEA|kubeadm-token-abc/;

function config(name: string, mutate: (d: any) => void): string {
  const d = mutableDefinition();
  mutate(d);
  const file = path.join(dir, `${name}.config.ts`);
  fs.writeFileSync(file, `export default ${JSON.stringify(d)};\n`);
  return file;
}

function synth(configFile: string, out: string): { code: number | null; stdout: string; stderr: string[] } {
  const r = spawnSync(process.execPath, [BIN, 'synth', '--config', configFile, '--out', out], { cwd: dir, encoding: 'utf8', env: { ...process.env, CDK8S_OUTDIR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(/\n$/, '').split('\n') };
}

const VALUES = config('helm-values', (d) => {
  d.environments.dev.addons['ingress-nginx'] = {
    values: {
      controller: { extraEnvs: [{ name: 'GITHUB_TOKEN', value: GHP }, { name: 'AWS_ACCESS_KEY_ID', value: 'AKIAIOSFODNN7EXAMPLE' }] },
      defaultBackend: { auth: { password: 'hunter2' }, kubeconfig: KUBECONFIG, repoURL: 'https://admin:hunter2@github.com/acme/fleet.git' },
      tls: { key: KEY },
    },
  };
});
const FILE = 'platform/ingress-nginx/overlays/dev/values.yaml';
const VALUES_STDERR = [
  'fleetwright synth: the synthesized tree would contain credential material, so nothing was written:',
  `  ${FILE}: controller.extraEnvs[0].value: a GitHub token`,
  `  ${FILE}: controller.extraEnvs[1].value: an AWS access key id`,
  `  ${FILE}: defaultBackend.auth.password: a password`,
  `  ${FILE}: defaultBackend.kubeconfig → users[0].user.token: a token`,
  `  ${FILE}: defaultBackend.repoURL: a URL with a password`,
  `  ${FILE}: tls.key: a private key`,
  'keep secrets in a secret store and reference them (see README, "Registration")',
];

const REPO_URL = config('repo-url', (d) => (d.repo.url = 'https://admin:hunter2@github.com/acme/fleet.git'));
const CA_DATA = config('ca-data', (d) => (d.clusters[EXISTING].provider.auth.caData = Buffer.from(KEY).toString('base64')));
const further = (part: string) => `  … (further checks) add-ons, apps, delivery and disaster recovery are checked once ${part} can be read; fix the problems above and run check again`;

const cases: readonly (readonly [string, string, readonly string[]])[] = [
  ['Helm values carrying a token, an AWS key, a password, a kubeconfig, a URL with a password and a private key', VALUES, VALUES_STDERR],
  ['a repository URL with a password', REPO_URL, [
    `fleetwright synth: ${REPO_URL} has 1 problem:`,
    '  ✖ repo.url "https://admin:****@github.com/acme/fleet.git" has a password in its user info, and the URL is written to Git in every object that uses it; remove the credentials from the URL and give Argo CD (or Flux) the repository credentials as a Secret from your secret store: an Argo CD repository credentials Secret (label argocd.argoproj.io/secret-type: repository or repo-creds) or a Flux GitRepository secretRef',
    further('repo'),
    'fleetwright synth: nothing was written',
  ]],
  ['a private key pasted as a cluster CA', CA_DATA, [
    `fleetwright synth: ${CA_DATA} has 1 problem:`,
    `  ✖ clusters[${EXISTING}].provider.auth.caData (${Buffer.from(KEY).toString('base64').length} characters of base64) decodes to a private key, not only PEM CERTIFICATE blocks, and it is written to Git; paste only the cluster's CA bundle, as printed by \`aws eks describe-cluster --query cluster.certificateAuthority.data\``,
    further(`clusters[${EXISTING}]`),
    'fleetwright synth: nothing was written',
  ]],
];

const EARLIER = path.join(dir, 'earlier');
let earlierTree: Record<string, string>;
let earlierTimes: Record<string, number>;

beforeAll(() => {
  const valid = path.join(dir, 'valid.config.ts');
  fs.writeFileSync(valid, `export default ${JSON.stringify(validDefinition())};\n`);
  expect(synth(valid, EARLIER).code).toBe(0);
  earlierTree = readTree(EARLIER);
  earlierTimes = mtimes(EARLIER);
}, 60_000);

describe('synth refuses a definition that would put credential material into Git', () => {
  it.each(cases.map(([title, file, stderr], i) => [title, file, stderr, i] as const))(
    'GIVEN %s WHEN synthesized into a fresh folder and over an earlier tree THEN exit 1, the file and field named, no secret shown, nothing written',
    (_title, file, stderr, i) => {
      const fresh = path.join(dir, `fresh-${i}`);
      for (const out of [fresh, EARLIER]) {
        const r = synth(file, out);
        expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: '' });
        expect(r.stderr).toEqual(stderr);
        expect(r.stderr.join('\n')).not.toMatch(SECRETS);
      }
      expect(fs.existsSync(fresh)).toBe(false);
      expect(readTree(EARLIER)).toEqual(earlierTree);
      expect(mtimes(EARLIER)).toEqual(earlierTimes);
    },
    60_000,
  );
});

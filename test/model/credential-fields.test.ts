/**
 * The definition fields that are written to Git and could carry a secret by
 * mistake: repository URLs (`repo.url`, `apps[].repoUrl`) must not have a
 * password or token in their user info, and an existing cluster's
 * `auth.caData` must be PEM certificates only, never a private key. The messages
 * name the path and the fix, and never show the secret.
 */
import { describe, expect, it } from 'vitest';
import { checkFleet } from '../../model';
import { mutableDefinition } from '../helpers/definitions';

function problemsOf(mutate: (d: any) => void): string[] {
  const d = mutableDefinition();
  mutate(d);
  return checkFleet(d).problems.map((p) => p.message);
}

const b64 = (text: string) => Buffer.from(text).toString('base64');
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhrMy5zZXJ2\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA PRIVATE KEY-----\n';
/** The index of cluster prod-existing (auth aws-iam) in the test fleet. */
const EXISTING = 4;

const REPO_FIX =
  'and the URL is written to Git in every object that uses it; remove the credentials from the URL and give Argo CD (or Flux) the repository credentials as a Secret from your secret store: an Argo CD repository credentials Secret (label argocd.argoproj.io/secret-type: repository or repo-creds) or a Flux GitRepository secretRef';
/** The note that follows a refused part (its later checks wait). */
const further = (part: string) => `(further checks) add-ons, apps, delivery and disaster recovery are checked once ${part} can be read; fix the problems above and run check again`;
const CA_FIX = "not only PEM CERTIFICATE blocks, and it is written to Git; paste only the cluster's CA bundle, as printed by `aws eks describe-cluster --query cluster.certificateAuthority.data`";

describe('repository URLs carry no credentials', () => {
  it.each<[string, (d: any) => void, string[]]>([
    ['a password in repo.url', (d) => (d.repo.url = 'https://admin:hunter2@github.com/acme/fleet.git'), [
      `repo.url "https://admin:****@github.com/acme/fleet.git" has a password in its user info, ${REPO_FIX}`,
      further('repo'),
    ]],
    ['a token as the password of an app repoUrl', (d) => (d.apps = [{ name: 'web', repoUrl: 'https://x-access-token:ghp_abc@github.com/acme/web.git', path: 'deploy', namespace: 'web' }]), [
      `apps[0].repoUrl "https://x-access-token:****@github.com/acme/web.git" has a password in its user info, ${REPO_FIX}`,
    ]],
    ['a GitHub token as the user name', (d) => (d.repo.url = `https://ghp_${'a'.repeat(36)}@github.com/acme/fleet.git`), [
      `repo.url "https://****@github.com/acme/fleet.git" has an access token as its user name, ${REPO_FIX}`,
      further('repo'),
    ]],
    ['an "@" in the password (the last "@" ends the user info)', (d) => (d.repo.url = 'https://admin:p@ss@git.example.com/fleet.git'), [
      `repo.url "https://admin:****@git.example.com/fleet.git" has a password in its user info, ${REPO_FIX}`,
      further('repo'),
    ]],
  ])('GIVEN %s WHEN checked THEN it is refused with the secret masked', (_title, mutate, expected) => {
    const problems = problemsOf(mutate);
    expect(problems).toEqual(expected);
    expect(problems.join('\n')).not.toMatch(/hunter2|ghp_a|p@ss|ghp_abc/);
  });

  it.each([
    'https://github.com/acme/fleet.git',
    'https://git@github.com/acme/fleet.git',
    'https://admin:@git.example.com/fleet.git',
    'ssh://git@github.com:22/acme/fleet.git',
    'git@github.com:acme/fleet.git',
    'https://git.example.com/path/with@sign/fleet.git',
  ])('GIVEN the URL %s (no password) WHEN checked THEN it is accepted', (url) => {
    expect(problemsOf((d) => (d.repo.url = url))).toEqual([]);
    expect(problemsOf((d) => (d.apps = [{ name: 'web', repoUrl: url, path: 'deploy', namespace: 'web' }]))).toEqual([]);
  });

  it('GIVEN an app with an unknown field WHEN checked THEN the app schema is still strict', () => {
    expect(problemsOf((d) => (d.apps = [{ name: 'web', repoUrl: 'https://github.com/acme/web.git', path: 'deploy', namespace: 'web', repoURL: 'x' }]))).toEqual([
      'apps[0].repoURL is not a known field; did you mean "repoUrl"?',
    ]);
  });
});

describe('caData holds PEM certificates only, never a private key', () => {
  it.each<[string, string, string]>([
    ['a base64-encoded RSA private key', b64(KEY), 'a private key'],
    ['a certificate followed by its key', b64(CERT + KEY), 'a private key'],
    ['a PEM block that is not a certificate', b64('-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n'), 'a PEM CERTIFICATE REQUEST block'],
    ['a kubeconfig around the certificate', b64(`apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority: |\n${CERT}`), 'text around its certificates'],
    ['text without a certificate', b64('CA-DATA'), 'no PEM certificate'],
    ['binary (DER, not PEM)', Buffer.from([0x30, 0x82, 0x01, 0x0a, 0x02, 0x82]).toString('base64'), 'no PEM certificate'],
  ])('GIVEN caData that is %s WHEN checked THEN it is refused without showing the value', (_title, caData, found) => {
    const problems = problemsOf((d) => (d.clusters[EXISTING].provider.auth.caData = caData));
    expect(problems).toEqual([`clusters[${EXISTING}].provider.auth.caData (${caData.length} characters of base64) decodes to ${found}, ${CA_FIX}`, further(`clusters[${EXISTING}]`)]);
  });

  it.each([
    ['one certificate', b64(CERT)],
    ['a bundle of two certificates', b64(`${CERT}\n${CERT}`)],
  ])('GIVEN caData that is %s WHEN checked THEN it is accepted', (_title, caData) => {
    expect(problemsOf((d) => (d.clusters[EXISTING].provider.auth.caData = caData))).toEqual([]);
  });

  it('GIVEN caData that is not base64 WHEN checked THEN only the syntax is reported', () => {
    expect(problemsOf((d) => (d.clusters[EXISTING].provider.auth.caData = 'not base64!'))).toEqual([
      `clusters[${EXISTING}].provider.auth.caData "not base64!" is not base64; paste the base64 text as printed by \`aws eks describe-cluster\``,
      further(`clusters[${EXISTING}]`),
    ]);
  });
});

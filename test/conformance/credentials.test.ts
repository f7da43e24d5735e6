import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CREDENTIAL_PATTERNS, CredentialError, scanForCredentials } from '../../outputs/gitops/credentials';
import { exampleSynth, testSynth } from '../helpers/example';

describe('no credential material in Git', () => {
  it.each([
    ['the example fleet', exampleSynth],
    ['the test fleet with every provider', testSynth],
  ])('GIVEN %s WHEN every synthesized file is scanned THEN nothing is found', (_name, synth) => {
    const { files } = synth();
    expect(files.size).toBeGreaterThan(20);
    expect(scanForCredentials(files)).toEqual([]);
  });

  it('GIVEN planted credentials WHEN scanned THEN each one is named with its file and line', () => {
    const files = new Map([
      ['a.yaml', 'stringData:\n  config: \'{"bearerToken":"eyJhbGciOi"}\'\n'],
      ['b.yaml', 'key: |\n  -----BEGIN RSA PRIVATE KEY-----\n'],
      ['c.yaml', 'env:\n  AWS_KEY: AKIAABCDEFGHIJKLMNOP\n  password: hunter2\n'],
      ['d.yaml', 'users:\n- user:\n    client-key-data: LS0tLS1CRUdJTi\n    token: abc.def\n'],
      ['e.yaml', 'cloud: |\n  aws_secret_access_key=wJalrXUtnFEMI/K7MDENG\n'],
      ['ok.yaml', 'config: \'{"keyData":"{{ $key }}","password":""}\'\n  {{- $key := index $user "client-key-data" -}}\n  aws_secret_access_key={{ .secretAccessKey }}\n'],
    ]);
    expect(scanForCredentials(files)).toEqual([
      { file: 'a.yaml', line: 2, what: 'a bearer token' },
      { file: 'b.yaml', line: 2, what: 'a private key' },
      { file: 'c.yaml', line: 2, what: 'an AWS access key id' },
      { file: 'c.yaml', line: 3, what: 'a password' },
      { file: 'd.yaml', line: 3, what: 'a kubeconfig client key' },
      { file: 'd.yaml', line: 4, what: 'a kubeconfig token' },
      { file: 'e.yaml', line: 2, what: 'an AWS secret access key' },
    ]);
    expect(new CredentialError(scanForCredentials(new Map([['b.yaml', '-----BEGIN PRIVATE KEY-----']]))).message).toBe(
      'the synthesized tree would contain credential material, so nothing was written:\n  b.yaml:1: a private key\nkeep secrets in a secret store and reference them (see README, "Registration")',
    );
  });
});

describe('GIVEN any file WHEN scanned whole THEN the findings are those a line-by-line scan of the same patterns gives', () => {
  /** The reference: each line alone, each pattern's first match on it. */
  function lineByLine(files: ReadonlyMap<string, string>): { file: string; line: number; what: string }[] {
    const out: { file: string; line: number; what: string }[] = [];
    for (const [file, content] of files) {
      content.split('\n').forEach((text, i) => {
        for (const { what, re, valueGroup } of CREDENTIAL_PATTERNS) {
          const m = re.exec(text);
          if (!m) continue;
          const value = valueGroup === undefined ? undefined : m[valueGroup]!;
          if (value !== undefined && (/^"?(\{\{[^}]*\}\}\s*)+"?$/.test(value) || value === '""' || value === "''")) continue;
          out.push({ file, line: i + 1, what });
        }
      });
    }
    return out;
  }
  const pieces = ['token: abc', ' token:', 'password: "x y"', 'password = ""', '"password": "{{ .p }}"', 'bearerToken: t', 'keyData: "a\nb"', 'client-key-data: Zm9v',
    'aws_secret_access_key = {{ .k }}', 'AKIAABCDEFGHIJKLMNOP', '-----BEGIN RSA PRIVATE KEY-----', 'ghp_' + 'a'.repeat(36), 'eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.SflKxwRJSMeKKF2QT4f',
    'name: x', '  ', '\t', '"', ':', '=', '\n', 'Password:\n  value'];

  it('THEN on generated files (fast-check, seeded)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((p) => p.join('')), { maxLength: 4 }), (contents) => {
        const files = new Map(contents.map((c, i) => [`f${i}.yaml`, c]));
        expect(scanForCredentials(files)).toEqual(lineByLine(files));
      }),
      { seed: 20261121, numRuns: 500 },
    );
  });
});

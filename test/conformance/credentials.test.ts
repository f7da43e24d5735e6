import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolveFleet } from '../../model';
import { scanContent } from '../../outputs/gitops/credential-scan';
import { SECRET_VALUE } from '../../outputs/gitops/credential-secrets';
import { CredentialError, scanForCredentials } from '../../outputs/gitops/credentials';
import { synthesize } from '../../outputs/synth';
import { stringifyDocument } from '../../outputs/yaml/stringify';
import { exampleDefinitionFor, exampleSynth, testSynth } from '../helpers/example';

const b64 = (text: string) => Buffer.from(text).toString('base64');
/** Files as synth gives them: sorted by path, objects as YAML, strings as they are. */
const yaml = (objects: Record<string, unknown>) =>
  new Map(Object.keys(objects).sort().map((file) => [file, typeof objects[file] === 'string' ? (objects[file] as string) : stringifyDocument(objects[file])]));

const CERT = '-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhrMy5zZXJ2\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA PRIVATE KEY-----\n';
const GHP = `ghp_${'a1B2'.repeat(9)}`;
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const KUBECONFIG = [
  'apiVersion: v1',
  'kind: Config',
  'clusters:',
  '- cluster:',
  `    certificate-authority-data: ${b64(CERT)}`,
  '    server: https://k8s.example.com',
  '  name: c',
  'users:',
  '- name: u',
  '  user:',
  `    client-certificate-data: ${b64(CERT)}`,
  `    client-key-data: ${b64(KEY)}`,
  '    token: abc.def',
  '    auth-provider:',
  '      config:',
  '        id-token: x1',
  '        refresh-token: x2',
  '',
].join('\n');

const clusterSecret = (config: unknown, server = 'https://k8s.example.com') => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'cluster-x', namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': 'cluster' } },
  stringData: { config: JSON.stringify(config), name: 'x', server },
  type: 'Opaque',
});
const configMap = (data: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data });

describe('no credential material in Git', () => {
  it.each([
    ['the example fleet', () => exampleSynth().files],
    ['the test fleet with every provider', () => testSynth().files],
    ['the example fleet on Flux', () => synthesize(resolveFleet(exampleDefinitionFor('flux'))).files],
    ['the example fleet on both engines', () => synthesize(resolveFleet(exampleDefinitionFor('both'))).files],
  ])('GIVEN %s WHEN every synthesized file is scanned THEN nothing is found', (_name, files) => {
    expect(files().size).toBeGreaterThan(20);
    expect(scanForCredentials(files())).toEqual([]);
  });

  it('GIVEN Secrets with values WHEN scanned THEN every value is refused with its field, base64 data decoded first', () => {
    const files = yaml({
      'a.yaml': { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'a' }, stringData: { DB_PASS: 'hunter2', 'api-key': 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', empty: '' } },
      'b.yaml': { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'b' }, data: { secret: b64('s3cr3t'), kubeconfig: b64(KUBECONFIG), blank: '' } },
      'c.yaml': { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'fleetwright-argocd-token' }, type: 'kubernetes.io/service-account-token' },
    });
    expect(scanForCredentials(files)).toEqual([
      { file: 'a.yaml', field: 'stringData.DB_PASS', what: 'a password' },
      { file: 'a.yaml', field: 'stringData.api-key', what: 'a Stripe secret key' },
      { file: 'b.yaml', field: 'data.kubeconfig → users[0].user.client-certificate-data', what: 'a client certificate' },
      { file: 'b.yaml', field: 'data.kubeconfig → users[0].user.client-key-data', what: 'a private key' },
      { file: 'b.yaml', field: 'data.kubeconfig → users[0].user.token', what: 'a token' },
      { file: 'b.yaml', field: 'data.kubeconfig → users[0].user.auth-provider.config.id-token', what: 'a token' },
      { file: 'b.yaml', field: 'data.kubeconfig → users[0].user.auth-provider.config.refresh-token', what: 'a token' },
      { file: 'b.yaml', field: 'data.secret', what: SECRET_VALUE },
    ]);
  });

  it('GIVEN Argo CD cluster Secrets WHEN scanned THEN only awsAuthConfig and a CA without secrets pass, as fleetwright writes them', () => {
    const files = yaml({
      'ok.yaml': clusterSecret({ awsAuthConfig: { clusterName: 'x', roleARN: 'arn:aws:iam::111122223333:role/r' }, tlsClientConfig: { caData: b64(CERT), insecure: false } }),
      'token.yaml': clusterSecret({ bearerToken: 'abc', tlsClientConfig: { caData: b64(KEY), insecure: false, keyData: 'k', certData: 'c' } }),
      'exec.yaml': clusterSecret({ execProviderConfig: { command: 'aws' }, password: 'p', username: 'u' }, 'https://admin:hunter2@k8s.example.com'),
      'not-json.yaml': { ...clusterSecret({}), stringData: { config: 'bearerToken: abc', name: 'x', server: 'https://k8s.example.com' } },
    });
    expect(files.get('token.yaml')).toContain('config: "{\\"bearerToken\\":\\"abc\\",');
    expect(scanForCredentials(files)).toEqual([
      { file: 'exec.yaml', field: 'stringData.config → execProviderConfig', what: 'an Argo CD connection setting fleetwright never writes (only awsAuthConfig and tlsClientConfig.caData)' },
      { file: 'exec.yaml', field: 'stringData.config → password', what: 'a password' },
      { file: 'exec.yaml', field: 'stringData.config → username', what: 'an Argo CD connection setting fleetwright never writes (only awsAuthConfig and tlsClientConfig.caData)' },
      { file: 'exec.yaml', field: 'stringData.server', what: 'a URL with a password' },
      { file: 'not-json.yaml', field: 'stringData.config', what: 'an Argo CD cluster config that is not a JSON object' },
      { file: 'not-json.yaml', field: 'stringData.config → bearerToken', what: 'a bearer token' },
      { file: 'token.yaml', field: 'stringData.config → bearerToken', what: 'a bearer token' },
      { file: 'token.yaml', field: 'stringData.config → tlsClientConfig.caData', what: 'a private key' },
      { file: 'token.yaml', field: 'stringData.config → tlsClientConfig.keyData', what: 'a client key' },
      { file: 'token.yaml', field: 'stringData.config → tlsClientConfig.certData', what: 'a client certificate' },
    ]);
  });

  it('GIVEN credential material anywhere else WHEN scanned THEN each is named with its field path and kind', () => {
    const files = yaml({
      'app.yaml': { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'a' }, spec: { source: { repoURL: 'https://admin:hunter2@github.com/acme/fleet.git' } } },
      'cm.yaml': configMap({
        AWS_KEY: 'AKIAIOSFODNN7EXAMPLE',
        cloud: '[default]\naws_access_key_id=AKIAIOSFODNN7EXAMPLE\naws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
        config: JSON.stringify({ auths: { 'ghcr.io': { password: 'x' } } }),
        gitlab: 'glpat-abcdefghij0123456789',
        hook: 'https://hooks.slack.com/services/T000/B000/XXXX',
        jwt: JWT,
        key: b64(KEY),
        kubeconfig: KUBECONFIG,
        slack: 'xoxb-1234567890-abcdefghij',
        values: `github:\n  token: ${GHP}\n`,
      }),
      'helm.yaml': { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'h' }, spec: { values: { auth: { adminPassword: 'hunter2', existingSecret: 'db' } } } },
      'replicas.md': `# Notes\n\n${KEY}`,
    });
    expect(scanForCredentials(files)).toEqual([
      { file: 'app.yaml', field: 'spec.source.repoURL', what: 'a URL with a password' },
      { file: 'cm.yaml', field: 'data.AWS_KEY', what: 'an AWS access key id' },
      { file: 'cm.yaml', field: 'data.cloud', what: 'an AWS access key id' },
      { file: 'cm.yaml', field: 'data.cloud → aws_secret_access_key', what: 'an AWS secret access key' },
      { file: 'cm.yaml', field: 'data.config → auths["ghcr.io"].password', what: 'a password' },
      { file: 'cm.yaml', field: 'data.gitlab', what: 'a GitLab token' },
      { file: 'cm.yaml', field: 'data.hook', what: 'a Slack token' },
      { file: 'cm.yaml', field: 'data.jwt', what: 'a JSON web token' },
      { file: 'cm.yaml', field: 'data.key', what: 'a private key' },
      { file: 'cm.yaml', field: 'data.kubeconfig → users[0].user.client-certificate-data', what: 'a client certificate' },
      { file: 'cm.yaml', field: 'data.kubeconfig → users[0].user.client-key-data', what: 'a private key' },
      { file: 'cm.yaml', field: 'data.kubeconfig → users[0].user.token', what: 'a token' },
      { file: 'cm.yaml', field: 'data.kubeconfig → users[0].user.auth-provider.config.id-token', what: 'a token' },
      { file: 'cm.yaml', field: 'data.kubeconfig → users[0].user.auth-provider.config.refresh-token', what: 'a token' },
      { file: 'cm.yaml', field: 'data.slack', what: 'a Slack token' },
      { file: 'cm.yaml', field: 'data.values → github.token', what: 'a GitHub token' },
      { file: 'helm.yaml', field: 'spec.values.auth.adminPassword', what: 'a password' },
      { file: 'replicas.md', field: '', what: 'a private key' },
    ]);
  });

  it('GIVEN what fleetwright legitimately writes near secrets WHEN scanned THEN nothing is found', () => {
    const files = yaml({
      'es.yaml': {
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        metadata: { name: 'x' },
        spec: {
          data: [{ remoteRef: { key: 'k', property: 'token' }, secretKey: 'token' }],
          target: {
            template: {
              data: {
                config: '{{- $key := index $user "client-key-data" -}}\n{"bearerToken":"{{ .token }}","tlsClientConfig":{"caData":"{{ $ca }}","keyData":"{{ $key }}"}}',
                cloud: '[default]\naws_secret_access_key={{ .secretAccessKey }}\n',
                password: '${DB_PASSWORD}',
              },
            },
          },
        },
      },
      'sa.yaml': { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'x' }, automountServiceAccountToken: false },
      'machine.yaml': { kind: 'AWSMachineTemplate', spec: { template: { spec: { instanceMetadataOptions: { httpTokens: 'required' } } } } },
      'cm.yaml': configMap({ password: '', token: '{{ .token }}', ca: b64(CERT), digest: 'sha256:'.concat('ab'.repeat(32)), url: 'ssh://git@github.com/acme/fleet.git', path: '../../platform/kube-prometheus-stack/overlays/staging' }),
      'cert.yaml': { kind: 'Certificate', spec: { privateKey: { algorithm: 'ECDSA', rotationPolicy: 'Always' }, secretName: 'tls' } },
      'secret.yaml': { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' }, data: { a: '' }, stringData: { b: '' } },
    });
    expect(scanForCredentials(files)).toEqual([]);
  });

  it('GIVEN findings WHEN refused THEN the message names each file and field, without the values', () => {
    const findings = scanForCredentials(yaml({ 'hub/registration/secret-x.yaml': { kind: 'Secret', stringData: { password: 'hunter2' } }, 'notes.md': KEY }));
    expect(new CredentialError(findings).message).toBe(
      [
        'the synthesized tree would contain credential material, so nothing was written:',
        '  hub/registration/secret-x.yaml: stringData.password: a password',
        '  notes.md: a private key',
        'keep secrets in a secret store and reference them (see README, "Registration")',
      ].join('\n'),
    );
  });
});

describe('GIVEN any files WHEN scanned THEN the cheap pre-filter never hides a finding of the full scan', () => {
  const secrets = ['hunter2', 'AKIAIOSFODNN7EXAMPLE', KEY, GHP, JWT, 'https://u:p@git.example.com/x', 'sk_test_4eC39HqLyjWDarjtT1zd', 'glpat-abcdefghij0123456789'];
  const harmless = ['', 'x', '{{ .token }}', '${X}', 'true', 'Secret', 'https://git.example.com/x', 'token', 'a b', '- a', 'k: v', b64(CERT), 'Zm9v'];
  const key = fc.constantFrom(
    'name', 'kind', 'data', 'stringData', 'config', 'value', 'password', 'DB_PASS', 'token', 'bearerToken', 'keyData', 'client-key-data',
    'api-key', 'aws_secret_access_key', 'secretKey', 'automountServiceAccountToken', 'metadata', 'labels', 'argocd.argoproj.io/secret-type',
  );
  const { tree } = fc.letrec<{ tree: unknown; leaf: unknown; text: string }>((tie) => ({
    leaf: fc.oneof(fc.constantFrom(...secrets, ...harmless, 'cluster', 'Secret'), fc.boolean(), fc.integer(), fc.constant(null)),
    text: fc.oneof(
      fc.constantFrom(...secrets, ...harmless),
      tie('tree').map((t) => JSON.stringify(t) ?? ''),
      tie('tree').map((t) => stringifyDocument(t)),
      tie('text').map((t) => b64(t)),
      fc.tuple(key, tie('text')).map(([k, v]) => `${k}=${v}\n${k}: "${v}"`),
    ),
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('leaf'),
      tie('text'),
      fc.array(tie('tree'), { maxLength: 3 }),
      fc.dictionary(key, tie('tree'), { maxKeys: 4 }),
      fc.dictionary(key, tie('tree'), { maxKeys: 3 }).map((o) => ({ ...o, kind: 'Secret' })),
    ),
  }));

  it('THEN on generated files (fast-check, seeded)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(tree.map((t) => stringifyDocument(t)), fc.string()), { maxLength: 4 }), (contents) => {
        const files = new Map(contents.map((c, i) => [`f${i}.yaml`, c]));
        const full = [...files].flatMap(([file, content]) => scanContent(content, { prefilter: false }).map((f) => ({ file, ...f })));
        expect(scanForCredentials(files)).toEqual(full);
      }),
      { seed: 20261121, numRuns: 500 },
    );
  });
});

describe('GIVEN adversarial text WHEN scanned THEN the time stays linear', () => {
  it.each([
    ['unclosed templates after keys', 'token: {{ '.repeat(100_000)],
    ['token prefixes in one run', 'eyJ-'.repeat(250_000)],
    ['URL starts without user info', 'a://'.repeat(250_000)],
    ['blank lines after keys', `token:${'\n '.repeat(200_000)}`],
    ['a long base64 run', 'QUJD'.repeat(250_000)],
    ['keys with separators', 'a_token=a_token:'.repeat(60_000)],
  ])('THEN %s (about 1 MB) take well under a second', (_name, text) => {
    const started = performance.now();
    scanForCredentials(new Map([['x.yaml', text]]));
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

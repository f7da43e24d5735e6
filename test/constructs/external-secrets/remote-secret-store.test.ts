import { describe, expect, it } from 'vitest';
import { ConstructPropsError } from '../../../constructs/errors';
import { RemoteSecretStore } from '../../../constructs/external-secrets/remote-secret-store';
import { SecretBackend } from '../../../constructs/external-secrets/secret-backend';
import { only, testChart } from '../../helpers/synth';

const operator = { name: 'external-secrets', namespace: 'external-secrets' };

describe('RemoteSecretStore', () => {
  it('GIVEN a Vault backend WHEN synthesized THEN reads KV v2 at the mount with Kubernetes auth as the operator (snapshot)', () => {
    const { chart, objects } = testChart();
    const store = new RemoteSecretStore(chart, 'Store', {
      name: 'fleet-secrets',
      backend: SecretBackend.vault({ server: 'https://vault.acme.io:8200', mountPath: 'secret', authMountPath: 'kubernetes-prod-eu', role: 'external-secrets', serviceAccount: operator }),
    });
    const css = only(objects(), 'ClusterSecretStore');
    expect(store.name).toBe('fleet-secrets');
    expect(css.apiVersion).toBe('external-secrets.io/v1');
    expect(css.metadata).toEqual({ name: 'fleet-secrets' });
    expect(css.spec).toEqual({
      provider: {
        vault: {
          server: 'https://vault.acme.io:8200',
          path: 'secret',
          version: 'v2',
          auth: { kubernetes: { mountPath: 'kubernetes-prod-eu', role: 'external-secrets', serviceAccountRef: operator } },
        },
      },
    });
    expect(css).toMatchSnapshot();
  });

  it('GIVEN AWS Secrets Manager through a ServiceAccount (IRSA) WHEN synthesized THEN authenticates with the ServiceAccount token in the region', () => {
    const { chart, objects } = testChart();
    new RemoteSecretStore(chart, 'Store', {
      name: 'fleet-secrets',
      labels: { team: 'platform' },
      backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1', auth: { kind: 'service-account', serviceAccount: operator } }),
    });
    const css = only(objects(), 'ClusterSecretStore');
    expect(css.metadata.labels).toEqual({ team: 'platform' });
    expect(css.spec.provider).toEqual({ aws: { service: 'SecretsManager', region: 'eu-west-1', auth: { jwt: { serviceAccountRef: operator } } } });
  });

  it('GIVEN AWS Secrets Manager through the instance role WHEN synthesized THEN has no auth block (the SDK default chain)', () => {
    const { chart, objects } = testChart();
    new RemoteSecretStore(chart, 'Store', { name: 'fleet-secrets', backend: SecretBackend.awsSecretsManager({ region: 'us-east-1', auth: { kind: 'instance-role' } }) });
    expect(only(objects(), 'ClusterSecretStore').spec.provider).toEqual({ aws: { service: 'SecretsManager', region: 'us-east-1' } });
  });

  it('GIVEN a bad Vault address, mounts, role and ServiceAccount WHEN constructed THEN reports every problem at once', () => {
    const { chart } = testChart();
    expect(
      () =>
        new RemoteSecretStore(chart, 'Store', {
          name: 'fleet-secrets',
          backend: SecretBackend.vault({ server: 'http://vault:8200', mountPath: '/secret/', authMountPath: 'kubernetes prod', role: '', serviceAccount: { name: 'ESO', namespace: 'external_secrets' } }),
        }),
    ).toThrow(
      new ConstructPropsError([
        'ClusterSecretStore "fleet-secrets": backend.server "http://vault:8200" is not an https URL; use the Vault address, e.g. "https://vault.example.com:8200"',
        'ClusterSecretStore "fleet-secrets": backend.mountPath "/secret/" is not a Vault mount path; write it without leading or trailing "/" or spaces, e.g. "secret"',
        'ClusterSecretStore "fleet-secrets": backend.authMountPath "kubernetes prod" is not a Vault mount path; write it without leading or trailing "/" or spaces, e.g. "secret"',
        'ClusterSecretStore "fleet-secrets": backend.role "" is not a Vault role name; use the role of the Kubernetes auth mount, e.g. "external-secrets"',
        `ClusterSecretStore "fleet-secrets": backend.serviceAccount.name "ESO" is not a DNS-1123 subdomain; use lowercase letters, digits, '-' and '.'`,
        `ClusterSecretStore "fleet-secrets": backend.serviceAccount.namespace "external_secrets" is not a DNS-1123 label; use lowercase letters, digits and '-', starting and ending with a letter or digit`,
      ]),
    );
  });

  it('GIVEN a bad store name and AWS region WHEN constructed THEN reports both', () => {
    const { chart } = testChart();
    expect(() => new RemoteSecretStore(chart, 'Store', { name: 'Fleet', backend: SecretBackend.awsSecretsManager({ region: 'eu', auth: { kind: 'instance-role' } }) })).toThrow(
      new ConstructPropsError([
        `ClusterSecretStore "Fleet": name "Fleet" is not a DNS-1123 subdomain; use lowercase letters, digits, '-' and '.'`,
        'ClusterSecretStore "Fleet": backend.region "eu" is not an AWS region; use a region code like "us-east-1"',
      ]),
    );
  });
});

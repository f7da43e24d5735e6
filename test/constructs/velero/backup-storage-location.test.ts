import { describe, expect, it } from 'vitest';
import { ConstructPropsError } from '../../../constructs/errors';
import { BackupStorageLocation } from '../../../constructs/velero/backup-storage-location';
import { only, testChart } from '../../helpers/synth';

describe('BackupStorageLocation', () => {
  it('GIVEN a bucket, prefix, region and credential WHEN synthesized THEN renders an aws location with exactly these fields', () => {
    const { chart, objects } = testChart();
    const location = new BackupStorageLocation(chart, 'Location', {
      name: 'default',
      bucket: 'acme-velero-eu-west-1',
      prefix: 'prod-eu-west-1',
      region: 'eu-west-1',
      default: true,
      credential: { name: 'velero-aws-credentials', key: 'cloud' },
      annotations: { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' },
    });
    const bsl = only(objects(), 'BackupStorageLocation');
    expect(location.name).toBe('default');
    expect(bsl.apiVersion).toBe('velero.io/v1');
    expect(bsl.metadata).toEqual({ name: 'default', namespace: 'velero', annotations: { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' } });
    expect(bsl.spec).toEqual({
      provider: 'aws',
      objectStorage: { bucket: 'acme-velero-eu-west-1', prefix: 'prod-eu-west-1' },
      config: { region: 'eu-west-1' },
      credential: { name: 'velero-aws-credentials', key: 'cloud' },
      default: true,
      accessMode: 'ReadWrite',
    });
  });

  it('GIVEN only a bucket and region WHEN synthesized THEN the location is not the default, writable, uses the server credentials and the bucket root', () => {
    const { chart, objects } = testChart();
    new BackupStorageLocation(chart, 'Location', { name: 'dr', namespace: 'backups', bucket: 'acme-velero-us-west-2', region: 'us-west-2', accessMode: 'ReadOnly' });
    const bsl = only(objects(), 'BackupStorageLocation');
    expect(bsl.metadata).toEqual({ name: 'dr', namespace: 'backups' });
    expect(bsl.spec).toEqual({ provider: 'aws', objectStorage: { bucket: 'acme-velero-us-west-2' }, config: { region: 'us-west-2' }, default: false, accessMode: 'ReadOnly' });
  });

  it('GIVEN a bad bucket, prefix, region, namespace and credential key WHEN constructed THEN reports every problem at once', () => {
    const { chart } = testChart();
    expect(
      () =>
        new BackupStorageLocation(chart, 'Location', {
          name: 'default',
          namespace: 'Velero',
          bucket: 'Acme_Backups',
          prefix: '/prod/',
          region: 'europe',
          credential: { name: 'velero-aws-credentials', key: 'cloud file' },
        }),
    ).toThrow(
      new ConstructPropsError([
        `BackupStorageLocation "default": namespace "Velero" is not a DNS-1123 label; use lowercase letters, digits and '-', starting and ending with a letter or digit`,
        `BackupStorageLocation "default": bucket "Acme_Backups" is not an S3 bucket name; use 3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit`,
        'BackupStorageLocation "default": prefix "/prod/" is not a folder of the bucket; leave out leading and trailing "/", e.g. "prod-eu-west-1"',
        'BackupStorageLocation "default": region "europe" is not an AWS region; use a region code like "us-east-1"',
        `BackupStorageLocation "default": credential.key "cloud file" is not a valid Secret key; use letters, digits, '-', '_' and '.', e.g. "cloud"`,
      ]),
    );
  });
});

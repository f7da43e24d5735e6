import { describe, expect, it } from 'vitest';
import { ConstructPropsError } from '../../../constructs/errors';
import { VolumeSnapshotLocation } from '../../../constructs/velero/volume-snapshot-location';
import { only, testChart } from '../../helpers/synth';

describe('VolumeSnapshotLocation', () => {
  it('GIVEN a region and a credential WHEN synthesized THEN renders an aws (EBS) location in that region', () => {
    const { chart, objects } = testChart();
    new VolumeSnapshotLocation(chart, 'Snapshots', { name: 'default', region: 'eu-west-1', credential: { name: 'velero-aws-credentials', key: 'cloud' } });
    const vsl = only(objects(), 'VolumeSnapshotLocation');
    expect(vsl.apiVersion).toBe('velero.io/v1');
    expect(vsl.metadata).toEqual({ name: 'default', namespace: 'velero' });
    expect(vsl.spec).toEqual({ provider: 'aws', config: { region: 'eu-west-1' }, credential: { name: 'velero-aws-credentials', key: 'cloud' } });
  });

  it('GIVEN no credential WHEN synthesized THEN the server credentials are used (no credential field)', () => {
    const { chart, objects } = testChart();
    new VolumeSnapshotLocation(chart, 'Snapshots', { name: 'default', region: 'us-east-1' });
    expect(only(objects(), 'VolumeSnapshotLocation').spec).toEqual({ provider: 'aws', config: { region: 'us-east-1' } });
  });

  it('GIVEN a bad name and region WHEN constructed THEN reports both', () => {
    const { chart } = testChart();
    expect(() => new VolumeSnapshotLocation(chart, 'Snapshots', { name: 'Default', region: 'us-east' })).toThrow(
      new ConstructPropsError([
        `VolumeSnapshotLocation "Default": name "Default" is not a DNS-1123 subdomain; use lowercase letters, digits, '-' and '.'`,
        'VolumeSnapshotLocation "Default": region "us-east" is not an AWS region; use a region code like "us-east-1"',
      ]),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { ConstructPropsError } from '../../../constructs/errors';
import { BackupScope } from '../../../constructs/velero/backup-scope';
import { BackupStorageLocation } from '../../../constructs/velero/backup-storage-location';
import { Schedule } from '../../../constructs/velero/schedule';
import { VolumeSnapshotLocation } from '../../../constructs/velero/volume-snapshot-location';
import { only, testChart } from '../../helpers/synth';

describe('Schedule', () => {
  it('GIVEN a namespaces scope, a location and a snapshot location WHEN synthesized THEN renders the full schedule (snapshot)', () => {
    const { chart, objects } = testChart();
    const location = new BackupStorageLocation(chart, 'Location', { name: 'default', bucket: 'acme-velero-eu-west-1', region: 'eu-west-1' });
    const snapshots = new VolumeSnapshotLocation(chart, 'Snapshots', { name: 'default', region: 'eu-west-1' });
    new Schedule(chart, 'Daily', {
      name: 'daily',
      cron: '0 2 * * *',
      ttl: '720h',
      storageLocation: location,
      scope: BackupScope.namespaces({ exclude: ['kube-system', 'velero'] }),
      volumeSnapshotLocations: [snapshots],
    });
    const schedule = only(objects(), 'Schedule');
    expect(schedule.spec).toEqual({
      schedule: '0 2 * * *',
      template: {
        includedNamespaces: ['*'],
        excludedNamespaces: ['kube-system', 'velero'],
        includeClusterResources: true,
        storageLocation: 'default',
        ttl: '720h',
        snapshotVolumes: true,
        volumeSnapshotLocations: ['default'],
      },
      useOwnerReferencesInBackup: false,
      paused: false,
    });
    expect(schedule).toMatchSnapshot();
  });

  it('GIVEN a labelled scope WHEN synthesized THEN selects by label and leaves cluster-scoped objects to Velero', () => {
    const { chart, objects } = testChart();
    new Schedule(chart, 'Hourly', {
      name: 'hourly',
      cron: '@hourly',
      ttl: '168h',
      storageLocation: 'default',
      scope: BackupScope.labelled({ 'backup.fleetwright.io/hourly': 'true' }, { include: ['payments', 'orders'] }),
    });
    expect(only(objects(), 'Schedule').spec.template).toEqual({
      includedNamespaces: ['payments', 'orders'],
      labelSelector: { matchLabels: { 'backup.fleetwright.io/hourly': 'true' } },
      storageLocation: 'default',
      ttl: '168h',
      snapshotVolumes: true,
    });
  });

  it('GIVEN no volume snapshots and a paused schedule WHEN synthesized THEN snapshotVolumes is false and the schedule is paused', () => {
    const { chart, objects } = testChart();
    new Schedule(chart, 'Dr', {
      name: 'dr',
      cron: '30 3 * * *',
      ttl: '720h',
      storageLocation: 'dr',
      scope: BackupScope.namespaces({ clusterResources: false }),
      snapshotVolumes: false,
      paused: true,
    });
    const spec = only(objects(), 'Schedule').spec;
    expect(spec.paused).toBe(true);
    expect(spec.template).toEqual({ includedNamespaces: ['*'], includeClusterResources: false, storageLocation: 'dr', ttl: '720h', snapshotVolumes: false });
  });

  it('GIVEN a bad cron, TTL, location, scope and snapshot locations without snapshots WHEN constructed THEN reports every problem at once', () => {
    const { chart } = testChart();
    expect(
      () =>
        new Schedule(chart, 'Bad', {
          name: 'daily',
          cron: '0 25 * * *',
          ttl: '30d',
          storageLocation: 'DR',
          scope: BackupScope.namespaces({ include: ['Payments', 'velero'], exclude: ['velero'] }),
          snapshotVolumes: false,
          volumeSnapshotLocations: ['default'],
        }),
    ).toThrow(
      new ConstructPropsError([
        'Schedule "daily": cron "0 25 * * *" has an invalid hour "25" (allowed 0-23); use 5 fields (minute hour day-of-month month day-of-week), e.g. "0 2 * * *", or a descriptor such as "@daily"',
        'Schedule "daily": ttl "30d" is not a duration; write it like "720h" (30 days) or "168h0m0s"',
        `Schedule "daily": storageLocation "DR" is not a DNS-1123 subdomain; use lowercase letters, digits, '-' and '.'`,
        'Schedule "daily": scope.include[0] "Payments" is not a namespace name or pattern; use a namespace name, or a pattern with "*" and "?"',
        'Schedule "daily": scope.exclude[0] "velero" is also included; list it in include or in exclude, not in both',
        'Schedule "daily": volumeSnapshotLocations ["default"] are set, but snapshotVolumes is false; drop volumeSnapshotLocations, or snapshot volumes',
      ]),
    );
  });

  it('GIVEN an empty namespace list or an empty label selector WHEN constructed THEN says the backup would hold nothing or everything', () => {
    const { chart } = testChart();
    expect(() => new Schedule(chart, 'A', { name: 'a', cron: '@daily', ttl: '24h', storageLocation: 'default', scope: BackupScope.namespaces({ include: [] }) })).toThrow(
      new ConstructPropsError(['Schedule "a": scope.include [] is empty, so the backup would hold nothing; include at least one namespace, or "*" for all']),
    );
    expect(() => new Schedule(chart, 'B', { name: 'b', cron: '@daily', ttl: '24h', storageLocation: 'default', scope: BackupScope.labelled({}) })).toThrow(
      new ConstructPropsError(['Schedule "b": scope.selector {} is empty, so it would select every object; use BackupScope.namespaces() to back up everything, or give at least one label']),
    );
  });
});

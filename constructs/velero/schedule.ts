/**
 * A Velero Schedule: a backup of a scope, taken on a cron schedule, kept for
 * a TTL, written to one BackupStorageLocation.
 * @see https://velero.io/docs/v1.18/api-types/schedule/
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { cronExpression, goDuration } from '../../model/rules/schedule';
import { dnsSubdomain } from '../../model/rules/syntax';
import { expectSyntax } from '../cluster-api/checks';
import { PropsCheck } from '../errors';
import type { BackupScope } from './backup-scope';
import type { BackupStorageLocation } from './backup-storage-location';
import { checkVeleroObject, veleroMetadata, VELERO_API_VERSION, type BackupTemplate, type ScheduleSpec, type VeleroObjectProps } from './types';
import type { VolumeSnapshotLocation } from './volume-snapshot-location';

export interface ScheduleProps extends VeleroObjectProps {
  /**
   * When backups are taken: 5 cron fields (UTC), or a descriptor such as `@daily`.
   * @example '0 2 * * *'
   */
  readonly cron: string;
  /**
   * How long each backup is kept: a Go duration.
   * @example '720h'
   */
  readonly ttl: string;
  /** Where backups are written: a location, or its name. */
  readonly storageLocation: BackupStorageLocation | string;
  /** What each backup contains. */
  readonly scope: BackupScope;
  /**
   * Whether PersistentVolumes are snapshotted.
   * @default true
   */
  readonly snapshotVolumes?: boolean;
  /**
   * Where volumes are snapshotted (only with `snapshotVolumes`).
   * @default - Velero's default location per provider
   */
  readonly volumeSnapshotLocations?: readonly (VolumeSnapshotLocation | string)[];
  /**
   * Whether the schedule is stopped.
   * @default false
   */
  readonly paused?: boolean;
}

export class Schedule extends Construct {
  readonly name: string;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ScheduleProps) {
    super(scope, id);
    const check = new PropsCheck('Schedule', props.name);
    checkVeleroObject(check, props);
    expectSyntax(check, 'cron', props.cron, cronExpression);
    expectSyntax(check, 'ttl', props.ttl, goDuration);
    if (typeof props.storageLocation === 'string') expectSyntax(check, 'storageLocation', props.storageLocation, dnsSubdomain);
    props.scope.check(check);
    const snapshotVolumes = props.snapshotVolumes ?? true;
    const snapshotLocations = (props.volumeSnapshotLocations ?? []).map((l) => (typeof l === 'string' ? l : l.name));
    check.expect(
      snapshotVolumes || snapshotLocations.length === 0,
      'volumeSnapshotLocations',
      snapshotLocations,
      'are set, but snapshotVolumes is false',
      'drop volumeSnapshotLocations, or snapshot volumes',
    );
    check.done();
    this.name = props.name;
    const template: BackupTemplate = {
      ...props.scope.template,
      storageLocation: typeof props.storageLocation === 'string' ? props.storageLocation : props.storageLocation.name,
      ttl: props.ttl,
      snapshotVolumes,
      ...(snapshotLocations.length > 0 ? { volumeSnapshotLocations: snapshotLocations } : {}),
    };
    const spec: ScheduleSpec = {
      schedule: props.cron,
      template,
      // Backups outlive their Schedule: deleting a Schedule must not delete them.
      useOwnerReferencesInBackup: false,
      paused: props.paused ?? false,
    };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: VELERO_API_VERSION,
      kind: 'Schedule',
      metadata: veleroMetadata(props),
      spec,
    });
  }
}

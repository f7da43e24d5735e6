/**
 * A Velero BackupStorageLocation in S3 (velero-plugin-for-aws): where
 * backups of a cluster are written, or read from during a restore.
 * @see https://velero.io/docs/v1.18/api-types/backupstoragelocation/
 * @see https://github.com/vmware-tanzu/velero-plugin-for-aws#backupstoragelocation
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { awsRegion } from '../../model/rules/syntax';
import { expectSyntax } from '../cluster-api/checks';
import { PropsCheck } from '../errors';
import { checkCredential, checkVeleroObject, veleroMetadata, VELERO_API_VERSION, type BackupStorageLocationSpec, type SecretKeySelector, type VeleroObjectProps } from './types';

/** The object-store plugin fleetwright installs: S3 through velero-plugin-for-aws. */
export const AWS_PROVIDER = 'aws';

const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export interface BackupStorageLocationProps extends VeleroObjectProps {
  /** S3 bucket. */
  readonly bucket: string;
  /**
   * Folder of the bucket the backups go to (no leading or trailing `/`).
   * @default - the bucket's root
   */
  readonly prefix?: string;
  /** AWS region of the bucket. */
  readonly region: string;
  /**
   * Secret key holding an AWS credentials file for this location.
   * @default - the Velero server's own credentials (IRSA, or the chart's credentials Secret)
   */
  readonly credential?: SecretKeySelector;
  /**
   * Whether backups that name no location go here.
   * @default false
   */
  readonly default?: boolean;
  /**
   * `ReadOnly` for a location only restored from (another cluster's backups).
   * @default 'ReadWrite'
   */
  readonly accessMode?: 'ReadOnly' | 'ReadWrite';
}

export class BackupStorageLocation extends Construct {
  readonly name: string;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: BackupStorageLocationProps) {
    super(scope, id);
    const check = new PropsCheck('BackupStorageLocation', props.name);
    checkVeleroObject(check, props);
    check.expect(S3_BUCKET.test(props.bucket) && !props.bucket.includes('..'), 'bucket', props.bucket, 'is not an S3 bucket name', "use 3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit");
    if (props.prefix !== undefined) {
      check.expect(props.prefix !== '' && !props.prefix.startsWith('/') && !props.prefix.endsWith('/'), 'prefix', props.prefix, 'is not a folder of the bucket', 'leave out leading and trailing "/", e.g. "prod-eu-west-1"');
    }
    expectSyntax(check, 'region', props.region, awsRegion);
    checkCredential(check, props.credential);
    check.done();
    this.name = props.name;
    const spec: BackupStorageLocationSpec = {
      provider: AWS_PROVIDER,
      objectStorage: { bucket: props.bucket, ...(props.prefix !== undefined ? { prefix: props.prefix } : {}) },
      config: { region: props.region },
      ...(props.credential ? { credential: { name: props.credential.name, key: props.credential.key } } : {}),
      default: props.default ?? false,
      accessMode: props.accessMode ?? 'ReadWrite',
    };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: VELERO_API_VERSION,
      kind: 'BackupStorageLocation',
      metadata: veleroMetadata(props),
      spec,
    });
  }
}

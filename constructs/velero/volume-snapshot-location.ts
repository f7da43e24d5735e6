/**
 * A Velero VolumeSnapshotLocation for EBS snapshots (velero-plugin-for-aws):
 * where the volumes of backed-up PersistentVolumes are snapshotted.
 * @see https://velero.io/docs/v1.18/api-types/volumesnapshotlocation/
 * @see https://github.com/vmware-tanzu/velero-plugin-for-aws#volumesnapshotlocation
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { awsRegion } from '../../model/rules/syntax';
import { expectSyntax } from '../cluster-api/checks';
import { PropsCheck } from '../errors';
import { AWS_PROVIDER } from './backup-storage-location';
import { checkCredential, checkVeleroObject, veleroMetadata, VELERO_API_VERSION, type SecretKeySelector, type VeleroObjectProps, type VolumeSnapshotLocationSpec } from './types';

export interface VolumeSnapshotLocationProps extends VeleroObjectProps {
  /** AWS region the snapshots are taken in (EBS snapshots stay in their volume's region). */
  readonly region: string;
  /**
   * Secret key holding an AWS credentials file for this location.
   * @default - the Velero server's own credentials (IRSA, or the chart's credentials Secret)
   */
  readonly credential?: SecretKeySelector;
}

export class VolumeSnapshotLocation extends Construct {
  readonly name: string;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: VolumeSnapshotLocationProps) {
    super(scope, id);
    const check = new PropsCheck('VolumeSnapshotLocation', props.name);
    checkVeleroObject(check, props);
    expectSyntax(check, 'region', props.region, awsRegion);
    checkCredential(check, props.credential);
    check.done();
    this.name = props.name;
    const spec: VolumeSnapshotLocationSpec = {
      provider: AWS_PROVIDER,
      config: { region: props.region },
      ...(props.credential ? { credential: { name: props.credential.name, key: props.credential.key } } : {}),
    };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: VELERO_API_VERSION,
      kind: 'VolumeSnapshotLocation',
      metadata: veleroMetadata(props),
      spec,
    });
  }
}

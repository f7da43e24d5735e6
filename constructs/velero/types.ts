/**
 * Velero API shapes (velero.io/v1), written by hand from the CRDs of Velero
 * v1.18.1 (`shared/crds/velero`): only the fields fleetwright sets. No
 * typed-models package exists for Velero.
 * @see https://velero.io/docs/v1.18/api-types/
 */
import { expectSyntax } from '../cluster-api/checks';
import { dnsLabel, dnsSubdomain, labelKey, labelValue } from '../../model/rules/syntax';
import type { PropsCheck } from '../errors';

export const VELERO_API_VERSION = 'velero.io/v1';

/** `credential` of a location: a key of a Secret in Velero's namespace. */
export interface SecretKeySelector {
  readonly name: string;
  readonly key: string;
}

/** `BackupStorageLocation.spec`. */
export interface BackupStorageLocationSpec {
  readonly provider: string;
  readonly objectStorage: { readonly bucket: string; readonly prefix?: string };
  readonly config?: Readonly<Record<string, string>>;
  readonly credential?: SecretKeySelector;
  readonly default?: boolean;
  readonly accessMode?: 'ReadOnly' | 'ReadWrite';
  readonly validationFrequency?: string;
}

/** `VolumeSnapshotLocation.spec`. */
export interface VolumeSnapshotLocationSpec {
  readonly provider: string;
  readonly config?: Readonly<Record<string, string>>;
  readonly credential?: SecretKeySelector;
}

/** `Schedule.spec.template` (a Backup's spec). */
export interface BackupTemplate {
  readonly ttl: string;
  readonly storageLocation: string;
  readonly includedNamespaces?: readonly string[];
  readonly excludedNamespaces?: readonly string[];
  readonly includeClusterResources?: boolean;
  readonly labelSelector?: { readonly matchLabels: Readonly<Record<string, string>> };
  readonly snapshotVolumes?: boolean;
  readonly volumeSnapshotLocations?: readonly string[];
}

/** `Schedule.spec`. */
export interface ScheduleSpec {
  readonly schedule: string;
  readonly template: BackupTemplate;
  readonly useOwnerReferencesInBackup?: boolean;
  readonly paused?: boolean;
}

/** Name, namespace and metadata every Velero object takes. */
export interface VeleroObjectProps {
  /** Object name. */
  readonly name: string;
  /**
   * Namespace Velero runs in: it reads its objects only there.
   * @default 'velero'
   */
  readonly namespace?: string;
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default {} */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Velero's default namespace. */
export const VELERO_NAMESPACE = 'velero';

/** Checks name, namespace, labels and annotation keys. */
export function checkVeleroObject(check: PropsCheck, props: VeleroObjectProps): void {
  expectSyntax(check, 'name', props.name, dnsSubdomain);
  expectSyntax(check, 'namespace', props.namespace ?? VELERO_NAMESPACE, dnsLabel);
  for (const [key, value] of Object.entries(props.labels ?? {})) {
    expectSyntax(check, `labels["${key}"]`, key, labelKey);
    expectSyntax(check, `labels["${key}"]`, value, labelValue);
  }
  for (const key of Object.keys(props.annotations ?? {})) expectSyntax(check, `annotations["${key}"]`, key, labelKey);
}

/** Checks a credential Secret reference. */
export function checkCredential(check: PropsCheck, credential: SecretKeySelector | undefined): void {
  if (credential === undefined) return;
  expectSyntax(check, 'credential.name', credential.name, dnsSubdomain);
  check.expect(/^[-._a-zA-Z0-9]+$/.test(credential.key), 'credential.key', credential.key, 'is not a valid Secret key', "use letters, digits, '-', '_' and '.', e.g. \"cloud\"");
}

/** Metadata of a Velero object. */
export function veleroMetadata(props: VeleroObjectProps): { name: string; namespace: string; labels?: Record<string, string>; annotations?: Record<string, string> } {
  return {
    name: props.name,
    namespace: props.namespace ?? VELERO_NAMESPACE,
    ...(props.labels && Object.keys(props.labels).length > 0 ? { labels: { ...props.labels } } : {}),
    ...(props.annotations && Object.keys(props.annotations).length > 0 ? { annotations: { ...props.annotations } } : {}),
  };
}

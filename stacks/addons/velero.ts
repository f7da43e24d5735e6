/**
 * velero: the chart (server, AWS plugin, metrics; no locations of its own)
 * and, per cluster, the fleet's locations and schedules:
 *
 * - BackupStorageLocation `default` in the cluster's region and `dr` in its
 *   DR region, both in `platform.velero.bucket` (`{region}` replaced) under
 *   the prefix `<cluster>`; a VolumeSnapshotLocation `default` (EBS) in the
 *   cluster's region.
 * - Schedules by tier (production: daily, hourly, dr; else daily), with the
 *   environment's and the cluster's overrides (`VeleroOptions.schedules`):
 *   - `daily` (0 2 * * *, kept 720h): every namespace but kube-system and
 *     velero, cluster-scoped objects included, to `default`, volumes
 *     snapshotted in `default`;
 *   - `hourly` (0 * * * *, kept 168h): only objects labelled
 *     `backup.fleetwright.io/hourly: "true"` (Velero has no namespace
 *     selector: label the objects themselves — Deployments, StatefulSets,
 *     PersistentVolumeClaims, Secrets…; labelling a Namespace selects only
 *     the Namespace object), in the same namespaces, to `default`, volumes
 *     of labelled claims snapshotted;
 *   - `dr` (30 3 * * *, kept 720h): the daily scope, to the `dr` location in
 *     another region. It takes no volume snapshots: EBS snapshots stay in
 *     the cluster's region and would be lost with it.
 *
 * Metrics are on; a ServiceMonitor where kube-prometheus-stack runs.
 *
 * Object-store credentials are never in Git: on EKS the server's
 * ServiceAccount assumes the cluster's IAM role (IRSA); elsewhere an
 * ExternalSecret writes an AWS credentials file (key `cloud`) from the
 * fleet's store (`<fleet>/<cluster>/velero-aws`), which the chart mounts and
 * the locations reference.
 */
import { BackupScope } from '../../constructs/velero/backup-scope';
import { BackupStorageLocation } from '../../constructs/velero/backup-storage-location';
import { Schedule } from '../../constructs/velero/schedule';
import { VolumeSnapshotLocation } from '../../constructs/velero/volume-snapshot-location';
import { velero as spec, type Fleet } from '../../model';
import { HOURLY_BACKUP_LABEL, veleroBucket, veleroDrRegion, veleroSchedules, type VeleroLocationName, type VeleroSchedulePlan } from '../../model/addons/catalog/velero';
import { addAwsCredentials, awsAccess, type AwsAccess, IRSA_ANNOTATION, serviceMonitorValues } from './conventions';
import { defineAddonRenderer, type AddonCluster, type ValuesLayer } from './spi';
import { ResourceSyncOption, syncOptions } from '../../constructs/argocd/resource-sync-options';
import type { VeleroMetricsValues, VeleroValues } from './values/velero';

/** velero-plugin-for-aws: the v1.14 line is the one for Velero v1.18 (the plugin's compatibility matrix). */
export const VELERO_AWS_PLUGIN_IMAGE = 'velero/velero-plugin-for-aws:v1.14.2';

/** The key of the credentials Secret Velero reads: an AWS shared credentials file. */
export const VELERO_CREDENTIALS_KEY = 'cloud';

/** The snapshot location fleetwright renders. */
export const VELERO_SNAPSHOT_LOCATION = 'default';

/**
 * Velero's CRDs come from the chart's pre-install hook Job, not from its
 * templates: Argo CD cannot dry-run the fleet's Velero objects before the
 * hook has run on a new cluster.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/#skip-dry-run-for-new-custom-resources-types
 */
const SKIP_DRY_RUN = syncOptions(ResourceSyncOption.skipDryRunOnMissingResource);

/** The tier whose defaults a cluster gets: the hub counts as production. */
function tierOf(cluster: AddonCluster): 'production' | 'non-production' {
  return cluster.role === 'hub' ? 'production' : cluster.tier;
}

/** A cluster's schedules, defaults and options resolved. */
export function clusterSchedules(cluster: AddonCluster): VeleroSchedulePlan[] {
  return veleroSchedules(tierOf(cluster), cluster.addonOptions.velero ?? {});
}

/** The AWS credentials file Velero reads, as an ExternalSecret template (the values are template expressions). */
function credentialsFile(ids: { readonly accessKeyId: string; readonly secretAccessKey: string }): Record<string, string> {
  return {
    [VELERO_CREDENTIALS_KEY]: ['[default]', `aws_access_key_id=${ids.accessKeyId}`, `aws_secret_access_key=${ids.secretAccessKey}`, ''].join('\n'),
  };
}

function credentialOf(access: AwsAccess): { readonly name: string; readonly key: string } | undefined {
  return access.kind === 'external-secret' ? { name: access.secretName, key: VELERO_CREDENTIALS_KEY } : undefined;
}

export const velero = defineAddonRenderer<'velero', VeleroValues>({
  spec,
  values: (): ValuesLayer<VeleroValues> => ({
    initContainers: [
      {
        name: 'velero-plugin-for-aws',
        image: VELERO_AWS_PLUGIN_IMAGE,
        imagePullPolicy: 'IfNotPresent',
        volumeMounts: [{ mountPath: '/target', name: 'plugins' }],
      },
    ],
    // The fleet renders every location itself (clusters/<cluster>/addons/velero).
    configuration: { backupStorageLocation: [], volumeSnapshotLocation: [] },
    backupsEnabled: true,
    snapshotsEnabled: true,
    metrics: { enabled: true },
    // `velero install`'s defaults for the server.
    resources: { requests: { cpu: '500m', memory: '128Mi' }, limits: { cpu: '1000m', memory: '512Mi' } },
  }),
  clusterValues: (fleet: Fleet, cluster: AddonCluster): ValuesLayer<VeleroValues> => {
    const access = awsAccess(fleet, cluster, spec.name);
    const monitor: ValuesLayer<Pick<VeleroMetricsValues, 'serviceMonitor'>> = serviceMonitorValues(cluster);
    return {
      ...((access.kind === 'irsa'
        ? { credentials: { useSecret: false }, serviceAccount: { server: { annotations: { [IRSA_ANNOTATION]: access.roleArn } } } }
        : { credentials: { useSecret: true, existingSecret: access.secretName } }) satisfies ValuesLayer<VeleroValues>),
      ...(Object.keys(monitor).length > 0 ? ({ metrics: monitor } satisfies ValuesLayer<VeleroValues>) : {}),
    };
  },
  addClusterObjects: (scope, fleet, cluster) => {
    const settings = fleet.platform.velero!;
    const options = cluster.addonOptions.velero ?? {};
    const access = awsAccess(fleet, cluster, spec.name);
    const credential = credentialOf(access);
    addAwsCredentials(scope, access, spec.namespace, credentialsFile);
    // The model refuses a cluster without a DR region, or with its own.
    const regions: { readonly [L in VeleroLocationName]: string } = { default: cluster.region, dr: veleroDrRegion(options, fleet.platform)! };
    const locations = Object.fromEntries(
      (['default', 'dr'] as const).map((name) => [
        name,
        new BackupStorageLocation(scope, `location-${name}`, {
          name,
          namespace: spec.namespace,
          annotations: SKIP_DRY_RUN,
          bucket: veleroBucket(settings.bucket, regions[name]),
          prefix: cluster.name,
          region: regions[name],
          default: name === 'default',
          credential,
        }),
      ]),
    ) as { readonly [L in VeleroLocationName]: BackupStorageLocation };
    const snapshots = new VolumeSnapshotLocation(scope, 'snapshot-location', {
      name: VELERO_SNAPSHOT_LOCATION,
      namespace: spec.namespace,
      annotations: SKIP_DRY_RUN,
      region: cluster.region,
      credential,
    });
    for (const plan of clusterSchedules(cluster)) {
      const snapshotVolumes = plan.location === 'default';
      new Schedule(scope, `schedule-${plan.name}`, {
        name: plan.name,
        namespace: spec.namespace,
        annotations: SKIP_DRY_RUN,
        cron: plan.cron,
        ttl: plan.ttl,
        storageLocation: locations[plan.location],
        scope:
          plan.selection === 'labelled'
            ? BackupScope.labelled({ [HOURLY_BACKUP_LABEL.key]: HOURLY_BACKUP_LABEL.value }, { include: plan.includedNamespaces, exclude: plan.excludedNamespaces })
            : BackupScope.namespaces({ include: plan.includedNamespaces, exclude: plan.excludedNamespaces, clusterResources: true }),
        snapshotVolumes,
        volumeSnapshotLocations: snapshotVolumes ? [snapshots] : [],
      });
    }
  },
});

import type { VeleroOptions, VeleroScheduleOptions, PlatformDefinition } from '../options';
import { defineAddon } from '../spec';

/** The three backup schedules every cluster running Velero may have. */
export type VeleroScheduleName = 'daily' | 'hourly' | 'dr';

/** The backup storage locations fleetwright renders per cluster. */
export type VeleroLocationName = 'default' | 'dr';

/**
 * Label that puts an object into the `hourly` backup. Velero selects objects,
 * not namespaces: every object to protect hourly must carry it itself
 * (labelling a Namespace selects only the Namespace object).
 */
export const HOURLY_BACKUP_LABEL = { key: 'backup.fleetwright.io/hourly', value: 'true' } as const;

/** What a schedule backs up. */
export type VeleroSelection =
  /** Every object of the included namespaces (but the excluded ones), and every cluster-scoped object. */
  | 'all'
  /** Only objects labelled {@link HOURLY_BACKUP_LABEL}, in the included namespaces (but the excluded ones). */
  | 'labelled';

/** One schedule of a cluster, defaults and overrides resolved. */
export interface VeleroSchedulePlan {
  readonly name: VeleroScheduleName;
  readonly cron: string;
  /** Go duration. */
  readonly ttl: string;
  readonly location: VeleroLocationName;
  readonly selection: VeleroSelection;
  readonly includedNamespaces: readonly string[];
  readonly excludedNamespaces: readonly string[];
}

const EXCLUDED_NAMESPACES = ['kube-system', 'velero'] as const;

/** Defaults of each schedule, before the environment's and the cluster's options. */
export const VELERO_SCHEDULE_DEFAULTS: { readonly [K in VeleroScheduleName]: Omit<VeleroSchedulePlan, 'name'> } = {
  daily: { cron: '0 2 * * *', ttl: '720h', location: 'default', selection: 'all', includedNamespaces: ['*'], excludedNamespaces: EXCLUDED_NAMESPACES },
  hourly: { cron: '0 * * * *', ttl: '168h', location: 'default', selection: 'labelled', includedNamespaces: ['*'], excludedNamespaces: EXCLUDED_NAMESPACES },
  dr: { cron: '30 3 * * *', ttl: '720h', location: 'dr', selection: 'all', includedNamespaces: ['*'], excludedNamespaces: EXCLUDED_NAMESPACES },
};

/** Schedules that run when the options say nothing about them, by tier. */
export const VELERO_SCHEDULES_BY_TIER: { readonly [T in 'production' | 'non-production']: readonly VeleroScheduleName[] } = {
  production: ['daily', 'hourly', 'dr'],
  'non-production': ['daily'],
};

const SCHEDULE_NAMES: readonly VeleroScheduleName[] = ['daily', 'hourly', 'dr'];

/**
 * A cluster's schedules: the tier's defaults, then the merged options
 * (environment, then cluster). `false` switches a schedule off; an object
 * switches it on (on any tier) and overrides the fields it sets.
 */
export function veleroSchedules(tier: 'production' | 'non-production', options: Pick<VeleroOptions, 'schedules'>): VeleroSchedulePlan[] {
  const plans: VeleroSchedulePlan[] = [];
  for (const name of SCHEDULE_NAMES) {
    const option: VeleroScheduleOptions | false | undefined = options.schedules?.[name];
    if (option === false) continue;
    if (option === undefined && !VELERO_SCHEDULES_BY_TIER[tier].includes(name)) continue;
    const defaults = VELERO_SCHEDULE_DEFAULTS[name];
    plans.push({
      name,
      cron: option?.cron ?? defaults.cron,
      ttl: option?.ttl ?? defaults.ttl,
      location: defaults.location,
      selection: defaults.selection,
      includedNamespaces: option?.includedNamespaces ?? defaults.includedNamespaces,
      excludedNamespaces: option?.excludedNamespaces ?? defaults.excludedNamespaces,
    });
  }
  return plans;
}

/** Region of a cluster's `dr` location: its options', else the fleet's. */
export function veleroDrRegion(options: Pick<VeleroOptions, 'drRegion'>, platform: PlatformDefinition): string | undefined {
  return options.drRegion ?? platform.velero?.drRegion;
}

/** The S3 bucket of a location in `region`: `platform.velero.bucket` with `{region}` replaced. */
export function veleroBucket(pattern: string, region: string): string {
  return pattern.replaceAll('{region}', region);
}

/**
 * Velero with the fleet's backup locations and schedules. Per cluster: a
 * `default` location in the cluster's region and a `dr` location in the DR
 * region (both in `platform.velero.bucket`, prefix = the cluster's name), and
 * the `daily`, `hourly` and `dr` schedules its tier and options ask for.
 */
export const velero = defineAddon({
  name: 'velero',
  description: 'Backups to S3 in the cluster’s region and a DR region, on daily, hourly and DR schedules',
  namespace: 'velero',
  // The node agent (file-system backups) mounts /var/lib/kubelet/pods from the host; velero's own
  // installer labels its namespace privileged (velero-io/velero#5873).
  podSecurity: 'privileged',
  // Chart 12.1.0 ships Velero v1.18.1 (appVersion 1.18.1), the release of the CRDs in shared/crds/velero.
  chart: { repoUrl: 'https://vmware-tanzu.github.io/helm-charts', chart: 'velero', version: '12.1.0' },
  // Locations and schedules.
  apiGroups: ['velero.io'],
  dependsOn: [],
  requiresPlatform: 'velero',
  awsAccess: true,
  check: ({ options, path, cluster, platform, problems }) => {
    const drRegion = veleroDrRegion(options, platform);
    const other = cluster.region ? `a region other than "${cluster.region}"` : 'another region';
    if (drRegion === undefined) {
      problems.add(
        `${path}.drRegion`,
        `${path}.drRegion is missing, and so is platform.velero.drRegion: the disaster-recovery backups of cluster "${cluster.name}" have no region; set platform.velero.drRegion, or drRegion in the velero options of cluster "${cluster.name}", to ${other}`,
      );
    } else if (drRegion === cluster.region) {
      problems.at(
        options.drRegion !== undefined ? `${path}.drRegion` : 'platform.velero.drRegion',
        drRegion,
        `is the region of cluster "${cluster.name}" itself, so its disaster-recovery backups would be lost with that region`,
        `set drRegion in the velero options of cluster "${cluster.name}" to ${other}`,
      );
    }
  },
});

/**
 * The part of the velero chart's values fleetwright sets (chart 12.1.0, the
 * version `model/addons/catalog/velero.ts` pins).
 * @see https://github.com/vmware-tanzu/helm-charts/blob/velero-12.1.0/charts/velero/values.yaml
 */

/** Top-level values of the velero chart. */
export interface VeleroValues {
  /**
   * Init containers of the server's pod: the provider plugins, each copying itself into the `plugins` volume.
   * @see https://github.com/vmware-tanzu/helm-charts/blob/velero-12.1.0/charts/velero/values.yaml
   */
  readonly initContainers: readonly VeleroInitContainer[];
  /**
   * Locations the chart creates and settings of the server.
   * @see https://github.com/vmware-tanzu/helm-charts/blob/velero-12.1.0/charts/velero/values.yaml
   */
  readonly configuration: VeleroConfigurationValues;
  /**
   * Whether backups are on (the chart creates the BackupStorageLocations in `configuration`).
   * @see https://github.com/vmware-tanzu/helm-charts/blob/velero-12.1.0/charts/velero/values.yaml
   */
  readonly backupsEnabled: boolean;
  /**
   * Whether volume snapshots are on (the chart creates the VolumeSnapshotLocations in `configuration`).
   * @see https://github.com/vmware-tanzu/helm-charts/blob/velero-12.1.0/charts/velero/values.yaml
   */
  readonly snapshotsEnabled: boolean;
  /**
   * The server's Prometheus metrics.
   * @see https://github.com/vmware-tanzu/helm-charts/blob/velero-12.1.0/charts/velero/values.yaml
   */
  readonly metrics: VeleroMetricsValues;
  /**
   * Resource requests and limits of the server's container.
   * @see https://github.com/vmware-tanzu/helm-charts/blob/velero-12.1.0/charts/velero/values.yaml
   */
  readonly resources: VeleroResourcesValues;
  /**
   * The Secret with the object store's credentials the server mounts.
   * @see https://github.com/vmware-tanzu/helm-charts/blob/velero-12.1.0/charts/velero/values.yaml
   */
  readonly credentials: VeleroCredentialsValues;
  /**
   * The chart's ServiceAccounts.
   * @see https://github.com/vmware-tanzu/helm-charts/blob/velero-12.1.0/charts/velero/values.yaml
   */
  readonly serviceAccount: VeleroServiceAccountsValues;
}

/**
 * An item of `initContainers`: a Kubernetes Container, with the keys fleetwright sets.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container
 */
export interface VeleroInitContainer {
  /**
   * Name of the container.
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container
   */
  readonly name: string;
  /**
   * Image of the plugin.
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container
   */
  readonly image: string;
  /**
   * When the kubelet pulls the image.
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container
   */
  readonly imagePullPolicy: 'Always' | 'IfNotPresent' | 'Never';
  /**
   * Volumes mounted in the container (the plugin copies itself to `/target`, the chart's `plugins` volume).
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container
   */
  readonly volumeMounts: readonly VeleroVolumeMount[];
}

/**
 * An item of `initContainers[].volumeMounts`.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#volumes-1
 */
export interface VeleroVolumeMount {
  /**
   * Path in the container.
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#volumes-1
   */
  readonly mountPath: string;
  /**
   * Name of the pod's volume.
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#volumes-1
   */
  readonly name: string;
}

/** `configuration`. */
export interface VeleroConfigurationValues {
  /**
   * BackupStorageLocations the chart creates. Always empty: fleetwright renders every location
   * itself, per cluster (`clusters/<cluster>/addons/velero`), hence the empty tuple type.
   * @see https://github.com/vmware-tanzu/helm-charts/blob/velero-12.1.0/charts/velero/values.yaml
   */
  readonly backupStorageLocation: readonly [];
  /**
   * VolumeSnapshotLocations the chart creates. Always empty, like `backupStorageLocation`.
   * @see https://github.com/vmware-tanzu/helm-charts/blob/velero-12.1.0/charts/velero/values.yaml
   */
  readonly volumeSnapshotLocation: readonly [];
}

/** `metrics`. */
export interface VeleroMetricsValues {
  /**
   * Whether the server exposes metrics (and the chart a Service for them).
   * @see https://github.com/vmware-tanzu/helm-charts/blob/velero-12.1.0/charts/velero/values.yaml
   */
  readonly enabled: boolean;
  /**
   * A Prometheus Operator ServiceMonitor for the metrics Service.
   * @see https://github.com/vmware-tanzu/helm-charts/blob/velero-12.1.0/charts/velero/values.yaml
   */
  readonly serviceMonitor: VeleroServiceMonitorValues;
}

/** `metrics.serviceMonitor`. */
export interface VeleroServiceMonitorValues {
  /**
   * Whether the chart creates the ServiceMonitor (needs the Prometheus Operator's CRDs).
   * @see https://github.com/vmware-tanzu/helm-charts/blob/velero-12.1.0/charts/velero/values.yaml
   */
  readonly enabled: boolean;
  /**
   * Labels added to the ServiceMonitor (a Prometheus selects ServiceMonitors by label).
   * @see https://github.com/vmware-tanzu/helm-charts/blob/velero-12.1.0/charts/velero/values.yaml
   */
  readonly additionalLabels: Readonly<Record<string, string>>;
}

/**
 * `resources`: a Kubernetes ResourceRequirements, with the keys fleetwright sets.
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
 */
export interface VeleroResourcesValues {
  /**
   * What the scheduler reserves for the container.
   * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
   */
  readonly requests: VeleroResourceQuantities;
  /**
   * The most the container may use (CPU is throttled above it, memory is OOM-killed).
   * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
   */
  readonly limits: VeleroResourceQuantities;
}

/** CPU and memory, as Kubernetes quantities. */
export interface VeleroResourceQuantities {
  /**
   * CPU, e.g. `500m`.
   * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#meaning-of-cpu
   */
  readonly cpu: string;
  /**
   * Memory, e.g. `128Mi`.
   * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#meaning-of-memory
   */
  readonly memory: string;
}

/** `credentials`. */
export interface VeleroCredentialsValues {
  /**
   * Whether the server reads credentials from a Secret (false: from its ServiceAccount's IAM role, e.g. IRSA).
   * @see https://github.com/vmware-tanzu/helm-charts/blob/velero-12.1.0/charts/velero/values.yaml
   */
  readonly useSecret: boolean;
  /**
   * An existing Secret in the release's namespace whose key `cloud` is the provider's credentials file (the chart creates none).
   * @see https://github.com/vmware-tanzu/helm-charts/blob/velero-12.1.0/charts/velero/values.yaml
   */
  readonly existingSecret: string;
}

/** `serviceAccount`. */
export interface VeleroServiceAccountsValues {
  /**
   * The server's ServiceAccount.
   * @see https://github.com/vmware-tanzu/helm-charts/blob/velero-12.1.0/charts/velero/values.yaml
   */
  readonly server: VeleroServerServiceAccountValues;
}

/** `serviceAccount.server`. */
export interface VeleroServerServiceAccountValues {
  /**
   * Annotations of the ServiceAccount (e.g. an IAM role for it on EKS).
   * @see https://github.com/vmware-tanzu/helm-charts/blob/velero-12.1.0/charts/velero/values.yaml
   */
  readonly annotations: Readonly<Record<string, string>>;
}

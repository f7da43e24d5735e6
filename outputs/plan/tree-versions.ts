/**
 * A cluster's Kubernetes version as a tree synth wrote says it: the
 * `fleetwright.io/kubernetes-version` annotation of its registration (read
 * with the registrations), else the `fleet-cluster` ConfigMap of its entry
 * folder, else its Cluster API objects: the control plane's `spec.version`
 * (KubeadmControlPlane, AWSManagedControlPlane), then its machines'
 * (MachineDeployment, MachinePool `spec.template.spec.version`). All of them
 * carry the version the model gave the cluster, an upgrade of the rollout
 * applied; the annotation and the ConfigMap in the definition's own form.
 */
import { isRecord, type Document } from './documents';

const VERSION = /^v?(1\.\d+(?:\.\d+)?)$/;

/** `v1.34`, `1.34.2` → `1.34`, `1.34.2`; undefined for anything else. */
export function versionText(value: unknown): string | undefined {
  return typeof value === 'string' ? VERSION.exec(value.trim())?.[1] : undefined;
}

/** The version the `fleet-system/fleet-cluster` ConfigMap of `cluster`'s entry folder holds. */
export function entryVersion(cluster: string, docs: readonly Document[]): string | undefined {
  for (const { content: o } of docs) {
    if (!isRecord(o) || o.kind !== 'ConfigMap' || !isRecord(o.metadata) || o.metadata.name !== 'fleet-cluster' || !isRecord(o.data)) continue;
    if (o.data.cluster === cluster) return versionText(o.data['kubernetes-version']);
  }
  return undefined;
}

const CONTROL_PLANES: ReadonlySet<unknown> = new Set(['KubeadmControlPlane', 'AWSManagedControlPlane']);
const MACHINES: ReadonlySet<unknown> = new Set(['MachineDeployment', 'MachinePool']);

/** The version of a cluster's Cluster API objects: its control plane's, else its first machines'. */
export function clusterApiVersion(docs: readonly Document[]): string | undefined {
  let machines: string | undefined;
  for (const { content: o } of docs) {
    if (!isRecord(o) || !isRecord(o.spec)) continue;
    if (CONTROL_PLANES.has(o.kind)) {
      const version = versionText(o.spec.version);
      if (version !== undefined) return version;
    } else if (MACHINES.has(o.kind) && machines === undefined && isRecord(o.spec.template) && isRecord(o.spec.template.spec)) {
      machines = versionText(o.spec.template.spec.version);
    }
  }
  return machines;
}

/**
 * What reaches one cluster, engine-neutral: the components `clusterDelivery`
 * returns. Each stands for one source of one Argo CD Application (the
 * Kustomization or HelmRelease Flux uses instead): a folder of the tree, a
 * pinned chart with its merged values, or something rendered elsewhere that a
 * backend applying objects directly cannot reproduce.
 */
import type { AddonName, HelmValues } from '../../model';
import type { KubeObject } from '../rendered';
import type { KindSource } from './kinds';

/** A kind from a CRD that a component's objects (or a chart's switched-on values) instantiate. */
export interface KindNeed {
  /** API group, e.g. `cert-manager.io`. */
  readonly group: string;
  readonly kind: string;
  readonly source: KindSource;
}

/** What a component needs on the cluster before it can be applied. */
export interface ComponentNeeds {
  /**
   * Namespaces its objects are in (and its destination namespace) that it does
   * not create itself, sorted. Kubernetes' own (`default`, `kube-system`,
   * `kube-public`, `kube-node-lease`) are never listed.
   */
  readonly namespaces: readonly string[];
  /** Kinds from CRDs, sorted by group and kind. */
  readonly kinds: readonly KindNeed[];
}

interface ComponentBase {
  /**
   * Unique on the cluster and stable: `cluster-config` (a spoke's entry
   * folder), `hub` (the hub's tree), `addon/<addon>/chart`,
   * `addon/<addon>/objects`, `service/<service>`, `app/<app>[/<service>]`,
   * `dr/<app>/<primary>[/<service>]`, `preview/<app>`, `karmada`.
   */
  readonly id: string;
  /** The Argo CD Application that delivers it (Flux names its Kustomization or HelmRelease alike). */
  readonly application: string;
  /** Ids of the components of the same cluster that must be in place first, in delivery order. */
  readonly after: readonly string[];
}

/** A folder of the tree, built as `kubectl kustomize` builds it. */
export interface FolderComponent extends ComponentBase {
  readonly kind: 'folder';
  /** `entry`: the cluster's entry folder (the hub's tree for the hub); `addon-objects`: an add-on's objects; `service`: a service's overlay. */
  readonly role: 'entry' | 'addon-objects' | 'service';
  /** Folder relative to the tree root. */
  readonly folder: string;
  /** The Application's destination namespace: namespaced objects without a namespace of their own go there. */
  readonly namespace: string;
  /** Whether the destination namespace is created before the objects (Argo CD's `CreateNamespace=true`). */
  readonly createNamespace: boolean;
  /**
   * Labels of the namespace when the component creates it: its Pod Security
   * labels (`namespaceLabels`), as the ApplicationSet's `managedNamespaceMetadata`
   * and Flux's namespaces Kustomization write them.
   * @default - none: a namespace fleetwright does not label
   */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  /** The add-on, for `addon-objects`. */
  readonly addon?: AddonName;
  /** The service, for `service`. */
  readonly service?: string;
  /** The objects of the folder and of every folder it includes (see `folderObjects`). */
  readonly objects: readonly KubeObject[];
  readonly needs: ComponentNeeds;
}

/** An add-on's pinned chart, installed as Argo CD installs it. */
export interface ChartComponent extends ComponentBase {
  readonly kind: 'chart';
  readonly addon: AddonName;
  /** Chart repository: https, or an OCI registry written without `oci://` (as Argo CD takes it; see `oci`). */
  readonly repoUrl: string;
  readonly chart: string;
  /** The exact version the catalog pins. */
  readonly version: string;
  /** Whether `repoUrl` is an OCI registry. */
  readonly oci: boolean;
  /** The release name: the add-on's name, as the ApplicationSet sets it. */
  readonly releaseName: string;
  /** The add-on's namespace (the Application's destination). */
  readonly namespace: string;
  /** Argo CD creates the namespace (`CreateNamespace=true`). */
  readonly createNamespace: true;
  /**
   * Labels of the namespace when the component creates it: its Pod Security
   * labels (`namespaceLabels`), as the ApplicationSet's `managedNamespaceMetadata`
   * and Flux's namespaces Kustomization write them.
   * @default - none: a namespace fleetwright does not label
   */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  /** Whether the chart is applied server-side (charts whose CRDs are too large for client-side apply). */
  readonly serverSideApply: boolean;
  /** Fields left to controllers (HPA-managed replicas), as the Application's `ignoreDifferences`. */
  readonly ignoreDifferences: readonly { readonly group: string; readonly kind: string; readonly jsonPointers: readonly string[] }[];
  /** Values merged as Argo CD merges them: base, overlay, cluster files, then the templated values filled in. */
  readonly values: HelmValues;
  readonly needs: ComponentNeeds;
}

/**
 * Something Argo CD delivers from outside the rendered tree, or that it
 * renders at sync time; a backend that applies objects directly cannot render
 * it and must refuse or skip it explicitly.
 */
export interface ExternalComponent extends ComponentBase {
  readonly kind: 'external';
  /**
   * `app`: an app's Application; `dr-copy`: its copy of a primary's Application on a standby;
   * `preview`: an app's pull-request previews; `karmada`: the hub's objects for Karmada's API server.
   */
  readonly role: 'app' | 'dr-copy' | 'preview' | 'karmada';
  /** Why a direct apply cannot render it. */
  readonly reason: string;
  readonly repoUrl: string;
  /** The revision Argo CD syncs; for previews, each pull request's head commit. */
  readonly revision: string;
  /** Path in the repository (for service folders: relative to each folder). */
  readonly path: string;
  /** Destination namespace (a template for per-folder services and previews). */
  readonly namespace: string;
  readonly app?: string;
  /** The app's service, for apps with `services`. */
  readonly service?: string;
  /** The folder pattern whose matches are the app's services (`serviceDirectories`). */
  readonly serviceDirectories?: string;
  /** For DR copies: the primary whose configuration is copied. */
  readonly primary?: string;
  /** For DR copies: every Deployment's replicas (a kustomize patch Argo CD applies). */
  readonly replicas?: number;
  /**
   * The folder of the tree it stands for: for previews, the preview namespace
   * Argo CD renames per pull request; for `karmada`, the objects for Karmada.
   */
  readonly folder?: string;
  /** For `karmada`: the API server the objects are applied to. */
  readonly server?: string;
  /**
   * For an app's components (`app`, `dr-copy`, `preview`) when it has a default-deny
   * NetworkPolicy: the fleet repository's folder the same Application applies to its
   * destination namespace beside the app's manifests, and its objects (namespace-less).
   * @default - none: the app has `networkPolicy: false`, or it is no app
   */
  readonly networkPolicy?: { readonly folder: string; readonly objects: readonly KubeObject[] };
}

export type DeliveryComponent = FolderComponent | ChartComponent | ExternalComponent;

/** Something every component of a cluster relies on that nothing delivered to the cluster provides. */
export interface KindPrerequisite extends KindNeed {
  /** Ids of the components that need it. */
  readonly neededBy: readonly string[];
}

export interface NamespacePrerequisite {
  readonly namespace: string;
  readonly neededBy: readonly string[];
}

/** What reaches one cluster (a spoke or the hub), in delivery order. */
export interface ClusterDelivery {
  readonly cluster: string;
  readonly role: 'hub' | 'spoke';
  /** Every component after the ones it needs: add-on dependencies (sync waves) first, a CRD's chart before objects of its kinds, a namespace's creator before objects in it. */
  readonly components: readonly DeliveryComponent[];
  /**
   * What must be on the cluster before: kinds served by a platform (Argo CD,
   * Cluster API, Karmada, Flux) or by an add-on the cluster does not run, and
   * namespaces no component creates (e.g. Argo CD's own on the hub).
   */
  readonly prerequisites: {
    readonly kinds: readonly KindPrerequisite[];
    readonly namespaces: readonly NamespacePrerequisite[];
  };
}

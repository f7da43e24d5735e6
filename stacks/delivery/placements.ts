/**
 * Where the fleet's pieces land on a cluster, for every engine: the folder of
 * an add-on's objects, a service's overlay, an app's Applications (one per
 * service with `services`), its DR copies on a standby and its pull-request
 * previews. Argo CD's ApplicationSets choose the clusters (`clustersRunning`,
 * `serviceClusters`, `appClusters`, `drCopies`); Flux's Kustomizations and
 * `clusterDelivery` place the pieces with these functions, so the engines and
 * a direct apply cannot drift apart.
 */
import { AppNames, Layout, type AddonName, type App, type Cluster, type Fleet, type Service } from '../../model';
import { serviceApplicationName } from '../../model/delivery/service-rules';
import { ADDONS } from '../addons/catalog';
import { overlayName } from '../addons/overlays';
import type { AddonCluster } from '../addons/spi';
import { appPath } from '../apps/shapes';

/** The folder of an add-on's objects its Application syncs to `cluster`, if it has objects. */
export function addonObjectsFolder(addon: AddonName, cluster: AddonCluster): string | undefined {
  const renderer = ADDONS[addon];
  if (renderer.addClusterObjects) return Layout.clusterAddon(cluster.name, addon);
  if (renderer.addOverlayObjects || renderer.addBaseObjects) return Layout.platformOverlay(addon, overlayName(cluster));
  return undefined;
}

/** A service delivered by Argo CD on one of its clusters (see `serviceClusters`). */
export interface ServicePlacement {
  /** The Application (and Flux Kustomization). */
  readonly name: string;
  /** The environment's overlay of the service, a folder of the tree. */
  readonly folder: string;
  readonly namespace: string;
}

export function servicePlacement(service: Service, cluster: Cluster): ServicePlacement {
  return { name: serviceApplicationName(service.name, cluster.name), folder: Layout.serviceOverlay(service.name, cluster.environment), namespace: service.namespace };
}

/** An app's Application on a cluster, from the app's own repository. */
export interface AppPlacement {
  /** The Application (and Flux Kustomization). */
  readonly name: string;
  /** Path of the manifests in the app's repository. */
  readonly path: string;
  readonly namespace: string;
  /** The service, for apps with `services`. */
  readonly service?: string;
}

/** The Applications of `app` on `cluster` (one of `appClusters`): one, or one per service. */
export function appPlacements(app: App, cluster: Cluster): AppPlacement[] {
  return placements(app, cluster.environment, (service) => (service === undefined ? AppNames.perCluster(app.name, cluster.name) : AppNames.perService(app.name, service, cluster.name)));
}

/** The DR copies of `app`'s Applications on `primary`, for its standby: the primary's environment's paths. */
export function drCopyPlacements(app: App, primary: Cluster): AppPlacement[] {
  return placements(app, primary.environment, (service) => AppNames.drCopy(app.name, primary.name, service));
}

/** Replicas of every Deployment of a DR copy (Argo CD and Flux patch them in). */
export function drReplicas(fleet: Fleet): number {
  return fleet.platform.disasterRecovery?.replicas ?? 1;
}

function placements(app: App, environment: string, name: (service: string | undefined) => string): AppPlacement[] {
  if (app.serviceDirectories !== undefined) {
    throw new Error(
      `placements: the services of app ${app.name} are the folders matching "${app.serviceDirectories}" in ${app.repoUrl}, known only when Argo CD's Git directory generator reads the repository; ` +
        'list them in the app\'s services to place them',
    );
  }
  return (app.services ?? [undefined]).map((service) => ({
    name: name(service),
    path: appPath(app.path, environment, service === undefined ? undefined : { pathValue: service }),
    namespace: service ?? app.namespace,
    ...(service === undefined ? {} : { service }),
  }));
}

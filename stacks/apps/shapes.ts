/**
 * The generator each app shape needs, and the template expressions that read
 * its parameters (Go templates, `missingkey=error`):
 *
 * | app fields | generator | one Application per |
 * | --- | --- | --- |
 * | (none), `clusterSelector` | cluster generator | cluster |
 * | `clusters` | list generator of those clusters | cluster |
 * | `services` | matrix: clusters × list of services | cluster and service |
 * | `serviceDirectories` | matrix: clusters × Git directories | cluster and folder |
 *
 * The list generator renders each cluster with the cluster generator's
 * parameter names, so the cluster parameters (`.name`, the registration labels
 * the project, the path and the rollout waves read) are the same in every
 * shape, matrices included.
 *
 * Service folders are only known to Argo CD: a folder's normalized name
 * (lower-cased, characters other than `a-z0-9.-` replaced by `-`) names its
 * Applications and namespace, so a folder whose normalized name is not a DNS
 * label (a dot, over 63 characters) gets an Application Argo CD cannot sync,
 * reported on that Application alone.
 */
import { ClusterGenerator, type Generator } from '../../constructs/argocd/cluster-generator';
import { GitGenerator } from '../../constructs/argocd/git-generator';
import { ListGenerator } from '../../constructs/argocd/list-generator';
import { MatrixGenerator } from '../../constructs/argocd/matrix-generator';
import { AppNames } from '../../model';
import { ClusterLabel, ClusterParam, type App, type Cluster, type Fleet } from '../../model';

/** What an app's ApplicationSet generates, as template expressions. */
export interface AppShape {
  readonly generator: Generator;
  /** Name of each generated Application. */
  readonly name: string;
  /** Destination namespace: the app's, or the service's. */
  readonly namespace: string;
  /** Path of the manifests in the app's repository. */
  readonly path: string;
}

/** The service parameter of a shape with services, and how it appears in paths. */
interface ServiceDimension {
  readonly generator: Generator;
  /** The service's name (a DNS label for names and namespaces). */
  readonly name: string;
  /** Replaces `{service}` in the path. */
  readonly pathValue: string;
  /** Prefixes the path (the folder, for Git directories). */
  readonly root?: string;
}

/** Template expression of a cluster's environment. */
export const ENVIRONMENT = ClusterParam.label(ClusterLabel.env);

/** Parameter of the list generator of services. */
const SERVICE = '{{ .service }}';

export function appShape(fleet: Fleet, app: App): AppShape {
  const clusters = clusterGenerator(fleet, app);
  const services = serviceDimension(app);
  if (!services) {
    return { generator: clusters, name: AppNames.perCluster(app.name, ClusterParam.name), namespace: app.namespace, path: appPath(app.path, ENVIRONMENT) };
  }
  return {
    // Clusters first: the services (or folders) do not depend on them, and a matrix reads left to right.
    generator: MatrixGenerator.of(clusters, services.generator),
    name: AppNames.perService(app.name, services.name, ClusterParam.name),
    namespace: services.name,
    path: appPath(app.path, ENVIRONMENT, services),
  };
}

/** The clusters of an app: listed (list generator), or selected by registration labels (cluster generator). */
function clusterGenerator(fleet: Fleet, app: App): Generator {
  if (app.clusters) {
    const byName = new Map(fleet.clusters.map((c) => [c.name, c]));
    return ListGenerator.clusters(app.clusters.map((name) => listedCluster(fleet, byName.get(name)!)));
  }
  return ClusterGenerator.select({
    matchLabels: { ...app.clusterSelector?.matchLabels, [ClusterLabel.fleet]: fleet.name, [ClusterLabel.role]: 'spoke' },
    matchExpressions: [
      { key: ClusterLabel.env, operator: 'In', values: app.environments },
      // Standbys run their primaries' apps only, at a low replica count.
      { key: ClusterLabel.standby, operator: 'DoesNotExist' },
      ...(app.clusterSelector?.matchExpressions ?? []),
    ],
  });
}

/** A cluster as the list generator renders it: its name and the registration labels the template reads. */
function listedCluster(fleet: Fleet, cluster: Cluster): { name: string; labels: Record<string, string> } {
  const keys = [...new Set([ClusterLabel.env, ClusterLabel.role, fleet.rollout.label])];
  return { name: cluster.name, labels: Object.fromEntries(keys.filter((k) => cluster.labels[k] !== undefined).map((k) => [k, cluster.labels[k]!])) };
}

function serviceDimension(app: App): ServiceDimension | undefined {
  if (app.services) {
    return { generator: ListGenerator.elements(app.services.map((service) => ({ service }))), name: SERVICE, pathValue: SERVICE };
  }
  if (app.serviceDirectories) {
    const folders = GitGenerator.directories({ repoUrl: app.repoUrl, revision: app.revision, include: [app.serviceDirectories] });
    return { generator: folders, name: folders.param.basenameNormalized, pathValue: folders.param.basename, root: folders.param.path };
  }
  return undefined;
}

/**
 * The app's path with `{env}` and `{service}` replaced; with service folders it is
 * relative to each folder.
 */
export function appPath(path: string, environment: string, service?: Pick<ServiceDimension, 'pathValue' | 'root'>): string {
  const replaced = path.replaceAll('{env}', environment).replaceAll('{service}', service?.pathValue ?? '{service}');
  if (service?.root === undefined) return replaced;
  const relative = replaced === '.' ? '' : replaced.startsWith('./') ? replaced.slice(2) : replaced;
  return relative === '' ? service.root : `${service.root}/${relative}`;
}

/**
 * An Argo CD AppProject: which repositories an application may sync from and
 * which clusters and namespaces it may deploy to.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/
 */
import { ApiObject, type ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { ARGO_API_VERSION, IN_CLUSTER_SERVER, type AppProjectSpec } from './types';

/** A destination the project allows. */
export type ProjectDestination =
  /** A registered cluster, by name. */
  | { readonly cluster: string; readonly namespace: string }
  /** The hub itself. */
  | { readonly inCluster: true; readonly namespace: string };

/** An API group and kind; `*` matches all. */
export interface ResourceKind {
  readonly group: string;
  readonly kind: string;
}

export interface AppProjectProps {
  readonly metadata: ApiObjectMetadata & { readonly name: string; readonly namespace: string };
  readonly description: string;
  /** Repositories applications may use. */
  readonly sourceRepos: readonly string[];
  readonly destinations: readonly ProjectDestination[];
  /**
   * Cluster-scoped kinds applications may create.
   * @default [] (none)
   */
  readonly clusterResources?: readonly ResourceKind[];
}

export class AppProject extends Construct {
  readonly name: string;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: AppProjectProps) {
    super(scope, id);
    const check = new PropsCheck('AppProject', props.metadata.name);
    check.expect(props.sourceRepos.length > 0, 'sourceRepos', props.sourceRepos, 'is empty, so no application could sync', 'list the repositories the project may use');
    check.expect(props.destinations.length > 0, 'destinations', props.destinations, 'is empty, so no application could deploy', 'list the clusters the project may deploy to');
    check.done();
    this.name = props.metadata.name;
    const spec: AppProjectSpec = {
      description: props.description,
      sourceRepos: [...new Set(props.sourceRepos)].sort(),
      destinations: props.destinations.map((d) => ('cluster' in d ? { name: d.cluster, namespace: d.namespace } : { server: IN_CLUSTER_SERVER, namespace: d.namespace })),
      clusterResourceWhitelist: (props.clusterResources ?? []).map((r) => ({ group: r.group, kind: r.kind })),
    };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: ARGO_API_VERSION,
      kind: 'AppProject',
      metadata: props.metadata,
      spec,
    });
  }
}

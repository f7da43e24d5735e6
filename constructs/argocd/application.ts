/**
 * An Argo CD Application, and the spec it shares with ApplicationSet templates.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/application-specification/
 */
import { ApiObject, type ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import type { Destination } from './destination';
import type { Source } from './source';
import { ARGO_API_VERSION, type ApplicationSpec, type IgnoreDifferencesSpec, type SyncPolicySpec } from './types';

export interface ApplicationSpecProps {
  /** Argo CD project the application belongs to. */
  readonly project: string;
  /** One source, or several combined (e.g. a chart and its value files). */
  readonly sources: readonly Source[];
  readonly destination: Destination;
  /**
   * @default - manual sync
   * @see automatedSync
   */
  readonly syncPolicy?: SyncPolicySpec;
  /**
   * Differences Argo CD ignores (e.g. replicas managed by an HPA).
   * @default []
   */
  readonly ignoreDifferences?: IgnoreDifferencesSpec;
}

export interface ApplicationProps extends ApplicationSpecProps {
  /** Name and namespace (Argo CD's namespace) are required. */
  readonly metadata: ApiObjectMetadata & { readonly name: string; readonly namespace: string };
  /**
   * Add Argo CD's resources finalizer, so that deleting the Application deletes what it deployed.
   * @default false (deleting the Application leaves its objects in place)
   */
  readonly cascadeDelete?: boolean;
}

export class Application extends Construct {
  readonly name: string;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ApplicationProps) {
    super(scope, id);
    checkSpecProps('Application', props.metadata.name, props);
    this.name = props.metadata.name;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: ARGO_API_VERSION,
      kind: 'Application',
      metadata: {
        ...props.metadata,
        ...(props.cascadeDelete ? { finalizers: ['resources-finalizer.argocd.argoproj.io'] } : {}),
      },
      spec: applicationSpec(props),
    });
  }
}

/** The `spec` of an Application (or of an ApplicationSet's template). */
export function applicationSpec(props: ApplicationSpecProps): ApplicationSpec {
  return {
    project: props.project,
    ...(props.sources.length === 1 ? { source: props.sources[0]!.spec } : { sources: props.sources.map((s) => s.spec) }),
    destination: props.destination.spec,
    ...(props.syncPolicy ? { syncPolicy: props.syncPolicy } : {}),
    ...(props.ignoreDifferences && props.ignoreDifferences.length > 0 ? { ignoreDifferences: props.ignoreDifferences } : {}),
  };
}

export function checkSpecProps(kind: string, name: string, props: ApplicationSpecProps): void {
  const check = new PropsCheck(kind, name);
  check.expect(props.project.length > 0, 'project', props.project, 'is empty', 'name an AppProject');
  check.expect(props.sources.length > 0, 'sources', [], 'is empty', 'add the source of the manifests');
  props.sources.forEach((source, i) => {
    const { repoURL, targetRevision, path } = source.spec;
    check.expect(repoURL.length > 0, `sources[${i}].repoUrl`, repoURL, 'is empty', 'set the repository URL');
    check.expect(targetRevision !== '', `sources[${i}].revision`, targetRevision, 'is empty', 'set a branch, tag, commit or chart version');
    check.expect(!path?.startsWith('/'), `sources[${i}].path`, path, 'is absolute', 'use a path relative to the repository root');
  });
  check.done();
}

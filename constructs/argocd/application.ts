/**
 * An Argo CD Application, and the spec it shares with ApplicationSet templates.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/application-specification/
 */
import { ApiObject, type ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import type { Destination } from './destination';
import { ARGO_API_VERSION, type ApplicationSpec, type IgnoreDifferencesSpec, type SyncPolicySpec } from './types';

/** A Git source: a folder of plain manifests or a kustomization. */
export interface GitSource {
  /** Repository URL. */
  readonly repoUrl: string;
  /** Branch, tag or commit. */
  readonly revision: string;
  /** Folder in the repository. */
  readonly path: string;
}

export interface ApplicationSpecProps {
  /** Argo CD project the application belongs to. */
  readonly project: string;
  readonly source: GitSource;
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
    source: { repoURL: props.source.repoUrl, targetRevision: props.source.revision, path: props.source.path },
    destination: props.destination.spec,
    ...(props.syncPolicy ? { syncPolicy: props.syncPolicy } : {}),
    ...(props.ignoreDifferences && props.ignoreDifferences.length > 0 ? { ignoreDifferences: props.ignoreDifferences } : {}),
  };
}

export function checkSpecProps(kind: string, name: string, props: ApplicationSpecProps): void {
  const check = new PropsCheck(kind, name);
  check.expect(props.project.length > 0, 'project', props.project, 'is empty', 'name an AppProject');
  check.expect(props.source.repoUrl.length > 0, 'source.repoUrl', props.source.repoUrl, 'is empty', 'set the repository URL');
  check.expect(props.source.revision.length > 0, 'source.revision', props.source.revision, 'is empty', 'set a branch, tag or commit');
  check.expect(!props.source.path.startsWith('/'), 'source.path', props.source.path, 'is absolute', 'use a path relative to the repository root');
  check.done();
}

/**
 * A Flux GitRepository: source-controller fetches one reference of a Git
 * repository every `interval` and offers it as an artifact to the
 * Kustomizations that build from it.
 * @see https://fluxcd.io/flux/components/source/gitrepositories/
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { checkFluxObject, fluxMetadata, SOURCE_API_VERSION, type FluxObjectProps, type KustomizationSourceRef } from './api';

/** Which reference of the repository Flux checks out (`spec.ref`). */
export class GitReference {
  /** A branch, followed as it moves. */
  static branch(name: string): GitReference {
    return new GitReference({ branch: name });
  }

  /** A tag. */
  static tag(name: string): GitReference {
    return new GitReference({ tag: name });
  }

  /** One commit (40 hexadecimal digits). */
  static commit(sha: string): GitReference {
    return new GitReference({ commit: sha });
  }

  /** A full reference such as `refs/heads/main` or `refs/pull/42/head`. */
  static name(ref: string): GitReference {
    return new GitReference({ name: ref });
  }

  /**
   * The reference a revision written as Argo CD's `targetRevision` means: a commit for 40
   * hexadecimal digits, the reference itself for `refs/…`, a tag for a version such as
   * `v1.2.0` or `1.2`, else a branch. (Argo CD resolves a bare name as a branch or a tag;
   * Flux must be told which, so write other tags as `refs/tags/<tag>`.)
   */
  static fromRevision(revision: string): GitReference {
    if (/^[0-9a-f]{40}$/.test(revision)) return GitReference.commit(revision);
    if (revision.startsWith('refs/')) return GitReference.name(revision);
    if (/^v?\d+\.\d+(\.\d+)?([-+][0-9A-Za-z.-]+)?$/.test(revision)) return GitReference.tag(revision);
    return GitReference.branch(revision);
  }

  private constructor(readonly spec: { readonly branch?: string; readonly tag?: string; readonly commit?: string; readonly name?: string }) {}
}

/**
 * The URL as Flux takes it: `http(s)://` or `ssh://`. The scp-like form Git
 * and Argo CD also accept (`git@github.com:acme/fleet.git`) is rewritten to
 * the same repository as an ssh URL (`ssh://git@github.com/acme/fleet.git`).
 */
export function fluxGitUrl(url: string): string {
  const scp = /^([\w.-]+@)?([\w.-]+):(?!\/\/)(.+)$/.exec(url);
  if (scp && !/^[a-z]+:\/\//.test(url)) return `ssh://${scp[1] ?? ''}${scp[2]}/${scp[3]!.replace(/^\//, '')}`;
  return url;
}

export interface GitRepositoryProps extends FluxObjectProps {
  /** The repository: `https://`, `http://` or `ssh://` (see {@link fluxGitUrl} for the scp-like form). */
  readonly url: string;
  /** The reference to check out. */
  readonly ref: GitReference;
  /**
   * Secret with the credentials of a private repository (in the same namespace).
   * @default - none: a public repository
   */
  readonly secretName?: string;
}

export class GitRepository extends Construct {
  readonly apiObject: ApiObject;
  /** How Kustomizations point at this repository. */
  readonly ref: KustomizationSourceRef;

  constructor(scope: Construct, id: string, props: GitRepositoryProps) {
    super(scope, id);
    const check = new PropsCheck('GitRepository', props.name);
    checkFluxObject(check, props, 253);
    check.expect(/^(https?|ssh):\/\/\S+$/.test(props.url), 'url', props.url, 'is not a URL Flux can clone', 'use https://, http:// or ssh:// (rewrite git@host:org/repo.git with fluxGitUrl)');
    check.expect(Object.values(props.ref.spec).every((v) => v !== ''), 'ref', props.ref.spec, 'is empty', 'name a branch, tag, commit or reference');
    check.done();
    this.ref = { kind: 'GitRepository', name: props.name, namespace: props.namespace };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: SOURCE_API_VERSION,
      kind: 'GitRepository',
      metadata: fluxMetadata(props),
      spec: {
        interval: props.interval,
        url: props.url,
        ref: { ...props.ref.spec },
        ...(props.secretName ? { secretRef: { name: props.secretName } } : {}),
      },
    });
  }
}

/**
 * The ApplicationSet Git directory generator: one parameter set per folder of
 * a repository matching a path pattern (e.g. every `services/*` folder). With
 * `goTemplate` each set holds `.path.path` (the folder, relative to the
 * repository root), `.path.basename` (its last segment),
 * `.path.basenameNormalized` (the basename lower-cased, characters other than
 * `a-z0-9.-` replaced by `-`) and `.path.segments`; with a `pathParamPrefix`
 * they move under `.<prefix>.path`.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Git/
 */
import { GeneratorCheck, type Generator } from './cluster-generator';
import type { ApplicationSetGeneratorSpec } from './types';

export interface GitDirectoriesProps {
  readonly repoUrl: string;
  /** Branch, tag or commit the folders are read at. */
  readonly revision: string;
  /** Path patterns of the folders (`*` matches one segment, `**` several), e.g. `services/*`. */
  readonly include: readonly string[];
  /**
   * Patterns of folders left out even when `include` matches them.
   * @default []
   */
  readonly exclude?: readonly string[];
  /**
   * Moves the parameters under `.<prefix>.path`, so that two Git generators in one matrix
   * do not produce the same keys.
   * @default - none
   */
  readonly pathParamPrefix?: string;
  /**
   * How often the repository is polled when no webhook triggers the controller.
   * @default - Argo CD's default (every 3 minutes)
   */
  readonly requeueAfterSeconds?: number;
}

/** Go-template expressions reading a Git directory generator's parameters. */
export interface GitDirectoryParams {
  /** The folder, relative to the repository root. */
  readonly path: string;
  /** Its last segment, as written. */
  readonly basename: string;
  /** Its last segment usable in a Kubernetes name. */
  readonly basenameNormalized: string;
}

export class GitGenerator implements Generator {
  /** One parameter set per folder matching `include` and not `exclude`. */
  static directories(props: GitDirectoriesProps): GitGenerator {
    const check = new GeneratorCheck('GitGenerator');
    check.expect(props.repoUrl.length > 0, 'repoUrl', props.repoUrl, 'is empty', 'set the repository URL');
    check.expect(props.revision.length > 0, 'revision', props.revision, 'is empty', 'set a branch, tag or commit');
    check.expect(props.include.length > 0, 'include', props.include, 'is empty, so no folder would be found', 'give a pattern such as "services/*"');
    for (const [option, patterns] of [['include', props.include], ['exclude', props.exclude ?? []]] as const) {
      patterns.forEach((p, i) => {
        const relative = p !== '' && !p.startsWith('/') && !p.split('/').includes('..');
        check.expect(relative, `${option}[${i}]`, p, 'is not a path relative to the repository root', 'write it like "services/*"');
      });
    }
    const prefix = props.pathParamPrefix;
    check.expect(prefix === undefined || /^[A-Za-z_][A-Za-z0-9_]*$/.test(prefix), 'pathParamPrefix', prefix, 'is not a Go identifier, so the template could not read it', 'use letters, digits and _');
    const requeue = props.requeueAfterSeconds;
    check.expect(requeue === undefined || (Number.isInteger(requeue) && requeue > 0), 'requeueAfterSeconds', requeue, 'is not a positive whole number of seconds', 'use e.g. 180');
    check.done();
    return new GitGenerator(
      {
        git: {
          repoURL: props.repoUrl,
          revision: props.revision,
          directories: [...props.include.map((path) => ({ path })), ...(props.exclude ?? []).map((path) => ({ path, exclude: true }))],
          ...(prefix !== undefined ? { pathParamPrefix: prefix } : {}),
          ...(requeue !== undefined ? { requeueAfterSeconds: requeue } : {}),
        },
      },
      prefix,
    );
  }

  /** Template expressions for this generator's parameters. */
  readonly param: GitDirectoryParams;

  private constructor(
    readonly spec: ApplicationSetGeneratorSpec,
    /** The `pathParamPrefix`, if any. */
    readonly pathParamPrefix: string | undefined,
  ) {
    const root = pathParamPrefix === undefined ? '.path' : `.${pathParamPrefix}.path`;
    this.param = {
      path: `{{ ${root}.path }}`,
      basename: `{{ ${root}.basename }}`,
      basenameNormalized: `{{ ${root}.basenameNormalized }}`,
    };
  }
}

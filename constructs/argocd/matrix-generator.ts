/**
 * The ApplicationSet matrix generator: every combination of the parameter sets
 * of two child generators, merged into one set each (e.g. every cluster × every
 * service). Argo CD combines exactly two children; a child may itself be a
 * matrix only once (no third level); the second child may read the first's
 * parameters (never the reverse); two Git children must not produce the same
 * keys, so at least one needs a `pathParamPrefix`. If either child produces
 * nothing, the matrix produces nothing.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Matrix/
 */
import { GeneratorCheck, type Generator } from './cluster-generator';
import type { ApplicationSetGeneratorSpec } from './types';

type MatrixSpec = NonNullable<ApplicationSetGeneratorSpec['matrix']>;
type NestedSpec = MatrixSpec['generators'][number];

export class MatrixGenerator implements Generator {
  /** Every parameter set of `first` combined with every parameter set of `second`. */
  static of(first: Generator, second: Generator): MatrixGenerator {
    const check = new GeneratorCheck('MatrixGenerator');
    const children = [first, second];
    children.forEach((child, i) => {
      const inner = child.spec.matrix?.generators ?? [];
      check.expect(
        !inner.some((g) => g.matrix !== undefined || g.merge !== undefined),
        `generators[${i}]`,
        'matrix',
        'nests combination generators two levels deep, which Argo CD does not process',
        'nest a matrix at most once',
      );
    });
    const gitPrefixes = children.filter((c) => c.spec.git !== undefined).map((c) => c.spec.git!.pathParamPrefix ?? '');
    if (gitPrefixes.length === 2 && gitPrefixes[0] === gitPrefixes[1]) {
      check.add(
        `generators are two Git generators with the same path parameters (${gitPrefixes[0] === '' ? 'no pathParamPrefix' : `pathParamPrefix ${JSON.stringify(gitPrefixes[0])}`}), which Argo CD refuses to combine; give one of them a different pathParamPrefix`,
      );
    }
    check.done();
    return new MatrixGenerator({ matrix: { generators: children.map((c) => nested(c.spec)) } });
  }

  private constructor(readonly spec: ApplicationSetGeneratorSpec) {}
}

/** A generator as a matrix child: the same fields, a nested matrix as plain JSON. */
function nested(spec: ApplicationSetGeneratorSpec): NestedSpec {
  return spec as unknown as NestedSpec;
}

/**
 * Construct-level validation. Constructs check their props when they are
 * created and report every problem at once, naming the construct, the prop,
 * the value and the fix.
 */

export class ConstructPropsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConstructPropsError';
  }
}

/**
 * Collects problems with a construct's props.
 *
 * @example
 * const props = new PropsCheck('KubeadmControlPlane', name);
 * props.expect(replicas % 2 === 1, 'replicas', replicas, 'must be odd so etcd keeps quorum', 'use 1, 3 or 5');
 * props.done();
 */
export class PropsCheck {
  private readonly problems: string[] = [];

  constructor(private readonly kind: string, private readonly name: string) {}

  /** Records a problem unless `ok`. */
  expect(ok: boolean, prop: string, value: unknown, problem: string, fix: string): void {
    if (!ok) {
      this.problems.push(`${this.kind} "${this.name}": ${prop} ${formatValue(value)} ${problem}; ${fix}`);
    }
  }

  /** Throws a {@link ConstructPropsError} with every recorded problem. */
  done(): void {
    if (this.problems.length > 0) throw new ConstructPropsError(this.problems);
  }
}

function formatValue(value: unknown): string {
  return value === undefined ? '(missing)' : JSON.stringify(value);
}

/**
 * How the program fails on bad input: one `RunError` listing every problem,
 * which the Pulumi runtime prints as it is, without a stack trace (`run.js`
 * logs `err.message` for RunErrors), before any resource is registered.
 */
import * as pulumi from '@pulumi/pulumi';

export class StackConfigError extends pulumi.RunError {
  /**
   * @param stack the stack's name
   * @param problems one line each: the config key (or the definition's field path), the value and the fix
   */
  constructor(readonly stackName: string, readonly problems: readonly string[]) {
    super(
      `stack ${stackName} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was created:\n` +
        problems.map((p) => `  ✖ ${p}`).join('\n'),
    );
    this.name = 'StackConfigError';
  }
}

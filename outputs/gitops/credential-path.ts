/**
 * Field paths of credential findings: keys and indexes from the top of a
 * file's object, and {@link INSIDE} where the scan entered a string that
 * holds JSON, YAML, base64 or `key=value` text. Printed like
 * `stringData.config → bearerToken` or `data.kubeconfig → users[0].user.token`.
 */

/** Entering the content of a string (JSON, YAML, base64, `key=value` text). */
export const INSIDE: unique symbol = Symbol('inside');

export type Segment = string | number | typeof INSIDE;

/** Keys printed as `.key`; others as `["key"]`. */
const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** `['stringData', 'config', INSIDE, 'bearerToken']` → `stringData.config → bearerToken`; `''` for the file itself. */
export function formatField(path: readonly Segment[]): string {
  let out = '';
  let entered = true;
  for (const segment of path) {
    if (segment === INSIDE) {
      if (!entered) out += ' → ';
      entered = true;
    } else if (typeof segment === 'number') {
      out += `[${segment}]`;
      entered = false;
    } else {
      out += IDENTIFIER.test(segment) ? (entered ? segment : `.${segment}`) : `[${JSON.stringify(segment)}]`;
      entered = false;
    }
  }
  return out.endsWith(' → ') ? out.slice(0, -3) : out;
}

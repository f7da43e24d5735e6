/**
 * Content-derived names for Cluster API templates, the way ClusterClass names
 * them: infrastructure providers refuse edits to a machine template's
 * `spec.template.spec`, and edits to a KubeadmConfigTemplate do not roll the
 * machines. A template named after its content is replaced instead of edited,
 * and the reference to it moves, which rolls the machines.
 * @see https://cluster-api.sigs.k8s.io/tasks/updating-machine-templates
 */
import { createHash } from 'node:crypto';
import { Names } from '../../model/names';

/** Hex characters of the SHA-256 kept in the name. */
export const CONTENT_HASH_LENGTH = 8;

/**
 * JSON of `value` with the keys of every object sorted (arrays keep their
 * order). Keys whose value is `undefined` are left out, as `JSON.stringify`
 * and cdk8s leave them out.
 * @throws TypeError for values JSON cannot carry (functions, symbols, bigints, non-finite numbers).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
      return `{${Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`)
        .join(',')}}`;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  }
}

/** The first {@link CONTENT_HASH_LENGTH} hex characters of the SHA-256 of `spec`'s {@link canonicalJson}. */
export function contentHash(spec: unknown): string {
  return createHash('sha256').update(canonicalJson(spec)).digest('hex').slice(0, CONTENT_HASH_LENGTH);
}

/** `<owner>-<contentHash(spec)>`: the name of a template whose `spec` is `spec`, used by `owner`. */
export function contentName(owner: string, spec: unknown): string {
  return Names.templateName(owner, contentHash(spec));
}

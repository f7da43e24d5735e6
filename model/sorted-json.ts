/**
 * JSON with the keys of every object sorted, at every depth, so that JSON
 * fleetwright writes (Grafana's files in ConfigMaps, `plan --format json`)
 * is byte for byte the same whatever order its parts were built in.
 */
import type { JsonValue } from './addons/options';

/** `value` as indented JSON, object keys sorted (array order kept: it is meaningful). */
export function sortedJson(value: JsonValue): string {
  return `${JSON.stringify(sortKeys(value), undefined, 2)}\n`;
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const object = value as { readonly [key: string]: JsonValue };
    return Object.fromEntries(Object.keys(object).sort().map((key) => [key, sortKeys(object[key]!)]));
  }
  return value;
}

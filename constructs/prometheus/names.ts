/**
 * Prometheus' name syntax, for label names (external labels, replica labels,
 * alert labels) and alert names.
 * @see https://prometheus.io/docs/concepts/data_model/#metric-names-and-labels
 */

/** A label name: letters, digits and `_`, not starting with a digit; `__` prefixes are reserved. */
export function isLabelName(name: string): boolean {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name) && !name.startsWith('__');
}

/** An alert name: the syntax of a metric name. */
export function isAlertName(name: string): boolean {
  return /^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name);
}

/** Durations as Prometheus and Thanos write them: `30s`, `5m`, `1h`. */
import type { Duration } from 'cdk8s';

export function promDuration(d: Duration): string {
  const seconds = d.toSeconds();
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

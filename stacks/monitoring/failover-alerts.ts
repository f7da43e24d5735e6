/**
 * The disaster-recovery alerts: one per primary (a spoke with a `drPartner`),
 * firing when no API server of the primary answers its Prometheus, or when its
 * metrics stop reaching the hub. Evaluated on the hub against Thanos Query,
 * the only place that sees every cluster.
 */
import { Duration } from 'cdk8s';
import type { AlertingRule } from '../../constructs/prometheus/prometheus-rule';
import type { Fleet } from '../../model';
import { CLUSTER_LABEL } from './conventions';

export const FAILOVER_ALERT = 'PrimaryClusterAPIServerDown';

/** How long a primary's API server must be unseen before the alert fires. */
const FOR = Duration.minutes(5);

export function failoverAlerts(fleet: Fleet): AlertingRule[] {
  return fleet.clusters.flatMap((cluster) => {
    const partner = cluster.drPartner;
    if (partner === undefined) return [];
    return [
      {
        alert: FAILOVER_ALERT,
        // kube-prometheus-stack scrapes the API server as job "apiserver". absent(… == 1) fires when
        // none answers and when the cluster's series are gone altogether (its sidecar unreachable).
        expr: `absent(up{job="apiserver", ${CLUSTER_LABEL}="${cluster.name}"} == 1)`,
        for: FOR,
        labels: { severity: 'critical', [CLUSTER_LABEL]: cluster.name, dr_partner: partner },
        annotations: {
          summary: `The API server of ${cluster.name} is down; its disaster-recovery partner is ${partner}`,
          description: `No API server of ${cluster.name} has answered its Prometheus for ${FOR.toMinutes()} minutes, or its metrics no longer reach the hub. Its disaster-recovery partner ${partner} stands by with its apps: fail over to ${partner}.`,
        },
      },
    ];
  });
}

/**
 * A Grafana dashboard as a ConfigMap that Grafana's dashboard sidecar loads.
 * The JSON model is written with sorted keys, so the same dashboard is the
 * same file.
 * @see https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { JsonValue } from '../../model';
import { PropsCheck } from '../errors';
import { GRAFANA_SIDECAR_LABELS, type SidecarLabel } from './sidecar';
import { sortedJson } from '../../model/sorted-json';

/** A dashboard's JSON model: its `uid` and `title`, and whatever else Grafana reads. */
export type DashboardModel = { readonly uid: string; readonly title: string } & { readonly [key: string]: JsonValue };

export interface GrafanaDashboardProps {
  /** Name of the ConfigMap (and of its file, `<name>.json`). */
  readonly name: string;
  /** A namespace Grafana's dashboard sidecar watches. */
  readonly namespace: string;
  readonly dashboard: DashboardModel;
  /** @default GRAFANA_SIDECAR_LABELS.dashboard (`grafana_dashboard: "1"`) */
  readonly sidecarLabel?: SidecarLabel;
}

export class GrafanaDashboard extends Construct {
  readonly uid: string;
  readonly configMap: k8s.KubeConfigMap;

  constructor(scope: Construct, id: string, props: GrafanaDashboardProps) {
    super(scope, id);
    const check = new PropsCheck('GrafanaDashboard', props.name);
    check.expect(/^[A-Za-z0-9_-]{1,40}$/.test(props.dashboard.uid), 'dashboard.uid', props.dashboard.uid, 'is not a Grafana uid', 'use at most 40 letters, digits, - or _');
    check.expect(props.dashboard.title.trim() !== '', 'dashboard.title', props.dashboard.title, 'is empty', 'give the dashboard a title');
    check.done();
    this.uid = props.dashboard.uid;
    const label = props.sidecarLabel ?? GRAFANA_SIDECAR_LABELS.dashboard;
    this.configMap = new k8s.KubeConfigMap(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: { [label.key]: label.value } },
      data: { [`${props.name}.json`]: sortedJson(props.dashboard) },
    });
  }
}

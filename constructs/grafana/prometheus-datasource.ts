/**
 * A Prometheus-API datasource (Prometheus, Thanos Query) for Grafana, as a
 * provisioning file in a ConfigMap that Grafana's datasource sidecar loads.
 * The file is JSON (which is YAML) with sorted keys.
 * @see https://grafana.com/docs/grafana/latest/administration/provisioning/#data-sources
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { GRAFANA_SIDECAR_LABELS, type SidecarLabel } from './sidecar';
import { sortedJson } from '../../model/sorted-json';

export interface PrometheusDatasourceProps {
  /** Name of the ConfigMap. */
  readonly name: string;
  /** Namespace Grafana's datasource sidecar watches (kube-prometheus-stack's own). */
  readonly namespace: string;
  /** Name shown in Grafana. */
  readonly datasourceName: string;
  /** Stable id dashboards refer to (at most 40 letters, digits, `-` or `_`). */
  readonly uid: string;
  /** URL of the Prometheus HTTP API, e.g. `http://thanos-query.monitoring.svc:10902`. */
  readonly url: string;
  /**
   * Whether it is the default datasource (Grafana allows one per organization).
   * @default false
   */
  readonly isDefault?: boolean;
  /** @default GRAFANA_SIDECAR_LABELS.datasource (`grafana_datasource: "1"`) */
  readonly sidecarLabel?: SidecarLabel;
}

export class PrometheusDatasource extends Construct {
  readonly uid: string;
  readonly configMap: k8s.KubeConfigMap;

  constructor(scope: Construct, id: string, props: PrometheusDatasourceProps) {
    super(scope, id);
    const check = new PropsCheck('PrometheusDatasource', props.name);
    check.expect(/^[A-Za-z0-9_-]{1,40}$/.test(props.uid), 'uid', props.uid, 'is not a Grafana uid', 'use at most 40 letters, digits, - or _');
    check.expect(/^https?:\/\/[^\s/]+(\/\S*)?$/.test(props.url), 'url', props.url, 'is not an http(s) URL', 'give the Prometheus API address, e.g. "http://thanos-query.monitoring.svc:10902"');
    check.expect(props.datasourceName.trim() !== '', 'datasourceName', props.datasourceName, 'is empty', 'name the datasource as users should see it');
    check.done();

    this.uid = props.uid;
    const label = props.sidecarLabel ?? GRAFANA_SIDECAR_LABELS.datasource;
    const file = {
      apiVersion: 1,
      datasources: [
        {
          name: props.datasourceName,
          uid: props.uid,
          type: 'prometheus',
          access: 'proxy',
          url: props.url,
          isDefault: props.isDefault ?? false,
          editable: false,
          jsonData: { httpMethod: 'POST' },
        },
      ],
    };
    this.configMap = new k8s.KubeConfigMap(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: { [label.key]: label.value } },
      data: { [`${props.name}.yaml`]: sortedJson(file) },
    });
  }
}

/**
 * A ServiceMonitor: Prometheus Operator scrapes the Services it selects.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitor
 */
import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor' with { 'resolution-mode': 'import' };
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { MONITORING_API_VERSION, SKIP_DRY_RUN_ON_MISSING_RESOURCE } from './types';

export interface ServiceMonitorProps {
  readonly name: string;
  readonly namespace: string;
  /** Labels the Prometheus's serviceMonitorSelector matches (kube-prometheus-stack: `release: <release>`). */
  readonly labels: Readonly<Record<string, string>>;
  /** Labels of the Services to scrape. */
  readonly selector: Readonly<Record<string, string>>;
  /** Name of the Services' port to scrape. */
  readonly port: string;
}

export class ServiceMonitor extends Construct {
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ServiceMonitorProps) {
    super(scope, id);
    const check = new PropsCheck('ServiceMonitor', props.name);
    check.expect(Object.keys(props.selector).length > 0, 'selector', props.selector, 'is empty, so it would scrape every Service of the namespace', 'select the Services by their labels');
    check.done();
    const spec: IServiceMonitor['spec'] = {
      selector: { matchLabels: { ...props.selector } },
      namespaceSelector: { matchNames: [props.namespace] },
      endpoints: [{ port: props.port }],
    };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: MONITORING_API_VERSION,
      kind: 'ServiceMonitor',
      // The CRD comes with kube-prometheus-stack, which Argo CD may install after this object's first sync.
      metadata: { name: props.name, namespace: props.namespace, labels: { ...props.labels }, annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } },
      spec,
    });
  }
}

/**
 * A ThanosRuler (Prometheus Operator): evaluates the PrometheusRules its
 * `ruleSelector` picks against Thanos Query, so rules can see every cluster
 * the Query reads, and sends the alerts to Alertmanager.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ThanosRuler
 */
import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { checkImage, imageVersion, isThanosAddress } from '../thanos/component';
import { promDuration } from './duration';
import { MONITORING_API_VERSION, SKIP_DRY_RUN_ON_MISSING_RESOURCE, type ThanosRulerSpec } from './types';

export interface ThanosRulerProps {
  readonly name: string;
  readonly namespace: string;
  /** Thanos image, pinned, e.g. `quay.io/thanos/thanos:v0.42.0`. */
  readonly image: string;
  /** Thanos Query HTTP addresses (`host:port`, or `dns+host:port`) the rules are evaluated against. */
  readonly queryEndpoints: readonly string[];
  /** Alertmanager URLs the alerts go to, e.g. `http://alertmanager.monitoring.svc:9093`. */
  readonly alertmanagerUrls: readonly string[];
  /**
   * Labels a PrometheusRule must carry to be evaluated (in the ruler's namespace). Required:
   * an empty selector would pick every rule of the namespace, the cluster's own included.
   */
  readonly ruleSelector: Readonly<Record<string, string>>;
  /** @default Duration.seconds(30) */
  readonly evaluationInterval?: Duration;
  /** @default 1 */
  readonly replicas?: number;
}

export class ThanosRuler extends Construct {
  readonly name: string;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ThanosRulerProps) {
    super(scope, id);
    const replicas = props.replicas ?? 1;
    const check = new PropsCheck('ThanosRuler', props.name);
    checkImage(check, props.image);
    check.expect(props.queryEndpoints.length > 0, 'queryEndpoints', props.queryEndpoints, 'is empty', 'give the Thanos Query to evaluate the rules against');
    props.queryEndpoints.forEach((endpoint, i) => check.expect(isThanosAddress(endpoint), `queryEndpoints[${i}]`, endpoint, 'is not a query address', 'use host:port, e.g. "thanos-query.monitoring.svc:10902"'));
    check.expect(props.alertmanagerUrls.length > 0, 'alertmanagerUrls', props.alertmanagerUrls, 'is empty', 'give the Alertmanager the alerts go to');
    props.alertmanagerUrls.forEach((url, i) => check.expect(/^(dns\+|dnssrv\+)?https?:\/\/[^\s/]+$/.test(url), `alertmanagerUrls[${i}]`, url, 'is not an Alertmanager URL', 'use scheme://host:port, e.g. "http://alertmanager.monitoring.svc:9093"'));
    const selector = Object.keys(props.ruleSelector);
    check.expect(selector.length > 0, 'ruleSelector', props.ruleSelector, 'is empty, so every PrometheusRule of the namespace would be evaluated', 'select the rules by a label of their own');
    check.expect(Number.isInteger(replicas) && replicas >= 1, 'replicas', replicas, 'is not a positive whole number', 'use 1 or more');
    check.done();

    this.name = props.name;
    const version = imageVersion(props.image);
    const spec: ThanosRulerSpec = {
      image: props.image,
      ...(version ? { version } : {}),
      replicas,
      queryEndpoints: [...props.queryEndpoints],
      alertmanagersUrl: [...props.alertmanagerUrls],
      ruleSelector: { matchLabels: { ...props.ruleSelector } },
      evaluationInterval: promDuration(props.evaluationInterval ?? Duration.seconds(30)),
    };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: MONITORING_API_VERSION,
      kind: 'ThanosRuler',
      metadata: { name: props.name, namespace: props.namespace, annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } },
      spec,
    });
  }
}

/**
 * An AnalysisTemplate that measures a canary's HTTP success rate (the share
 * of responses that are not 5xx) in Prometheus and fails below a threshold.
 *
 * The query is PromQL parametrised by arguments (`{{args.<name>}}`) that the
 * Rollout passes when it starts an AnalysisRun; {@link SuccessRateQuery} says
 * which. The metric has no `count`: run as a Rollout's background analysis it
 * measures every `interval` until the rollout is fully promoted, and a failed
 * run aborts the rollout.
 *
 * A window without requests is not a failure: with no series (`len(result) == 0`)
 * or no traffic (0/0 = NaN) the measurement succeeds, so a quiet canary is not
 * aborted; `isNaN` is Argo Rollouts' helper for that case (since v1.0). Both
 * conditions are written out, so every measurement is either successful or
 * failed, never inconclusive (which would pause the rollout for a human).
 * @see https://argo-rollouts.readthedocs.io/en/stable/features/analysis/
 * @see https://argo-rollouts.readthedocs.io/en/stable/analysis/prometheus/
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { formatSeconds, goDurationSeconds } from '../../model/delivery/service-rules';
import { dnsLabel, dnsSubdomain } from '../../model/rules/syntax';
import { expectSyntax } from '../cluster-api/checks';
import { PropsCheck } from '../errors';
import { ROLLOUTS_API_VERSION, SKIP_DRY_RUN_ON_MISSING_RESOURCE, type AnalysisTemplateSpec, type MetricSpec } from './types';

/** Arguments a {@link SuccessRateQuery} reads; the Rollout supplies their values. */
export type SuccessRateArg = 'ingress' | 'canary-upstream' | 'namespace' | 'service' | 'canary-hash';

/** Which requests count as the canary's, and the counter they are read from. */
export class SuccessRateQuery {
  /**
   * ingress-nginx's `nginx_ingress_controller_requests`, for requests the stable Ingress
   * `{{args.ingress}}` sent to the canary: ingress-nginx keeps the stable Ingress and Service
   * in its `ingress` and `service` labels and names the canary backend in its `canary` label
   * (the upstream `<namespace>-<service>-<port>`, empty for the stable backend). The
   * controller's metrics must be scraped (the ingress-nginx add-on does that where
   * kube-prometheus-stack runs).
   * @see https://github.com/kubernetes/ingress-nginx/pull/7696
   */
  static ingressNginx(): SuccessRateQuery {
    return new SuccessRateQuery('ingress-nginx', ['ingress', 'canary-upstream'], 'nginx_ingress_controller_requests', 'ingress="{{args.ingress}}",canary="{{args.canary-upstream}}"', 'status');
  }

  /**
   * The service's own counter, for the canary's pods. The contract with the service: it
   * exposes `http_requests_total` with the HTTP status in a `code` label (the Prometheus
   * client libraries' convention) at `/metrics` on its HTTP port; a ServiceMonitor scrapes it
   * through the Service `{{args.service}}` and copies each pod's `rollouts-pod-template-hash`
   * label onto its series (`rollouts_pod_template_hash`), which tells the canary's pods
   * (`{{args.canary-hash}}`, the latest ReplicaSet) from the stable ones.
   */
  static httpRequestsTotal(): SuccessRateQuery {
    return new SuccessRateQuery(
      'http-requests-total',
      ['namespace', 'service', 'canary-hash'],
      'http_requests_total',
      'namespace="{{args.namespace}}",service="{{args.service}}",rollouts_pod_template_hash="{{args.canary-hash}}"',
      'code',
    );
  }

  private constructor(
    readonly source: 'ingress-nginx' | 'http-requests-total',
    /** The arguments the query reads, in the order the template declares them. */
    readonly args: readonly SuccessRateArg[],
    private readonly counter: string,
    private readonly selector: string,
    private readonly statusLabel: string,
  ) {}

  /** Non-5xx requests over all requests, as rates over `window`. */
  promql(window: string): string {
    const rate = (extra: string) => `sum(rate(${this.counter}{${this.selector}${extra}}[${window}]))`;
    return `${rate(`,${this.statusLabel}!~"5.."`)}\n/\n${rate('')}`;
  }
}

export interface AnalysisTemplateProps {
  /** DNS-1123 subdomain, e.g. `checkout-success-rate`. */
  readonly name: string;
  /** The namespace of the Rollouts that use it (a Rollout reads AnalysisTemplates of its own namespace). */
  readonly namespace: string;
  /**
   * Base URL of the Prometheus HTTP API, e.g. `http://kube-prometheus-stack-prometheus.monitoring.svc:9090`.
   * @see https://argo-rollouts.readthedocs.io/en/stable/analysis/prometheus/
   */
  readonly prometheusAddress: string;
  /** Which requests are the canary's. */
  readonly query: SuccessRateQuery;
  /** The lowest acceptable share of non-5xx responses, in (0, 1], e.g. 0.99 for 99 %. */
  readonly successRate: number;
  /**
   * Time between measurements (a Go duration).
   * @default '1m'
   */
  readonly interval?: string;
  /**
   * Failed measurements tolerated: the analysis fails at failed measurement `failureLimit + 1`.
   * @default 1
   */
  readonly failureLimit?: number;
  /**
   * The range the request rates are computed over (a Go duration).
   * @default - the interval, at least 2m (four scrapes at kube-prometheus-stack's 30 s interval)
   */
  readonly window?: string;
}

/** Smallest default rate window: four scrapes at the Prometheus Operator's default 30 s scrape interval. */
const MIN_DEFAULT_WINDOW_SECONDS = 120;

export class AnalysisTemplate extends Construct {
  readonly name: string;
  readonly namespace: string;
  readonly query: SuccessRateQuery;
  readonly interval: string;
  readonly failureLimit: number;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: AnalysisTemplateProps) {
    super(scope, id);
    const interval = props.interval ?? '1m';
    const failureLimit = props.failureLimit ?? 1;
    const check = new PropsCheck('AnalysisTemplate', props.name);
    expectSyntax(check, 'name', props.name, dnsSubdomain);
    expectSyntax(check, 'namespace', props.namespace, dnsLabel);
    check.expect(/^https?:\/\/[^/\s]+/.test(props.prometheusAddress), 'prometheusAddress', props.prometheusAddress, 'is not an http(s) URL', 'give the base URL of the Prometheus API, e.g. "http://prometheus.monitoring.svc:9090"');
    check.expect(props.successRate > 0 && props.successRate <= 1, 'successRate', props.successRate, 'is not a rate in (0, 1]', 'write e.g. 0.99 for 99 %');
    expectDuration(check, 'interval', interval);
    if (props.window !== undefined) expectDuration(check, 'window', props.window);
    check.expect(Number.isInteger(failureLimit) && failureLimit >= 0, 'failureLimit', failureLimit, 'is not a whole number of measurements', 'use 0 or more');
    check.done();

    this.name = props.name;
    this.namespace = props.namespace;
    this.query = props.query;
    this.interval = interval;
    this.failureLimit = failureLimit;
    const window = props.window ?? formatSeconds(Math.max(goDurationSeconds(interval)!, MIN_DEFAULT_WINDOW_SECONDS));
    const threshold = String(props.successRate);
    const metric: MetricSpec = {
      name: 'success-rate',
      interval,
      failureLimit,
      successCondition: `len(result) == 0 || isNaN(result[0]) || result[0] >= ${threshold}`,
      failureCondition: `len(result) > 0 && !isNaN(result[0]) && result[0] < ${threshold}`,
      provider: { prometheus: { address: props.prometheusAddress, query: props.query.promql(window) } },
    };
    const spec: AnalysisTemplateSpec = { args: props.query.args.map((name) => ({ name })), metrics: [metric] };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: ROLLOUTS_API_VERSION,
      kind: 'AnalysisTemplate',
      metadata: { name: props.name, namespace: props.namespace, annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } },
      spec,
    });
  }

  /** Seconds between measurements. */
  get intervalSeconds(): number {
    return goDurationSeconds(this.interval)!;
  }
}

/** Records a problem unless `value` is a positive Go duration. */
export function expectDuration(check: PropsCheck, prop: string, value: string): void {
  const seconds = goDurationSeconds(value);
  check.expect(seconds !== undefined && seconds > 0, prop, value, 'is not a positive Go duration', 'write it like "5m", "90s" or "1h30m"');
}

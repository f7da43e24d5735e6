import type { Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AnalysisTemplate, SuccessRateQuery, type AnalysisTemplateProps } from '../../constructs/argo-rollouts/analysis-template';
import { Rollout, type RolloutProps } from '../../constructs/argo-rollouts/rollout';
import { ConstructPropsError } from '../../constructs/errors';
import { only, testChart } from '../helpers/synth';

const PROMETHEUS = 'http://kube-prometheus-stack-prometheus.monitoring.svc:9090';
const SKIP_DRY_RUN = { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' };

function analysis(chart: Chart, overrides: Partial<AnalysisTemplateProps> = {}): AnalysisTemplate {
  return new AnalysisTemplate(chart, 'Analysis', {
    name: 'checkout-success-rate',
    namespace: 'shop',
    prometheusAddress: PROMETHEUS,
    query: SuccessRateQuery.ingressNginx(),
    successRate: 0.99,
    ...overrides,
  });
}

const CHECKOUT: RolloutProps = {
  name: 'checkout',
  namespace: 'shop',
  image: 'ghcr.io/acme/checkout:1.4.2',
  port: 8080,
  resources: { cpu: '250m', memory: '256Mi' },
  replicas: 3,
  steps: [5, 10, 30, 60],
};

/** The message of the ConstructPropsError `build` throws. */
function errorOf(build: () => unknown): string[] {
  try {
    build();
  } catch (e) {
    expect(e).toBeInstanceOf(ConstructPropsError);
    return (e as ConstructPropsError).problems as string[];
  }
  throw new Error('expected a ConstructPropsError');
}

describe('AnalysisTemplate', () => {
  it('GIVEN ingress-nginx as the source WHEN synthesized THEN one success-rate metric queries the canary backend of the stable Ingress, with conditions from the threshold', () => {
    const { chart, objects } = testChart();
    analysis(chart, { failureLimit: 2 });
    const template = only(objects(), 'AnalysisTemplate', 'checkout-success-rate');
    expect(template.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(template.metadata).toEqual({ name: 'checkout-success-rate', namespace: 'shop', annotations: SKIP_DRY_RUN });
    expect(template.spec).toEqual({
      args: [{ name: 'ingress' }, { name: 'canary-upstream' }],
      metrics: [
        {
          name: 'success-rate',
          interval: '1m',
          failureLimit: 2,
          successCondition: 'len(result) == 0 || isNaN(result[0]) || result[0] >= 0.99',
          failureCondition: 'len(result) > 0 && !isNaN(result[0]) && result[0] < 0.99',
          provider: {
            prometheus: {
              address: PROMETHEUS,
              query: [
                'sum(rate(nginx_ingress_controller_requests{ingress="{{args.ingress}}",canary="{{args.canary-upstream}}",status!~"5.."}[2m]))',
                '/',
                'sum(rate(nginx_ingress_controller_requests{ingress="{{args.ingress}}",canary="{{args.canary-upstream}}"}[2m]))',
              ].join('\n'),
            },
          },
        },
      ],
    });
  });

  it("GIVEN the service's own counter and a 5m interval WHEN synthesized THEN the query selects the canary's pods by their pod-template hash over a 5m window", () => {
    const { chart, objects } = testChart();
    analysis(chart, { query: SuccessRateQuery.httpRequestsTotal(), successRate: 0.95, interval: '5m', failureLimit: 0 });
    const spec = only(objects(), 'AnalysisTemplate').spec;
    expect(spec.args).toEqual([{ name: 'namespace' }, { name: 'service' }, { name: 'canary-hash' }]);
    expect(spec.metrics[0].interval).toBe('5m');
    expect(spec.metrics[0].failureLimit).toBe(0);
    expect(spec.metrics[0].successCondition).toBe('len(result) == 0 || isNaN(result[0]) || result[0] >= 0.95');
    expect(spec.metrics[0].provider.prometheus.query).toBe(
      [
        'sum(rate(http_requests_total{namespace="{{args.namespace}}",service="{{args.service}}",rollouts_pod_template_hash="{{args.canary-hash}}",code!~"5.."}[5m]))',
        '/',
        'sum(rate(http_requests_total{namespace="{{args.namespace}}",service="{{args.service}}",rollouts_pod_template_hash="{{args.canary-hash}}"}[5m]))',
      ].join('\n'),
    );
  });

  it('GIVEN an explicit window WHEN synthesized THEN the rates use it', () => {
    const { chart, objects } = testChart();
    analysis(chart, { window: '90s' });
    expect(only(objects(), 'AnalysisTemplate').spec.metrics[0].provider.prometheus.query).toContain('"5.."}[90s]))\n/\n');
  });

  it('GIVEN a bad namespace, address, rate, interval, window and failure limit WHEN constructed THEN every problem is reported at once', () => {
    const { chart } = testChart();
    expect(errorOf(() => analysis(chart, { namespace: 'Shop', prometheusAddress: 'prometheus:9090', successRate: 1.5, interval: 'soon', window: '0s', failureLimit: -1 }))).toEqual([
      'AnalysisTemplate "checkout-success-rate": namespace "Shop" is not a DNS-1123 label; use lowercase letters, digits and \'-\', starting and ending with a letter or digit',
      'AnalysisTemplate "checkout-success-rate": prometheusAddress "prometheus:9090" is not an http(s) URL; give the base URL of the Prometheus API, e.g. "http://prometheus.monitoring.svc:9090"',
      'AnalysisTemplate "checkout-success-rate": successRate 1.5 is not a rate in (0, 1]; write e.g. 0.99 for 99 %',
      'AnalysisTemplate "checkout-success-rate": interval "soon" is not a positive Go duration; write it like "5m", "90s" or "1h30m"',
      'AnalysisTemplate "checkout-success-rate": window "0s" is not a positive Go duration; write it like "5m", "90s" or "1h30m"',
      'AnalysisTemplate "checkout-success-rate": failureLimit -1 is not a whole number of measurements; use 0 or more',
    ]);
  });

  it('GIVEN a success rate of 0 WHEN constructed THEN it is refused: nothing could ever fail', () => {
    const { chart } = testChart();
    expect(errorOf(() => analysis(chart, { successRate: 0 }))).toEqual(['AnalysisTemplate "checkout-success-rate": successRate 0 is not a rate in (0, 1]; write e.g. 0.99 for 99 %']);
  });
});

describe('Rollout', () => {
  it('GIVEN weights, a pause, a host and an ingress-nginx analysis WHEN synthesized THEN the canary steps, Services, traffic routing and background analysis are exactly these', () => {
    const { chart, objects } = testChart();
    new Rollout(chart, 'checkout', { ...CHECKOUT, pause: '2m', ingress: { host: 'shop.acme.io' }, analysis: analysis(chart) });
    const rollout = only(objects(), 'Rollout', 'checkout');
    expect(rollout.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(rollout.metadata).toEqual({ name: 'checkout', namespace: 'shop', annotations: SKIP_DRY_RUN });
    expect(rollout.spec.replicas).toBe(3);
    expect(rollout.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'checkout' } });
    expect(rollout.spec.template.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'checkout' });
    expect(rollout.spec.template.spec.containers[0]).toMatchObject({ name: 'checkout', image: 'ghcr.io/acme/checkout:1.4.2', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] });
    expect(rollout.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '256Mi' } });
    expect(rollout.spec.strategy).toEqual({
      canary: {
        stableService: 'checkout-stable',
        canaryService: 'checkout-canary',
        trafficRouting: { nginx: { stableIngress: 'checkout' } },
        analysis: {
          templates: [{ templateName: 'checkout-success-rate' }],
          startingStep: 1,
          args: [
            { name: 'ingress', value: 'checkout' },
            { name: 'canary-upstream', value: 'shop-checkout-canary-80' },
          ],
        },
        steps: [
          { setWeight: 5 },
          { pause: { duration: '2m' } },
          { setWeight: 10 },
          { pause: { duration: '2m' } },
          { setWeight: 30 },
          { pause: { duration: '2m' } },
          { setWeight: 60 },
          { pause: { duration: '2m' } },
        ],
      },
    });

    const services = objects().filter((o) => o.kind === 'Service');
    expect(services.map((s) => s.metadata.name)).toEqual(['checkout', 'checkout-stable', 'checkout-canary']);
    for (const s of services) {
      expect(s.spec).toEqual({
        type: 'ClusterIP',
        selector: { 'app.kubernetes.io/name': 'checkout' },
        ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
      });
    }
    expect(services.map((s) => s.metadata.labels)).toEqual([{ 'app.kubernetes.io/name': 'checkout' }, undefined, undefined]);

    const ingress = only(objects(), 'Ingress', 'checkout');
    expect(ingress.metadata.namespace).toBe('shop');
    expect(ingress.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [{ host: 'shop.acme.io', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'checkout-stable', port: { number: 80 } } } }] } }],
    });
  });

  it("GIVEN no host and the service's own counter WHEN synthesized THEN weights follow replica counts (no traffic routing, no Ingress) and the canary hash comes from the latest ReplicaSet", () => {
    const { chart, objects } = testChart();
    const template = analysis(chart, { name: 'search-success-rate', namespace: 'search', query: SuccessRateQuery.httpRequestsTotal() });
    new Rollout(chart, 'search', { ...CHECKOUT, name: 'search', namespace: 'search', steps: [25, 50], analysis: template });
    const canary = only(objects(), 'Rollout', 'search').spec.strategy.canary;
    expect(canary.trafficRouting).toBeUndefined();
    expect(canary.analysis.args).toEqual([
      { name: 'namespace', value: 'search' },
      { name: 'service', value: 'search' },
      { name: 'canary-hash', valueFrom: { podTemplateHashValue: 'Latest' } },
    ]);
    expect(canary.steps).toEqual([{ setWeight: 25 }, { pause: { duration: '5m' } }, { setWeight: 50 }, { pause: { duration: '5m' } }]);
    expect(objects().filter((o) => o.kind === 'Ingress')).toEqual([]);
  });

  it('GIVEN no analysis WHEN synthesized THEN the steps advance on time alone', () => {
    const { chart, objects } = testChart();
    new Rollout(chart, 'checkout', CHECKOUT);
    expect(only(objects(), 'Rollout').spec.strategy.canary.analysis).toBeUndefined();
  });

  it('GIVEN empty steps, a bad pause, host and replicas WHEN constructed THEN every problem is reported at once', () => {
    const { chart } = testChart();
    expect(errorOf(() => new Rollout(chart, 'r', { ...CHECKOUT, steps: [], pause: '5 minutes', replicas: 1.5, ingress: { host: 'Shop.acme.io' } }))).toEqual([
      'Rollout "checkout": replicas 1.5 is not a whole number of replicas; use 0 or more',
      'Rollout "checkout": steps [] is empty; give at least one traffic weight, e.g. [5, 10, 30, 60]',
      'Rollout "checkout": pause "5 minutes" is not a positive Go duration; write it like "5m", "90s" or "1h30m"',
      'Rollout "checkout": ingress.host "Shop.acme.io" is not a DNS-1123 subdomain; use lowercase letters, digits, \'-\' and \'.\'',
    ]);
  });

  it('GIVEN weights that fall, reach 100 or are fractional WHEN constructed THEN each offending step is named', () => {
    const { chart } = testChart();
    expect(errorOf(() => new Rollout(chart, 'r', { ...CHECKOUT, steps: [10, 5, 100, 20.5] }))).toEqual([
      'Rollout "checkout": steps[1] 5 is not above the step before it (10); list increasing weights, e.g. [5, 10, 30, 60]',
      'Rollout "checkout": steps[2] 100 is not a weight from 1 to 99 %; list weights below 100 (100 % follows the last step)',
      'Rollout "checkout": steps[3] 20.5 is not a weight from 1 to 99 %; list weights below 100 (100 % follows the last step)',
    ]);
  });

  it('GIVEN a name with no room for the -stable and -canary suffixes, or starting with a digit WHEN constructed THEN the name is refused', () => {
    const { chart } = testChart();
    const long = 'a'.repeat(57);
    expect(errorOf(() => new Rollout(chart, 'r', { ...CHECKOUT, name: long }))).toEqual([
      `Rollout "${long}": name "${long}" is 57 characters long, too long for its Services "${long}-stable" and "${long}-canary" (63 characters at most); use at most 56 characters`,
    ]);
    expect(errorOf(() => new Rollout(chart, 'd', { ...CHECKOUT, name: '3d-render' }))).toEqual([
      'Rollout "3d-render": name "3d-render" does not start with a letter, which the Service named after it needs (DNS-1035 label); start the name with a lowercase letter',
    ]);
  });

  it('GIVEN an ingress-nginx analysis in another namespace and no host WHEN constructed THEN both mismatches are reported', () => {
    const { chart } = testChart();
    const template = analysis(chart, { namespace: 'other' });
    expect(errorOf(() => new Rollout(chart, 'r', { ...CHECKOUT, analysis: template }))).toEqual([
      'Rollout "checkout": analysis "checkout-success-rate" is in namespace "other", not the Rollout\'s "shop"; create the AnalysisTemplate in the Rollout\'s namespace',
      'Rollout "checkout": analysis "checkout-success-rate" measures the requests ingress-nginx sends to the canary, but without an ingress none does; give an ingress host, or analyse with SuccessRateQuery.httpRequestsTotal()',
    ]);
  });

  it('GIVEN pauses that end before the analysis could abort WHEN constructed THEN the pause is refused with both durations', () => {
    const { chart } = testChart();
    const template = analysis(chart, { query: SuccessRateQuery.httpRequestsTotal(), interval: '1m', failureLimit: 3 });
    expect(errorOf(() => new Rollout(chart, 'r', { ...CHECKOUT, steps: [20, 50], pause: '90s', analysis: template }))).toEqual([
      'Rollout "checkout": pause "90s" gives the analysis too little time: the canary is fully promoted 3m after its first step (2 steps × 90s), but "checkout-success-rate" aborts only at its failed measurement number 4, one every 1m, 3m after the first step; lengthen the pause, or shorten the analysis\'s interval, or lower its failureLimit',
    ]);
    // One second more and the fourth failed measurement comes before the promotion.
    expect(() => new Rollout(chart, 'ok', { ...CHECKOUT, steps: [20, 50], pause: '91s', analysis: template })).not.toThrow();
  });
});

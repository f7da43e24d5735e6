/**
 * A web service delivered as an Argo Rollouts canary: the `Rollout` (the
 * shared pod template, see `workload/web-service.ts`), the Service every
 * client uses, the stable and canary Services the controller points at the
 * stable and canary pods, and with a host the Ingress whose traffic
 * ingress-nginx splits.
 *
 * Steps: each traffic weight (`setWeight`) is followed by a pause; after the
 * last pause the canary is promoted to 100 %. With a host the weights are
 * exact shares of the Ingress's requests (the controller maintains a canary
 * Ingress with ingress-nginx's canary annotations); without one they are
 * approximated by replica counts (a weight of 5 % with 3 replicas runs 1
 * canary pod next to 3 stable ones), and the Service `<name>` spreads
 * requests over all pods.
 *
 * Analysis: the standard canary-with-analysis pattern of Argo Rollouts, a
 * background analysis. It starts with the first pause (once the first weight
 * is set, so the canary has traffic), measures every interval while the
 * canary moves through its steps, and its failure aborts the rollout (the
 * weight goes back to 0 and the stable version keeps all traffic); it stops
 * when the canary is fully promoted. An analysis step would instead block at
 * one point and need a fixed count of measurements.
 * @see https://argo-rollouts.readthedocs.io/en/stable/features/canary/
 * @see https://argo-rollouts.readthedocs.io/en/stable/features/analysis/#background-analysis
 * @see https://argo-rollouts.readthedocs.io/en/stable/features/traffic-management/nginx/
 */
import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { analysisTiming, formatSeconds, goDurationSeconds } from '../../model/delivery/service-rules';
import { dnsLabel, dnsSubdomain } from '../../model/rules/syntax';
import { expectSyntax } from '../cluster-api/checks';
import { PropsCheck } from '../errors';
import { addWebServicePort, checkWebServiceProps, WEB_SERVICE_PORT, webServicePodTemplate, webServiceSelector, type WebServiceProps } from '../workload/web-service';
import { expectDuration, type AnalysisTemplate, type SuccessRateArg } from './analysis-template';
import { ROLLOUTS_API_VERSION, SKIP_DRY_RUN_ON_MISSING_RESOURCE, type AnalysisArgumentSpec, type CanaryStrategySpec, type RolloutSpec } from './types';

/** The Ingress in front of a canary, whose requests ingress-nginx splits between stable and canary. */
export interface RolloutIngress {
  /** Host the Ingress serves, e.g. `shop.acme.io`. */
  readonly host: string;
  /**
   * IngressClass of ingress-nginx.
   * @default 'nginx'
   */
  readonly className?: string;
}

export interface RolloutProps extends WebServiceProps {
  /** Replicas once the canary is promoted (0 or more). */
  readonly replicas: number;
  /** Traffic weights of the canary in percent, increasing, each from 1 to 99, e.g. [5, 10, 30, 60]; 100 % follows the last. */
  readonly steps: readonly number[];
  /**
   * Pause after each weight (a Go duration).
   * @default '5m'
   */
  readonly pause?: string;
  /**
   * Split traffic with ingress-nginx (`trafficRouting.nginx.stableIngress`) through an Ingress for this host.
   * @default - weights approximated by replica counts
   */
  readonly ingress?: RolloutIngress;
  /**
   * The success-rate analysis run in the background from the first pause on (same namespace).
   * @default - no analysis: the steps advance on time alone
   */
  readonly analysis?: AnalysisTemplate;
}

/** The Service that always points at the stable pods. */
export function stableServiceName(name: string): string {
  return `${name}-stable`;
}

/** The Service that points at the canary's pods while a canary runs (and at the stable pods otherwise). */
export function canaryServiceName(name: string): string {
  return `${name}-canary`;
}

/** The label the Service `<name>` carries (its ServiceMonitor selects on it; the stable and canary Services lack it). */
export const SERVICE_LABEL = 'app.kubernetes.io/name';

export class Rollout extends Construct {
  readonly name: string;
  readonly apiObject: ApiObject;
  /** The Service every client uses: all pods of the service. */
  readonly service: k8s.KubeService;
  readonly stableService: k8s.KubeService;
  readonly canaryService: k8s.KubeService;
  readonly ingress?: k8s.KubeIngress;

  constructor(scope: Construct, id: string, props: RolloutProps) {
    super(scope, id);
    checkWebServiceProps('Rollout', props);
    const pause = props.pause ?? '5m';
    checkRolloutProps(props, pause);
    const { name, namespace } = props;
    this.name = name;

    this.service = addWebServicePort(this, 'Service', props);
    this.service.metadata.addLabel(SERVICE_LABEL, name);
    this.stableService = addWebServicePort(this, 'StableService', props, stableServiceName(name));
    this.canaryService = addWebServicePort(this, 'CanaryService', props, canaryServiceName(name));
    if (props.ingress) {
      this.ingress = new k8s.KubeIngress(this, 'Ingress', {
        metadata: { name, namespace },
        spec: {
          ingressClassName: props.ingress.className ?? 'nginx',
          rules: [
            {
              host: props.ingress.host,
              http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: stableServiceName(name), port: { number: WEB_SERVICE_PORT } } } }] },
            },
          ],
        },
      });
    }

    const canary: CanaryStrategySpec = {
      stableService: stableServiceName(name),
      canaryService: canaryServiceName(name),
      ...(props.ingress ? { trafficRouting: { nginx: { stableIngress: name } } } : {}),
      ...(props.analysis
        ? { analysis: { templates: [{ templateName: props.analysis.name }], startingStep: 1, args: props.analysis.query.args.map((arg) => analysisArg(arg, props)) } }
        : {}),
      steps: props.steps.flatMap((weight) => [{ setWeight: weight }, { pause: { duration: pause } }]),
    };
    const spec: RolloutSpec = {
      replicas: props.replicas,
      selector: { matchLabels: webServiceSelector(name) },
      template: k8s.toJson_PodTemplateSpec(webServicePodTemplate(props)) as RolloutSpec['template'],
      strategy: { canary },
    };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: ROLLOUTS_API_VERSION,
      kind: 'Rollout',
      metadata: { name, namespace, annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } },
      spec,
    });
  }
}

/** The value of an analysis argument, from what the Rollout names. */
function analysisArg(arg: SuccessRateArg, props: RolloutProps): AnalysisArgumentSpec {
  switch (arg) {
    case 'ingress':
      return { name: arg, value: props.name };
    case 'canary-upstream':
      // ingress-nginx names a backend <namespace>-<service>-<port>.
      return { name: arg, value: `${props.namespace}-${canaryServiceName(props.name)}-${WEB_SERVICE_PORT}` };
    case 'namespace':
      return { name: arg, value: props.namespace };
    case 'service':
      return { name: arg, value: props.name };
    case 'canary-hash':
      return { name: arg, valueFrom: { podTemplateHashValue: 'Latest' } };
  }
}

function checkRolloutProps(props: RolloutProps, pause: string): void {
  const check = new PropsCheck('Rollout', props.name);
  const longest = canaryServiceName(props.name);
  check.expect(
    longest.length <= 63,
    'name',
    props.name,
    `is ${props.name.length} characters long, too long for its Services "${stableServiceName(props.name)}" and "${canaryServiceName(props.name)}" (63 characters at most)`,
    `use at most ${63 - (longest.length - props.name.length)} characters`,
  );
  check.expect(Number.isInteger(props.replicas) && props.replicas >= 0, 'replicas', props.replicas, 'is not a whole number of replicas', 'use 0 or more');
  check.expect(props.steps.length > 0, 'steps', props.steps, 'is empty', 'give at least one traffic weight, e.g. [5, 10, 30, 60]');
  props.steps.forEach((weight, i) => {
    const valid = Number.isInteger(weight) && weight >= 1 && weight <= 99;
    check.expect(valid, `steps[${i}]`, weight, 'is not a weight from 1 to 99 %', 'list weights below 100 (100 % follows the last step)');
    if (valid && i > 0) check.expect(weight > props.steps[i - 1]!, `steps[${i}]`, weight, `is not above the step before it (${props.steps[i - 1]})`, 'list increasing weights, e.g. [5, 10, 30, 60]');
  });
  expectDuration(check, 'pause', pause);
  if (props.ingress) {
    expectSyntax(check, 'ingress.host', props.ingress.host, dnsSubdomain);
    if (props.ingress.className !== undefined) expectSyntax(check, 'ingress.className', props.ingress.className, dnsLabel);
  }
  const analysis = props.analysis;
  if (analysis) {
    check.expect(analysis.namespace === props.namespace, 'analysis', analysis.name, `is in namespace "${analysis.namespace}", not the Rollout's "${props.namespace}"`, "create the AnalysisTemplate in the Rollout's namespace");
    check.expect(
      analysis.query.source !== 'ingress-nginx' || props.ingress !== undefined,
      'analysis',
      analysis.name,
      'measures the requests ingress-nginx sends to the canary, but without an ingress none does',
      'give an ingress host, or analyse with SuccessRateQuery.httpRequestsTotal()',
    );
    const pauseSeconds = goDurationSeconds(pause);
    if (pauseSeconds !== undefined && props.steps.length > 0) {
      const { promotedAfter, abortsAfter } = analysisTiming(props.steps.length, pauseSeconds, analysis.intervalSeconds, analysis.failureLimit);
      check.expect(
        promotedAfter > abortsAfter,
        'pause',
        pause,
        `gives the analysis too little time: the canary is fully promoted ${formatSeconds(promotedAfter)} after its first step (${props.steps.length} steps × ${pause}), but "${analysis.name}" aborts only at its failed measurement number ${analysis.failureLimit + 1}, one every ${analysis.interval}, ${formatSeconds(abortsAfter)} after the first step`,
        "lengthen the pause, or shorten the analysis's interval, or lower its failureLimit",
      );
    }
  }
  check.done();
}

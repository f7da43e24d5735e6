/**
 * What a service delivered by Argo CD runs on each of its clusters: a plain
 * Deployment, or an Argo Rollouts canary with its success-rate analysis.
 *
 * The analysis reads the cluster's own Prometheus (kube-prometheus-stack,
 * which the model requires on every cluster of a canary service):
 * - with a host, ingress-nginx's request metrics for the canary backend (the
 *   ingress-nginx add-on has them scraped);
 * - without one, the service's own `http_requests_total{code}`: the service
 *   must expose it at `/metrics` on its HTTP port; fleetwright renders the
 *   ServiceMonitor that scrapes it and copies the pods'
 *   `rollouts-pod-template-hash` onto the series, which tells canary pods from
 *   stable ones.
 */
import { JsonPatch, type Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { AnalysisTemplate, SuccessRateQuery } from '../../constructs/argo-rollouts/analysis-template';
import { Rollout, SERVICE_LABEL } from '../../constructs/argo-rollouts/rollout';
import { POD_TEMPLATE_HASH_LABEL } from '../../constructs/argo-rollouts/types';
import { ServiceMonitor } from '../../constructs/prometheus/service-monitor';
import { WorkloadNetworkPolicy } from '../../constructs/network/workload-network-policy';
import { WebServiceDeployment, webServiceSelector, type WebServiceProps } from '../../constructs/workload/web-service';
import { ingressNginx, kubePrometheusStack, type Environment, type Service } from '../../model';
import { NGINX_INGRESS_CLASS } from '../addons/ingress-nginx';
import { MONITORING_NAMESPACE } from '../monitoring/conventions';

/**
 * The Prometheus of kube-prometheus-stack in every cluster: the chart's Service
 * `<release>-prometheus` on port 9090 (the release is named after the add-on).
 * @see https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-88.0.0/charts/kube-prometheus-stack/values.yaml
 */
export const CLUSTER_PROMETHEUS_ADDRESS = `http://${kubePrometheusStack.name}-prometheus.${MONITORING_NAMESPACE}.svc:9090`;

/** Name of a canary service's AnalysisTemplate. */
export function analysisTemplateName(service: string): string {
  return `${service}-success-rate`;
}

/**
 * The namespaces whose pods may reach a service's pods besides its own: the ingress
 * controller's (its Ingress) and Prometheus' (its ServiceMonitor, the canary analysis).
 */
export const SERVICE_CLIENT_NAMESPACES: readonly string[] = [ingressNginx.namespace, MONITORING_NAMESPACE];

/**
 * A service's default-deny NetworkPolicy (named after it, selecting its pods, stable and
 * canary alike): only its `http` port is open, to its own namespace and {@link SERVICE_CLIENT_NAMESPACES}.
 */
export function addServiceNetworkPolicy(chart: Chart, service: Service): void {
  new WorkloadNetworkPolicy(chart, `${service.name}-network-policy`, {
    name: service.name,
    namespace: service.namespace,
    podLabels: webServiceSelector(service.name),
    ports: ['http'],
    allowFromNamespaces: SERVICE_CLIENT_NAMESPACES,
  });
}

/** The objects of `Layout.serviceBase(service.name)`, shared by every environment. */
export function addServiceBase(chart: Chart, service: Service): void {
  const props: WebServiceProps = { name: service.name, namespace: service.namespace, image: service.image, port: service.port, resources: service.resources };
  if (service.networkPolicy) addServiceNetworkPolicy(chart, service);
  const canary = service.canary;
  if (!canary) {
    new WebServiceDeployment(chart, service.name, { ...props, replicas: service.replicas });
    return;
  }
  const analysis = new AnalysisTemplate(chart, `${service.name}-analysis`, {
    name: analysisTemplateName(service.name),
    namespace: service.namespace,
    prometheusAddress: CLUSTER_PROMETHEUS_ADDRESS,
    query: canary.host !== undefined ? SuccessRateQuery.ingressNginx() : SuccessRateQuery.httpRequestsTotal(),
    successRate: canary.analysis.successRate,
    interval: canary.analysis.interval,
    failureLimit: canary.analysis.failureLimit,
  });
  new Rollout(chart, service.name, {
    ...props,
    replicas: service.replicas,
    steps: canary.steps,
    pause: canary.pause,
    ...(canary.host !== undefined ? { ingress: { host: canary.host, className: NGINX_INGRESS_CLASS } } : {}),
    analysis,
  });
  if (canary.host === undefined) {
    const monitor = new ServiceMonitor(chart, `${service.name}-metrics`, {
      name: service.name,
      namespace: service.namespace,
      labels: { release: kubePrometheusStack.name },
      selector: { [SERVICE_LABEL]: service.name },
      port: 'http',
    });
    // Series of canary pods carry rollouts_pod_template_hash, which the analysis selects on.
    monitor.apiObject.addJsonPatch(JsonPatch.add('/spec/podTargetLabels', [POD_TEMPLATE_HASH_LABEL]));
  }
}

/**
 * The objects of `Layout.serviceOverlay(service.name, env.name)`: on production environments a
 * disruption budget (one pod at a time) for services with more than one replica, as the
 * platform add-ons have there.
 */
export function addServiceOverlay(chart: Chart, service: Service, env: Environment): void {
  if (env.tier !== 'production' || service.replicas < 2) return;
  new k8s.KubePodDisruptionBudget(chart, `${service.name}-pdb`, {
    metadata: { name: service.name, namespace: service.namespace },
    spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: webServiceSelector(service.name) } },
  });
}

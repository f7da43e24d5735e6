/**
 * ingress-nginx: the fleet's default IngressClass `nginx` (cert-manager
 * solves HTTP-01 through it), metrics on (scraped where Prometheus runs),
 * autoscaled by an HPA on production overlays (Argo CD then ignores the
 * Deployment's replicas, see the spec), behind the cloud's load balancer: an
 * AWS Network Load Balancer on AWS, fixed NodePorts on Docker (no load
 * balancer there), a plain LoadBalancer Service elsewhere.
 * @see https://kubernetes.github.io/ingress-nginx/deploy/#aws
 */
import { ingressNginx as spec, type Provider } from '../../model';
import { defineAddonRenderer, type ValuesLayer } from './spi';
import { serviceMonitorValues } from './conventions';
import type {
  IngressNginxAutoscalingValues,
  IngressNginxControllerValues,
  IngressNginxMetricsValues,
  IngressNginxNodePortsValues,
  IngressNginxServiceValues,
  IngressNginxValues,
} from './values/ingress-nginx';

/** The IngressClass every Ingress of the fleet (and cert-manager's HTTP-01 solver) uses. */
export const NGINX_INGRESS_CLASS = 'nginx';

/** Ports the controller listens on on every node of a Docker cluster. */
export const DOCKER_NODE_PORTS = { http: 30080, https: 30443 } as const satisfies IngressNginxNodePortsValues;

/** Autoscaling of the controller on production overlays. */
const PRODUCTION_AUTOSCALING = {
  minReplicas: 2,
  maxReplicas: 10,
  targetCPUUtilizationPercentage: 70,
  targetMemoryUtilizationPercentage: 80,
} as const satisfies Omit<IngressNginxAutoscalingValues, 'enabled'>;

/**
 * A Network Load Balancer from the AWS cloud controller (no AWS Load Balancer
 * Controller needed), TCP to the nodes, spread across zones; the Service's
 * `Local` traffic policy keeps clients' addresses.
 */
const AWS_NLB_ANNOTATIONS = {
  'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb',
  'service.beta.kubernetes.io/aws-load-balancer-backend-protocol': 'tcp',
  'service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled': 'true',
} as const;

export const ingressNginx = defineAddonRenderer<'ingress-nginx', IngressNginxValues>({
  spec,
  values: (): ValuesLayer<IngressNginxValues> => ({
    controller: {
      ingressClassResource: { name: NGINX_INGRESS_CLASS, enabled: true, default: true, controllerValue: 'k8s.io/ingress-nginx' },
      ingressClass: NGINX_INGRESS_CLASS,
      metrics: { enabled: true },
    },
  }),
  overlayValues: (_fleet, overlay): ValuesLayer<IngressNginxValues> =>
    overlay.tier === 'production'
      ? // With more than one replica the chart adds a PodDisruptionBudget (controller.minAvailable, 1).
      { controller: { autoscaling: { enabled: true, ...PRODUCTION_AUTOSCALING } } }
      : { controller: { replicaCount: 1, autoscaling: { enabled: false } } },
  clusterValues: (_fleet, cluster): ValuesLayer<IngressNginxValues> => {
    const monitor: ValuesLayer<Pick<IngressNginxMetricsValues, 'serviceMonitor'>> = serviceMonitorValues(cluster);
    return {
      controller: {
        service: serviceValues(cluster.provider),
        ...(Object.keys(monitor).length > 0 ? ({ metrics: monitor } satisfies ValuesLayer<IngressNginxControllerValues>) : {}),
      },
    };
  },
});

/** The controller's Service for the cluster's infrastructure. */
function serviceValues(provider: Provider): ValuesLayer<IngressNginxServiceValues> {
  switch (provider.kind) {
    case 'capi-aws':
    case 'capi-aws-eks':
    case 'pulumi-eks':
      return { type: 'LoadBalancer', externalTrafficPolicy: 'Local', annotations: { ...AWS_NLB_ANNOTATIONS } };
    case 'capi-docker':
      return { type: 'NodePort', nodePorts: { ...DOCKER_NODE_PORTS } };
    case 'existing':
      // An EKS cluster registered through IAM is on AWS; of others fleetwright knows nothing but that they offer LoadBalancer Services.
      return provider.auth.kind === 'aws-iam'
        ? { type: 'LoadBalancer', externalTrafficPolicy: 'Local', annotations: { ...AWS_NLB_ANNOTATIONS } }
        : { type: 'LoadBalancer' };
  }
}

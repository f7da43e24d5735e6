/**
 * A stateless HTTP service: the pod template every delivery of it shares
 * (a Deployment, an Argo Rollouts `Rollout`, a Deployment Karmada propagates)
 * and the ClusterIP Services in front of its pods.
 *
 * Pods run unprivileged (the Pod Security "restricted" profile), request the
 * given CPU and memory, are limited to that memory, and are probed on the
 * HTTP port.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';

export interface WebServiceProps {
  /** DNS-1123 label: the workload, its pods' `app.kubernetes.io/name` and the main Service. */
  readonly name: string;
  readonly namespace: string;
  /** Container image pinned by tag or digest, e.g. `ghcr.io/acme/checkout:1.4.2`. */
  readonly image: string;
  /** The container's HTTP port (1–65535). */
  readonly port: number;
  /** CPU and memory requests; the memory limit equals the memory request. */
  readonly resources: { readonly cpu: string; readonly memory: string };
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const QUANTITY = /^\d+(\.\d+)?(m|k|Ki|Mi|Gi|Ti|M|G|T)?$/;

/** The port of every Service in front of a web service (targeting the container's `http` port). */
export const WEB_SERVICE_PORT = 80;

/** Checks the props every delivery of a web service needs; throws with every problem at once. */
export function checkWebServiceProps(kind: string, props: WebServiceProps): void {
  const check = new PropsCheck(kind, props.name);
  check.expect(DNS_LABEL.test(props.name), 'name', props.name, 'is not a DNS-1123 label', 'use lower-case letters, digits and -, at most 63 characters');
  // The Service is named after the service, and Service names are DNS-1035 labels.
  check.expect(!DNS_LABEL.test(props.name) || /^[a-z]/.test(props.name), 'name', props.name, 'does not start with a letter, which the Service named after it needs (DNS-1035 label)', 'start the name with a lowercase letter');
  check.expect(DNS_LABEL.test(props.namespace), 'namespace', props.namespace, 'is not a DNS-1123 label', 'use lower-case letters, digits and -, at most 63 characters');
  const ref = props.image.slice(props.image.lastIndexOf('/') + 1);
  const tag = ref.includes('@') ? undefined : ref.split(':')[1];
  const pinned = ref.includes('@sha256:') || (tag !== undefined && tag !== '' && tag !== 'latest');
  check.expect(pinned, 'image', props.image, 'is not pinned to a version', 'give a tag or digest, e.g. "ghcr.io/acme/checkout:1.4.2"');
  check.expect(Number.isInteger(props.port) && props.port >= 1 && props.port <= 65535, 'port', props.port, 'is not a port number', 'use 1–65535');
  check.expect(QUANTITY.test(props.resources.cpu), 'resources.cpu', props.resources.cpu, 'is not a Kubernetes quantity', 'use e.g. "100m" or "1"');
  check.expect(QUANTITY.test(props.resources.memory), 'resources.memory', props.resources.memory, 'is not a Kubernetes quantity', 'use e.g. "128Mi"');
  check.done();
}

/** The labels a web service's pods carry; its Services and workloads select on them. */
export function webServiceSelector(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name };
}

/** The pod template shared by every delivery of the service. */
export function webServicePodTemplate(props: WebServiceProps): k8s.PodTemplateSpec {
  const probe: k8s.Probe = { httpGet: { path: '/', port: k8s.IntOrString.fromString('http') }, periodSeconds: 10, failureThreshold: 3 };
  return {
    metadata: { labels: webServiceSelector(props.name) },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: props.name,
          image: props.image,
          ports: [{ name: 'http', containerPort: props.port, protocol: 'TCP' }],
          resources: {
            requests: { cpu: k8s.Quantity.fromString(props.resources.cpu), memory: k8s.Quantity.fromString(props.resources.memory) },
            limits: { memory: k8s.Quantity.fromString(props.resources.memory) },
          },
          readinessProbe: probe,
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
        },
      ],
    },
  };
}

/**
 * A ClusterIP Service on port {@link WEB_SERVICE_PORT} (80) in front of the service's pods.
 * @param name the Service's name: the service's own, or e.g. `<name>-canary`
 */
export function addWebServicePort(scope: Construct, id: string, props: WebServiceProps, name: string = props.name): k8s.KubeService {
  return new k8s.KubeService(scope, id, {
    metadata: { name, namespace: props.namespace },
    spec: {
      type: 'ClusterIP',
      selector: webServiceSelector(props.name),
      ports: [{ name: 'http', port: WEB_SERVICE_PORT, targetPort: k8s.IntOrString.fromString('http'), protocol: 'TCP' }],
    },
  });
}

export interface WebServiceDeploymentProps extends WebServiceProps {
  /** Replicas of the Deployment (0 or more). */
  readonly replicas: number;
}

/** A plain Deployment of the service with its Service. */
export class WebServiceDeployment extends Construct {
  readonly deployment: k8s.KubeDeployment;
  readonly service: k8s.KubeService;

  constructor(scope: Construct, id: string, props: WebServiceDeploymentProps) {
    super(scope, id);
    checkWebServiceProps('WebServiceDeployment', props);
    const check = new PropsCheck('WebServiceDeployment', props.name);
    check.expect(Number.isInteger(props.replicas) && props.replicas >= 0, 'replicas', props.replicas, 'is not a whole number of replicas', 'use 0 or more');
    check.done();
    this.deployment = new k8s.KubeDeployment(this, 'Deployment', {
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        replicas: props.replicas,
        selector: { matchLabels: webServiceSelector(props.name) },
        template: webServicePodTemplate(props),
      },
    });
    this.service = addWebServicePort(this, 'Service', props);
  }
}

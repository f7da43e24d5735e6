/**
 * Thanos Query: the PromQL API over every StoreAPI it is given (sidecars,
 * store gateways), deduplicating series that differ only in a replica label.
 * A Deployment and a Service (`<name>.<namespace>.svc`, ports 10901 gRPC and
 * 10902 HTTP).
 * @see https://thanos.io/tip/components/query.md/
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { isLabelName } from '../prometheus/names';
import { checkImage, componentLabels, isThanosAddress, POD_SECURITY_CONTEXT, selectorLabels, servicePorts, THANOS_PORTS, thanosContainer } from './component';

export interface ThanosQueryProps {
  /**
   * Name of the Deployment and the Service.
   * @default 'thanos-query'
   */
  readonly name?: string;
  readonly namespace: string;
  /** Thanos image, pinned, e.g. `quay.io/thanos/thanos:v0.42.0`. */
  readonly image: string;
  /**
   * StoreAPI addresses to query: `host:port`, `dns+host:port` (every A record of a
   * headless Service) or `dnssrv+_grpc._tcp.name`. Each becomes one `--endpoint` flag,
   * in this order.
   * @see https://thanos.io/tip/thanos/service-discovery.md/
   */
  readonly endpoints: readonly string[];
  /**
   * External labels that only tell replicas of one Prometheus apart: series that differ
   * only in these are merged (`--query.replica-label`, repeated).
   * @see https://thanos.io/tip/components/query.md/#run-time-deduplication-of-ha-groups
   */
  readonly replicaLabels: readonly string[];
  /** @default 1 */
  readonly replicas?: number;
}

export class ThanosQuery extends Construct {
  readonly name: string;
  readonly namespace: string;
  /** In-cluster HTTP address of the PromQL API: `<name>.<namespace>.svc:10902`. */
  readonly httpAddress: string;
  /** `http://<httpAddress>`, for Grafana. */
  readonly url: string;
  readonly deployment: k8s.KubeDeployment;
  readonly service: k8s.KubeService;

  constructor(scope: Construct, id: string, props: ThanosQueryProps) {
    super(scope, id);
    const name = props.name ?? 'thanos-query';
    const replicas = props.replicas ?? 1;
    const check = new PropsCheck('ThanosQuery', name);
    checkImage(check, props.image);
    check.expect(props.endpoints.length > 0, 'endpoints', props.endpoints, 'is empty', 'give at least one StoreAPI: a sidecar or a store gateway');
    props.endpoints.forEach((endpoint, i) =>
      check.expect(isThanosAddress(endpoint), `endpoints[${i}]`, endpoint, 'is not a StoreAPI address', 'use host:port (e.g. "thanos-sidecar.prod.acme.io:10901"), dns+host:port or dnssrv+name'),
    );
    const duplicates = props.endpoints.filter((e, i) => props.endpoints.indexOf(e) !== i);
    check.expect(duplicates.length === 0, 'endpoints', [...new Set(duplicates)], 'are listed twice', 'list each StoreAPI once, or Query reads it twice');
    check.expect(props.replicaLabels.length > 0, 'replicaLabels', props.replicaLabels, 'is empty', 'name the external label of Prometheus replicas, e.g. "prometheus_replica"');
    props.replicaLabels.forEach((label, i) => check.expect(isLabelName(label), `replicaLabels[${i}]`, label, 'is not a label name', 'use letters, digits and _'));
    check.expect(Number.isInteger(replicas) && replicas >= 1, 'replicas', replicas, 'is not a positive whole number', 'use 1 or more');
    check.done();

    this.name = name;
    this.namespace = props.namespace;
    this.httpAddress = `${name}.${props.namespace}.svc:${THANOS_PORTS.http}`;
    this.url = `http://${this.httpAddress}`;
    const labels = componentLabels(name, 'query');
    // The "--store" is `--endpoint` in the pinned Thanos: `--store` was deprecated in
    // v0.24 and is gone; v0.42's service discovery documents the repeatable `--endpoint=<address>`
    // as the static way to give Query a StoreAPI.
    const args = [
      'query',
      ...props.replicaLabels.map((label) => `--query.replica-label=${label}`),
      ...props.endpoints.map((endpoint) => `--endpoint=${endpoint}`),
    ];
    this.deployment = new k8s.KubeDeployment(this, 'Deployment', {
      metadata: { name, namespace: props.namespace, labels },
      spec: {
        replicas,
        selector: { matchLabels: selectorLabels(name) },
        template: {
          metadata: { labels },
          spec: {
            securityContext: POD_SECURITY_CONTEXT,
            containers: [thanosContainer('thanos-query', props.image, args)],
          },
        },
      },
    });
    this.service = new k8s.KubeService(this, 'Service', {
      metadata: { name, namespace: props.namespace, labels },
      spec: { type: 'ClusterIP', selector: selectorLabels(name), ports: servicePorts() },
    });
  }
}

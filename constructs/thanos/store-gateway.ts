/**
 * Thanos store gateway: the StoreAPI over the blocks the sidecars uploaded to
 * object storage, so Query sees history beyond Prometheus' retention. A
 * StatefulSet (its index cache on a volume of its own) behind a headless
 * Service; the bucket configuration is read from a Secret by reference.
 * @see https://thanos.io/tip/components/store.md/
 */
import { Size, SizeRoundingBehavior } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { checkImage, componentLabels, POD_SECURITY_CONTEXT, selectorLabels, servicePorts, THANOS_PORTS, thanosContainer } from './component';

/** A key of a Secret holding an `objstore.yml`. */
export interface ObjstoreSecretRef {
  readonly name: string;
  readonly key: string;
}

export interface ThanosStoreGatewayProps {
  /**
   * Name of the StatefulSet and the (headless) Service.
   * @default 'thanos-store-gateway'
   */
  readonly name?: string;
  readonly namespace: string;
  /** Thanos image, pinned, e.g. `quay.io/thanos/thanos:v0.42.0`. */
  readonly image: string;
  /**
   * The Secret (and key) holding the bucket configuration, in the same namespace.
   * @see https://thanos.io/tip/thanos/storage.md/
   */
  readonly objstoreSecret: ObjstoreSecretRef;
  /**
   * Size of each replica's volume for the index cache (about 6 MB per block in the bucket).
   * @default Size.gibibytes(10)
   */
  readonly storage?: Size;
  /** @default 1 */
  readonly replicas?: number;
}

const DATA_DIR = '/var/thanos/store';
const CONFIG_DIR = '/etc/thanos';

export class ThanosStoreGateway extends Construct {
  readonly name: string;
  /** The StoreAPI of every replica, for Query: `dns+<name>.<namespace>.svc:10901`. */
  readonly grpcEndpoint: string;
  readonly statefulSet: k8s.KubeStatefulSet;
  readonly service: k8s.KubeService;

  constructor(scope: Construct, id: string, props: ThanosStoreGatewayProps) {
    super(scope, id);
    const name = props.name ?? 'thanos-store-gateway';
    const replicas = props.replicas ?? 1;
    const storage = props.storage ?? Size.gibibytes(10);
    const check = new PropsCheck('ThanosStoreGateway', name);
    checkImage(check, props.image);
    check.expect(props.objstoreSecret.name !== '' && props.objstoreSecret.key !== '', 'objstoreSecret', props.objstoreSecret, 'names no Secret key', 'give the Secret and the key of its objstore.yml');
    const mebibytes = storage.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
    check.expect(Number.isInteger(mebibytes) && mebibytes >= 1024, 'storage', `${mebibytes}Mi`, 'is under 1Gi or not whole mebibytes', 'give the index cache at least Size.gibibytes(1)');
    check.expect(Number.isInteger(replicas) && replicas >= 1, 'replicas', replicas, 'is not a positive whole number', 'use 1 or more');
    check.done();

    this.name = name;
    this.grpcEndpoint = `dns+${name}.${props.namespace}.svc:${THANOS_PORTS.grpc}`;
    const labels = componentLabels(name, 'store-gateway');
    const configFile = `${CONFIG_DIR}/${props.objstoreSecret.key}`;
    this.service = new k8s.KubeService(this, 'Service', {
      metadata: { name, namespace: props.namespace, labels },
      spec: { clusterIp: 'None', selector: selectorLabels(name), ports: servicePorts() },
    });
    this.statefulSet = new k8s.KubeStatefulSet(this, 'StatefulSet', {
      metadata: { name, namespace: props.namespace, labels },
      spec: {
        replicas,
        serviceName: name,
        selector: { matchLabels: selectorLabels(name) },
        template: {
          metadata: { labels },
          spec: {
            securityContext: POD_SECURITY_CONTEXT,
            containers: [
              thanosContainer('thanos-store', props.image, ['store', `--data-dir=${DATA_DIR}`, `--objstore.config-file=${configFile}`], [
                { name: 'data', mountPath: DATA_DIR },
                { name: 'objstore', mountPath: CONFIG_DIR, readOnly: true },
              ]),
            ],
            volumes: [{ name: 'objstore', secret: { secretName: props.objstoreSecret.name, items: [{ key: props.objstoreSecret.key, path: props.objstoreSecret.key }] } }],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: k8s.Quantity.fromString(mebibytes % 1024 === 0 ? `${mebibytes / 1024}Gi` : `${mebibytes}Mi`) } } },
          },
        ],
      },
    });
  }
}

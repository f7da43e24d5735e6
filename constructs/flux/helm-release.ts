/**
 * A Flux HelmRelease: helm-controller installs and upgrades one chart with
 * the given values, on the hub or (with a kubeconfig) on a remote cluster,
 * after the HelmReleases it depends on are Ready.
 * @see https://fluxcd.io/flux/components/helm/helmreleases/
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { HelmValues } from '../../model';
import { dnsLabel } from '../../model/rules/syntax';
import { expectSyntax } from '../cluster-api/checks';
import { PropsCheck } from '../errors';
import {
  checkFluxObject,
  checkDependsOn,
  expectFluxDuration,
  fluxMetadata,
  HELM_API_VERSION,
  refSpec,
  type FluxObjectProps,
  type FluxObjectRef,
  type KubeconfigSecretRef,
} from './api';
import type { HelmChartSource } from './helm-chart-source';

/** How Helm treats the chart's `crds/` folder (`install.crds`, `upgrade.crds`). */
export type CrdPolicy = 'Skip' | 'Create' | 'CreateReplace';

export interface HelmReleaseProps extends FluxObjectProps {
  readonly chart: HelmChartSource;
  /** Helm's release name: at most 53 characters. */
  readonly releaseName: string;
  /** Namespace the chart is installed into (on the target cluster). */
  readonly targetNamespace: string;
  /**
   * Namespace of Helm's release records on the target cluster.
   * @default - the target namespace (the HelmRelease's own namespace usually does not exist on a remote cluster)
   */
  readonly storageNamespace?: string;
  /**
   * Create the target namespace when installing.
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * Install on a remote cluster with the kubeconfig in this Secret, which must be in the HelmRelease's own namespace.
   * @default - the cluster the HelmRelease is on
   */
  readonly kubeConfig?: KubeconfigSecretRef;
  /**
   * HelmReleases that must be Ready first (readiness only: helm-controller compares no revisions).
   * @default []
   */
  readonly dependsOn?: readonly FluxObjectRef[];
  /**
   * The chart's values.
   * @default {}
   */
  readonly values?: HelmValues;
  /**
   * How long each Helm action may take.
   * @default - '5m0s' (Flux's default)
   */
  readonly timeout?: string;
  /**
   * CRDs of the chart on install and on upgrade. Helm itself never upgrades CRDs; Argo CD applies them on every sync.
   * @default 'CreateReplace'
   */
  readonly crds?: CrdPolicy;
  /**
   * How soon a failed install or upgrade is tried again. Failures are retried without uninstall
   * or rollback (strategy RetryOnFailure), as Argo CD retries a failed sync: the fix is a commit.
   * @default - '5m' (Flux's default)
   */
  readonly retryInterval?: string;
}

export class HelmRelease extends Construct {
  readonly apiObject: ApiObject;
  /** How other HelmReleases depend on (and Kustomizations health-check) this one. */
  readonly ref: FluxObjectRef;

  constructor(scope: Construct, id: string, props: HelmReleaseProps) {
    super(scope, id);
    const check = new PropsCheck('HelmRelease', props.name);
    checkFluxObject(check, props, 63);
    check.expect(props.releaseName.length <= 53, 'releaseName', props.releaseName, `is ${props.releaseName.length} characters long, more than the 53 Helm allows`, 'shorten it to 53 characters');
    expectSyntax(check, 'releaseName', props.releaseName, dnsLabel);
    expectSyntax(check, 'targetNamespace', props.targetNamespace, dnsLabel);
    if (props.storageNamespace !== undefined) expectSyntax(check, 'storageNamespace', props.storageNamespace, dnsLabel);
    if (props.kubeConfig) expectSyntax(check, 'kubeConfig.secretRef.name', props.kubeConfig.name, dnsLabel);
    expectFluxDuration(check, 'timeout', props.timeout);
    const dependsOn = props.dependsOn ?? [];
    checkDependsOn(check, 'HelmRelease', props, dependsOn);
    expectFluxDuration(check, 'retryInterval', props.retryInterval);
    if (props.chart.pinned.version !== undefined) {
      check.expect(!/[*^~<>=| ]|^$/.test(props.chart.pinned.version), 'chart.version', props.chart.pinned.version, 'is a range, so the chart could change without a commit', 'pin an exact version');
    }
    check.done();
    this.ref = { name: props.name, namespace: props.namespace };
    const crds = props.crds ?? 'CreateReplace';
    const strategy = { name: 'RetryOnFailure', ...(props.retryInterval ? { retryInterval: props.retryInterval } : {}) };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: HELM_API_VERSION,
      kind: 'HelmRelease',
      metadata: fluxMetadata(props),
      spec: {
        ...props.chart.spec,
        interval: props.interval,
        releaseName: props.releaseName,
        targetNamespace: props.targetNamespace,
        storageNamespace: props.storageNamespace ?? props.targetNamespace,
        ...(props.kubeConfig ? { kubeConfig: { secretRef: { name: props.kubeConfig.name, key: props.kubeConfig.key } } } : {}),
        ...(dependsOn.length > 0 ? { dependsOn: dependsOn.map(refSpec) } : {}),
        ...(props.timeout ? { timeout: props.timeout } : {}),
        install: { createNamespace: props.createNamespace ?? true, crds, strategy },
        upgrade: { crds, strategy },
        ...(props.values && Object.keys(props.values).length > 0 ? { values: { ...props.values } } : {}),
      },
    });
  }
}

/**
 * A Flux HelmRepository: an https Helm chart repository whose index
 * source-controller fetches, so HelmReleases can pick a chart and version
 * from it. (Charts in OCI registries use an {@link OCIRepository} instead,
 * as Flux recommends.)
 * @see https://fluxcd.io/flux/components/source/helmrepositories/
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { checkFluxObject, fluxMetadata, SOURCE_API_VERSION, type FluxObjectProps, type FluxObjectRef } from './api';
import { HelmChartSource } from './helm-chart-source';

export interface HelmRepositoryProps extends FluxObjectProps {
  /** The repository's URL (`https://` or `http://`), where its `index.yaml` is. */
  readonly url: string;
}

export class HelmRepository extends Construct {
  readonly apiObject: ApiObject;
  readonly ref: FluxObjectRef;
  readonly url: string;

  constructor(scope: Construct, id: string, props: HelmRepositoryProps) {
    super(scope, id);
    const check = new PropsCheck('HelmRepository', props.name);
    checkFluxObject(check, props, 253);
    check.expect(/^https?:\/\/\S+$/.test(props.url), 'url', props.url, 'is not an http(s) Helm repository', 'use the https URL of the repository; for an OCI registry use an OCIRepository');
    check.done();
    this.ref = { name: props.name, namespace: props.namespace };
    this.url = props.url;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: SOURCE_API_VERSION,
      kind: 'HelmRepository',
      metadata: fluxMetadata(props),
      spec: { interval: props.interval, url: props.url },
    });
  }

  /** A chart of this repository at an exact version, for a HelmRelease. */
  chart(chart: string, version: string): HelmChartSource {
    return HelmChartSource.fromHelmRepository(this.ref, chart, version);
  }
}

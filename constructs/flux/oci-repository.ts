/**
 * A Flux OCIRepository holding one Helm chart at one version, pulled from an
 * OCI registry; a HelmRelease refers to it with `chartRef`.
 * @see https://fluxcd.io/flux/components/source/ocirepositories/
 * @see https://fluxcd.io/flux/components/helm/helmreleases/#chart-reference
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { checkFluxObject, fluxMetadata, SOURCE_API_VERSION, type FluxObjectProps, type FluxObjectRef } from './api';
import { HelmChartSource } from './helm-chart-source';

/** The media type of a Helm chart's content layer in an OCI artifact. */
export const HELM_CHART_LAYER = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';

export interface OCIRepositoryProps extends FluxObjectProps {
  /** The chart's artifact, `oci://<registry>/<path>/<chart>`. */
  readonly url: string;
  /** The chart version (the artifact's tag), pinned. */
  readonly tag: string;
}

export class OCIRepository extends Construct {
  readonly apiObject: ApiObject;
  readonly ref: FluxObjectRef;

  constructor(scope: Construct, id: string, props: OCIRepositoryProps) {
    super(scope, id);
    const check = new PropsCheck('OCIRepository', props.name);
    checkFluxObject(check, props, 253);
    check.expect(/^oci:\/\/\S+$/.test(props.url), 'url', props.url, 'is not an OCI artifact URL', 'write it as oci://<registry>/<path>/<chart>');
    check.expect(/^[\w][\w.-]{0,127}$/.test(props.tag), 'tag', props.tag, 'is not an OCI tag', 'pin the chart version, e.g. "1.2.3"');
    check.done();
    this.ref = { name: props.name, namespace: props.namespace };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: SOURCE_API_VERSION,
      kind: 'OCIRepository',
      metadata: fluxMetadata(props),
      spec: {
        interval: props.interval,
        url: props.url,
        ref: { tag: props.tag },
        // The chart archive as it is, which is what helm-controller installs from.
        layerSelector: { mediaType: HELM_CHART_LAYER, operation: 'copy' },
      },
    });
  }

  /** The chart this repository holds, for a HelmRelease. */
  chart(): HelmChartSource {
    return HelmChartSource.fromOCIRepository(this.ref);
  }
}

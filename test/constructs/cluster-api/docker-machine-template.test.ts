import { describe, expect, it } from 'vitest';
import { DockerMachineTemplate } from '../../../constructs/cluster-api';
import { ConstructPropsError } from '../../../constructs/errors';
import { only, testChart } from '../../helpers/synth';

describe('DockerMachineTemplate', () => {
  it('GIVEN a Kubernetes release WHEN synthesized THEN runs the matching kind node image', () => {
    const { chart, objects } = testChart();
    new DockerMachineTemplate(chart, 'DMT', { name: 'dev-workers', namespace: 'capi', kubernetesVersion: 'v1.31.4' });
    const dmt = only(objects(), 'DockerMachineTemplate');
    expect(dmt.apiVersion).toBe('infrastructure.cluster.x-k8s.io/v1beta2');
    expect(dmt.spec).toEqual({ template: { spec: { customImage: 'kindest/node:v1.31.4' } } });
  });

  it('GIVEN a custom image WHEN synthesized THEN uses it instead of the kind image', () => {
    const { chart, objects } = testChart();
    new DockerMachineTemplate(chart, 'DMT', {
      name: 'dev-workers',
      namespace: 'capi',
      kubernetesVersion: 'v1.31.4',
      customImage: 'registry.example.com/kind/node:v1.31.4',
    });
    expect(only(objects(), 'DockerMachineTemplate').spec.template.spec.customImage).toBe('registry.example.com/kind/node:v1.31.4');
  });

  it('GIVEN props WHEN renderSpec is called THEN returns the spec the construct renders', () => {
    const { chart, objects } = testChart();
    new DockerMachineTemplate(chart, 'DMT', { name: 'dev-workers', namespace: 'capi', kubernetesVersion: 'v1.31.4' });
    expect(DockerMachineTemplate.renderSpec({ kubernetesVersion: 'v1.31.4' })).toEqual(only(objects(), 'DockerMachineTemplate').spec);
  });

  it('GIVEN a version without patch WHEN constructed THEN reports that kind images are tagged with full releases', () => {
    const { chart } = testChart();
    expect(() => new DockerMachineTemplate(chart, 'DMT', { name: 'dev-workers', namespace: 'capi', kubernetesVersion: '1.31' })).toThrow(
      new ConstructPropsError([
        'DockerMachineTemplate "dev-workers": kubernetesVersion "1.31" is not a full Kubernetes release, which kind node images are tagged with; write it like "v1.31.4"',
      ]),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { AWSMachineTemplate, CapaInstanceProfile } from '../../../constructs/cluster-api';
import { ConstructPropsError } from '../../../constructs/errors';
import { only, testChart } from '../../helpers/synth';

const base = { name: 'prod-eu-workers', namespace: 'capi', instanceType: 'm6i.xlarge' };

describe('AWSMachineTemplate', () => {
  it('GIVEN an instance type WHEN synthesized THEN renders the nodes instance profile, an encrypted gp3 root volume and IMDSv2', () => {
    const { chart, objects } = testChart();
    new AWSMachineTemplate(chart, 'AMT', base);
    const amt = only(objects(), 'AWSMachineTemplate');
    expect(amt.apiVersion).toBe('infrastructure.cluster.x-k8s.io/v1beta2');
    expect(amt.spec.template.spec).toEqual({
      instanceType: 'm6i.xlarge',
      iamInstanceProfile: 'nodes.cluster-api-provider-aws.sigs.k8s.io',
      sshKeyName: '',
      rootVolume: { size: 80, type: 'gp3', encrypted: true },
      instanceMetadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 2 },
    });
  });

  it('GIVEN the control plane profile, a key pair, a disk size and an AMI WHEN synthesized THEN renders each', () => {
    const { chart, objects } = testChart();
    new AWSMachineTemplate(chart, 'AMT', {
      ...base,
      iamInstanceProfile: CapaInstanceProfile.controlPlane,
      sshKeyName: 'platform',
      rootVolumeSizeGiB: 120,
      amiId: 'ami-0123456789abcdef0',
    });
    const spec = only(objects(), 'AWSMachineTemplate').spec.template.spec;
    expect(spec.iamInstanceProfile).toBe('control-plane.cluster-api-provider-aws.sigs.k8s.io');
    expect(spec.sshKeyName).toBe('platform');
    expect(spec.rootVolume.size).toBe(120);
    expect(spec.ami).toEqual({ id: 'ami-0123456789abcdef0' });
  });

  it('GIVEN props WHEN renderSpec is called THEN returns the spec the construct renders, without checking the props', () => {
    const { chart, objects } = testChart();
    const content = { instanceType: 'm6i.xlarge', sshKeyName: 'platform', rootVolumeSizeGiB: 120, amiId: 'ami-0123456789abcdef0' };
    new AWSMachineTemplate(chart, 'AMT', { ...base, ...content });
    expect(AWSMachineTemplate.renderSpec(content)).toEqual(only(objects(), 'AWSMachineTemplate').spec);
    expect(AWSMachineTemplate.renderSpec({ instanceType: '' }).template.spec.instanceType).toBe('');
  });

  it('GIVEN an empty instance type, a 4 GiB disk and a malformed AMI WHEN constructed THEN reports all three', () => {
    const { chart } = testChart();
    expect(() => new AWSMachineTemplate(chart, 'AMT', { ...base, instanceType: '', rootVolumeSizeGiB: 4, amiId: 'ubuntu' })).toThrow(
      new ConstructPropsError([
        'AWSMachineTemplate "prod-eu-workers": instanceType "" is not an EC2 instance type; use a type like "m6i.xlarge"',
        'AWSMachineTemplate "prod-eu-workers": rootVolumeSizeGiB 4 is not a whole number of at least 8; use 80 or more for nodes that pull images',
        'AWSMachineTemplate "prod-eu-workers": amiId "ubuntu" is not an AMI ID; write it like "ami-0123456789abcdef0"',
      ]),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { ConstructPropsError } from '../../constructs/errors';
import type { Cluster, HubCluster } from '../../model/types';
import { addClusterApiObjects, type ClusterApiOptions } from '../../stacks/cluster-api/cluster-api-objects';
import { canonicalJson, contentHash, contentName } from '../../stacks/cluster-api/content-name';
import { ARGOCD_ROLE_ARN, dockerNodePool, hub, nodePool, spoke } from '../helpers/model-fixtures';
import { only, testChart } from '../helpers/synth';

const options: ClusterApiOptions = { namespace: 'cluster-api', protect: false, labels: { env: 'prod', region: 'eu-west-1' } };

function synth(cluster: Cluster | HubCluster, opts: ClusterApiOptions = options): { added: boolean; objects: any[] } {
  const { chart, objects } = testChart();
  const added = addClusterApiObjects(chart, cluster, opts);
  return { added, objects: objects() };
}

const kindsAndNames = (objects: readonly any[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();

const TEMPLATE_KINDS = ['AWSMachineTemplate', 'DockerMachineTemplate', 'KubeadmConfigTemplate'];
const isTemplate = (o: any) => TEMPLATE_KINDS.includes(o.kind);
const names = (objects: readonly any[], kind: string) => objects.filter((o) => o.kind === kind).map((o) => o.metadata.name).sort();
const refsOf = (md: any) => ({ bootstrap: md.spec.template.spec.bootstrap.configRef.name, machine: md.spec.template.spec.infrastructureRef.name });

const gpuPool = nodePool({
  name: 'gpu',
  instanceType: 'g5.xlarge',
  replicas: 2,
  autoscaling: { min: 1, max: 4 },
  labels: { 'example.com/accelerator': 'nvidia', 'node-role.kubernetes.io/gpu': '' },
  taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }],
});

describe('addClusterApiObjects', () => {
  describe('capi-aws', () => {
    const cluster = spoke('capi-aws', { name: 'prod-eu', nodePools: [nodePool(), gpuPool] });

    it('GIVEN a capi-aws spoke WHEN added THEN renders the documented objects and names', () => {
      const { added, objects } = synth(cluster);
      expect(added).toBe(true);
      expect(kindsAndNames(objects)).toEqual([
        'AWSCluster/prod-eu',
        'AWSMachineTemplate/prod-eu-control-plane-e7f9e63d',
        'AWSMachineTemplate/prod-eu-gpu-45af5d44',
        'AWSMachineTemplate/prod-eu-workers-54a8a5e8',
        'Cluster/prod-eu',
        'KubeadmConfigTemplate/prod-eu-gpu-829a8aed',
        'KubeadmConfigTemplate/prod-eu-workers-8789cb69',
        'KubeadmControlPlane/prod-eu-control-plane',
        'MachineDeployment/prod-eu-gpu',
        'MachineDeployment/prod-eu-workers',
      ]);
    });

    it('GIVEN a capi-aws spoke WHEN added THEN the control plane and each MachineDeployment reference their content-named templates', () => {
      const { objects } = synth(cluster);
      expect(only(objects, 'KubeadmControlPlane').spec.machineTemplate.spec.infrastructureRef.name).toBe('prod-eu-control-plane-e7f9e63d');
      expect(refsOf(only(objects, 'MachineDeployment', 'prod-eu-workers'))).toEqual({ bootstrap: 'prod-eu-workers-8789cb69', machine: 'prod-eu-workers-54a8a5e8' });
      expect(refsOf(only(objects, 'MachineDeployment', 'prod-eu-gpu'))).toEqual({ bootstrap: 'prod-eu-gpu-829a8aed', machine: 'prod-eu-gpu-45af5d44' });
    });

    it('GIVEN a pool whose instance type changes WHEN added again THEN its AWSMachineTemplate and reference move, the MachineDeployment keeps its name and the other pool keeps its templates', () => {
      const before = synth(cluster).objects;
      const after = synth(spoke('capi-aws', { name: 'prod-eu', nodePools: [nodePool({ instanceType: 'm6i.2xlarge' }), gpuPool] })).objects;
      expect(names(after, 'AWSMachineTemplate')).toEqual(['prod-eu-control-plane-e7f9e63d', 'prod-eu-gpu-45af5d44', 'prod-eu-workers-52c91ce1']);
      expect(only(after, 'AWSMachineTemplate', 'prod-eu-workers-52c91ce1').spec.template.spec.instanceType).toBe('m6i.2xlarge');
      expect(names(after, 'MachineDeployment')).toEqual(names(before, 'MachineDeployment'));
      expect(refsOf(only(after, 'MachineDeployment', 'prod-eu-workers'))).toEqual({ bootstrap: 'prod-eu-workers-8789cb69', machine: 'prod-eu-workers-52c91ce1' });
      expect(refsOf(only(after, 'MachineDeployment', 'prod-eu-gpu'))).toEqual(refsOf(only(before, 'MachineDeployment', 'prod-eu-gpu')));
      expect(names(after, 'KubeadmConfigTemplate')).toEqual(names(before, 'KubeadmConfigTemplate'));
      expect(only(after, 'KubeadmControlPlane')).toEqual(only(before, 'KubeadmControlPlane'));
    });

    it('GIVEN a pool whose disk size or taints change WHEN added again THEN only the template holding them gets a new name', () => {
      const before = synth(cluster).objects;
      const bigger = synth(spoke('capi-aws', { name: 'prod-eu', nodePools: [nodePool({ diskSizeGiB: 120 }), gpuPool] })).objects;
      expect(refsOf(only(bigger, 'MachineDeployment', 'prod-eu-workers')).machine).not.toBe('prod-eu-workers-54a8a5e8');
      expect(names(bigger, 'KubeadmConfigTemplate')).toEqual(names(before, 'KubeadmConfigTemplate'));
      const tainted = synth(
        spoke('capi-aws', { name: 'prod-eu', nodePools: [nodePool({ taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] }), gpuPool] }),
      ).objects;
      const taintedRefs = refsOf(only(tainted, 'MachineDeployment', 'prod-eu-workers'));
      expect(taintedRefs.bootstrap).not.toBe('prod-eu-workers-8789cb69');
      expect(taintedRefs.machine).toBe('prod-eu-workers-54a8a5e8');
      expect(names(tainted, 'AWSMachineTemplate')).toEqual(names(before, 'AWSMachineTemplate'));
    });

    it('GIVEN a control plane instance type change WHEN added again THEN the KubeadmControlPlane keeps its name and references a new template', () => {
      const provider = { ...cluster.provider, controlPlane: { replicas: 3, instanceType: 'm6i.xlarge' } } as Cluster['provider'];
      const objects = synth({ ...cluster, provider }).objects;
      const kcp = only(objects, 'KubeadmControlPlane', 'prod-eu-control-plane');
      const ref = kcp.spec.machineTemplate.spec.infrastructureRef.name;
      expect(ref).toMatch(/^prod-eu-control-plane-[0-9a-f]{8}$/);
      expect(ref).not.toBe('prod-eu-control-plane-e7f9e63d');
      expect(only(objects, 'AWSMachineTemplate', ref).spec.template.spec.instanceType).toBe('m6i.xlarge');
    });

    it('GIVEN a capi-aws spoke WHEN added THEN matches the snapshot', () => {
      expect(synth(cluster, { ...options, protect: true }).objects).toMatchSnapshot();
    });

    it('GIVEN the model network and provider WHEN added THEN the Cluster, AWSCluster and control plane carry them', () => {
      const { objects } = synth(cluster);
      expect(only(objects, 'Cluster').spec.clusterNetwork).toEqual({
        pods: { cidrBlocks: ['10.20.0.0/16'] },
        services: { cidrBlocks: ['172.20.0.0/16'] },
      });
      expect(only(objects, 'AWSCluster').spec).toMatchObject({ region: 'eu-west-1', sshKeyName: 'platform', network: { vpc: { cidrBlock: '10.10.0.0/16' } } });
      const kcp = only(objects, 'KubeadmControlPlane');
      expect(kcp.spec).toMatchObject({ replicas: 3, version: 'v1.31.4' });
      expect(kcp.spec.kubeadmConfigSpec.clusterConfiguration.controllerManager.extraArgs).toEqual([{ name: 'cloud-provider', value: 'external' }]);
      expect(only(objects, 'AWSMachineTemplate', 'prod-eu-control-plane-e7f9e63d').spec.template.spec).toMatchObject({
        instanceType: 'm6i.large',
        iamInstanceProfile: 'control-plane.cluster-api-provider-aws.sigs.k8s.io',
      });
    });

    it('GIVEN a pool with node-role and free labels and a taint WHEN added THEN the Machine gets node-role, the kubelet the rest and the taint', () => {
      const { objects } = synth(cluster);
      const md = only(objects, 'MachineDeployment', 'prod-eu-gpu');
      expect(md.spec.template.metadata.labels['node-role.kubernetes.io/gpu']).toBe('');
      const registration = only(objects, 'KubeadmConfigTemplate', 'prod-eu-gpu-829a8aed').spec.template.spec.joinConfiguration.nodeRegistration;
      expect(registration.kubeletExtraArgs).toEqual([
        { name: 'cloud-provider', value: 'external' },
        { name: 'node-labels', value: 'example.com/accelerator=nvidia' },
      ]);
      expect(registration.taints).toEqual([{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }]);
      expect(only(objects, 'AWSMachineTemplate', 'prod-eu-gpu-45af5d44').spec.template.spec.iamInstanceProfile).toBe('nodes.cluster-api-provider-aws.sigs.k8s.io');
    });

    it('GIVEN an autoscaled pool WHEN added THEN the MachineDeployment carries the autoscaler bounds and no replicas', () => {
      const md = only(synth(cluster).objects, 'MachineDeployment', 'prod-eu-gpu');
      expect(md.metadata.annotations).toEqual({
        'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size': '1',
        'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size': '4',
      });
      expect(md.spec.replicas).toBeUndefined();
    });

    it('GIVEN a kubeadm cluster without a patch release WHEN added THEN the KubeadmControlPlane reports the missing patch', () => {
      const noPatch = spoke('capi-aws', { name: 'prod-eu', kubernetesVersion: { major: 1, minor: 31 } });
      expect(() => synth(noPatch)).toThrow(
        new ConstructPropsError([
          'KubeadmControlPlane "prod-eu-control-plane": version "v1.31" is not a full Kubernetes release: kubeadm installs an exact patch release; write it like "v1.31.4"',
        ]),
      );
    });
  });

  describe('capi-aws-eks', () => {
    const cluster = spoke('capi-aws-eks', { name: 'prod-eks', nodePools: [nodePool(), gpuPool] });
    const eksPools = (c: Cluster) => ({
      ...c,
      nodePools: c.nodePools.map((p) => ({ ...p, labels: Object.fromEntries(Object.entries(p.labels).filter(([k]) => !k.startsWith('node-role'))) })),
    });

    it('GIVEN a capi-aws-eks spoke WHEN added THEN renders the documented objects and names', () => {
      const { added, objects } = synth(eksPools(cluster));
      expect(added).toBe(true);
      expect(kindsAndNames(objects)).toEqual([
        'AWSManagedCluster/prod-eks',
        'AWSManagedControlPlane/prod-eks',
        'AWSManagedMachinePool/prod-eks-gpu',
        'AWSManagedMachinePool/prod-eks-workers',
        'Cluster/prod-eks',
        'MachinePool/prod-eks-gpu',
        'MachinePool/prod-eks-workers',
      ]);
    });

    it('GIVEN a capi-aws-eks spoke WHEN added THEN matches the snapshot', () => {
      expect(synth(eksPools(cluster), { ...options, protect: true, argocdAccess: { mode: 'cluster-admin' } }).objects).toMatchSnapshot();
    });

    it('GIVEN the EKS provider WHEN added THEN the control plane has the minor version, name, VPC, endpoint, OIDC and the Argo CD access entry', () => {
      const spec = only(synth(eksPools(cluster), { ...options, argocdAccess: { mode: 'cluster-admin' } }).objects, 'AWSManagedControlPlane').spec;
      expect(spec).toMatchObject({
        region: 'eu-west-1',
        version: 'v1.31',
        eksClusterName: 'acme-prod-eu',
        network: { vpc: { cidrBlock: '10.30.0.0/16' } },
        endpointAccess: { public: false, private: true },
        associateOIDCProvider: true,
        accessConfig: { authenticationMode: 'api' },
      });
      expect(spec.accessEntries.map((e: any) => e.principalARN)).toEqual([ARGOCD_ROLE_ARN]);
    });

    it('GIVEN least-privilege access WHEN added THEN the role is mapped to the group, the Cluster carries its name label, and a ClusterResourceSet applies the objects', () => {
      const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'fleetwright-deployer' }, rules: [] };
      const { objects } = synth(eksPools(cluster), { ...options, argocdAccess: { mode: 'least-privilege', group: 'fleetwright:argocd', objects: [role] } });
      expect(only(objects, 'AWSManagedControlPlane').spec.accessEntries).toEqual([{ principalARN: ARGOCD_ROLE_ARN, type: 'standard', kubernetesGroups: ['fleetwright:argocd'] }]);
      expect(only(objects, 'Cluster').metadata.labels['fleetwright.io/cluster']).toBe('prod-eks');
      expect(only(objects, 'ClusterResourceSet').spec.clusterSelector).toEqual({ matchLabels: { 'fleetwright.io/cluster': 'prod-eks' } });
      expect(JSON.parse(only(objects, 'ConfigMap').data['resources.yaml'])).toEqual(role);
    });

    it('GIVEN no Argo CD access (a Pulumi-delivered spoke) WHEN added THEN the control plane has no access entry and there is no ClusterResourceSet', () => {
      const { objects } = synth(eksPools(cluster));
      expect(only(objects, 'AWSManagedControlPlane').spec.accessEntries).toBeUndefined();
      expect(objects.filter((o) => o.kind === 'ClusterResourceSet')).toEqual([]);
    });

    it('GIVEN the model service range WHEN added THEN the Cluster carries it for CAPA to give EKS, and no pod range', () => {
      expect(only(synth(eksPools(cluster)).objects, 'Cluster').spec.clusterNetwork).toEqual({ services: { cidrBlocks: ['172.20.0.0/16'] } });
    });

    it('GIVEN a fixed and an autoscaled pool WHEN added THEN node group bounds follow replicas or autoscaling, and MachinePools use v1.<minor>.0', () => {
      const { objects } = synth(eksPools(cluster));
      expect(only(objects, 'AWSManagedMachinePool', 'prod-eks-workers').spec.scaling).toEqual({ minSize: 3, maxSize: 3 });
      const gpu = only(objects, 'AWSManagedMachinePool', 'prod-eks-gpu').spec;
      expect(gpu.scaling).toEqual({ minSize: 1, maxSize: 4 });
      expect(gpu.labels).toEqual({ 'example.com/accelerator': 'nvidia' });
      expect(gpu.taints).toEqual([{ key: 'nvidia.com/gpu', value: 'true', effect: 'no-schedule' }]);
      expect(only(objects, 'MachinePool', 'prod-eks-workers').spec).toMatchObject({ replicas: 3, template: { spec: { version: 'v1.31.0' } } });
      expect(only(objects, 'MachinePool', 'prod-eks-gpu').spec.replicas).toBeUndefined();
    });

    it('GIVEN a public endpoint WHEN added THEN the EKS public endpoint is on', () => {
      const provider = { ...cluster.provider, publicEndpoint: true } as Cluster['provider'];
      const spec = only(synth(eksPools(spoke('capi-aws-eks', { name: 'prod-eks', provider }))).objects, 'AWSManagedControlPlane').spec;
      expect(spec.endpointAccess).toEqual({ public: true, private: true });
    });

    it('GIVEN the hub on EKS without an Argo CD role WHEN added THEN no access entry is rendered', () => {
      const spec = only(synth(hub('capi-aws-eks')).objects, 'AWSManagedControlPlane').spec;
      expect(spec.accessEntries).toBeUndefined();
      expect(spec.accessConfig).toEqual({ authenticationMode: 'api', bootstrapClusterCreatorAdminPermissions: true });
    });
  });

  describe('capi-docker', () => {
    const cluster = spoke('capi-docker', {
      name: 'dev',
      nodePools: [dockerNodePool(), dockerNodePool({ name: 'edge', labels: { 'node-role.kubernetes.io/edge': '' }, taints: [{ key: 'edge', value: 'true', effect: 'NoExecute' }] })],
    });

    it('GIVEN a capi-docker spoke WHEN added THEN renders the documented objects and names', () => {
      const { added, objects } = synth(cluster);
      expect(added).toBe(true);
      expect(kindsAndNames(objects)).toEqual([
        'Cluster/dev',
        'DockerCluster/dev',
        'DockerMachineTemplate/dev-control-plane-40836324',
        'DockerMachineTemplate/dev-edge-40836324',
        'DockerMachineTemplate/dev-workers-40836324',
        'KubeadmConfigTemplate/dev-edge-b60d70df',
        'KubeadmConfigTemplate/dev-workers-50817e3b',
        'KubeadmControlPlane/dev-control-plane',
        'MachineDeployment/dev-edge',
        'MachineDeployment/dev-workers',
      ]);
    });

    it('GIVEN a capi-docker spoke WHEN added THEN matches the snapshot', () => {
      expect(synth(cluster).objects).toMatchSnapshot();
    });

    it('GIVEN the docker provider WHEN added THEN machines run the kind image of the release and the control plane has one replica', () => {
      const { objects } = synth(cluster);
      for (const template of objects.filter((o) => o.kind === 'DockerMachineTemplate')) {
        expect(template.spec.template.spec.customImage).toBe('kindest/node:v1.31.4');
      }
      expect(only(objects, 'KubeadmControlPlane').spec.replicas).toBe(1);
      expect(only(objects, 'KubeadmControlPlane').spec.kubeadmConfigSpec.clusterConfiguration.apiServer.certSANs).toContain('host.docker.internal');
    });

    it('GIVEN a new Kubernetes patch release WHEN added again THEN every DockerMachineTemplate gets a new name and the references follow', () => {
      const objects = synth({ ...cluster, kubernetesVersion: { major: 1, minor: 31, patch: 5 } }).objects;
      for (const template of objects.filter((o) => o.kind === 'DockerMachineTemplate')) {
        expect(template.metadata.name).not.toMatch(/-40836324$/);
        expect(template.spec.template.spec.customImage).toBe('kindest/node:v1.31.5');
      }
      expect(refsOf(only(objects, 'MachineDeployment', 'dev-workers'))).toEqual({ bootstrap: 'dev-workers-50817e3b', machine: expect.stringMatching(/^dev-workers-[0-9a-f]{8}$/) });
      const kcpRef = only(objects, 'KubeadmControlPlane', 'dev-control-plane').spec.machineTemplate.spec.infrastructureRef.name;
      expect(only(objects, 'DockerMachineTemplate', kcpRef).spec.template.spec.customImage).toBe('kindest/node:v1.31.5');
    });

    it('GIVEN a pool whose kubelet labels change WHEN added again THEN its KubeadmConfigTemplate gets a new name and the other pool keeps its own', () => {
      const relabelled = spoke('capi-docker', { name: 'dev', nodePools: [dockerNodePool({ labels: { 'example.com/team': 'data' } }), cluster.nodePools[1]] });
      const objects = synth(relabelled).objects;
      expect(refsOf(only(objects, 'MachineDeployment', 'dev-workers')).bootstrap).not.toBe('dev-workers-50817e3b');
      expect(refsOf(only(objects, 'MachineDeployment', 'dev-workers')).machine).toBe('dev-workers-40836324');
      expect(refsOf(only(objects, 'MachineDeployment', 'dev-edge'))).toEqual({ bootstrap: 'dev-edge-b60d70df', machine: 'dev-edge-40836324' });
    });
  });

  describe('every provider', () => {
    it.each([['pulumi-eks' as const], ['existing' as const]])('GIVEN a %s cluster WHEN added THEN returns false and adds nothing', (kind) => {
      const { added, objects } = synth(spoke(kind));
      expect(added).toBe(false);
      expect(objects).toEqual([]);
    });

    it.each([['capi-aws' as const], ['capi-aws-eks' as const], ['capi-docker' as const]])(
      'GIVEN a protected %s cluster WHEN added THEN every object has the Prune=false,Delete=false sync options and the namespace',
      (kind) => {
        const { objects } = synth(spoke(kind), { ...options, protect: true });
        for (const o of objects) {
          expect(o.metadata.annotations?.['argocd.argoproj.io/sync-options'], `${o.kind}/${o.metadata.name}`).toBe('Prune=false,Delete=false');
          expect(o.metadata.namespace).toBe('cluster-api');
        }
      },
    );

    it.each([['capi-aws' as const], ['capi-aws-eks' as const], ['capi-docker' as const]])(
      'GIVEN an unprotected %s cluster WHEN added THEN only the templates have sync options (PruneLast=true), and only the Cluster has the fleet labels',
      (kind) => {
        const { objects } = synth(spoke(kind));
        for (const o of objects) {
          expect(o.metadata.annotations?.['argocd.argoproj.io/sync-options'], `${o.kind}/${o.metadata.name}`).toBe(isTemplate(o) ? 'PruneLast=true' : undefined);
          expect(o.metadata.labels['app.kubernetes.io/managed-by']).toBe('fleetwright');
          expect(o.metadata.labels.env).toBe(o.kind === 'Cluster' ? 'prod' : undefined);
        }
      },
    );

    it.each([['capi-aws' as const], ['capi-docker' as const]])(
      'GIVEN a %s cluster WHEN added THEN each template is named <owner>-<first 8 hex of the SHA-256 of its sorted-key spec JSON>',
      (kind) => {
        const { objects } = synth(spoke(kind, { name: 'c1' }));
        const templates = objects.filter(isTemplate);
        expect(templates.length).toBe(3);
        const machineKind = kind === 'capi-aws' ? 'AWSMachineTemplate' : 'DockerMachineTemplate';
        expect(templates.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(
          [
            `${machineKind}/c1-control-plane-${contentHash(only(templates, machineKind, only(objects, 'KubeadmControlPlane').spec.machineTemplate.spec.infrastructureRef.name).spec)}`,
            `${machineKind}/c1-workers-${contentHash(only(templates, machineKind, refsOf(only(objects, 'MachineDeployment')).machine).spec)}`,
            `KubeadmConfigTemplate/c1-workers-${contentHash(only(templates, 'KubeadmConfigTemplate').spec)}`,
          ].sort(),
        );
      },
    );

    it('GIVEN a protected cluster WHEN added THEN templates keep only Prune=false,Delete=false (no PruneLast)', () => {
      const { objects } = synth(spoke('capi-aws'), { ...options, protect: true });
      for (const o of objects.filter(isTemplate)) {
        expect(o.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' });
      }
    });

    it('GIVEN two clusters in one scope WHEN added THEN both render without construct id clashes', () => {
      const { chart, objects } = testChart();
      addClusterApiObjects(chart, spoke('capi-docker', { name: 'dev-a' }), options);
      addClusterApiObjects(chart, spoke('capi-docker', { name: 'dev-b' }), options);
      expect(objects().filter((o) => o.kind === 'Cluster').map((o) => o.metadata.name)).toEqual(['dev-a', 'dev-b']);
    });
  });
});

describe('content names', () => {
  it('GIVEN objects with keys in any order WHEN serialized THEN keys are sorted at every level, arrays keep their order and undefined keys are left out', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: true, y: null }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[2,{"y":null,"z":true}]},"b":1}');
    expect(contentHash({ b: 1, a: 2 })).toBe(contentHash({ a: 2, b: 1 }));
  });

  it('GIVEN a spec WHEN hashed THEN gives the first 8 hex characters of the SHA-256 of its canonical JSON', () => {
    // sha256('{"template":{"spec":{"customImage":"kindest/node:v1.31.4"}}}') = 40836324…
    expect(contentHash({ template: { spec: { customImage: 'kindest/node:v1.31.4' } } })).toBe('40836324');
    expect(contentName('dev-workers', { template: { spec: { customImage: 'kindest/node:v1.31.4' } } })).toBe('dev-workers-40836324');
  });

  it('GIVEN a value JSON cannot carry WHEN serialized THEN throws', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});

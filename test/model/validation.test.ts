import { describe, expect, it } from 'vitest';
import { checkFleet, FleetValidationError, resolveFleet } from '../../model';
import { mutableDefinition, validDefinition } from '../helpers/definitions';

function problemsOf(mutate: (d: any) => void): string[] {
  const d = mutableDefinition();
  mutate(d);
  return checkFleet(d).problems.map((p) => p.message);
}

describe('fleet definition validation', () => {
  it('GIVEN the valid test fleet WHEN checked THEN there is no problem and a model', () => {
    const result = checkFleet(validDefinition());
    expect(result.problems).toEqual([]);
    expect(result.fleet?.clusters.map((c) => c.name)).toEqual(['dev-aws', 'dev-docker', 'prod-eks', 'prod-existing', 'prod-other', 'prod-pulumi']);
  });

  it.each<[string, (d: any) => void, string[]]>([
    ['duplicate cluster names', (d) => (d.clusters[1].name = 'dev-aws'), [
      'clusters[1].name "dev-aws" is already the name of clusters[0]; give every cluster a unique name',
    ]],
    ['a name that is not DNS-1123', (d) => (d.clusters[0].name = 'Dev_AWS'), [
      `clusters[0].name "Dev_AWS" is not a DNS-1123 label; use lowercase letters, digits and '-', starting and ending with a letter or digit`,
      '(further checks) add-ons, apps, delivery and disaster recovery are checked once clusters[0] can be read; fix the problems above and run check again',
    ]],
    ['a name too long for the names derived from it', (d) => (d.clusters[2].name = 'a'.repeat(50)), [
      `clusters[2].name "${'a'.repeat(50)}" makes the Application name "cluster-config-${'a'.repeat(50)}" 65 characters long, over the limit of 63; shorten the cluster name by 2 characters`,
    ]],
    ['an unknown environment', (d) => (d.clusters[0].environment = 'qa'), [
      'clusters[0].environment "qa" is not a declared environment; use one of "dev", "prod" or add it to environments',
    ]],
    ['missing provider fields', (d) => { delete d.clusters[0].provider.vpcCidr; delete d.clusters[0].provider.controlPlane; }, [
      'clusters[0].provider.controlPlane is missing; add it (an object)',
      'clusters[0].provider.vpcCidr is missing; add it (a string)',
      '(further checks) add-ons, apps, delivery and disaster recovery are checked once clusters[0] can be read; fix the problems above and run check again',
    ]],
    ['an unknown provider kind', (d) => (d.clusters[0].provider = { kind: 'gke' }), [
      'clusters[0].provider.kind "gke" is not a known kind; use one of "capi-aws", "capi-aws-eks", "capi-docker", "pulumi-eks", "existing"',
      '(further checks) add-ons, apps, delivery and disaster recovery are checked once clusters[0] can be read; fix the problems above and run check again',
    ]],
    ['an invalid Kubernetes version', (d) => (d.clusters[0].kubernetesVersion = '2.1'), [
      'clusters[0].kubernetesVersion "2.1" is not a Kubernetes version; write it like "1.31" (EKS) or "1.31.4" (kubeadm)',
    ]],
    ['an unsupported Kubernetes version', (d) => (d.hub.kubernetesVersion = '1.20'), [
      'hub.kubernetesVersion "1.20" is outside the supported range 1.28 to 1.36; use a version from 1.28 to 1.36',
      '(further checks) add-ons, apps, delivery and disaster recovery are checked once hub can be read; fix the problems above and run check again',
    ]],
    ['a kubeadm version without patch', (d) => (d.clusters[0].kubernetesVersion = '1.34'), [
      'clusters[0].kubernetesVersion "1.34" has no patch release, which kubeadm needs (provider "capi-aws" of dev-aws); write the full version, e.g. "1.34.0"',
    ]],
    ['an EKS version with patch', (d) => (d.clusters[2].kubernetesVersion = '1.34.1'), [
      'clusters[2].kubernetesVersion "1.34.1" has a patch release, but EKS picks the patch itself (provider "capi-aws-eks" of prod-eks); write "1.34"',
    ]],
    ['a malformed CIDR', (d) => (d.clusters[0].network.podCidr = '10.300.0.0/16'), [
      'clusters[0].network.podCidr "10.300.0.0/16" is not an IPv4 CIDR; write it like "10.20.0.0/16"',
      '(further checks) add-ons, apps, delivery and disaster recovery are checked once clusters[0] can be read; fix the problems above and run check again',
    ]],
    ['a CIDR with host bits', (d) => (d.clusters[0].network.podCidr = '10.101.1.0/16'), [
      'clusters[0].network.podCidr "10.101.1.0/16" has host bits set; use the network address "10.101.0.0/16"',
      '(further checks) add-ons, apps, delivery and disaster recovery are checked once clusters[0] can be read; fix the problems above and run check again',
    ]],
    ["a pod CIDR overlapping another cluster's", (d) => (d.clusters[2].network.podCidr = '10.101.128.0/17'), [
      'clusters[2].network.podCidr "10.101.128.0/17" overlaps clusters[0].network.podCidr "10.101.0.0/16" (dev-aws); give each cluster its own ranges (cross-cluster networking such as Cilium ClusterMesh and Submariner needs them disjoint)',
    ]],
    ["a service CIDR overlapping the hub's", (d) => (d.clusters[1].network.serviceCidr = '172.20.0.0/22'), [
      'clusters[1].network.serviceCidr "172.20.0.0/22" overlaps hub.network.serviceCidr "172.20.0.0/20" (management); give each cluster its own ranges (cross-cluster networking such as Cilium ClusterMesh and Submariner needs them disjoint)',
    ]],
    ['pod and service ranges of one cluster overlapping', (d) => (d.clusters[0].network.serviceCidr = '10.101.0.0/20'), [
      'clusters[0].network.serviceCidr "10.101.0.0/20" overlaps clusters[0].network.podCidr "10.101.0.0/16" (the same cluster); give pods, services and the VPC separate ranges',
    ]],
    ['a service range larger than the API server accepts', (d) => (d.clusters[0].network.serviceCidr = '11.0.0.0/8'), [
      'clusters[0].network.serviceCidr "11.0.0.0/8" is a /8, outside the /12 to /24 allowed for a service range; use a prefix length between 12 and 24',
    ]],
    ['an EKS service range outside the private blocks', (d) => (d.clusters[2].network.serviceCidr = '100.64.0.0/16'), [
      'clusters[2].network.serviceCidr "100.64.0.0/16" is not a range EKS accepts for services (provider "capi-aws-eks"): it must lie inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16; pick a private range, e.g. "172.20.0.0/16"',
    ]],
    ['a hub that is also a spoke', (d) => (d.clusters[0].name = 'management'), [
      `clusters[0].name "management" is the hub's name (hub.name): the hub cannot also be a spoke; rename this cluster, or remove it from clusters`,
    ]],
    ['label keys and values Kubernetes refuses', (d) => (d.clusters[0].labels = { 'Bad Key': 'x', 'example.com/ok': 'not ok!' }), [
      `clusters[0].labels["Bad Key"] key "Bad Key" is not a valid label key; use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit (optionally after a DNS prefix and '/')`,
      `clusters[0].labels["example.com/ok"] "not ok!" is not a valid label value; use letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
    ]],
    ['labels the model derives', (d) => (d.environments.prod.labels = { env: 'x', 'fleetwright.io/x': 'y' }), [
      'environments.prod.labels["fleetwright.io/x"] "fleetwright.io/x" uses a prefix reserved for fleetwright; choose a key with your own prefix, e.g. "example.com/team"',
      'environments.prod.labels.env "env" is a label key fleetwright derives; remove it and set the "environment" field instead',
    ]],
    ['an unknown add-on', (d) => (d.environments.dev.addons = { 'cert-manger': true }), [
      'environments.dev.addons["cert-manger"] is not a known add-on; use one of "argo-rollouts", "cert-manager", "cilium", "external-dns", "external-secrets", "ingress-nginx", "kube-prometheus-stack", "kyverno", "thanos", "velero"',
      'clusters[0].addons.cilium is not enabled, but a "capi-aws" cluster (dev-aws) has no pod network until a CNI runs; enable cilium for it or for its environment',
      'clusters[1].addons.cilium is not enabled, but a "capi-docker" cluster (dev-docker) has no pod network until a CNI runs; enable cilium for it or for its environment',
    ]],
    ['EKS spokes without an Argo CD role', (d) => delete d.hub.argocd, [
      'clusters[2].provider.argocdRoleArn is missing; Argo CD on the hub authenticates to EKS with an IAM role: set clusters[2].provider.argocdRoleArn or hub.argocd.awsRoleArn',
      'clusters[3].provider.argocdRoleArn is missing; Argo CD on the hub authenticates to EKS with an IAM role: set clusters[3].provider.argocdRoleArn or hub.argocd.awsRoleArn',
      'clusters[4].provider.auth.argocdRoleArn is missing; Argo CD on the hub authenticates to EKS with an IAM role: set clusters[4].provider.auth.argocdRoleArn or hub.argocd.awsRoleArn',
    ]],
    ['a region that is not an AWS region', (d) => (d.clusters[3].region = 'moon-1'), [
      'clusters[3].region "moon-1" is not an AWS region (provider "pulumi-eks" of prod-pulumi runs on AWS); use a region code like "us-east-1"',
    ]],
    ['a region neither the cluster nor its environment sets', (d) => delete d.environments.dev.region, [
      'clusters[0].region is missing; set clusters[0].region or environments.dev.region',
      'clusters[1].region is missing; set clusters[1].region or environments.dev.region',
    ]],
    ['a Cluster API cluster without node pools', (d) => (d.environments.dev.nodePools = []), [
      'clusters[0].nodePools is missing; provider "capi-aws" needs at least one node pool: set clusters[0].nodePools or environments.dev.nodePools',
    ]],
    ['instance types missing on AWS and present on Docker', (d) => { d.clusters[1].nodePools[0].instanceType = 'm5.large'; delete d.environments.dev.nodePools[0].instanceType; }, [
      'environments.dev.nodePools[0].instanceType is missing; provider "capi-aws" of dev-aws runs on EC2: set an instance type like "m6i.xlarge"',
      'clusters[1].nodePools[0].instanceType "m5.large" means nothing to provider "capi-docker" of dev-docker; remove it',
    ]],
    ['replicas outside the autoscaling bounds', (d) => (d.clusters[1].nodePools[0].autoscaling = { min: 2, max: 4 }), [
      'clusters[1].nodePools[0].replicas 1 lies outside autoscaling 2..4; use a value from 2 to 4',
    ]],
    ['a number written as a string', (d) => (d.clusters[1].nodePools[0].replicas = '3'), [
      'clusters[1].nodePools[0].replicas "3" is a string, expected a number; write 3 without quotes',
    ]],
    ['unknown and misplaced fields', (d) => { d.clusters[0].podCidr = '10.9.0.0/16'; d.repo.branch = 'main'; d.clusters[0].nodePools = [{ name: 'x', instanceTyp: 'm6i.large' }]; }, [
      'repo.branch is not a known field; did you mean "revision"?',
      'clusters[0].nodePools[0].instanceTyp is not a known field; did you mean "instanceType"?',
      'clusters[0].nodePools[0].instanceType is missing; provider "capi-aws" of dev-aws runs on EC2: set an instance type like "m6i.xlarge"',
      'clusters[0].podCidr is not a field at this level; move it into network',
    ]],
    ['a reserved environment name', (d) => (d.environments.hub = {}), [
      'environments.hub "hub" is reserved (it names an Argo CD project); rename the environment; "hub" and "default" are taken',
    ]],
    ['broken apps', (d) => (d.apps = [
      { name: 'a', repoUrl: 'https://git.example.com/a.git', path: 'p', namespace: 'a', environments: ['qa'] },
      { name: 'a', repoUrl: 'nope', path: '/abs', namespace: 'A' },
    ]), [
      'apps[0].environments[0] "qa" is not a declared environment; use one of "dev", "prod"',
      `apps[1].namespace "A" is not a DNS-1123 label; use lowercase letters, digits and '-', starting and ending with a letter or digit`,
      'apps[1].path "/abs" is not a relative path; use a path like "deploy/overlays/{env}"',
      'apps[1].repoUrl "nope" is not a Git repository URL; use "https://host/org/repo.git" or "git@host:org/repo.git"',
    ]],
  ])('GIVEN %s WHEN checked THEN exactly these problems are reported', (_title, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expected);
  });

  it('GIVEN several independent mistakes WHEN checked THEN all are reported at once, in definition order', () => {
    const problems = problemsOf((d) => {
      d.clusters[1].name = 'dev-aws';
      d.clusters[0].nodePools = [{ name: 'x', replicas: '3', instanceType: 'm6i.large' }];
      d.clusters[2].network.podCidr = '10.101.0.0/20';
      d.clusters[4].environment = 'qa';
      d.hub.kubernetesVersion = '1.20';
      d.extra = true;
    });
    expect(problems).toEqual([
      'hub.kubernetesVersion "1.20" is outside the supported range 1.28 to 1.36; use a version from 1.28 to 1.36',
      'clusters[0].nodePools[0].replicas "3" is a string, expected a number; write 3 without quotes',
      'clusters[1].name "dev-aws" is already the name of clusters[0]; give every cluster a unique name',
      'clusters[2].network.podCidr "10.101.0.0/20" overlaps clusters[0].network.podCidr "10.101.0.0/16" (dev-aws); give each cluster its own ranges (cross-cluster networking such as Cilium ClusterMesh and Submariner needs them disjoint)',
      'clusters[4].environment "qa" is not a declared environment; use one of "dev", "prod" or add it to environments',
      'extra is not a known field; remove it',
      '(further checks) add-ons, apps, delivery and disaster recovery are checked once hub can be read; fix the problems above and run check again',
    ]);
  });

  it('GIVEN a value that is not an object WHEN checked THEN the one problem says what to export', () => {
    expect(checkFleet(42).problems.map((p) => p.message)).toEqual([
      '(root) the configuration exported number, not a fleet definition; export the result of defineFleet({...})',
    ]);
  });

  it('GIVEN an invalid definition WHEN resolved THEN a FleetValidationError lists every problem', () => {
    const d = mutableDefinition();
    d.clusters[0].name = 'X';
    d.clusters[1].name = 'Y';
    expect(() => resolveFleet(d)).toThrow(FleetValidationError);
    try {
      resolveFleet(d);
    } catch (e) {
      expect((e as FleetValidationError).problems.map((p) => p.path)).toEqual(['clusters[0].name', 'clusters[1].name', '(further checks)']);
      expect((e as Error).message.split('\n')[0]).toBe('the fleet definition has 2 problems:');
    }
  });
});

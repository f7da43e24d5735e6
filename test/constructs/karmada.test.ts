import { Duration } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AgentClusterAccess } from '../../constructs/karmada/agent-cluster-access';
import { KarmadaCluster } from '../../constructs/karmada/cluster';
import { ClusterPropagationPolicy } from '../../constructs/karmada/cluster-propagation-policy';
import { ClusterTaintPolicy } from '../../constructs/karmada/cluster-taint-policy';
import { OverridePolicy, Overrider } from '../../constructs/karmada/override-policy';
import { ClusterAffinity, ClusterFailover, ReplicaScheduling } from '../../constructs/karmada/placement';
import { PropagationPolicy } from '../../constructs/karmada/propagation-policy';
import { only, testChart } from '../helpers/synth';

const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'checkout', namespace: 'checkout' };
const service = { apiVersion: 'v1', kind: 'Service', name: 'checkout', namespace: 'checkout' };
const prod = ClusterAffinity.labels({ env: 'prod' }, [{ key: 'fleetwright.io/standby', operator: 'DoesNotExist' }]);
const region = (value: string) => ClusterAffinity.labels({ region: value });

describe('Karmada constructs', () => {
  it('GIVEN weights 3:2:1 by region and failover delays WHEN a PropagationPolicy is synthesized THEN it selects the templates, divides by static weight and tolerates the NoExecute taints for the delays', () => {
    const { chart, objects } = testChart();
    new PropagationPolicy(chart, 'pp', {
      name: 'checkout',
      namespace: 'checkout',
      resourceSelectors: [deployment, service],
      clusters: prod,
      replicaScheduling: ReplicaScheduling.weighted([{ clusters: region('us-east-1'), weight: 3 }, { clusters: region('eu-west-1'), weight: 2 }, { clusters: region('ap-southeast-1'), weight: 1 }]),
      failover: ClusterFailover.after(Duration.seconds(60), Duration.minutes(5)),
      annotations: { 'argocd.argoproj.io/sync-wave': '0' },
    });
    const pp = only(objects(), 'PropagationPolicy', 'checkout');
    expect(pp.apiVersion).toBe('policy.karmada.io/v1alpha1');
    expect(pp.metadata).toEqual({ name: 'checkout', namespace: 'checkout', annotations: { 'argocd.argoproj.io/sync-wave': '0' } });
    expect(pp.spec).toEqual({
      resourceSelectors: [deployment, service],
      placement: {
        clusterAffinity: { labelSelector: { matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'fleetwright.io/standby', operator: 'DoesNotExist' }] } },
        clusterTolerations: [
          { key: 'cluster.karmada.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          { key: 'cluster.karmada.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
        ],
        replicaScheduling: {
          replicaSchedulingType: 'Divided',
          replicaDivisionPreference: 'Weighted',
          weightPreference: {
            staticWeightList: [
              { targetCluster: { labelSelector: { matchLabels: { region: 'us-east-1' } } }, weight: 3 },
              { targetCluster: { labelSelector: { matchLabels: { region: 'eu-west-1' } } }, weight: 2 },
              { targetCluster: { labelSelector: { matchLabels: { region: 'ap-southeast-1' } } }, weight: 1 },
            ],
          },
        },
      },
    });
  });

  it('GIVEN no weights WHEN the scheduling is weighted THEN no weight list is written, so Karmada weighs every cluster the same', () => {
    expect(ReplicaScheduling.weighted().spec).toEqual({ replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted' });
    expect(ReplicaScheduling.duplicated().spec).toEqual({ replicaSchedulingType: 'Duplicated' });
  });

  it('GIVEN bad placements WHEN a PropagationPolicy is built THEN every problem is reported at once with its fix', () => {
    const { chart } = testChart();
    expect(() => new PropagationPolicy(chart, 'bad', {
      name: 'checkout',
      namespace: 'checkout',
      resourceSelectors: [{ ...deployment, namespace: 'shop' }],
      clusters: ClusterAffinity.labels({}),
      replicaScheduling: ReplicaScheduling.weighted([{ clusters: region('us-west-2'), weight: 0 }]),
    })).toThrow([
      'PropagationPolicy "checkout": clusters {} is empty, which selects every member cluster; give labels the clusters must have',
      'PropagationPolicy "checkout": replicaScheduling.weights[0].weight 0 is not a whole number ≥ 1, which Karmada requires; leave clusters that should get no replica out of the list',
      'PropagationPolicy "checkout": resourceSelectors[0].namespace "shop" is not the policy\'s namespace "checkout", so Karmada would not select Deployment checkout; put the policy in the namespace of the resources it propagates',
    ].join('\n'));
  });

  it('GIVEN a namespace WHEN a ClusterPropagationPolicy places it by cluster names and never fails over THEN it tolerates the NoExecute taints forever', () => {
    const { chart, objects } = testChart();
    new ClusterPropagationPolicy(chart, 'cpp', {
      name: 'fleetwright-namespace-checkout',
      resourceSelectors: [{ apiVersion: 'v1', kind: 'Namespace', name: 'checkout' }],
      clusters: ClusterAffinity.names(['prod-a', 'prod-b']),
      failover: ClusterFailover.never(),
    });
    const cpp = only(objects(), 'ClusterPropagationPolicy');
    expect(cpp.metadata).toEqual({ name: 'fleetwright-namespace-checkout' });
    expect(cpp.spec).toEqual({
      resourceSelectors: [{ apiVersion: 'v1', kind: 'Namespace', name: 'checkout' }],
      placement: {
        clusterAffinity: { clusterNames: ['prod-a', 'prod-b'] },
        clusterTolerations: [
          { key: 'cluster.karmada.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
          { key: 'cluster.karmada.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
        ],
      },
    });
    expect(() => new ClusterPropagationPolicy(chart, 'dup', { name: 'x', resourceSelectors: [], clusters: ClusterAffinity.names(['a', 'a']) })).toThrow(
      ['ClusterPropagationPolicy "x": resourceSelectors [] is empty; select at least one resource template', 'ClusterPropagationPolicy "x": clusters ["a","a"] names a cluster twice; name each cluster once'].join('\n'),
    );
  });

  it('GIVEN a memory limit and a registry mirror for a region WHEN an OverridePolicy is synthesized THEN it patches request and limit and replaces the image registry there', () => {
    const { chart, objects } = testChart();
    new OverridePolicy(chart, 'op', {
      name: 'checkout',
      namespace: 'checkout',
      resourceSelectors: [deployment],
      rules: [{ clusters: region('ap-southeast-1'), overriders: [Overrider.memory('192Mi'), Overrider.imageRegistry('mirror.acme.io')] }],
    });
    expect(only(objects(), 'OverridePolicy').spec).toEqual({
      resourceSelectors: [deployment],
      overrideRules: [
        {
          targetCluster: { labelSelector: { matchLabels: { region: 'ap-southeast-1' } } },
          overriders: {
            plaintext: [
              { operator: 'replace', path: '/spec/template/spec/containers/0/resources/requests/memory', value: '192Mi' },
              { operator: 'replace', path: '/spec/template/spec/containers/0/resources/limits/memory', value: '192Mi' },
            ],
            imageOverrider: [{ component: 'Registry', operator: 'replace', value: 'mirror.acme.io' }],
          },
        },
      ],
    });
  });

  it('GIVEN a bad quantity, registry and no selector WHEN an OverridePolicy is built THEN every problem is reported at once', () => {
    const { chart } = testChart();
    expect(() => new OverridePolicy(chart, 'bad', {
      name: 'checkout',
      namespace: 'checkout',
      resourceSelectors: [],
      rules: [{ clusters: region('edge'), overriders: [Overrider.memory('lots'), Overrider.imageRegistry('https://mirror')] }, { clusters: region('x'), overriders: [] }],
    })).toThrow([
      'OverridePolicy "checkout": resourceSelectors [] is empty, which overrides every resource of the namespace; select the resources to override',
      'OverridePolicy "checkout": rules[0].overriders[0] "lots" is not a Kubernetes quantity; use e.g. "256Mi"',
      'OverridePolicy "checkout": rules[0].overriders[1] "https://mirror" is not a registry host; write it like "mirror.acme.io" or "mirror.acme.io:5000/proxy"',
      'OverridePolicy "checkout": rules[1].overriders [] is empty; add what the rule changes',
    ].join('\n'));
  });

  it('GIVEN a member with registration labels WHEN its Karmada Cluster is synthesized THEN it is in Pull mode with exactly those labels and no endpoint or credentials', () => {
    const { chart, objects } = testChart();
    new KarmadaCluster(chart, 'c', { name: 'prod-eks', labels: { env: 'prod', region: 'eu-west-1' } });
    expect(only(objects(), 'Cluster')).toEqual({
      apiVersion: 'cluster.karmada.io/v1alpha1',
      kind: 'Cluster',
      metadata: { name: 'prod-eks', labels: { env: 'prod', region: 'eu-west-1' } },
      spec: { syncMode: 'Pull' },
    });
    expect(() => new KarmadaCluster(chart, 'long', { name: 'c'.repeat(49), labels: {} })).toThrow(`KarmadaCluster "${'c'.repeat(49)}": name "${'c'.repeat(49)}" is 49 characters long; use at most 48`);
  });

  it("GIVEN a member WHEN its agent's access is synthesized THEN the agent's user may update that one Cluster object", () => {
    const { chart, objects } = testChart();
    new AgentClusterAccess(chart, 'a', { cluster: 'prod-eks' });
    expect(only(objects(), 'ClusterRole').rules).toEqual([{ apiGroups: ['cluster.karmada.io'], resources: ['clusters'], resourceNames: ['prod-eks'], verbs: ['update'] }]);
    const binding = only(objects(), 'ClusterRoleBinding');
    expect(binding.metadata.name).toBe('fleetwright-karmada-agent-prod-eks');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'fleetwright-karmada-agent-prod-eks' });
    expect(binding.subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'system:karmada:agent:prod-eks' }]);
  });

  it('GIVEN an unreachable condition WHEN a ClusterTaintPolicy is synthesized THEN it taints NoExecute while Ready is Unknown and untaints otherwise', () => {
    const { chart, objects } = testChart();
    new ClusterTaintPolicy(chart, 't', {
      name: 'fleetwright-unreachable',
      clusters: ClusterAffinity.labels({ 'fleetwright.io/fleet': 'acme' }),
      addOn: [{ conditionType: 'Ready', operator: 'In', statusValues: ['Unknown'] }],
      removeOn: [{ conditionType: 'Ready', operator: 'NotIn', statusValues: ['Unknown'] }],
      taints: [{ key: 'cluster.karmada.io/unreachable', effect: 'NoExecute' }],
    });
    expect(only(objects(), 'ClusterTaintPolicy').spec).toEqual({
      targetClusters: { labelSelector: { matchLabels: { 'fleetwright.io/fleet': 'acme' } } },
      addOnConditions: [{ conditionType: 'Ready', operator: 'In', statusValues: ['Unknown'] }],
      removeOnConditions: [{ conditionType: 'Ready', operator: 'NotIn', statusValues: ['Unknown'] }],
      taints: [{ key: 'cluster.karmada.io/unreachable', effect: 'NoExecute' }],
    });
    expect(() => new ClusterTaintPolicy(chart, 'bad', { name: 'bad', clusters: ClusterAffinity.names(['a']), addOn: [], removeOn: [], taints: [] })).toThrow([
      'ClusterTaintPolicy "bad": addOn [] is empty, so the policy would never taint; give the conditions that taint the cluster',
      'ClusterTaintPolicy "bad": removeOn [] is empty, so the taints would stay after the cluster recovers; give the conditions that remove the taints',
      'ClusterTaintPolicy "bad": taints [] is empty; give at least one taint',
    ].join('\n'));
  });
});

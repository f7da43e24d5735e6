/**
 * Least-privilege access of the hub's Argo CD to spokes: on EKS the access
 * entry maps its role to a group, on kubeadm Cluster API spokes it uses a
 * ServiceAccount's token instead of the admin certificate; a ClusterRole
 * allows the API groups the spoke's add-ons use, Cluster API clusters get it
 * through ClusterResourceSets (Pulumi clusters from their stack, see
 * test/pulumi/registration.test.ts), Argo CD respects RBAC when it watches,
 * and everything Argo CD syncs to a spoke is within the role.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { generateFleet } from '../../bench/generate-fleet';
import { CORE_WRITABLE, GroupAccess } from '../../constructs/rbac/group-access';
import { resolveFleet, type Fleet, type FleetDefinition } from '../../model';
import { synthesize } from '../../outputs/synth';
import { clusterDelivery } from '../../stacks/delivery/cluster-delivery';
import { apiGroup } from '../../stacks/delivery/folders';
import { switchedOnKinds } from '../../stacks/delivery/kinds';
import { renderFleet } from '../../stacks/fleet';
import { argocdAccessObjects, argocdSpokeAccess } from '../../stacks/spoke/argocd-access';
import { exampleFleet, exampleSynth } from '../helpers/example';
import { resolveArgs } from '../../outputs/pulumi/eks';
import { pulumiDeliveredDefinition } from '../helpers/pulumi-delivered';
import { servicesDefinition } from '../helpers/services';
import { testChart } from '../helpers/synth';
import { validDefinition } from '../helpers/definitions';
import { appsDefinition } from '../helpers/app-definitions';
import exampleDefinition from '../../fleet.config';

const parseFile = (files: ReadonlyMap<string, string>, file: string): any => {
  const content = files.get(file);
  if (content === undefined) throw new Error(`${file} was not written`);
  return parseAllDocuments(content)[0]!.toJS();
};

describe('GIVEN the GroupAccess construct', () => {
  it('WHEN built THEN the group may manage its API groups and the core configuration kinds, and only read the rest of the core group', () => {
    const { chart, objects } = testChart();
    new GroupAccess(chart, 'access', { name: 'deployer', group: 'acme:deployer', apiGroups: ['cert-manager.io', 'apps', 'apps'] });
    expect(objects()).toEqual([
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'deployer' },
        rules: [
          { apiGroups: [''], resources: [...CORE_WRITABLE], verbs: ['*'] },
          { apiGroups: [''], resources: ['*'], verbs: ['get', 'list', 'watch'] },
          { apiGroups: ['apps', 'cert-manager.io'], resources: ['*'], verbs: ['*'] },
        ],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'deployer' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'deployer' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'acme:deployer' }],
      },
    ]);
    expect(CORE_WRITABLE).not.toContain('nodes');
    expect(CORE_WRITABLE).not.toContain('pods');
  });

  it('WHEN its props are wrong THEN every problem is reported', () => {
    const { chart } = testChart();
    expect(() => new GroupAccess(chart, 'bad', { name: 'a/b', group: ' ', apiGroups: ['*', '', 'Not_A_Group'], serviceAccounts: [{ name: 'Argo_CD', namespace: 'kube.system' }] })).toThrow(
      [
        'GroupAccess "a/b": name "a/b" is not a valid RBAC object name; use a name without "/" or "%", e.g. "fleetwright:argocd"',
        'GroupAccess "a/b": group " " is empty; name the Kubernetes group, e.g. "fleetwright:argocd"',
        'GroupAccess "a/b": apiGroups "*" would allow every API group; list named API groups, e.g. "apps"',
        'GroupAccess "a/b": apiGroups "" is the core group, whose access is fixed; list named API groups, e.g. "apps"',
        'GroupAccess "a/b": apiGroups "Not_A_Group" is not an API group name; use a DNS subdomain, e.g. "cert-manager.io"',
        'GroupAccess "a/b": serviceAccounts "Argo_CD" is not a ServiceAccount name; use a DNS subdomain, e.g. "fleetwright-argocd"',
        'GroupAccess "a/b": serviceAccounts "kube.system" is not a namespace name; use a DNS label, e.g. "kube-system"',
      ].join('\n'),
    );
  });
});

describe('GIVEN the example fleet (least privilege by default)', () => {
  const files = exampleSynth().files;
  const dir = 'hub/cluster-api/staging-us-east-1';
  const staging = exampleFleet.clusters.find((c) => c.name === 'staging-us-east-1')!;

  it('WHEN the access of each spoke is asked THEN only the EKS spokes whose access fleetwright grants are least-privilege', () => {
    expect(Object.fromEntries(exampleFleet.clusters.map((c) => [`${c.name} (${c.provider.kind})`, argocdSpokeAccess(exampleFleet, c) ?? 'credentials of its registration']))).toEqual({
      'dev-us-east-1 (capi-aws)': 'credentials of its registration',
      'prod-ap-southeast-1 (existing)': 'credentials of its registration',
      'prod-eu-west-1 (capi-aws-eks)': 'least-privilege',
      'prod-us-east-1 (pulumi-eks)': 'least-privilege',
      'prod-us-west-2 (capi-aws-eks)': 'least-privilege',
      'staging-us-east-1 (capi-aws-eks)': 'least-privilege',
    });
  });

  it('WHEN synthesized THEN the Cluster API EKS control plane maps Argo CD\'s role to the group, with no access policy', () => {
    expect(parseFile(files, `${dir}/awsmanagedcontrolplane-staging-us-east-1.yaml`).spec.accessEntries).toEqual([
      { principalARN: 'arn:aws:iam::111122223333:role/acme-fleet-argocd', type: 'standard', kubernetesGroups: ['fleetwright:argocd'] },
    ]);
  });

  it('WHEN synthesized THEN a ClusterResourceSet applies the group\'s ClusterRole and binding to that Cluster, selected by its name label', () => {
    expect(parseFile(files, `${dir}/cluster-staging-us-east-1.yaml`).metadata.labels['fleetwright.io/cluster']).toBe('staging-us-east-1');
    expect(parseFile(files, `${dir}/clusterresourceset-staging-us-east-1-argocd-access.yaml`)).toEqual({
      apiVersion: 'addons.cluster.x-k8s.io/v1beta2',
      kind: 'ClusterResourceSet',
      metadata: { labels: { 'app.kubernetes.io/managed-by': 'fleetwright' }, name: 'staging-us-east-1-argocd-access', namespace: 'clusters' },
      spec: {
        clusterSelector: { matchLabels: { 'fleetwright.io/cluster': 'staging-us-east-1' } },
        resources: [{ kind: 'ConfigMap', name: 'staging-us-east-1-argocd-access' }],
        strategy: 'Reconcile',
      },
    });
    const manifest = parseFile(files, `${dir}/configmap-staging-us-east-1-argocd-access.yaml`).data['resources.yaml'];
    expect(parseAllDocuments(manifest).map((d) => d.toJS())).toEqual(argocdAccessObjects(staging));
  });

  it('WHEN synthesized THEN the role allows exactly the Kubernetes groups charts use and those of the cluster\'s add-ons', () => {
    const role = argocdAccessObjects(staging).find((o) => o.kind === 'ClusterRole') as any;
    expect(role.rules[2].apiGroups).toEqual([
      'admissionregistration.k8s.io',
      'apiextensions.k8s.io',
      'apps',
      'autoscaling',
      'batch',
      'cert-manager.io',
      'coordination.k8s.io',
      'external-secrets.io',
      'kyverno.io',
      'monitoring.coreos.com',
      'networking.k8s.io',
      'policy',
      'rbac.authorization.k8s.io',
      'scheduling.k8s.io',
      'velero.io',
    ]);
  });

  it('WHEN synthesized THEN the hub\'s Argo CD watches only what it may list (resource.respectRBAC), a key applied server-side and never pruned', () => {
    expect(parseFile(files, 'hub/argocd/configmap-argocd-cm.yaml')).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        annotations: { 'argocd.argoproj.io/sync-options': 'ServerSideApply=true,Prune=false,Delete=false' },
        labels: { 'app.kubernetes.io/managed-by': 'fleetwright', 'app.kubernetes.io/name': 'argocd-cm', 'app.kubernetes.io/part-of': 'argocd' },
        name: 'argocd-cm',
        namespace: 'argocd',
      },
      data: { 'resource.respectRBAC': 'normal' },
      immutable: false,
    });
  });
});

describe('GIVEN EKS spokes of an environment Pulumi delivers', () => {
  it('WHEN their access is asked THEN Argo CD gets none: no group, no access entry, nothing registers them', () => {
    const fleet = resolveFleet(pulumiDeliveredDefinition({ delivery: 'pulumi' }));
    const prodEks = fleet.clusters.filter((c) => c.environment === 'prod' && (c.provider.kind === 'pulumi-eks' || c.provider.kind === 'capi-aws-eks'));
    expect(prodEks.length).toBeGreaterThan(0);
    for (const cluster of prodEks) {
      expect(argocdSpokeAccess(fleet, cluster)).toBeUndefined();
      if (cluster.provider.kind === 'pulumi-eks') expect(resolveArgs({ cluster }).argocdRoleArn).toBeUndefined();
    }
  });
});

describe('GIVEN hub.argocd.spokeAccess: cluster-admin', () => {
  const definition = exampleDefinition as FleetDefinition;
  const fleet = resolveFleet({ ...definition, hub: { ...definition.hub, argocd: { ...definition.hub.argocd, spokeAccess: 'cluster-admin' } } });
  const files = synthesize(fleet).files;

  it('WHEN synthesized THEN Argo CD\'s role gets AmazonEKSClusterAdminPolicy, and there is no ClusterResourceSet nor argocd-cm', () => {
    expect(parseFile(files, 'hub/cluster-api/staging-us-east-1/awsmanagedcontrolplane-staging-us-east-1.yaml').spec.accessEntries).toEqual([
      {
        principalARN: 'arn:aws:iam::111122223333:role/acme-fleet-argocd',
        type: 'standard',
        accessPolicies: [{ policyARN: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', accessScope: { type: 'cluster' } }],
      },
    ]);
    expect([...files.keys()].filter((f) => f.includes('argocd-access') || f.endsWith('configmap-argocd-cm.yaml'))).toEqual([]);
  });

  it('WHEN a wrong value is given THEN it is refused at its path', () => {
    expect(() => resolveFleet({ ...definition, hub: { ...definition.hub, argocd: { ...definition.hub.argocd, spokeAccess: 'admin' } } })).toThrow(
      'hub.argocd.spokeAccess "admin" is not an accepted value; use one of "least-privilege", "cluster-admin"',
    );
  });
});

/** Whether the ClusterRole's rules allow managing an object of `group`/`kind`. */
function allows(role: any, group: string, kind: string): boolean {
  const resource = `${kind.toLowerCase()}${kind.endsWith('s') ? 'es' : 's'}`;
  return role.rules.some(
    (r: any) => r.apiGroups.includes(group) && r.verbs.includes('*') && (r.resources.includes('*') || r.resources.includes(resource)),
  );
}

/** Objects Argo CD syncs to each least-privilege spoke (the folders' objects, the kinds charts' values switch on) that its role does not allow. */
function outsideTheRole(fleet: Fleet): string[] {
  const units = renderFleet(fleet).units;
  const outside: string[] = [];
  for (const cluster of fleet.clusters) {
    if (argocdSpokeAccess(fleet, cluster) !== 'least-privilege') continue;
    const role = argocdAccessObjects(cluster).find((o) => o.kind === 'ClusterRole');
    for (const c of clusterDelivery(fleet, units, cluster).components) {
      // Folders, the kinds charts switch on, and what an app's Applications bring from the fleet repository.
      const objects = c.kind === 'folder' ? c.objects : c.kind === 'external' ? (c.networkPolicy?.objects ?? []) : [];
      const kinds = c.kind === 'chart' ? switchedOnKinds(c.values) : objects.map((o) => ({ group: apiGroup(o.apiVersion), kind: o.kind }));
      for (const k of kinds) if (!allows(role, k.group, k.kind)) outside.push(`${cluster.name} ${c.id}: ${k.group}/${k.kind}`);
    }
  }
  return [...new Set(outside)];
}

describe('GIVEN kubeadm Cluster API spokes (the test fleet\'s dev-aws and dev-docker)', () => {
  const fleet = resolveFleet(validDefinition());
  const { files } = synthesize(fleet);
  const dir = 'hub/cluster-api/dev-aws';
  const MANAGED = { 'app.kubernetes.io/managed-by': 'fleetwright' };
  const resources = (file: string): any[] => parseAllDocuments(parseFile(files, file).data['resources.yaml']).map((d) => d.toJS());

  it('WHEN their access is asked THEN they are least-privilege, reached with the ServiceAccount\'s token', () => {
    for (const name of ['dev-aws', 'dev-docker']) {
      const cluster = fleet.clusters.find((c) => c.name === name)!;
      expect(argocdSpokeAccess(fleet, cluster), name).toBe('least-privilege');
      expect(cluster.registration).toEqual({
        kind: 'capi-kubeconfig',
        kubeconfigSecret: `${name}-kubeconfig`,
        auth: { kind: 'service-account-token', namespace: 'kube-system', serviceAccount: 'fleetwright-argocd', tokenSecret: 'fleetwright-argocd-token' },
      });
    }
  });

  it('WHEN synthesized THEN one ClusterResourceSet applies the role bound to the group and the ServiceAccount, another once the ServiceAccount and its token Secret', () => {
    expect(parseFile(files, `${dir}/cluster-dev-aws.yaml`).metadata.labels['fleetwright.io/cluster']).toBe('dev-aws');
    const access = parseFile(files, `${dir}/clusterresourceset-dev-aws-argocd-access.yaml`);
    expect([access.spec.clusterSelector, access.spec.resources, access.spec.strategy]).toEqual([{ matchLabels: { 'fleetwright.io/cluster': 'dev-aws' } }, [{ kind: 'ConfigMap', name: 'dev-aws-argocd-access' }], 'Reconcile']);
    const [role, binding] = resources(`${dir}/configmap-dev-aws-argocd-access.yaml`);
    expect(role.kind).toBe('ClusterRole');
    expect(binding.subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'fleetwright:argocd' },
      { kind: 'ServiceAccount', name: 'fleetwright-argocd', namespace: 'kube-system' },
    ]);
    const identity = parseFile(files, `${dir}/clusterresourceset-dev-aws-argocd-identity.yaml`);
    expect([identity.spec.clusterSelector, identity.spec.resources, identity.spec.strategy]).toEqual([{ matchLabels: { 'fleetwright.io/cluster': 'dev-aws' } }, [{ kind: 'ConfigMap', name: 'dev-aws-argocd-identity' }], 'ApplyOnce']);
    expect(resources(`${dir}/configmap-dev-aws-argocd-identity.yaml`)).toEqual([
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'fleetwright-argocd', namespace: 'kube-system', labels: MANAGED } },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'fleetwright-argocd-token', namespace: 'kube-system', labels: MANAGED, annotations: { 'kubernetes.io/service-account.name': 'fleetwright-argocd' } },
        type: 'kubernetes.io/service-account-token',
      },
    ]);
  });

  it('WHEN synthesized THEN the hub reads each token with a store of its own, usable from Argo CD\'s namespace only, as is the kubeconfig store', () => {
    expect(parseFile(files, 'hub/registration/clustersecretstore-spoke-dev-aws.yaml').spec).toEqual({
      conditions: [{ namespaces: ['argocd'] }],
      provider: { kubernetes: { authRef: { name: 'dev-aws-kubeconfig', namespace: 'clusters', key: 'value' }, remoteNamespace: 'kube-system' } },
    });
    expect(parseFile(files, 'hub/registration/clustersecretstore-fleet-capi-kubeconfigs.yaml').spec.conditions).toEqual([{ namespaces: ['argocd'] }]);
    expect(parseFile(files, 'hub/registration/externalsecret-cluster-dev-docker.yaml').spec.data[1]).toEqual({
      secretKey: 'token',
      remoteRef: { key: 'fleetwright-argocd-token', property: 'token' },
      sourceRef: { storeRef: { kind: 'ClusterSecretStore', name: 'spoke-dev-docker' } },
    });
  });

  it('WHEN the kubeadm spoke is in an environment Pulumi delivers (the example\'s dev-us-east-1) THEN nothing registers it: no identity, no ClusterResourceSet', () => {
    const dev = exampleFleet.clusters.find((c) => c.name === 'dev-us-east-1')!;
    expect(dev.registration).toEqual({ kind: 'capi-kubeconfig', kubeconfigSecret: 'dev-us-east-1-kubeconfig', auth: { kind: 'client-certificate' } });
    expect([...exampleSynth().files.keys()].filter((f) => f.startsWith('hub/cluster-api/dev-us-east-1/clusterresourceset-'))).toEqual([]);
  });

  it('WHEN spokeAccess is cluster-admin THEN kubeadm spokes keep the admin certificate: no ClusterResourceSet, no token store', () => {
    const d: any = validDefinition();
    d.hub.argocd = { ...d.hub.argocd, spokeAccess: 'cluster-admin' };
    const admin = synthesize(resolveFleet(d)).files;
    expect([...admin.keys()].filter((f) => f.includes('argocd-access') || f.includes('argocd-identity') || f.includes('clustersecretstore-spoke-'))).toEqual([]);
    expect(parseFile(admin, `${dir}/cluster-dev-aws.yaml`).metadata.labels['fleetwright.io/cluster']).toBeUndefined();
    expect(parseFile(admin, 'hub/registration/externalsecret-cluster-dev-aws.yaml').spec.target.template.data.config).toContain('client-key-data');
  });
});

describe('GIVEN fleets of every shape WHEN Argo CD syncs a least-privilege spoke', () => {
  it.each([
    ['the example', exampleFleet],
    ['the services fleet', resolveFleet(servicesDefinition())],
    ['the test fleet with kubeadm spokes (capi-aws, capi-docker)', resolveFleet(validDefinition())],
    ['the fleet with every app shape', resolveFleet(appsDefinition())],
    ['a generated fleet of 30 clusters', resolveFleet(generateFleet(30))],
  ])('THEN everything it syncs to %s is within its role', (_name, fleet) => {
    expect(fleet.clusters.some((c) => argocdSpokeAccess(fleet, c) === 'least-privilege')).toBe(true);
    expect(outsideTheRole(fleet)).toEqual([]);
  });
});

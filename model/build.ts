/**
 * Second pass, once every rule passed: build the immutable model from the
 * parsed definition and the merged clusters.
 */
import { mergeSelections, type MergedAddon } from './addons/merge';
import { compareText } from './compare';
import { registrationLabels } from './registration-labels';
import { appDelivery, buildRollout, buildServices, upgradedVersion, waveIndex } from './delivery/build';
import type { AddonName } from './addons/names';
import type { HelmValues } from './addons/options';
import { namespacePodSecurity } from './addons/pod-security';
import { addonLabel, ARGOCD_SPOKE_IDENTITY, ClusterAnnotation, ClusterLabel, HUB_ENVIRONMENT, HUB_PLATFORM_PROJECT } from './contract';
import type { HubDefinition, NodePoolDefinition, ProviderDefinition } from './definition';
import { Layout, repoPath } from './layout';
import type { MergedCluster } from './merge';
import { Names } from './names';
import type { ParsedDefinition } from './parse';
import { namespaceOwners, resolveAppNetworkPolicy } from './rules/app-network-policy';
import { formatVersion, parseKubernetesVersion } from './rules/version';
import type { AddonConfig, AddonValues, App, Cluster, Environment, Fleet, HubCluster, KubernetesVersion, NodePool, Provider, Registration, Rollout } from './types';

/** Builds the model; call only when the rules reported no problem. */
export function buildFleet(parsed: ParsedDefinition, merged: readonly MergedCluster[]): Fleet {
  const name = parsed.name!;
  const hubDef = parsed.hub!;
  const repo = {
    url: parsed.repo!.url,
    revision: parsed.repo!.revision ?? 'main',
    path: normalizeFolder(parsed.repo!.path ?? '.'),
  };
  const rollout = buildRollout(parsed, merged);
  const spokeAccess = hubDef.argocd?.spokeAccess ?? 'least-privilege';
  const context = { name, repo, hubRoleArn: hubDef.argocd?.awsRoleArn, rollout, spokeAccess };
  const clusters = merged.map((c) => buildCluster(c, context)).sort((a, b) => compare(a.name, b.name));
  const environments: Environment[] = parsed.environmentNames.map((env, order) => {
    const def = parsed.environments?.get(env);
    const merged = mergeSelections([{ selection: def?.addons, segments: ['environments', env], level: 'environment' }]);
    return {
      name: env,
      order,
      clusters: clusters.filter((c) => c.environment === env).map((c) => c.name),
      tier: def?.tier ?? 'non-production',
      delivery: def?.delivery ?? 'gitops',
      addonOptions: addonConfig(merged).addonOptions,
      addonValues: environmentValues(merged),
    };
  });
  const services = buildServices(parsed);
  const owners = namespaceOwners(services);
  const apps: App[] = parsed.apps
    .map(({ def }) => ({
      name: def.name,
      repoUrl: def.repoUrl,
      revision: def.revision ?? 'main',
      path: def.path,
      namespace: def.namespace,
      environments: parsed.environmentNames.filter((env) => def.environments === undefined || def.environments.includes(env)),
      ...appDelivery(def),
      podSecurity: def.podSecurity ?? 'restricted',
      networkPolicy: resolveAppNetworkPolicy(def, owners),
    }))
    .sort((a, b) => compare(a.name, b.name));
  const platform = parsed.platform ?? {};
  return deepFreeze({
    name,
    repo,
    hub: buildHub(hubDef, context),
    argocd: { namespace: hubDef.argocd?.namespace ?? 'argocd', spokeAccess, additionalSourceRepos: [...(hubDef.argocd?.additionalSourceRepos ?? [])] },
    clusterApi: { namespace: hubDef.clusterApi?.namespace ?? 'clusters' },
    registration: {
      secretStore: hubDef.registration?.secretStore ?? 'fleet-registry',
      externalSecretsNamespace: hubDef.registration?.externalSecretsNamespace ?? 'external-secrets',
    },
    environments,
    clusters,
    decommissioned: parsed.decommissioned
      .map(({ def }) => ({ name: def.name, environment: def.environment }))
      .sort((a, b) => compare(a.name, b.name)),
    apps,
    platform,
    services,
    podSecurity: namespacePodSecurity(platform, [
      ...services,
      // Apps' namespaces under fixed names: the app's own, or one per service (folder names are Argo CD's to know).
      ...apps.flatMap((a) => (a.serviceDirectories !== undefined ? [] : (a.services ?? [a.namespace]).map((namespace) => ({ namespace, podSecurity: a.podSecurity })))),
    ]),
    rollout,
    engine: parsed.engine ?? 'argocd',
    flux: {
      namespace: parsed.flux?.namespace ?? 'flux-system',
      interval: parsed.flux?.interval ?? '10m',
      timeout: parsed.flux?.timeout ?? '5m',
      retryInterval: parsed.flux?.retryInterval ?? '2m',
    },
    karmada: { server: parsed.karmada?.server ?? 'https://karmada-apiserver.karmada-system.svc.cluster.local:5443' },
  });
}

interface BuildContext {
  readonly name: string;
  readonly repo: Fleet['repo'];
  readonly hubRoleArn?: string;
  readonly rollout: Rollout;
  readonly spokeAccess: Fleet['argocd']['spokeAccess'];
}

function buildHub(def: HubDefinition, context: BuildContext): HubCluster {
  const provider = buildProvider(def.provider, context.name, def.name);
  const kubernetesVersion = version(def.kubernetesVersion);
  const addons = addonConfig(mergeSelections([{ selection: def.addons, segments: ['hub'], level: 'cluster' }]));
  return {
    role: 'hub',
    delivery: def.delivery ?? 'gitops',
    name: def.name,
    region: def.region,
    provider,
    kubernetesVersion,
    network: { podCidr: def.network.podCidr, serviceCidr: def.network.serviceCidr },
    nodePools: (def.nodePools ?? []).map(buildNodePool),
    ...addons,
    labels: sortedRecord([
      ...Object.entries(def.labels ?? {}),
      [ClusterLabel.env, HUB_ENVIRONMENT],
      [ClusterLabel.region, def.region],
      [ClusterLabel.fleet, context.name],
      [ClusterLabel.provider, provider.kind],
      [ClusterLabel.role, 'hub'],
      [ClusterLabel.project, HUB_PLATFORM_PROJECT],
      [ClusterLabel.protected, 'true'],
      ...addons.addons.map((addon) => [addonLabel(addon), 'true'] as const),
    ]),
    annotations: annotations(context, def.name, kubernetesVersion),
  };
}

function annotations(context: BuildContext, cluster: string, kubernetesVersion: KubernetesVersion): Readonly<Record<string, string>> {
  return sortedRecord([
    [ClusterAnnotation.clusterPath, repoPath(context, Layout.cluster(cluster))],
    [ClusterAnnotation.kubernetesVersion, formatVersion(kubernetesVersion)],
    [ClusterAnnotation.secretPrefix, `${context.name}/${cluster}`],
  ]);
}

/** Enabled add-ons, their merged options and the cluster's own values. */
function addonConfig(merged: ReadonlyMap<AddonName, MergedAddon>): AddonConfig {
  const enabled = [...merged].filter(([, m]) => m.enabled).sort(([a], [b]) => compare(a, b));
  const options: Record<string, unknown> = {};
  const values: Record<string, HelmValues> = {};
  for (const [name, m] of enabled) {
    options[name] = m.options;
    if (m.clusterValues) values[name] = m.clusterValues;
  }
  return { addons: enabled.map(([name]) => name), addonOptions: options, addonValues: values };
}

function environmentValues(merged: ReadonlyMap<AddonName, MergedAddon>): AddonValues {
  const values: Record<string, HelmValues> = {};
  for (const [name, m] of merged) if (m.environmentValues) values[name] = m.environmentValues;
  return values;
}

function buildCluster(c: MergedCluster, context: BuildContext): Cluster {
  const name = c.def.name;
  const provider = buildProvider(c.def.provider, context.name, name, context.hubRoleArn);
  const own = version(c.kubernetesVersion!.value);
  const upgraded = upgradedVersion(context.rollout, name, own, provider.kind);
  const kubernetesVersion = upgraded ?? own;
  const wave = context.rollout.waves[waveIndex(context.rollout, name)!]!.name;
  const addons = addonConfig(c.addons);
  const standby = c.def.standby ?? false;
  const labels = sortedRecord(Object.entries(registrationLabels(c, context.name)));
  return {
    role: 'spoke',
    name,
    environment: c.def.environment,
    delivery: c.delivery,
    region: c.region!.value,
    provider,
    kubernetesVersion,
    network: { podCidr: c.def.network.podCidr, serviceCidr: c.def.network.serviceCidr },
    nodePools: c.nodePools.value.map(buildNodePool),
    tier: c.tier,
    rolloutTier: c.rolloutTier,
    labels,
    annotations: annotations(context, name, kubernetesVersion),
    ...addons,
    protected: c.protected,
    registration: registration(provider, context, name, c.delivery),
    ...optional('drPartner', c.def.drPartner),
    standby,
    wave,
    ...(upgraded ? { upgradedFrom: own } : {}),
  };
}

function buildProvider(p: ProviderDefinition, fleet: string, cluster: string, hubRoleArn?: string): Provider {
  switch (p.kind) {
    case 'capi-aws':
      return {
        kind: p.kind,
        vpcCidr: p.vpcCidr,
        controlPlane: { replicas: p.controlPlane.replicas ?? 3, instanceType: p.controlPlane.instanceType },
        ...(p.sshKeyName !== undefined ? { sshKeyName: p.sshKeyName } : {}),
      };
    case 'capi-aws-eks':
      return {
        kind: p.kind,
        vpcCidr: p.vpcCidr,
        eksClusterName: p.eksClusterName ?? Names.eksCluster(fleet, cluster),
        publicEndpoint: p.publicEndpoint ?? false,
        ...optional('argocdRoleArn', p.argocdRoleArn ?? hubRoleArn),
      };
    case 'capi-docker':
      return { kind: p.kind, controlPlane: { replicas: p.controlPlane?.replicas ?? 1 } };
    case 'pulumi-eks':
      return {
        kind: p.kind,
        vpcCidr: p.vpcCidr,
        ...(p.existingVpc
          ? {
            existingVpc: {
              vpcId: p.existingVpc.vpcId,
              privateSubnetIds: [...p.existingVpc.privateSubnetIds],
              publicSubnetIds: [...(p.existingVpc.publicSubnetIds ?? [])],
            },
          }
          : {}),
        eksClusterName: p.eksClusterName ?? Names.eksCluster(fleet, cluster),
        publicEndpoint: p.publicEndpoint ?? false,
        ...optional('argocdRoleArn', p.argocdRoleArn ?? hubRoleArn),
      };
    case 'existing':
      return {
        kind: p.kind,
        server: p.server,
        auth: p.auth.kind === 'aws-iam'
          ? { kind: 'aws-iam', eksClusterName: p.auth.eksClusterName, caData: p.auth.caData, ...optional('argocdRoleArn', p.auth.argocdRoleArn ?? hubRoleArn) }
          : { kind: 'secret-store' },
      };
  }
}

/** How the hub's Argo CD gets the spoke's connection details (see `Registration`). */
function registration(provider: Provider, context: BuildContext, cluster: string, delivery: Cluster['delivery']): Registration {
  const key = Names.secretKey(context.name, cluster, 'argocd-cluster');
  switch (provider.kind) {
    case 'capi-aws':
    case 'capi-docker':
      return {
        kind: 'capi-kubeconfig',
        kubeconfigSecret: Names.capiKubeconfigSecret(cluster),
        // Least privilege where the tree registers the spoke (a Pulumi-delivered one is registered nowhere).
        auth: context.spokeAccess === 'least-privilege' && delivery === 'gitops' ? { kind: 'service-account-token', ...ARGOCD_SPOKE_IDENTITY } : { kind: 'client-certificate' },
      };
    case 'capi-aws-eks':
      return {
        kind: 'capi-kubeconfig',
        kubeconfigSecret: Names.capiKubeconfigSecret(cluster),
        auth: { kind: 'aws-iam', eksClusterName: provider.eksClusterName, roleArn: provider.argocdRoleArn! },
      };
    case 'pulumi-eks':
      // Server and CA exist only once the stack created the cluster: the stack registers it.
      return { kind: 'pulumi', auth: { kind: 'aws-iam', eksClusterName: provider.eksClusterName, roleArn: provider.argocdRoleArn! } };
    case 'existing':
      return provider.auth.kind === 'aws-iam'
        ? {
          kind: 'static',
          server: provider.server,
          caData: provider.auth.caData,
          auth: { kind: 'aws-iam', eksClusterName: provider.auth.eksClusterName, roleArn: provider.auth.argocdRoleArn! },
        }
        : { kind: 'secret-store', key, auth: { kind: 'config' } };
  }
}

function buildNodePool(p: NodePoolDefinition): NodePool {
  return {
    name: p.name,
    ...optional('instanceType', p.instanceType),
    replicas: p.replicas ?? 2,
    ...(p.autoscaling ? { autoscaling: { min: p.autoscaling.min, max: p.autoscaling.max } } : {}),
    diskSizeGiB: p.diskSizeGiB ?? 80,
    labels: sortedRecord(Object.entries(p.labels ?? {})),
    taints: (p.taints ?? []).map((t) => ({ key: t.key, value: t.value ?? '', effect: t.effect })),
  };
}

function version(text: string): KubernetesVersion {
  return parseKubernetesVersion(text) as KubernetesVersion;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** '.' → '', './gitops/' → 'gitops' */
function normalizeFolder(path: string): string {
  return path.split('/').filter((s) => s !== '' && s !== '.').join('/');
}

function sortedRecord(entries: readonly (readonly [string, string])[]): Readonly<Record<string, string>> {
  const map = new Map(entries);
  const out: Record<string, string> = {};
  for (const key of [...map.keys()].sort(compare)) out[key] = map.get(key)!;
  return out;
}

const compare = compareText;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The example fleet: a hub `management` in us-east-1 and five spokes across
 * dev, staging and prod, on four providers, plus a disaster-recovery standby
 * for prod-us-east-1. Changes roll out in five waves (dev, staging, then the
 * prod tiers canary, early, general); a Kubernetes upgrade is under way in the
 * first wave. `npm run synth` renders it into `gitops/`.
 */
import { defineFleet } from './model';

export default defineFleet({
  name: 'acme',
  repo: { url: 'https://github.com/acme/fleet.git', revision: 'main', path: 'gitops' },

  hub: {
    name: 'management',
    region: 'us-east-1',
    provider: { kind: 'pulumi-eks', vpcCidr: '10.0.0.0/16' },
    kubernetesVersion: '1.34',
    network: { podCidr: '10.100.0.0/16', serviceCidr: '172.20.0.0/20' },
    nodePools: [{ name: 'system', instanceType: 'm6i.large', replicas: 3 }],
    argocd: { awsRoleArn: 'arn:aws:iam::111122223333:role/acme-fleet-argocd' },
    // The hub's own platform: registration needs external-secrets; Grafana and the fleet's
    // Thanos Query need kube-prometheus-stack and thanos.
    addons: { 'cert-manager': true, 'external-secrets': true, 'kube-prometheus-stack': true, thanos: true },
  },

  // Fleet-wide settings of the add-ons. Secrets stay in Vault; IAM roles are referenced.
  platform: {
    irsaRoleArn: 'arn:aws:iam::111122223333:role/{cluster}-{addon}',
    certManager: { acmeEmail: 'platform@acme.io' },
    externalDns: { domainFilters: ['acme.io'] },
    externalSecrets: { store: { kind: 'vault', server: 'https://vault.acme.io:8200' } },
    kyverno: { allowedRegistries: ['ghcr.io/acme/', '111122223333.dkr.ecr.us-east-1.amazonaws.com/', 'registry.k8s.io/', 'quay.io/'] },
    velero: { bucket: 'acme-velero-{region}', drRegion: 'us-west-2' },
    thanos: { sidecarEndpoint: 'thanos-sidecar.{cluster}.acme.io:10901' },
  },

  // Environments in order: dev, then staging, then prod. Staging and prod are synced by the
  // hub's Argo CD; dev is applied directly by its Pulumi stack (`pulumi up` on stack dev).
  environments: {
    dev: {
      delivery: 'pulumi',
      region: 'us-east-1',
      rolloutTier: 'dev',
      kubernetesVersion: '1.34.2',
      nodePools: [{ name: 'general', instanceType: 'm6i.large', replicas: 2, autoscaling: { min: 1, max: 4 } }],
      addons: { 'cert-manager': true, 'external-secrets': true, 'kube-prometheus-stack': true, 'ingress-nginx': true, velero: true },
      labels: { 'acme.io/cost-center': 'platform-dev' },
    },
    staging: {
      region: 'us-east-1',
      rolloutTier: 'staging',
      kubernetesVersion: '1.34',
      nodePools: [{ name: 'general', instanceType: 'm6i.xlarge', replicas: 3, autoscaling: { min: 2, max: 6 } }],
      addons: {
        'cert-manager': true, 'external-secrets': true, 'kube-prometheus-stack': true, 'ingress-nginx': true,
        kyverno: true, velero: true, thanos: true, 'external-dns': true,
      },
      labels: { 'acme.io/cost-center': 'platform-staging' },
    },
    prod: {
      tier: 'production',
      kubernetesVersion: '1.34',
      nodePools: [
        { name: 'general', instanceType: 'm6i.2xlarge', replicas: 6, autoscaling: { min: 3, max: 20 } },
        {
          name: 'memory',
          instanceType: 'r6i.2xlarge',
          replicas: 2,
          autoscaling: { min: 2, max: 10 },
          labels: { 'acme.io/workload': 'memory' },
          taints: [{ key: 'acme.io/workload', value: 'memory', effect: 'NoSchedule' }],
        },
      ],
      addons: {
        'cert-manager': true, 'external-secrets': true, 'kube-prometheus-stack': true, 'ingress-nginx': true,
        kyverno: true, velero: true, thanos: true, 'external-dns': true, 'argo-rollouts': true,
      },
      labels: { 'acme.io/cost-center': 'platform-prod' },
    },
  },

  clusters: [
    {
      name: 'dev-us-east-1',
      environment: 'dev',
      provider: {
        kind: 'capi-aws',
        vpcCidr: '10.1.0.0/16',
        controlPlane: { replicas: 1, instanceType: 'm6i.large' },
        sshKeyName: 'acme-platform',
      },
      network: { podCidr: '10.101.0.0/16', serviceCidr: '172.20.16.0/20' },
      // A kubeadm cluster brings no CNI: Cilium is it.
      addons: { cilium: true },
    },
    {
      name: 'staging-us-east-1',
      environment: 'staging',
      provider: { kind: 'capi-aws-eks', vpcCidr: '10.2.0.0/16' },
      network: { podCidr: '10.102.0.0/16', serviceCidr: '172.20.32.0/20' },
    },
    {
      name: 'prod-us-east-1',
      environment: 'prod',
      region: 'us-east-1',
      rolloutTier: 'canary',
      provider: { kind: 'pulumi-eks', vpcCidr: '10.3.0.0/16' },
      network: { podCidr: '10.103.0.0/16', serviceCidr: '172.20.48.0/20' },
      drPartner: 'prod-us-west-2',
    },
    {
      name: 'prod-eu-west-1',
      environment: 'prod',
      region: 'eu-west-1',
      rolloutTier: 'early',
      provider: { kind: 'capi-aws-eks', vpcCidr: '10.4.0.0/16', publicEndpoint: false },
      network: { podCidr: '10.104.0.0/16', serviceCidr: '172.20.64.0/20' },
    },
    {
      name: 'prod-ap-southeast-1',
      environment: 'prod',
      region: 'ap-southeast-1',
      rolloutTier: 'general',
      // Registered only: created outside fleetwright, reached through IAM.
      provider: {
        kind: 'existing',
        server: 'https://4F2C8E1A9B7D6C5E3F1A2B3C4D5E6F70.gr7.ap-southeast-1.eks.amazonaws.com',
        auth: {
          kind: 'aws-iam',
          eksClusterName: 'acme-prod-ap-southeast-1',
          caData: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lCQURBS0JnZ3Foa2pPUFFRREFqQWpNU0V3SHdZRFZRUUREQmhyTXk1elpYSjIKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=',
        },
      },
      network: { podCidr: '10.105.0.0/16', serviceCidr: '172.20.80.0/20' },
    },
    {
      // Disaster-recovery standby of prod-us-east-1: runs its apps at one replica each.
      name: 'prod-us-west-2',
      environment: 'prod',
      region: 'us-west-2',
      standby: true,
      provider: { kind: 'capi-aws-eks', vpcCidr: '10.6.0.0/16' },
      network: { podCidr: '10.106.0.0/16', serviceCidr: '172.20.96.0/20' },
      nodePools: [{ name: 'general', instanceType: 'm6i.xlarge', replicas: 2, autoscaling: { min: 2, max: 20 } }],
      addons: { velero: { drRegion: 'us-east-1' } },
    },
  ],

  // Every change (cluster config, add-ons, apps, services) reaches the clusters wave by wave:
  // an Argo CD RollingSync step per wave, the next one only when the previous is healthy.
  rollout: {
    by: 'rollout-tier',
    waves: [
      { name: 'dev', values: ['dev'] },
      { name: 'staging', values: ['staging'] },
      { name: 'canary', values: ['canary'], maxUpdate: 1 },
      { name: 'early', values: ['early'], maxUpdate: 2 },
      { name: 'general', values: ['general'], maxUpdate: '25%' },
    ],
    // Kubernetes 1.35 has reached the dev wave; move throughWave on one wave at a time.
    upgrade: { kubernetesVersion: '1.35.1', throughWave: 'dev' },
  },

  apps: [
    // Apps come from their teams' repositories, which only Argo CD syncs: not to dev.
    { name: 'payments-api', repoUrl: 'https://github.com/acme/payments-api.git', path: 'deploy/overlays/{env}', namespace: 'payments', environments: ['staging', 'prod'] },
    {
      // A preview of every pull request labelled "preview", in its own namespace on staging-us-east-1.
      name: 'web',
      repoUrl: 'https://github.com/acme/web.git',
      path: 'deploy/overlays/{env}',
      namespace: 'web',
      environments: ['staging', 'prod'],
      previews: {
        github: { owner: 'acme', repo: 'web', tokenSecret: { name: 'github-token', key: 'token' }, labels: ['preview'] },
        cluster: 'staging-us-east-1',
        path: 'deploy/preview',
      },
    },
  ],

  services: [
    {
      // A canary with Argo Rollouts on every prod cluster: 5 → 10 → 30 → 60 → 100 % of the
      // traffic through ingress-nginx, aborted when fewer than 99 % of requests succeed.
      name: 'checkout',
      image: 'ghcr.io/acme/checkout:1.4.2',
      port: 8080,
      replicas: 4,
      environments: ['prod'],
      canary: { steps: [5, 10, 30, 60], pause: '5m', analysis: { successRate: 0.99 }, host: 'checkout.acme.io' },
    },
    {
      // Propagated by Karmada from the hub: 60 replicas split 3:2:1 over the prod regions
      // (30/20/10), pulled from a registry mirror in ap-southeast-1.
      name: 'storefront',
      image: 'ghcr.io/acme/storefront:2.8.0',
      port: 8080,
      replicas: 60,
      resources: { cpu: '250m', memory: '256Mi' },
      environments: ['prod'],
      delivery: 'karmada',
      karmada: {
        weightBy: 'region',
        weights: { 'us-east-1': 3, 'eu-west-1': 2, 'ap-southeast-1': 1 },
        overrides: [{ match: { region: 'ap-southeast-1' }, imageRegistry: '111122223333.dkr.ecr.ap-southeast-1.amazonaws.com' }],
      },
    },
  ],
});

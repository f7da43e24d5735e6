import { describe, expect, it } from 'vitest';
import exampleDefinition from '../../fleet.config';
import { resolveFleet } from '../../model';
import { synthesize } from '../../outputs/synth';
import { exampleSynth } from '../helpers/example';

describe('adding a cluster to the example fleet', () => {
  const d: any = structuredClone(exampleDefinition);
  d.clusters.push({
    name: 'prod-ca-central-1',
    environment: 'prod',
    region: 'ca-central-1',
    provider: { kind: 'capi-aws-eks', vpcCidr: '10.7.0.0/16' },
    network: { podCidr: '10.107.0.0/16', serviceCidr: '172.20.112.0/20' },
  });
  // Karmada weighs the storefront by region: a new region needs its weight (the check says so).
  d.services.find((s: any) => s.name === 'storefront').karmada.weights['ca-central-1'] = 1;
  const before = exampleSynth().files;
  const after = synthesize(resolveFleet(d)).files;
  const added = [...after.keys()].filter((f) => !before.has(f));
  const changed = [...after.keys()].filter((f) => before.has(f) && before.get(f) !== after.get(f));
  const removed = [...before.keys()].filter((f) => !after.has(f));

  it('GIVEN a new prod cluster WHEN synthesized THEN its own folders appear: entry point, add-ons of its environment, Cluster API objects and registration', () => {
    expect(removed).toEqual([]);
    for (const file of added) {
      expect(file, file).toMatch(
        /^(clusters\/prod-ca-central-1\/|hub\/cluster-api\/prod-ca-central-1\/|hub\/registration\/externalsecret-cluster-prod-ca-central-1\.yaml$|hub\/karmada\/(cluster|clusterrole|clusterrolebinding)-[a-z-]*prod-ca-central-1\.yaml$)/,
      );
    }
    const addons = new Set(added.filter((f) => f.startsWith('clusters/prod-ca-central-1/addons/')).map((f) => f.split('/')[3]));
    expect([...addons].sort()).toEqual(['argo-rollouts', 'external-dns', 'external-secrets', 'ingress-nginx', 'kube-prometheus-stack', 'thanos', 'velero']);
    expect(added).toContain('hub/registration/externalsecret-cluster-prod-ca-central-1.yaml');
    expect(added).toContain('hub/cluster-api/prod-ca-central-1/cluster-prod-ca-central-1.yaml');
  });

  it('GIVEN a new prod cluster WHEN synthesized THEN on the hub only the lists that enumerate clusters change', () => {
    expect(changed.sort()).toEqual([
      'hub/addons/thanos/configmap-fleet-overview.yaml', // the dashboard's cluster variable
      'hub/addons/thanos/deployment-thanos-query.yaml', // one more sidecar endpoint
      'hub/argocd/appproject-prod.yaml', // one more destination
      'hub/cluster-api/kustomization.yaml',
      'hub/karmada/clusterpropagationpolicy-fleetwright-namespace-storefront.yaml', // the namespace reaches one more member
      'hub/karmada/kustomization.yaml',
      'hub/karmada/propagationpolicy-storefront.yaml', // the new region's weight
      'hub/karmada/replicas.md',
      'hub/registration/kustomization.yaml',
      'hub/registration/role-fleet-capi-kubeconfigs.yaml', // may read its kubeconfig Secret
    ]);
  });
});

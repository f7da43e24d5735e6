import { defineAddon } from '../spec';

/** Cilium as the CNI, with ClusterMesh when the fleet asks for it. */
export const cilium = defineAddon({
  name: 'cilium',
  description: 'Cilium as the CNI (pod range from the fleet), with ClusterMesh between clusters when platform.cilium.clusterMesh is on',
  namespace: 'kube-system',
  chart: { repoUrl: 'https://helm.cilium.io', chart: 'cilium', version: '1.18.4' },
  dependsOn: [],
});

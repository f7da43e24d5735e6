import { defineAddon } from '../spec';

/** Velero with the fleet's backup locations and schedules. */
export const velero = defineAddon({
  name: 'velero',
  description: 'Backups to S3 in the cluster’s region and a DR region, on daily, hourly and DR schedules',
  namespace: 'velero',
  chart: { repoUrl: 'https://vmware-tanzu.github.io/helm-charts', chart: 'velero', version: '11.1.1' },
  dependsOn: [],
  requiresPlatform: 'velero',
  awsAccess: true,
});

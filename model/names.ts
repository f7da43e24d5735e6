/**
 * Names derived from the definition. Kept in one place so the constructs that
 * use them and the rule that checks their lengths cannot disagree.
 */

export const Names = {
  /** The Argo CD cluster Secret (and the ExternalSecret that writes it) on the hub. */
  registrationSecret: (cluster: string) => `cluster-${cluster}`,
  /** The Application the `cluster-config` ApplicationSet generates per cluster. */
  clusterConfigApplication: (cluster: string) => `cluster-config-${cluster}`,
  /** KubeadmControlPlane and its machine template. */
  controlPlane: (cluster: string) => `${cluster}-control-plane`,
  /** MachineDeployment / MachinePool of a node pool, and its templates. */
  nodePool: (cluster: string, pool: string) => `${cluster}-${pool}`,
  /**
   * A machine or bootstrap template named after its content: `<owner>-<hash>`,
   * where `owner` is the name of what uses it (the KubeadmControlPlane or the
   * node pool) and `hash` is derived from the template's spec.
   */
  templateName: (owner: string, hash: string) => `${owner}-${hash}`,
  /** The kubeconfig Secret Cluster API writes on the hub. */
  capiKubeconfigSecret: (cluster: string) => `${cluster}-kubeconfig`,
  /** Default name of an EKS cluster in AWS. */
  eksCluster: (fleet: string, cluster: string) => `${fleet}-${cluster}`,
  /** The ApplicationSet of an add-on. */
  addonApplicationSet: (addon: string) => `addon-${addon}`,
  /** The Application an add-on's ApplicationSet generates per cluster. */
  addonApplication: (addon: string, cluster: string) => `${addon}-${cluster}`,
  /** The Application an app's ApplicationSet generates per cluster. */
  appApplication: (app: string, cluster: string) => `${app}-${cluster}`,
  /** The Application that runs an app's copy on a primary's standby. */
  drApplication: (app: string, primary: string) => `${app}-${primary}-dr`,
  /** The ClusterSecretStore on the hub that reads a kubeadm spoke's Argo CD token, with Cluster API's kubeconfig of the spoke. */
  spokeTokenStore: (cluster: string) => `spoke-${cluster}`,
  /** Key of a cluster's secret in the fleet's secret store: `<fleet>/<cluster>/<name>`. */
  secretKey: (fleet: string, cluster: string, name: string) => `${fleet}/${cluster}/${name}`,
} as const;

/**
 * Derived names whose length is limited, with the limit: names that also
 * appear as label values (Cluster API and Argo CD label objects with their
 * owner's name) must fit in 63 characters.
 */
export function limitedNames(cluster: string, pools: readonly string[], addons: readonly string[] = []): { what: string; name: string; max: number }[] {
  return [
    { what: 'Application', name: Names.clusterConfigApplication(cluster), max: 63 },
    { what: 'KubeadmControlPlane', name: Names.controlPlane(cluster), max: 63 },
    ...pools.map((pool) => ({ what: `node pool "${pool}"`, name: Names.nodePool(cluster, pool), max: 63 })),
    ...addons.map((addon) => ({ what: `"${addon}" Application`, name: Names.addonApplication(addon, cluster), max: 63 })),
  ];
}

/** Names of what an app's ApplicationSets generate; the stacks use them too. */
export const AppNames = {
  /** The app's ApplicationSet. */
  applicationSet: (app: string) => app,
  /** Its Application on a cluster. */
  perCluster: (app: string, cluster: string) => Names.appApplication(app, cluster),
  /** Its Application for a service on a cluster (`services`, `serviceDirectories`). */
  perService: (app: string, service: string, cluster: string) => Names.appApplication(`${app}-${service}`, cluster),
  /** Its copy of a primary's Application on the primary's standby (per service with services). */
  drCopy: (app: string, primary: string, service?: string) => Names.drApplication(service === undefined ? app : `${app}-${service}`, primary),
  /** The ApplicationSet of the DR copies of an app whose services are folders. */
  drApplicationSet: (app: string) => `${app}-dr`,
  /** The ApplicationSet of the app's pull-request previews. */
  previewApplicationSet: (app: string) => `${app}-previews`,
  /** The Application, and the namespace, of a pull request's preview. */
  preview: (app: string, pullRequest: string) => `${app}-pr-${pullRequest}`,
} as const;

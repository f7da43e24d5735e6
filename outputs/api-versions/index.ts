/** Checks synthesized objects against the Kubernetes API versions their target clusters serve. */
export { apiLifecycle, KUBERNETES_APIS, serving, servingIn, type ApiLifecycle, type Minor, type Replacement, type Serving } from './catalog';
export { ApiVersionError, checkApiVersions, type ApiFinding } from './check';
export { FolderTargets, type TargetCluster } from './targets';

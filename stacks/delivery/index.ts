/**
 * What each cluster receives, engine-neutral: the objects of a folder as
 * kustomize builds them, the components Argo CD (or Flux) delivers to a
 * cluster and in which order, and the placement pieces the engines share.
 */
export { addonChartId, addonObjectsId, HPA_MANAGED_REPLICAS, isOciChart } from './addon-components';
export { clusterDelivery } from './cluster-delivery';
export type {
  ChartComponent,
  ClusterDelivery,
  ComponentNeeds,
  DeliveryComponent,
  ExternalComponent,
  FolderComponent,
  KindNeed,
  KindPrerequisite,
  NamespacePrerequisite,
} from './components';
export { apiGroup, folderBuild, folderObjects, isKind, objectLabel, type FolderObject } from './folders';
export { BUILT_IN_GROUPS, kindSource, switchedOnKinds, type KindSource, type Platform } from './kinds';
export { addonObjectsFolder, appPlacements, drCopyPlacements, drReplicas, servicePlacement, type AppPlacement, type ServicePlacement } from './placements';
export { addonValues, resolveClusterParams, type MergedValues } from './values';

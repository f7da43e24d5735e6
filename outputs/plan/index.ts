/** `fleetwright plan`: what a change of the fleet definition does to every cluster. */
export { PlanBaseError, definitionAtRef, type DefinitionAtRef } from './git';
export { ClusterRemovalError, checkClusterRemovals, refusedRemovals, refusalMessage, type PreviousCluster, type RefusedRemoval } from './guard';
export { formatJson } from './json';
export { formatMarkdown, MARKDOWN_PART_MAX, type MarkdownOptions } from './markdown';
export { DEFAULT_MAX_REMOVAL_SHARE, hasChanges, percent, planChanges, planExitCode, type Change, type ClusterCounts, type Plan, type PlanOptions, type PlanSide, type WaveStep } from './plan';
export { sideFromDirectory, sideFromFleet, type FleetSideOptions } from './sides';
export { formatText, type TextOptions } from './text';
export { VersionSkewError, versionRefusalMessage, type RefusedVersion, type VersionChange } from './versions';

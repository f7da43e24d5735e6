/** Kubernetes versions the fleet accepts. */
import type { KubernetesVersion } from '../types';
import type { SyntaxIssue } from './syntax';

/** Oldest and newest minor versions fleetwright renders for. */
export const SUPPORTED_MINOR = { min: 28, max: 36 } as const;

const VERSION = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/;

export function parseKubernetesVersion(text: string): KubernetesVersion | SyntaxIssue {
  const m = VERSION.exec(text);
  if (!m || m[1] !== '1') {
    return ['is not a Kubernetes version', 'write it like "1.31" (EKS) or "1.31.4" (kubeadm)'];
  }
  const minor = Number(m[2]);
  if (minor < SUPPORTED_MINOR.min || minor > SUPPORTED_MINOR.max) {
    return [
      `is outside the supported range 1.${SUPPORTED_MINOR.min} to 1.${SUPPORTED_MINOR.max}`,
      `use a version from 1.${SUPPORTED_MINOR.min} to 1.${SUPPORTED_MINOR.max}`,
    ];
  }
  return m[3] === undefined ? { major: 1, minor } : { major: 1, minor, patch: Number(m[3]) };
}

export function isVersion(value: KubernetesVersion | SyntaxIssue): value is KubernetesVersion {
  return value !== undefined && !Array.isArray(value);
}

/** `1.31` or `1.31.4` (no leading `v`). */
export function formatVersion(version: KubernetesVersion): string {
  return version.patch === undefined ? `1.${version.minor}` : `1.${version.minor}.${version.patch}`;
}

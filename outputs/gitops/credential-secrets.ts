/**
 * What a `Secret` in Git may hold: only what fleetwright itself writes.
 * Every key of `data` (decoded from base64 first) and `stringData` must be
 * empty, except in an Argo CD cluster Secret (label
 * `argocd.argoproj.io/secret-type: cluster`), whose `name` and `server` are
 * scanned like any string and whose `config` may hold only
 * `awsAuthConfig.clusterName`, `awsAuthConfig.roleARN`,
 * `tlsClientConfig.caData` and `tlsClientConfig.insecure`: never
 * `bearerToken`, `password`, `keyData`, `certData` or an exec plugin.
 */
import { ARGOCD_SECRET_TYPE_LABEL } from '../../constructs/argocd/cluster-secret';
import { INSIDE, type Segment } from './credential-path';
import { classifyKey } from './credential-text';

/** The part of a file's scan a Secret's check reports to. */
export interface SecretScan {
  /** Records a finding (once per field and kind). */
  add(path: readonly Segment[], what: string): void;
  /** Scans a string found at `path` (patterns, keys naming secrets, JSON, YAML, base64 inside it). */
  string(value: string, path: readonly Segment[], depth: number): void;
  /** How many findings the scan has so far. */
  readonly count: number;
}

/** A non-empty value of a Secret that is not one fleetwright writes. */
export const SECRET_VALUE = 'a Secret value (fleetwright writes Secrets only with empty values, or Argo CD cluster connections without credentials)';

/** A cluster `config` that is not a JSON object. */
const CONFIG_NOT_JSON = 'an Argo CD cluster config that is not a JSON object';

/** A `config` key fleetwright never writes (and no key that names a secret). */
const CONFIG_SETTING = 'an Argo CD connection setting fleetwright never writes (only awsAuthConfig and tlsClientConfig.caData)';

/** The keys of a cluster Secret's `config` fleetwright writes, by section. */
const CLUSTER_CONFIG: Readonly<Record<string, readonly string[]>> = {
  awsAuthConfig: ['clusterName', 'roleARN'],
  tlsClientConfig: ['caData', 'insecure'],
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isClusterSecret(secret: Record<string, unknown>): boolean {
  const metadata = secret.metadata;
  return isRecord(metadata) && isRecord(metadata.labels) && metadata.labels[ARGOCD_SECRET_TYPE_LABEL] === 'cluster';
}

/** A `data` value decoded from base64 (as UTF-8); the value itself when it is not base64. */
function decodeData(value: string): string {
  const compact = value.replace(/\s+/g, '');
  return /^[A-Za-z0-9+/]*={0,2}$/.test(compact) && compact.length % 4 === 0 ? Buffer.from(compact, 'base64').toString('utf8') : value;
}

/** Checks `data` and `stringData` of the Secret `secret` (at `path`); the caller scans its other fields. */
export function checkSecret(secret: Record<string, unknown>, path: readonly Segment[], depth: number, scan: SecretScan): void {
  const cluster = isClusterSecret(secret);
  for (const field of ['data', 'stringData'] as const) {
    const entries = secret[field];
    if (entries === undefined || entries === null) continue;
    if (!isRecord(entries)) {
      scan.add([...path, field], SECRET_VALUE);
      continue;
    }
    for (const [key, raw] of Object.entries(entries)) {
      const at = [...path, field, key];
      if (raw === '' || raw === null) continue;
      if (typeof raw !== 'string') {
        scan.add(at, classifyKey(key) ?? SECRET_VALUE);
        continue;
      }
      const value = field === 'data' ? decodeData(raw) : raw;
      if (value.trim() === '') continue;
      if (cluster && (key === 'name' || key === 'server')) {
        scan.string(value, at, depth);
      } else if (cluster && key === 'config') {
        checkClusterConfig(value, at, depth, scan);
      } else {
        const before = scan.count;
        scan.string(value, at, depth);
        if (scan.count === before) scan.add(at, classifyKey(key) ?? SECRET_VALUE);
      }
    }
  }
}

/** An Argo CD cluster `config`: only the sections and keys of {@link CLUSTER_CONFIG}, their strings scanned. */
function checkClusterConfig(value: string, path: readonly Segment[], depth: number, scan: SecretScan): void {
  let config: unknown;
  try {
    config = JSON.parse(value);
  } catch {
    config = undefined;
  }
  if (!isRecord(config)) {
    scan.add(path, CONFIG_NOT_JSON);
    scan.string(value, path, depth);
    return;
  }
  for (const [section, settings] of Object.entries(config)) {
    const at: Segment[] = [...path, INSIDE, section];
    const allowed = CLUSTER_CONFIG[section];
    if (allowed === undefined || !isRecord(settings)) {
      scan.add(at, classifyKey(section) ?? CONFIG_SETTING);
      continue;
    }
    for (const [key, setting] of Object.entries(settings)) {
      if (!allowed.includes(key)) scan.add([...at, key], classifyKey(key) ?? CONFIG_SETTING);
      else if (typeof setting === 'string') scan.string(setting, [...at, key], depth + 1);
    }
  }
}

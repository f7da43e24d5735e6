/**
 * `fleetwright plan`: renders the definition at the base (a Git ref of the
 * repository holding it, or a folder synth wrote) and in the working tree,
 * and reports what changes for every cluster. Exit codes as
 * `terraform plan -detailed-exitcode`: 0 no changes, 2 changes, 1 error
 * (a refused removal or Kubernetes version change included).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConstructPropsError } from '../../constructs/errors';
import { checkFleet, type Fleet } from '../../model';
import { ApiVersionError } from '../../outputs/api-versions';
import { CredentialError } from '../../outputs/gitops/credentials';
import {
  ClusterRemovalError,
  definitionAtRef,
  formatJson,
  formatMarkdown,
  formatText,
  planChanges,
  planExitCode,
  PlanBaseError,
  sideFromDirectory,
  sideFromFleet,
  DEFAULT_MAX_REMOVAL_SHARE,
  VersionSkewError,
  type PlanSide,
} from '../../outputs/plan';
import { ConfigLoadError, DEFAULT_CONFIG, loadConfig } from '../load-config';
import type { Output } from '../output';
import { loadFleet } from './check';
import { interruptedWriteNotice } from '../../outputs/gitops/journal';

export const PLAN_FORMATS = ['text', 'markdown', 'json'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export interface PlanOptions {
  readonly config?: string;
  readonly base?: string;
  readonly format?: string;
  readonly out?: string;
  readonly maxRemovalShare?: string;
  /** Colour the text report (the CLI: stdout is a TTY and NO_COLOR is unset). @default false */
  readonly color?: boolean;
}

export function runPlan(options: PlanOptions, out: Output): number {
  const fail = (message: string) => {
    out.stderr(`fleetwright plan: ${message}`);
    return 1;
  };
  if (options.base === undefined || options.base === '') return fail('--base is required: a Git ref (e.g. origin/main) or a folder synth wrote');
  const format = options.format ?? 'text';
  if (!(PLAN_FORMATS as readonly string[]).includes(format)) return fail(`--format ${format} is not one of ${PLAN_FORMATS.join(', ')}`);
  const maxShare = parseShare(options.maxRemovalShare);
  if (maxShare === undefined) return fail(`--max-removal-share ${options.maxRemovalShare} is not a share; give a percentage from 0% to 100%, e.g. 25%`);

  const config = options.config ?? DEFAULT_CONFIG;
  // A folder an interrupted synth left mixes two trees: no base to compare with.
  const interrupted = isDirectory(options.base) ? interruptedWriteNotice(options.base) : undefined;
  if (interrupted) return fail(`${interrupted}; run synth there first, or plan against a Git ref`);
  const fleet = loadFleet(options.config, out, 'plan');
  if (!fleet) return 1;
  let head: PlanSide;
  let base: PlanSide;
  try {
    head = sideFromFleet(fleet, `${config} (working tree)`);
    base = isDirectory(options.base) ? sideFromDirectory(options.base, head.table) : baseAtRef(config, options.base);
  } catch (e) {
    if (e instanceof PlanBaseError) return fail(e.message);
    if (e instanceof CredentialError || e instanceof ApiVersionError || e instanceof ConstructPropsError) return fail(e.message);
    throw e;
  }

  const plan = planChanges(base, head, { maxRemovalShare: maxShare });
  const refusals = [
    ...(plan.refused.length > 0 ? [new ClusterRemovalError(plan.refused, `the base (${base.label})`).message] : []),
    ...(plan.refusedVersions.length > 0 ? [new VersionSkewError(plan.refusedVersions, `the base (${base.label})`).message] : []),
  ];
  if (refusals.length > 0) {
    for (const message of refusals) out.stderr(`fleetwright plan: ${message}`);
    return planExitCode(plan);
  }

  const reports = format === 'json' ? [formatJson(plan)] : format === 'markdown' ? formatMarkdown(plan) : [formatText(plan, { color: options.color === true && options.out === undefined })];
  if (options.out === undefined) {
    reports.forEach((report, i) => out.stdout(`${i > 0 ? '\n' : ''}${report.trimEnd()}`));
  } else {
    let files: string[];
    try {
      files = writeReports(options.out, reports);
    } catch (e) {
      return fail(`cannot write the report to ${options.out}: ${(e as Error).message}; choose another --out`);
    }
    out.stdout(`fleetwright plan: ${plan.affected.length} of ${plan.clusters.size} clusters affected; wrote ${files.join(', ')}`);
  }
  return planExitCode(plan);
}

/** `25%`, `25` or `0` … `100%` → 0.25; undefined when it is not one. */
function parseShare(text: string | undefined): number | undefined {
  if (text === undefined) return DEFAULT_MAX_REMOVAL_SHARE;
  const m = /^(\d+(?:\.\d+)?)%?$/.exec(text.trim());
  if (!m) return undefined;
  const value = Number(m[1]) / 100;
  return value >= 0 && value <= 1 ? value : undefined;
}

function isDirectory(base: string): boolean {
  try {
    return fs.statSync(base).isDirectory();
  } catch {
    return false;
  }
}

/** The definition at `ref`, validated and rendered with the current fleetwright. */
function baseAtRef(config: string, ref: string): PlanSide {
  const checkout = definitionAtRef(config, ref);
  let definition: unknown;
  try {
    definition = loadConfig(checkout.file);
  } catch (e) {
    if (e instanceof ConfigLoadError) throw new PlanBaseError(`${checkout.path} at ${ref}: ${e.message.replace(checkout.file, checkout.path)}`);
    throw e;
  } finally {
    checkout.cleanup();
  }
  const { fleet, problems } = checkFleet(definition);
  const label = `${ref} (${checkout.commit.slice(0, 12)})`;
  if (!fleet) {
    throw new PlanBaseError(
      `${checkout.path} at ${label} is not a valid definition for this fleetwright (${problems.length} problem${problems.length === 1 ? '' : 's'}, the first: ${problems[0]!.message}); plan against another base, or a folder synth wrote`,
    );
  }
  return renderBase(fleet, label);
}

function renderBase(fleet: Fleet, label: string): PlanSide {
  try {
    return sideFromFleet(fleet, label, { check: false });
  } catch (e) {
    if (e instanceof ConstructPropsError) {
      throw new PlanBaseError(`the base ${label} does not render: ${e.message.split('\n')[0]}`);
    }
    throw e;
  }
}

/**
 * Writes the report to `file`; markdown parts after the first go to `file.2`, `file.3`, …
 * (one comment each). Stale parts of an earlier, longer plan are removed.
 */
function writeReports(file: string, reports: readonly string[]): string[] {
  const names = reports.map((_, i) => (i === 0 ? file : `${file}.${i + 1}`));
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  reports.forEach((report, i) => fs.writeFileSync(names[i]!, report));
  for (let i = reports.length + 1; fs.existsSync(`${file}.${i}`); i++) fs.rmSync(`${file}.${i}`);
  return names;
}

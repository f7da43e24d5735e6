/**
 * Cron expressions and durations as Velero reads them: the standard 5-field
 * cron parser (robfig/cron), with `@daily`-style descriptors and `@every`,
 * and Go durations.
 */
import type { SyntaxIssue } from './syntax';

const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 6, question: true, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
] as const;

const CRON_FIX = 'use 5 fields (minute hour day-of-month month day-of-week), e.g. "0 2 * * *", or a descriptor such as "@daily"';

export function cronExpression(text: string): SyntaxIssue {
  const trimmed = text.trim();
  if (trimmed.startsWith('@')) {
    if (DESCRIPTORS.includes(trimmed)) return undefined;
    if (trimmed.startsWith('@every ')) {
      return goDuration(trimmed.slice(7).trim()) ? ['has an invalid @every duration', 'write it like "@every 6h"'] : undefined;
    }
    return ['is not a cron descriptor', CRON_FIX];
  }
  const parts = trimmed.split(/\s+/);
  if (parts.length !== 5) return [`has ${parts.length} field${parts.length === 1 ? '' : 's'}, not 5`, CRON_FIX];
  for (let i = 0; i < 5; i++) {
    const field = FIELDS[i]!;
    for (const item of parts[i]!.split(',')) {
      if (!validItem(item, field)) return [`has an invalid ${field.name} "${item}" (allowed ${field.min}-${field.max})`, CRON_FIX];
    }
  }
  return undefined;
}

type Field = (typeof FIELDS)[number];

function validItem(item: string, field: Field): boolean {
  if (item === '?' && 'question' in field) return true;
  const [range, step] = item.split('/');
  if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1)) return false;
  if (range === '*') return true;
  const bounds = range!.split('-');
  if (bounds.length > 2) return false;
  const values = bounds.map((b) => value(b, field));
  if (values.some((v) => v === undefined)) return false;
  return bounds.length === 1 || values[0]! <= values[1]!;
}

function value(text: string, field: Field): number | undefined {
  const names: readonly string[] | undefined = 'names' in field ? field.names : undefined;
  const byName = names?.indexOf(text.toUpperCase());
  const n = byName !== undefined && byName >= 0 ? byName + field.min : /^\d+$/.test(text) ? Number(text) : undefined;
  return n !== undefined && n >= field.min && n <= field.max ? n : undefined;
}

const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** Go's largest duration (int64 nanoseconds), about 2,562,047 hours: longer ones fail to decode. */
const GO_MAX_SECONDS = 9_223_372_036.854775807;

/** A positive Go duration such as `720h` or `168h0m0s`, within what Go can hold. */
export function goDuration(text: string): SyntaxIssue {
  if (!DURATION.test(text)) return ['is not a duration', 'write it like "720h" (30 days) or "168h0m0s"'];
  if (!/[1-9]/.test(text)) return ['is zero', 'use a positive duration such as "168h"'];
  if (goDurationSeconds(text)! > GO_MAX_SECONDS) return ['is longer than a Go duration can hold (about 2,562,047h)', 'use a shorter duration, e.g. "8760h" for a year'];
  return undefined;
}

/** A Velero backup's retention: a Go duration of at least an hour (a shorter one expires backups as they finish). */
export function backupTtl(text: string): SyntaxIssue {
  const issue = goDuration(text);
  if (issue) return issue;
  if (goDurationSeconds(text)! < 3600) return ['is shorter than an hour', 'keep backups at least "1h"; the defaults are "720h" (daily, dr) and "168h" (hourly)'];
  return undefined;
}

/** Seconds of a Go duration such as `5m` or `1h30m`; undefined when it is not one. */
export function goDurationSeconds(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let seconds = 0;
  for (const [, amount, , unit] of text.matchAll(/(\d+(\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) seconds += Number(amount) * UNIT_SECONDS[unit!]!;
  return seconds;
}

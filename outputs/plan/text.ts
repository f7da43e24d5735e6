/**
 * The plan for a terminal: grouped by hub, environment and cluster, a line
 * per object and its field changes, then the summary. ANSI colours only when
 * asked (the CLI asks when stdout is a TTY and NO_COLOR is unset).
 */
import type { Plan } from './plan';
import { changeLine, destructiveLine, fieldLine, groups, summaryLines } from './present';

/** Field lines shown per changed object. */
const FIELDS_MAX = 20;

export interface TextOptions {
  /** @default false */
  readonly color?: boolean;
}

export function formatText(plan: Plan, options: TextOptions = {}): string {
  const c = palette(options.color ?? false);
  const lines: string[] = [c.bold(`fleetwright plan: ${plan.base} → ${plan.head}`), ''];
  if (plan.changes.length === 0) {
    lines.push('No changes: the tree is the same on both sides.');
    return `${lines.join('\n')}\n`;
  }
  for (const group of groups(plan)) {
    lines.push(c.bold(group.heading));
    for (const change of group.changes) {
      const line = `  ${changeLine(change, group.home, plan.table.hub)}`;
      lines.push(change.action === 'added' ? c.green(line) : change.action === 'removed' ? c.red(line) : c.yellow(line));
      for (const f of change.fields.slice(0, FIELDS_MAX)) lines.push(`      ${fieldLine(f)}`);
      if (change.fields.length > FIELDS_MAX) lines.push(c.dim(`      … and ${change.fields.length - FIELDS_MAX} more fields`));
    }
  }
  const s = summaryLines(plan);
  lines.push('', c.bold('Summary'), `  ${s.clusters}`, `  ${s.objects}`, `  ${s.rollout}`);
  if (s.outside) lines.push(`  ${s.outside}`);
  if (s.upgrades) lines.push(`  ${s.upgrades}`);
  if (plan.destructive.length === 0) lines.push('  destructive changes: none');
  else {
    lines.push('', c.red(c.bold(`DESTRUCTIVE CHANGES (${plan.destructive.length}):`)));
    for (const d of plan.destructive) lines.push(c.red(`  ✖ ${destructiveLine(d)}`));
  }
  for (const w of plan.warnings) lines.push('', c.yellow(`⚠ ${w}`));
  return `${lines.join('\n')}\n`;
}

function palette(on: boolean) {
  const wrap = (code: string) => (text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { bold: wrap('1'), dim: wrap('2'), red: wrap('31'), green: wrap('32'), yellow: wrap('33') };
}

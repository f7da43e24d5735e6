/**
 * The plan as pull-request comments: GitHub refuses comments over 65,536
 * characters, so the report is split into parts under `maxChars` each, on
 * object boundaries (a cluster's objects continue in the next part under its
 * heading). Every part says "part i of n"; the first holds the summary, the
 * destructive changes, the warnings and the Mermaid picture of the fleet
 * with the affected clusters highlighted. An object whose diff alone does
 * not fit is truncated, with a note.
 */
import { fleetMermaid } from '../graph/mermaid';
import type { Change, Plan } from './plan';
import { changeLine, destructiveLine, fieldLine, groups, summaryLines } from './present';

/** GitHub's limit is 65,536 characters per comment; this leaves room for what a CI job adds. */
export const MARKDOWN_PART_MAX = 65_000;
/** A Mermaid source longer than this is left out (GitHub renders up to 50,000 characters, and the part needs room for the changes). */
export const MERMAID_MAX = 30_000;
/** Destructive changes listed in the first part; the others are counted. */
const DESTRUCTIVE_MAX = 100;
/** Longest base or head label a part's header shows; longer ones are cut in the middle. */
const LABEL_MAX = 1_000;
/** An object cut to fit what is left of a part keeps at least this much; else it starts a part. */
const MIN_TRUNCATED = 2_000;
const FENCE_OPEN = '```diff\n';
const FENCE_CLOSE = '```\n';

export interface MarkdownOptions {
  /**
   * Every part (its header included) is shorter than this, in characters.
   * @default MARKDOWN_PART_MAX
   */
  readonly maxChars?: number;
}

/** The parts, in order, each shorter than `maxChars` with its header; one part when everything fits. */
export function formatMarkdown(plan: Plan, options: MarkdownOptions = {}): string[] {
  const max = options.maxChars ?? MARKDOWN_PART_MAX;
  // The header's length is known but for the digits of the part count: room for the widest
  // header of `digits` digits, and one more digit when the parts turn out more.
  for (let digits = 1; ; digits++) {
    const widest = 10 ** digits - 1;
    const parts = split(plan, max - header(plan, widest, widest).length - 1);
    if (parts.length <= widest) return parts.map((body, i) => `${header(plan, i + 1, parts.length)}${body}`);
  }
}

/** The report cut into bodies of at most `budget` characters. */
function split(plan: Plan, budget: number): string[] {
  const parts: string[] = [];
  let current = preamble(plan);
  if (current.length > budget) current = `${current.slice(0, budget - 60)}\n\n_(summary truncated)_\n`;
  let open: string | undefined; // heading of the group whose fence is open in the current part
  const started = new Set<string>();

  const flush = () => {
    if (open !== undefined) current += FENCE_CLOSE;
    parts.push(current);
    current = '';
    open = undefined;
  };
  for (const group of groups(plan)) {
    for (const change of group.changes) {
      const head = `\n#### ${group.heading}${started.has(group.heading) ? ' (continued)' : ''}\n\n${FENCE_OPEN}`;
      const opening = open === group.heading ? 0 : head.length + (open !== undefined ? FENCE_CLOSE.length : 0);
      let block = changeBlock(change, group.home, plan);
      const fresh = budget - head.length - FENCE_CLOSE.length;
      if (block.length > fresh) {
        // It fits no part whole: cut it to what is left of this part, or to a part of its own.
        const left = budget - current.length - opening - FENCE_CLOSE.length;
        block = truncate(block, left > MIN_TRUNCATED ? left : fresh);
      }
      if (current.length + opening + block.length + FENCE_CLOSE.length > budget) flush();
      if (open !== group.heading) {
        if (open !== undefined) current += FENCE_CLOSE;
        current += `\n#### ${group.heading}${started.has(group.heading) ? ' (continued)' : ''}\n\n${FENCE_OPEN}`;
        open = group.heading;
        started.add(group.heading);
      }
      current += block;
    }
  }
  flush();
  return parts;
}

/** "part i of n" and the sides' labels (the same length for every `i` and `n` of as many digits, and `i` > 1). */
function header(plan: Plan, i: number, n: number): string {
  return `### fleetwright plan (part ${i} of ${n})\n\n\`${shortLabel(plan.base)}\` → \`${shortLabel(plan.head)}\`${i > 1 ? ' (continued)' : ''}\n`;
}

/** A label of at most `LABEL_MAX` characters, cut in the middle, without backticks (they would end the code span). */
function shortLabel(label: string): string {
  const text = label.replaceAll('`', "'");
  if (text.length <= LABEL_MAX) return text;
  const half = Math.floor((LABEL_MAX - 1) / 2);
  return `${text.slice(0, half)}…${text.slice(text.length - half)}`;
}

function preamble(plan: Plan): string {
  if (plan.changes.length === 0) return '\n**No changes**: the tree is the same on both sides.\n';
  const s = summaryLines(plan);
  const out: string[] = [''];
  out.push(`- **${s.clusters}**`, `- ${s.objects}`, `- ${s.rollout}`);
  if (s.outside) out.push(`- ${s.outside}`);
  if (s.upgrades) out.push(`- ${s.upgrades}`);
  if (plan.destructive.length === 0) out.push('- destructive changes: none');
  else {
    out.push('', '> [!CAUTION]', `> **${plan.destructive.length} destructive change${plan.destructive.length === 1 ? '' : 's'}**`, '>');
    for (const d of plan.destructive.slice(0, DESTRUCTIVE_MAX)) out.push(`> - ${escapeInline(destructiveLine(d))}`);
    if (plan.destructive.length > DESTRUCTIVE_MAX) out.push(`> - … and ${plan.destructive.length - DESTRUCTIVE_MAX} more (see \`--format json\`)`);
  }
  for (const w of plan.warnings) out.push('', '> [!WARNING]', `> ${escapeInline(w)}`);
  if (plan.fleet) {
    const mermaid = fleetMermaid(plan.fleet, { highlight: new Set(plan.affected) });
    out.push('', '<details><summary>The fleet (affected clusters highlighted)</summary>', '');
    if (mermaid.length <= MERMAID_MAX) out.push('```mermaid', mermaid.trimEnd(), '```');
    else out.push(`_The picture (${mermaid.length} characters) is too large for a comment; run \`npm run graph\`._`);
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
}

/** Diff-fence lines of one change: `+`/`-` lines are coloured by GitHub, `!` marks a change. */
function changeBlock(change: Change, home: Parameters<typeof changeLine>[1], plan: Plan): string {
  const line = changeLine(change, home, plan.table.hub);
  const first = change.action === 'changed' ? `!${line.slice(1)}` : line;
  return [first, ...change.fields.map((f) => `    ${fieldLine(f)}`)].map((l) => `${unfence(l)}\n`).join('');
}

function truncate(block: string, room: number): string {
  const lines = block.split('\n');
  let out = '';
  let kept = 0;
  for (const line of lines) {
    if (out.length + line.length + 1 > room - 120) break;
    out += `${line}\n`;
    kept++;
  }
  return `${out}    … diff truncated: ${lines.length - 1 - kept} more lines (see --format text or json)\n`;
}

/** Three backticks would close the fence. */
function unfence(line: string): string {
  return line.replaceAll('```', "'''");
}

function escapeInline(text: string): string {
  return text.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
}

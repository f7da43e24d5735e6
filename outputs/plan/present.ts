/**
 * What the text and markdown reports share: how values, field changes,
 * groups and the summary read.
 */
import type { Home } from './attribution';
import type { Destructive } from './destructive';
import type { FieldChange } from './diff';
import type { Change, Plan } from './plan';

/** Longest value shown in a field line. */
const VALUE_MAX = 60;
/** Most names listed in a line before "and N more". */
export const NAMES_MAX = 12;

/** A value as a field line shows it: plain text for simple strings, JSON otherwise, shortened. */
export function formatValue(value: unknown, absent = false): string {
  if (absent) return '(absent)';
  const text = typeof value === 'string' && /^[\w./:@%+=,~^*-]+$/.test(value) ? value : JSON.stringify(value) ?? String(value);
  return text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX - 1)}…` : text;
}

/** `spec.x: 1 → 2`, `resources: + a`, `resources: - b`; long strings around where they differ. */
export function fieldLine(f: FieldChange): string {
  const hasBefore = Object.hasOwn(f, 'before');
  const hasAfter = Object.hasOwn(f, 'after');
  if (typeof f.before === 'string' && typeof f.after === 'string' && (f.before.length > VALUE_MAX || f.after.length > VALUE_MAX)) {
    const [x, y] = aroundDifference(f.before, f.after);
    return `${f.path}: ${x} → ${y}`;
  }
  if (f.path.endsWith('[+]')) return `${f.path.slice(0, -3)}: + ${formatValue(f.after)}`;
  if (f.path.endsWith('[-]')) return `${f.path.slice(0, -3)}: - ${formatValue(f.before)}`;
  return `${f.path}: ${formatValue(f.before, !hasBefore)} → ${formatValue(f.after, !hasAfter)}`;
}

/** Two long strings cut to where they differ, with a little context. */
function aroundDifference(a: string, b: string): [string, string] {
  const context = 12;
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let q = 0;
  while (q < a.length - p && q < b.length - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
  const from = Math.max(0, p - context);
  const cut = (s: string) => {
    const to = s.length - Math.max(0, q - context);
    let middle = s.slice(from, to);
    if (middle.length > VALUE_MAX) middle = `${middle.slice(0, VALUE_MAX - 1)}…`;
    return `${from > 0 ? '…' : ''}${middle}${to < s.length ? '…' : ''}`;
  };
  return [cut(a), cut(b)];
}

/** `a, b, c` or `a, b, … and 7 more`. */
export function names(list: readonly string[], max = NAMES_MAX): string {
  return list.length <= max ? list.join(', ') : `${list.slice(0, max).join(', ')}, … and ${list.length - max} more`;
}

const SIGN: Record<Change['action'], string> = { added: '+', changed: '~', removed: '-' };

/** `+ Kind ns/name (file) → reaches 3 clusters: a, b, c` */
export function changeLine(change: Change, home: Home, hub: string | undefined): string {
  const label = change.object ? `${change.what} (${change.file})` : change.file;
  return `${SIGN[change.action]} ${label}${reachNote(change, home, hub)}`;
}

/** The reach, unless it is just the change's own cluster. */
function reachNote(change: Change, home: Home, hub: string | undefined): string {
  const own = home.kind === 'cluster' ? home.cluster : home.kind === 'hub' ? hub : undefined;
  if (change.reach.length === 1 && change.reach[0] === own) return '';
  if (change.reach.length === 0) return home.kind === 'cluster' || home.kind === 'hub' ? '' : ' → reaches no cluster';
  return ` → reaches ${change.reach.length} cluster${change.reach.length === 1 ? '' : 's'}: ${names(change.reach)}`;
}

/** A group of changes with the same home, and its heading. */
export interface Group {
  readonly home: Home;
  readonly heading: string;
  readonly changes: readonly Change[];
}

/** The changes in report order, grouped by home, each group under a heading (`environment prod`, `cluster x (wave canary)`). */
export function groups(plan: Plan): Group[] {
  const out: { home: Home; heading: string; changes: Change[] }[] = [];
  let key = '';
  for (const change of plan.changes) {
    const k = homeKey(change.home);
    if (k !== key || out.length === 0) {
      out.push({ home: change.home, heading: heading(change.home, plan), changes: [] });
      key = k;
    }
    out[out.length - 1]!.changes.push(change);
  }
  return out;
}

/** `hub`, `fleet`, `cluster:<name>`, `environment:<name>`: a home as one string. */
export function homeKey(home: Home): string {
  switch (home.kind) {
    case 'cluster':
      return `cluster:${home.cluster}`;
    case 'environment':
      return `environment:${home.environment}`;
    default:
      return home.kind;
  }
}

function heading(home: Home, plan: Plan): string {
  switch (home.kind) {
    case 'hub':
      return `hub ${plan.table.hub ?? ''}`.trim();
    case 'fleet':
      return 'fleet-wide folders';
    case 'environment':
      return `environment ${home.environment}: shared folders`;
    case 'cluster': {
      const c = plan.clusters.get(home.cluster);
      const wave = c?.previousWave ? `wave ${c.previousWave} → ${c.wave}` : c?.wave ? `wave ${c.wave}` : undefined;
      const notes = [c ? `environment ${c.environment}` : undefined, wave, c?.status === 'added' ? 'new' : c?.status === 'removed' ? 'removed' : undefined];
      return `cluster ${home.cluster} (${notes.filter((n) => n !== undefined).join(', ')})`;
    }
  }
}

/** The summary's lines (without colour or markup). */
export function summaryLines(plan: Plan): { clusters: string; objects: string; rollout: string; outside?: string; upgrades?: string } {
  const total = plan.clusters.size;
  const clusters = `clusters affected: ${plan.affected.length} of ${total}${plan.affected.length > 0 ? ` (${names(plan.affected)})` : ''}`;
  const objects = `objects: ${plan.totals.added} added, ${plan.totals.changed} changed, ${plan.totals.removed} removed`;
  const rollout = plan.waves.length === 0
    ? 'rollout: no wave'
    : `rollout: ${plan.waves.map((w) => `${w.name} (${names(w.clusters, 6)})`).join(' → ')}`;
  return {
    clusters,
    objects,
    rollout,
    ...(plan.outsideWaves.length > 0 ? { outside: `outside the waves (removed): ${names(plan.outsideWaves)}` } : {}),
    ...(plan.upgrades.length > 0 ? { upgrades: `Kubernetes upgrades: ${names(plan.upgrades.map(upgradeText))}` } : {}),
  };
}

/** `prod-eu-west-1 1.34 → 1.35 (wave early)`, `management 1.34 → 1.35 (hub)` */
function upgradeText(u: Plan['upgrades'][number]): string {
  const where = u.wave === 'hub' ? ' (hub)' : u.wave !== undefined ? ` (wave ${u.wave})` : '';
  return `${u.cluster} ${u.from} → ${u.to}${where}`;
}

/** `prod-eu-west-1: Namespace velero removed (…) (clusters/…/namespace-velero.yaml)` */
export function destructiveLine(d: Destructive): string {
  const where = d.cluster !== undefined && !d.message.startsWith('cluster ') ? `${d.cluster}: ` : '';
  return `${where}${d.message}${d.file ? ` (${d.file})` : ''}`;
}

/**
 * Validation problems: every message names the field path, the value and the
 * fix, and all problems are reported together.
 */

export interface Problem {
  /** Field path in the definition, e.g. `clusters[2].network.podCidr`. */
  readonly path: string;
  /** The whole line: path, value, what is wrong and how to fix it. */
  readonly message: string;
}

/** `N problems` for a list that may end with the note that further checks wait: the note is not counted. */
export function countProblems(problems: readonly Problem[]): string {
  const n = problems.filter((p) => p.path !== FURTHER_CHECKS).length;
  return `${n} problem${n === 1 ? '' : 's'}`;
}

export class FleetValidationError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(`the fleet definition has ${countProblems(problems)}:\n${problems.map((p) => `  ${p.message}`).join('\n')}`);
    this.name = 'FleetValidationError';
  }
}

/** `['clusters', 2, 'network', 'podCidr']` → `clusters[2].network.podCidr`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out === '' ? '(root)' : out;
}

/** A value as it appears in messages: JSON, shortened when long. */
export function formatValue(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'undefined' : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Collects problems; `at()` builds a message from a path, a value, the issue and the fix. */
export class Problems {
  private readonly list: Problem[] = [];

  /** `<path> <value> <issue>; <fix>` */
  at(path: string, value: unknown, issue: string, fix: string): void {
    this.add(path, `${path} ${formatValue(value)} ${issue}; ${fix}`);
  }

  /** `<path> is missing; <fix>` */
  missing(path: string, fix: string): void {
    this.add(path, `${path} is missing; ${fix}`);
  }

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  /** Every problem, in the order of the definition (stable for problems at the same path). */
  get all(): readonly Problem[] {
    const keyed = this.list.map((problem, i) => ({ problem, i, key: sortKey(problem.path) }));
    keyed.sort((a, b) => compareKeys(a.key, b.key) || a.i - b.i);
    return keyed.map((k) => k.problem);
  }

  /** How many problems so far: a mark for {@link dropFollowOns}. */
  get mark(): number {
    return this.list.length;
  }

  /**
   * Removes the problems added since `mark` at, or inside, a path in `refused`:
   * the field was refused earlier, so a rule finding it missing repeats that.
   */
  dropFollowOns(mark: number, refused: readonly string[]): void {
    if (refused.length === 0) return;
    const inside = (path: string) => refused.some((r) => path === r || path.startsWith(`${r}.`) || path.startsWith(`${r}[`));
    const kept = this.list.slice(mark).filter((p) => !inside(p.path));
    this.list.splice(mark, this.list.length - mark, ...kept);
  }

  get size(): number {
    return this.list.length;
  }
}

const TOP_LEVEL = ['(root)', 'name', 'repo', 'hub', 'environments', 'clusters', 'apps'];

/** The path of the closing note that rules relating parts were held back; listed last. */
export const FURTHER_CHECKS = '(further checks)';

function sortKey(path: string): (string | number)[] {
  const segments = path.match(/\[\d+\]|\["(?:[^"\\]|\\.)*"\]|[^.[\]]+/g) ?? [path];
  return segments.map((s, i) => {
    if (s.startsWith('[') && !s.startsWith('["')) return Number(s.slice(1, -1));
    if (i === 0 && s === FURTHER_CHECKS) return TOP_LEVEL.length + 1;
    if (i === 0) return TOP_LEVEL.indexOf(s) === -1 ? TOP_LEVEL.length : TOP_LEVEL.indexOf(s);
    return s;
  });
}

function compareKeys(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (i === 0) return Number(x) - Number(y);
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * The full scan of one file: parsed (YAML or JSON) when it is, else as text;
 * every string value scanned for {@link VALUE_PATTERNS}, URLs with a password,
 * keys naming a secret and base64 that decodes to text; strings that hold
 * JSON or YAML (an Argo CD cluster `config`, a kubeconfig) parsed and walked
 * in turn; every `Secret` (also one inside a string) checked by
 * `checkSecret`. Findings carry the field path.
 */
import { parseAllDocuments } from 'yaml';
import { formatField, INSIDE, type Segment } from './credential-path';
import { checkSecret, type SecretScan } from './credential-secrets';
import {
  base64Texts,
  classifyKey,
  decodeBase64Text,
  hasPassword,
  isReference,
  keyValues,
  mayHoldCredentials,
  MIN_BASE64,
  URL_USERINFO,
  VALUE_PATTERNS,
} from './credential-text';

/** One finding in a file. */
export interface FieldFinding {
  /** Field path, e.g. `stringData.config → bearerToken`; `''` for a text file as a whole. */
  readonly field: string;
  /** What was found, e.g. `a bearer token`. */
  readonly what: string;
}

/** How many strings inside strings (base64 in JSON in YAML ...) the scan follows. */
const MAX_DEPTH = 8;

/** A line that looks like YAML: a `key:` or a `- ` item. */
const YAML_LINE = /^[ \t]*(?:- |[A-Za-z0-9_"'./-][^:\n]*:(?: |$))/m;

/** Base64 with its padding, e.g. a PEM body or `base64` output with its line breaks removed. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The documents `text` holds when it is a JSON object or array, or YAML with at least one collection. */
function parseStructured(text: string): unknown[] | undefined {
  const start = text.trimStart()[0];
  if (start === '{' || start === '[') {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'object' && value !== null) return [value];
    } catch {
      // Not JSON: maybe YAML, else text.
    }
  }
  if (!text.includes('\n') || !YAML_LINE.test(text)) return undefined;
  try {
    const docs = parseAllDocuments(text);
    if (docs.length === 0 || docs.some((d) => d.errors.length > 0)) return undefined;
    const values = docs.map((d) => d.toJS({ maxAliasCount: 100 }) as unknown);
    return values.some((v) => typeof v === 'object' && v !== null) ? values : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Scans one file's content. With `prefilter` (the default) strings for which
 * `mayHoldCredentials` is false are skipped; without it every string is
 * scanned in full, which the tests compare against.
 */
export function scanContent(content: string, options: { readonly prefilter?: boolean } = {}): FieldFinding[] {
  const scan = new FileScan(options.prefilter ?? true);
  scan.content(content, [], 0);
  return scan.found;
}

class FileScan implements SecretScan {
  readonly found: FieldFinding[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly prefilter: boolean) {}

  get count(): number {
    return this.found.length;
  }

  add(path: readonly Segment[], what: string): void {
    const field = formatField(path);
    const key = `${field}\n${what}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.found.push({ field, what });
  }

  string(value: string, path: readonly Segment[], depth: number): void {
    if (depth > MAX_DEPTH || (this.prefilter && !mayHoldCredentials(value))) return;
    this.content(value, path, depth);
  }

  /** A string's content: walked when it parses as JSON or YAML (then its raw text is checked for patterns the walk missed, e.g. in comments), else scanned as text. */
  content(text: string, path: readonly Segment[], depth: number): void {
    const documents = parseStructured(text);
    if (documents === undefined) {
      this.text(text, path, depth);
      return;
    }
    const before = this.found.length;
    documents.forEach((doc, i) => this.value(doc, documents.length === 1 ? [...path, INSIDE] : [...path, INSIDE, i], depth + 1));
    const found = new Set(this.found.slice(before).map((f) => f.what));
    this.patterns(text, path, found);
  }

  private value(value: unknown, path: readonly Segment[], depth: number): void {
    if (typeof value === 'string') this.string(value, path, depth);
    else if (Array.isArray(value)) value.forEach((item, i) => this.value(item, [...path, i], depth));
    else if (isRecord(value)) this.object(value, path, depth);
  }

  private object(object: Record<string, unknown>, path: readonly Segment[], depth: number): void {
    const secret = object.kind === 'Secret';
    if (secret) checkSecret(object, path, depth, this);
    for (const [key, value] of Object.entries(object)) {
      if (secret && (key === 'data' || key === 'stringData')) continue;
      const at = [...path, key];
      const before = this.found.length;
      this.value(value, at, depth);
      const what = classifyKey(key);
      const holdsValue = typeof value === 'string' ? !isReference(value) : typeof value === 'number';
      if (what !== undefined && holdsValue && this.found.length === before) this.add(at, what);
    }
  }

  /** Value patterns and URLs with a password in `text`, except kinds in `except`. */
  private patterns(text: string, path: readonly Segment[], except: ReadonlySet<string> = new Set()): void {
    for (const { what, re } of VALUE_PATTERNS) {
      re.lastIndex = 0;
      if (!except.has(what) && re.test(text)) this.add(path, what);
    }
    const url = 'a URL with a password';
    if (except.has(url) || !text.includes('@')) return;
    URL_USERINFO.lastIndex = 0;
    for (let m = URL_USERINFO.exec(text); m !== null; m = URL_USERINFO.exec(text)) {
      if (hasPassword(m[1]!)) this.add(path, url);
    }
  }

  /** Text that is not JSON or YAML: patterns, `key: value` / `key=value` pairs, base64 inside. */
  private text(text: string, path: readonly Segment[], depth: number): void {
    this.patterns(text, path);
    for (const kv of keyValues(text)) if (!kv.noSecret) this.add([...path, INSIDE, kv.key], kv.what);
    const compact = /\s/.test(text.trim()) ? text.replace(/\s+/g, '') : '';
    if (compact.length >= MIN_BASE64 && BASE64.test(compact)) {
      // Base64 wrapped in lines: decoded whole, not line by line.
      const decoded = decodeBase64Text(compact, 0, compact.replace(/=+$/, '').length);
      if (decoded !== undefined) {
        this.string(decoded, path, depth + 1);
        return;
      }
    }
    for (const decoded of base64Texts(text)) this.string(decoded, path, depth + 1);
  }
}

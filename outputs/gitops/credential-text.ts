/**
 * Credential material in text: value shapes that are secrets wherever they
 * appear (private keys, AWS access key ids, service tokens, JWTs, URLs with a
 * password), `key: value` / `key=value` pairs whose key names a secret, and
 * base64 runs that decode to text (which is then scanned again).
 *
 * Every function here works on rendered YAML, where JSON inside a string is
 * escaped (`{\"bearerToken\":\"abc\"}`), and on decoded strings alike, so
 * {@link mayHoldCredentials} on a file's text is true whenever the scan of
 * its parsed objects would find something: it is the cheap, linear test the
 * scanner runs on every file before parsing any.
 */

/** A value shape that is credential material wherever it appears. */
export interface ValuePattern {
  /** What it is, e.g. `a private key`. */
  readonly what: string;
  /** Global, so `lastIndex` must be reset before use. */
  readonly re: RegExp;
}

export const VALUE_PATTERNS: readonly ValuePattern[] = [
  { what: 'a private key', re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/g },
  { what: 'an AWS access key id', re: /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g },
  { what: 'a GitHub token', re: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/g },
  { what: 'a GitLab token', re: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}/g },
  { what: 'a Slack token', re: /(?<![A-Za-z0-9-])(?:xox[abprse]|xapp)-[A-Za-z0-9-]{10,}|hooks\.slack\.com\/services\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]+/g },
  { what: 'a Stripe secret key', re: /(?<![A-Za-z0-9_])[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/g },
  { what: 'a JSON web token', re: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g },
];

/** A literal every {@link VALUE_PATTERNS} match contains, whatever the escaping around it. */
const VALUE_LITERALS = /PRIVATE KEY|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abprse]-|xapp-|[rs]k_(?:live|test)_|eyJ|hooks\.slack\.com/;

/** The user info of a URL (`scheme://user:password@host`), in group 1. */
export const URL_USERINFO = /:\/\/([^\s/?#@]*)@/g;

/** A URL whose user info has a colon (in rendered text, where quotes may be escaped). */
const URL_USERINFO_TRIGGER = /:\/\/[^\s/?#@]*:[^\s/?#@]*@/;

/** A `kind: Secret` in YAML or (escaped) JSON. */
const SECRET_KIND = /kind\W{1,6}Secret\b/;

/** A `data` or `stringData` key in YAML or (escaped) JSON. */
const DATA_KEY = /(?:string[Dd]ata|(?<![A-Za-z])data)\\?["']?[ \t]*:/g;

/**
 * Whether `text` may hold a Secret with `data` or `stringData`: a
 * `kind: Secret`, and a data key that is not the top-level `data:` of a
 * file whose own kind is another (a ConfigMap carrying a Secret without
 * data, as Cluster API resource sets do, is not one).
 */
function mayHoldSecretData(text: string): boolean {
  if (!text.includes('Secret') || !SECRET_KIND.test(text)) return false;
  if (/^kind\W{1,6}Secret\b/m.test(text)) return true;
  DATA_KEY.lastIndex = 0;
  for (let m = DATA_KEY.exec(text); m !== null; m = DATA_KEY.exec(text)) {
    if (m.index > 0 && text[m.index - 1] !== '\n') return true;
    if (m[0] !== 'data:') return true;
  }
  return false;
}

/** Whether the user info of a URL (`user:password`) has a password that is not a reference. */
export function hasPassword(userinfo: string): boolean {
  const colon = userinfo.indexOf(':');
  return colon !== -1 && !isReference(userinfo.slice(colon + 1));
}

/** Key names that hold a secret, by what they hold; the first match decides. */
const KEY_KINDS: readonly (readonly [RegExp, string])[] = [
  [/^bearer[-_]?token$/i, 'a bearer token'],
  [/^(?:client-key-data|key-?data)$/i, 'a client key'],
  [/^(?:client-certificate-data|cert-?data)$/i, 'a client certificate'],
  [/private[-_]?key$/i, 'a private key'],
  [/secret[-_]?access[-_]?key$/i, 'an AWS secret access key'],
  [/(?:^|[-_.])secret[-_]key$/i, 'a secret key'],
  [/token$/i, 'a token'],
  [/passw(?:or)?d$|(?:^|[-_.])pass$|(?:^|[-_.])pwd$/i, 'a password'],
  [/api[-_]?key$/i, 'an API key'],
  [/client[-_]?secret$/i, 'a client secret'],
];

/**
 * A `:` or `=` after the end of a key {@link classifyKey} knows (and an
 * optional, possibly escaped, closing quote). Matched at the separator, so
 * that only `:` and `=` start an attempt: twice as fast as matching the key.
 */
const KEY_SEPARATOR =
  /[:=](?<=(?:token|passw(?:or)?d|pass|pwd|key-?data|cert(?:ificate)?-?data|secret[-_]?access[-_]?key|secret[-_]key|api[-_]?key|private[-_]?key|client[-_]?secret)\\?["']?[ \t]*[:=])/gi;

/** What a value under `key` holds when the key names a secret (`password`, `DB_PASS`, `id-token`, `keyData`, ...). */
export function classifyKey(key: string): string | undefined {
  for (const [re, what] of KEY_KINDS) if (re.test(key)) return what;
  return undefined;
}

/** The longest reference looked for: a bound, so that many unclosed `{{` cost linear time. */
const MAX_REFERENCE = 1000;

/** Skips blanks (line breaks too, when `lines`) and references (`{{ ... }}` templates, `${...}` variables) from `i`. */
function skipReferences(text: string, i: number, lines: boolean): number {
  for (;;) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || (lines && (text[i] === '\n' || text[i] === '\r')))) i++;
    const close = text.startsWith('{{', i) ? '}}' : text.startsWith('${', i) ? '}' : undefined;
    if (close === undefined) return i;
    const length = text.slice(i + 2, i + MAX_REFERENCE).indexOf(close);
    if (length === -1) return i;
    i += 2 + length + close.length;
  }
}

/**
 * Whether a value is no secret: blank, or only references (`{{ .token }}`,
 * `${DB_PASSWORD}`) that something else fills in.
 */
export function isReference(value: string): boolean {
  return skipReferences(value, 0, true) === value.length;
}

/** Characters that may end a value in YAML, JSON (also escaped) or `key=value` text. */
function endsValue(text: string, i: number): boolean {
  return i >= text.length || ' \t\r\n,}]"\'\\#'.includes(text[i]!);
}

/** YAML scalars that are not strings. */
const NOT_A_STRING = /^(?:true|false|True|False|TRUE|FALSE|null|Null|NULL|~)/;

/** A line that starts a nested collection (or the next key), so the key before it has no scalar value. */
const COLLECTION_LINE = /^[ \t]*(?:-(?:[ \t]|$)|[^\s#][^\n]*?:(?:[ \t]|$))/;

/** Whether the next line that is not blank after the one holding `i` starts a collection (or there is none). */
function collectionFollows(text: string, i: number): boolean {
  for (let start = text.indexOf('\n', i) + 1; start !== 0; start = text.indexOf('\n', start) + 1) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end);
    if (line.trim() !== '') return COLLECTION_LINE.test(line);
  }
  return true;
}

/**
 * Whether the value from `i` (just after `:` or `=`) is no secret: empty,
 * quoted empty, only references, a YAML boolean or null, or a nested
 * collection. Anything it cannot tell is a secret, so that this stays a
 * superset of what the scan of parsed objects finds.
 */
function valueIsNoSecret(text: string, i: number): boolean {
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (i >= text.length) return true;
  if (text[i] === '\n' || text[i] === '\r') return collectionFollows(text, i);
  const quote = text.startsWith('\\"', i) ? '\\"' : text[i] === '"' || text[i] === "'" ? text[i]! : '';
  const j = skipReferences(text, i + quote.length, quote !== '');
  // A quote right after a closing single quote escapes it (`'it''s'`): that value goes on.
  if (quote !== '') return text.startsWith(quote, j) && endsValue(text, j + quote.length) && !(quote === "'" && text[j + 1] === "'");
  if (j > i) return endsValue(text, j);
  const literal = NOT_A_STRING.exec(text.slice(i, i + 6));
  return literal !== null && endsValue(text, i + literal[0].length);
}

/** A character of a key name, for reading a key backwards from its end. */
const KEY_CHAR = /[A-Za-z0-9_.-]/;

/** A `key: value` or `key=value` whose key names a secret. */
export interface KeyValue {
  /** The key as far as it reads backwards from its end (`DB_PASS`, `bearerToken`). */
  readonly key: string;
  /** What the key holds (see {@link classifyKey}). */
  readonly what: string;
  /** Whether the value is no secret (empty, a reference, a boolean, a nested collection). */
  readonly noSecret: boolean;
}

/** Every key in `text` that names a secret, with whether its value is one. */
export function* keyValues(text: string): Generator<KeyValue> {
  KEY_SEPARATOR.lastIndex = 0;
  for (let m = KEY_SEPARATOR.exec(text); m !== null; m = KEY_SEPARATOR.exec(text)) {
    let end = m.index;
    while (text[end - 1] === ' ' || text[end - 1] === '\t') end--;
    if (text[end - 1] === '"' || text[end - 1] === "'") end--;
    if (text[end - 1] === '\\') end--;
    let start = end;
    while (start > 0 && KEY_CHAR.test(text[start - 1]!)) start--;
    const key = text.slice(start, end);
    const what = classifyKey(key);
    if (what !== undefined) yield { key, what, noSecret: valueIsNoSecret(text, m.index + 1) };
  }
}

/** Base64 runs shorter than this are not decoded: 28 characters hold 21 bytes, e.g. an AWS access key id. */
export const MIN_BASE64 = 28;

/** The value of each base64 character by UTF-16 code unit, -1 for the others (a table of every code unit: no range check in the loops). */
const BASE64_VALUE = new Int8Array(65536).fill(-1);
for (const [i, c] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].entries()) BASE64_VALUE[c.charCodeAt(0)] = i;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * How many UTF-8 continuation bytes are expected after byte `b`, given
 * `need` still expected before it; -1 when `b` cannot be in text (a control
 * character other than tab, newline and carriage return, or a byte out of
 * place in UTF-8).
 */
function textByte(b: number, need: number): number {
  if (need > 0) return (b & 0xc0) === 0x80 ? need - 1 : -1;
  if (b < 0x80) return b >= 0x20 ? (b === 0x7f ? -1 : 0) : b === 0x09 || b === 0x0a || b === 0x0d ? 0 : -1;
  return b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
}

/**
 * `text[start, end)` (base64 characters; a trailing partial group is
 * dropped) decoded, if it decodes to text (UTF-8 without control
 * characters); undefined otherwise. Stops at the first byte that cannot be
 * text, so random runs (identifiers, paths) cost a few characters each.
 */
export function decodeBase64Text(text: string, start: number, end: number): string | undefined {
  const stop = start + ((end - start) & ~3);
  if (stop === start) return undefined;
  let need = 0;
  for (let i = start; i < stop; i += 4) {
    const v = (BASE64_VALUE[text.charCodeAt(i)]! << 18) | (BASE64_VALUE[text.charCodeAt(i + 1)]! << 12) | (BASE64_VALUE[text.charCodeAt(i + 2)]! << 6) | BASE64_VALUE[text.charCodeAt(i + 3)]!;
    if ((need = textByte((v >> 16) & 255, need)) < 0 || (need = textByte((v >> 8) & 255, need)) < 0 || (need = textByte(v & 255, need)) < 0) return undefined;
  }
  if (need !== 0) return undefined;
  try {
    return UTF8.decode(Buffer.from(text.slice(start, stop), 'base64'));
  } catch {
    return undefined;
  }
}

/**
 * Calls `found` with the text each run of at least {@link MIN_BASE64} base64
 * characters in `text` decodes to (for the runs that decode to text) until
 * it returns true. Linear: it looks at every 14th character and reads a run
 * only around one that is base64.
 */
function forEachBase64Text(text: string, found: (decoded: string) => boolean): boolean {
  const step = MIN_BASE64 / 2;
  const n = text.length;
  for (let i = step - 1; i < n; i += step) {
    if (BASE64_VALUE[text.charCodeAt(i)]! < 0) continue;
    let start = i;
    while (start > 0 && BASE64_VALUE[text.charCodeAt(start - 1)]! >= 0) start--;
    let end = i + 1;
    while (end < n && BASE64_VALUE[text.charCodeAt(end)]! >= 0) end++;
    if (end - start >= MIN_BASE64) {
      const decoded = decodeBase64Text(text, start, end);
      if (decoded !== undefined && found(decoded)) return true;
    }
    i = end - 1;
  }
  return false;
}

/** The text each base64 run of `text` decodes to (see {@link forEachBase64Text}). */
export function base64Texts(text: string): string[] {
  const texts: string[] = [];
  forEachBase64Text(text, (decoded) => {
    texts.push(decoded);
    return false;
  });
  return texts;
}

/**
 * Whether `text` may hold credential material: a value pattern's literal, a
 * Secret with data, a URL with a colon in its user info, a key naming a secret
 * with a value that may be one, or a base64 run that decodes to text. Cheap
 * (a few linear passes), and true whenever the full scan of `text` (parsed
 * when it is YAML or JSON) finds something.
 */
export function mayHoldCredentials(text: string): boolean {
  if (VALUE_LITERALS.test(text)) return true;
  if (mayHoldSecretData(text)) return true;
  if (text.includes('@') && URL_USERINFO_TRIGGER.test(text)) return true;
  for (const kv of keyValues(text)) if (!kv.noSecret) return true;
  return forEachBase64Text(text, () => true);
}

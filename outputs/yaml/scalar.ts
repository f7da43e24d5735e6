/**
 * Scalar rendering for the YAML serializer (see `stringify.ts`): decides
 * whether a string can be written plain, as a literal block scalar, or must be
 * double-quoted, and writes numbers so that YAML 1.1 and YAML 1.2 readers agree.
 *
 * Every rule here is deliberately conservative: a string is written plain only
 * when no YAML 1.1 reader (kubectl / sigs.k8s.io/yaml via go-yaml v2, PyYAML,
 * the `yaml` package's `yaml-1.1` schema) nor YAML 1.2 reader (core schema,
 * js-yaml) would read it as anything but that same string. Quoting a string
 * that did not need it is harmless; the reverse is a bug.
 */

/**
 * Fast path: strings that are plain-safe as far as YAML *syntax* goes. Starts
 * with a letter, `_`, `/` or `$` (never a YAML indicator, digit, sign or dot),
 * then runs of ordinary ASCII characters separated by a single ':' or ' ' that
 * is followed by more ordinary text. This excludes ': ', ' #', trailing ':' or
 * space, double spaces, tabs, controls and anything non-ASCII. Covers
 * Kubernetes names, label keys, URLs, paths and image references. The body
 * class excludes ':' and ' ', so matching is linear (no backtracking blow-up).
 */
const PLAIN_FAST =
  /^[A-Za-z_/$][\w./\-+=@%~,;!?*&$()<>|^'"\\[\]{}`#]*(?:(?::|[ ](?!#))[\w./\-+=@%~,;!?*&$()<>|^'"\\[\]{}`#]+)*$/;

/**
 * Syntax that rules out a plain scalar (slow path, for strings failing
 * `PLAIN_FAST`): empty; a leading indicator or whitespace; '-' followed by
 * whitespace or nothing; document markers; ': ' / ':' at the end; ' #';
 * trailing whitespace; any line break (YAML 1.1 also breaks lines on NEL,
 * U+2028, U+2029); tabs and other controls, DEL, C1 controls, BOM,
 * non-characters U+FFFE/U+FFFF and lone surrogates (not printable in YAML).
 */
const PLAIN_UNSAFE =
  /^$|^[ \t?:,[\]{}#&*!|>'"%@`]|^-(?:[ \t]|$)|^(?:---|\.\.\.)|:(?:[ \t]|$)|[ \t]#|[ \t]$|[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Strings that some reader resolves to a non-string even though their syntax
 * allows a plain scalar: YAML 1.1 booleans (`y`, `No`, `on`, ...), nulls, the
 * YAML 1.1 merge key `<<` and value key `=`, and `e5`-like strings, which the
 * `yaml` package's 1.1 schema reads as a float (NaN). Case-insensitive on
 * purpose: a superset of every schema's spelling list.
 */
const RESERVED = /^(?:~|y|n|yes|no|true|false|on|off|null|[eE][-+]?[0-9]+|<<|=)$/i;

/**
 * Number-like strings, tested after removing every '_' (YAML 1.1 and go-yaml
 * ignore underscores in numbers). A superset of: YAML 1.1 int (binary, octal
 * `0755`, decimal, hex, sexagesimal `1:30`) and float (including `.`, `1.2.3`,
 * sexagesimal floats), YAML 1.2 core int/float (`0o17`, `1e3`, `.5`), go's
 * `strconv.ParseInt(s, 0, 64)` prefixes in any case (`0X1F`, `0B1`), and
 * `.inf`/`.nan` in any case.
 */
const NUMERIC =
  /^[-+]?(?:0[xX][0-9a-fA-F]*|0[oO][0-7]*|0[bB][01]*|[0-9.:]*(?:[eE][-+]?[0-9]+)?|\.(?:inf|nan))$/i;

/** YAML 1.1 timestamps (`2001-12-14`, `2001-12-14t21:59:43.10-05:00`, ...): any string with a date prefix. */
const TIMESTAMP_PREFIX = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/;

/** Rendered keys: Kubernetes objects repeat the same few hundred keys. Bounded: cleared when full. */
const keyCache = new Map<string, string>();
const KEY_CACHE_SIZE = 4096;
const KEY_CACHE_MAX_LENGTH = 128;

/** Characters JSON.stringify leaves raw but YAML must escape in double quotes (NEL, U+2028/9 are YAML 1.1 line breaks). */
const QUOTE_EXTRA = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
const QUOTE_EXTRA_ALL = new RegExp(QUOTE_EXTRA.source, 'g');

/**
 * Content a literal block scalar cannot hold faithfully: controls other than
 * tab/newline (including '\r'), DEL, C1 controls (including NEL), U+2028/U+2029,
 * BOM, U+FFFE/U+FFFF, lone surrogates, and whitespace at the end of any line
 * (invisible, stripped by editors, and whitespace-only lines interact with
 * indentation detection and chomping).
 */
const BLOCK_UNSAFE =
  /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[ \t](?:\n|$)|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True if `s` can be written as a plain (unquoted) scalar, as a key or a value. */
function isPlainSafe(s: string): boolean {
  if (PLAIN_FAST.test(s)) return !RESERVED.test(s);
  if (PLAIN_UNSAFE.test(s) || RESERVED.test(s)) return false;
  const c = s.charCodeAt(0);
  // '+', '-', '.', '0'-'9' may start a number (after '-', PLAIN_UNSAFE allowed a non-space).
  if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
    if (NUMERIC.test(s.indexOf('_') === -1 ? s : s.replace(/_/g, ''))) return false;
    if (TIMESTAMP_PREFIX.test(s)) return false;
  }
  return true;
}

/** `s` as a double-quoted YAML scalar (valid for both YAML 1.1 and 1.2; single line). */
function doubleQuoted(s: string): string {
  const json = JSON.stringify(s);
  return QUOTE_EXTRA.test(json) ? json.replace(QUOTE_EXTRA_ALL, escapeChar) : json;
}

function escapeChar(ch: string): string {
  return '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
}

/** `s` as a mapping key: plain when safe, else double-quoted. */
export function renderKey(s: string): string {
  let r = keyCache.get(s);
  if (r === undefined) {
    r = isPlainSafe(s) ? s : doubleQuoted(s);
    if (s.length <= KEY_CACHE_MAX_LENGTH) {
      if (keyCache.size >= KEY_CACHE_SIZE) keyCache.clear();
      keyCache.set(s, r);
    }
  }
  return r;
}

/**
 * `s` as a value: plain when safe; a literal block scalar when it is multi-line,
 * `indent` is given and the content allows it; else double-quoted. `indent` is
 * the indentation of block content lines (two columns right of the owning key
 * or '-'), or `undefined` where block scalars are not used (top-level
 * documents). A block result starts with '|' and already ends with '\n'
 * (see `isBlock`); other results are a single line without '\n'.
 */
export function renderString(s: string, indent: string | undefined): string {
  if (PLAIN_FAST.test(s)) return RESERVED.test(s) ? doubleQuoted(s) : s;
  if (indent !== undefined && s.indexOf('\n') !== -1 && !BLOCK_UNSAFE.test(s)) {
    const block = literalBlock(s, indent);
    if (block !== undefined) return block;
  }
  return isPlainSafe(s) ? s : doubleQuoted(s);
}

/** True if a `renderString` result is a block scalar (it then already ends with '\n'). */
export function isBlock(rendered: string): boolean {
  return rendered.charCodeAt(0) === 0x7c; // '|': a plain or quoted scalar never starts with it
}

/**
 * A literal block scalar, or undefined when `s` has no non-empty line.
 * Chomping: `|-` without a final newline, `|` with one, `|+` with more. Content
 * sits two columns right of its owner (key or '-'), so when the first
 * non-empty line starts with a space (which would change auto-detected
 * indentation) or a tab (rejected by libyaml/go-yaml while detecting it), the
 * indentation indicator is `2`. Empty lines are written without indentation.
 */
function literalBlock(s: string, indent: string): string | undefined {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x0a) end--;
  if (end === 0) return undefined; // only newlines
  const trailing = s.length - end;
  const content = end === s.length ? s : s.slice(0, end);
  let first = 0;
  while (content.charCodeAt(first) === 0x0a) first++;
  const c = content.charCodeAt(first);
  let out = c === 0x20 || c === 0x09 ? '|2' : '|';
  out += trailing === 0 ? '-\n' : trailing === 1 ? '\n' : '+\n';
  out += first === 0 ? indent : '';
  out += content.replace(/\n(?=[^\n])/g, '\n' + indent);
  out += '\n';
  for (let i = 1; i < trailing; i++) out += '\n';
  return out;
}

/**
 * A finite number in a form both YAML 1.1 and 1.2 read back as the same
 * number: integers below 1e21 as digits; others with a '.' in the mantissa and
 * a signed exponent (`1.0e+21`, `1.5e-7`), because YAML 1.1 floats need a '.';
 * -0 as `-0.0`. Returns undefined for NaN and ±Infinity.
 */
export function renderNumber(n: number): string | undefined {
  if (Number.isInteger(n)) {
    if (n === 0) return Object.is(n, -0) ? '-0.0' : '0';
    if (n < 1e21 && n > -1e21) return String(n);
  } else if (!Number.isFinite(n)) {
    return undefined;
  }
  const s = String(n);
  const e = s.indexOf('e');
  if (e === -1) return s;
  const mantissa = s.slice(0, e);
  return (mantissa.indexOf('.') === -1 ? mantissa + '.0' : mantissa) + s.slice(e);
}

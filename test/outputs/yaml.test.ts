/**
 * Tests for outputs/yaml/stringify.ts: exact output for representative
 * Kubernetes objects, a table of YAML-special strings, seeded property tests
 * reading the output back with YAML 1.1 and YAML 1.2 readers (the `yaml`
 * package), and error messages. No timing is asserted here (see
 * scripts/bench-yaml.ts).
 */
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { stringifyDocument, stringifyDocuments } from '../../outputs/yaml/stringify';

const VERSIONS = ['1.1', '1.2'] as const;

/** One document read back with `version` (1.1 uses the yaml-1.1 schema: yes/no, octal, sexagesimal, timestamps, `<<`). */
function readBack(text: string, version: '1.1' | '1.2'): unknown {
  const doc = YAML.parseDocument(text, { version, uniqueKeys: true });
  expect(doc.errors.map(String)).toEqual([]);
  expect(doc.warnings.map(String)).toEqual([]);
  return doc.toJS();
}

/** All documents of a stream read back with `version`. */
function readBackAll(text: string, version: '1.1' | '1.2'): unknown[] {
  return YAML.parseAllDocuments(text, { version }).map((doc) => {
    expect(doc.errors.map(String)).toEqual([]);
    return doc.toJS();
  });
}

/** What the input means as JSON data: keys with undefined values removed. */
function withoutUndefined(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutUndefined);
  if (typeof v === 'object' && v !== null) {
    const copy: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x !== undefined) Object.defineProperty(copy, k, { value: withoutUndefined(x), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }
  return v;
}

function expectRoundTrip(value: unknown): string {
  const text = stringifyDocument(value);
  for (const version of VERSIONS) expect(readBack(text, version), `YAML ${version} of:\n${text}`).toEqual(withoutUndefined(value));
  return text;
}

/** Strings that some YAML 1.1 or 1.2 reader would not read back as the same string if written plain. */
const MUST_QUOTE = [
  // booleans and nulls (YAML 1.1: y/n/yes/no/on/off in several spellings)
  'on', 'On', 'ON', 'off', 'Off', 'yes', 'Yes', 'YES', 'no', 'No', 'NO', 'y', 'Y', 'n', 'N',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '~', 'null', 'Null', 'NULL', '',
  // numbers in YAML 1.1 and 1.2 forms
  '1', '-1', '+1', '0', '-0', '1.30', '0.75', '.5', '-.5', '+.5', '5.', '.', '0755', '0o17', '0x1F', '0X1f', '0b101', '-0b1',
  '1e3', '1E3', '1e+3', '1.5e-3', 'e5', 'E-3', '-e5', '.e5', '1_000', '1__', '0x_1F', '1:30', '190:20:30.15', '-1:30',
  '.inf', '-.inf', '+.Inf', '.INF', '.nan', '.NaN', '.NAN', '1.2.3', '0.0.0.0',
  // YAML 1.1 timestamps, merge and value keys
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '<<', '=',
  // indicators at the start
  '*', '*a', '&a', '!x', '!!str', '%x', '%YAML 1.2', '@x', '`x', '- x', '-', '? x', '?', ':', ':x', '#x', '|', '|-', '>', '>-',
  '{', '}', '[', ']', '{a: 1}', '[a]', ',', ',a', '"', '"a"', "'", "'a'",
  // inside or at the end
  'a: b', 'a:', 'a:\tb', 'a #b', 'a\t#b', ' lead', 'trail ', ' ', '  ', '\t', 'a\tb', 'tab\t',
  // document markers
  '---', '--- x', '...', '... x', '---x',
  // line breaks and characters YAML does not allow raw
  '\n', 'a\n', 'a\nb', '\r', 'a\r\nb', '\u0085', 'a\u0085b', '\u2028', 'a\u2029b', '\ufeff', '\ufeffa', '\ufffe', '\uffff',
  '\u0000', '\u0007', '\u001b[0m', '\x7f', '\x80', '\x9f', '\ud800', 'a\udc00', '\udfff\ud800',
];

/** Strings that are plain-safe and common in Kubernetes objects: they must stay unquoted. */
const PLAIN = [
  'web', 'my-app', 'app.kubernetes.io/name', 'https://github.com/acme/fleet.git', 'nginx:1.27', 'ghcr.io/acme/app@sha256:0a1b2c',
  '/etc/config', 'ClusterIP', 'RollingUpdate', '25%', '100m', '128Mi', '10.0.0.0/16', 'v1', 'apps/v1', '--config=/etc/x.yaml',
  '-x', 'a:b', 'a#b', 'a b c', 'Hello, world!', '${VAR}', 'yes-please', 'nonempty', 'café', 'a\u00a0b', 'x😀', 'e', 'ex5',
  "it's", 'say "hi"', 'C:\\path', 'a  b', 'a,b', 'a[0]', 'n/a', '_', '$',
];

describe('stringifyDocument exact output', () => {
  it('GIVEN a ConfigMap with a multi-line value WHEN serialized THEN header keys come first and the value is a literal block', () => {
    const cm = {
      data: { 'app.yaml': 'server:\n  port: 8080\n', LOG_LEVEL: 'info', ENABLED: 'true' },
      metadata: { name: 'web-config', namespace: 'web' },
      kind: 'ConfigMap',
      apiVersion: 'v1',
    };
    expect(stringifyDocument(cm)).toBe(
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: web-config',
        '  namespace: web',
        'data:',
        '  ENABLED: "true"',
        '  LOG_LEVEL: info',
        '  app.yaml: |',
        '    server:',
        '      port: 8080',
        '',
      ].join('\n'),
    );
  });

  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'shop' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.27',
              args: ['--port=8080', '--verbose'],
              ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
              env: [{ name: 'DEBUG', value: 'no' }],
              resources: { limits: { cpu: '500m', memory: '256Mi' } },
            },
          ],
          volumes: [],
          nodeSelector: {},
        },
      },
    },
  };

  it('GIVEN a Deployment-like object WHEN serialized THEN nested mappings, sequences of mappings and empties use cdk8s style', () => {
    expect(stringifyDocument(deployment)).toBe(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  labels:',
        '    app.kubernetes.io/name: web',
        '    app.kubernetes.io/part-of: shop',
        '  name: web',
        'spec:',
        '  replicas: 2',
        '  selector:',
        '    matchLabels:',
        '      app.kubernetes.io/name: web',
        '  template:',
        '    metadata:',
        '      labels:',
        '        app.kubernetes.io/name: web',
        '    spec:',
        '      containers:',
        '        - args:',
        '            - --port=8080',
        '            - --verbose',
        '          env:',
        '            - name: DEBUG',
        '              value: "no"',
        '          image: nginx:1.27',
        '          name: web',
        '          ports:',
        '            - containerPort: 8080',
        '              name: http',
        '              protocol: TCP',
        '          resources:',
        '            limits:',
        '              cpu: 500m',
        '              memory: 256Mi',
        '      nodeSelector: {}',
        '      volumes: []',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN the same object with keys pre-sorted WHEN serialized THEN the output equals the yaml package with cdk8s options', () => {
    const sortDeep = (v: unknown, top: boolean): unknown => {
      if (Array.isArray(v)) return v.map((x) => sortDeep(x, false));
      if (typeof v !== 'object' || v === null) return v;
      const keys = Object.keys(v).sort();
      const head = top ? ['apiVersion', 'kind', 'metadata'].filter((k) => keys.includes(k)) : [];
      const ordered = [...head, ...keys.filter((k) => !head.includes(k))];
      // Insertion order is iteration order here: the object has no integer-like keys.
      return Object.fromEntries(ordered.map((k) => [k, sortDeep((v as Record<string, unknown>)[k], false)]));
    };
    expect(stringifyDocument(deployment)).toBe(YAML.stringify(sortDeep(deployment, true), { lineWidth: 0, version: '1.1' }));
  });

  it('GIVEN empty collections at every position WHEN serialized THEN they are written in flow style', () => {
    expect(stringifyDocument({})).toBe('{}\n');
    expect(stringifyDocument([])).toBe('[]\n');
    expect(stringifyDocument({ a: {}, b: [], c: [{}, [], [[]]], d: { e: undefined } })).toBe(
      'a: {}\nb: []\nc:\n  - {}\n  - []\n  - - []\nd: {}\n',
    );
  });

  it('GIVEN nested sequences and mappings in sequences WHEN serialized THEN compact forms align under the dash', () => {
    expect(stringifyDocument({ m: [[1, [2, 3]], { a: [{ b: 1, c: 2 }], d: 'x' }] })).toBe(
      ['m:', '  - - 1', '    - - 2', '      - 3', '  - a:', '      - b: 1', '        c: 2', '    d: x', ''].join('\n'),
    );
    expect(stringifyDocument([{ a: 1 }, 'b'])).toBe('- a: 1\n- b\n');
  });

  it('GIVEN top-level and nested apiVersion/kind/metadata keys WHEN serialized THEN only the top level puts them first', () => {
    const doc = { spec: { metadata: 1, kind: 2, apiVersion: 3, a: 4 }, metadata: {}, apiVersion: 'v1', a: 0, Z: 1 };
    expect(stringifyDocument(doc)).toBe(
      'apiVersion: v1\nmetadata: {}\nZ: 1\na: 0\nspec:\n  a: 4\n  apiVersion: 3\n  kind: 2\n  metadata: 1\n',
    );
  });

  it('GIVEN integer-like and mixed-case keys WHEN serialized THEN keys sort by UTF-16 code units and numeric keys are quoted', () => {
    const doc = { b: 1, 10: 2, 2: 3, B: 4, '-1': 5, é: 6, '😀': 7, '\uffee': 8, a: 9 };
    expect(stringifyDocument(doc)).toBe(
      '"-1": 5\n"10": 2\n"2": 3\nB: 4\na: 9\nb: 1\né: 6\n😀: 7\n\uffee: 8\n',
    );
  });

  it('GIVEN multi-line strings WHEN serialized THEN the literal block chomping and indentation indicators are chosen correctly', () => {
    expect(stringifyDocument({ a: 'x\ny' })).toBe('a: |-\n  x\n  y\n');
    expect(stringifyDocument({ a: 'x\ny\n' })).toBe('a: |\n  x\n  y\n');
    expect(stringifyDocument({ a: 'x\n\ny\n\n\n' })).toBe('a: |+\n  x\n\n  y\n\n\n');
    expect(stringifyDocument({ a: '  x\ny' })).toBe('a: |2-\n    x\n  y\n');
    expect(stringifyDocument({ a: '\n\n\tx\n' })).toBe('a: |2\n\n\n  \tx\n');
    expect(stringifyDocument(['# not a comment\n--- not a marker\n'])).toBe('- |\n  # not a comment\n  --- not a marker\n');
    expect(stringifyDocument([{ k: 'x\ny\n' }])).toBe('- k: |\n    x\n    y\n');
  });

  it('GIVEN multi-line strings a block scalar cannot hold faithfully WHEN serialized THEN they are double-quoted', () => {
    const cases: [string, string][] = [
      ['a\r\nb', '"a\\r\\nb"'],
      ['a \nb', '"a \\nb"'],
      ['a\n  \nb', '"a\\n  \\nb"'],
      ['a\nb\t', '"a\\nb\\t"'],
      ['a\n\u2028', '"a\\n\\u2028"'],
      ['a\n\u0085', '"a\\n\\u0085"'],
      ['\ufeffa\nb', '"\\ufeffa\\nb"'],
      ['a\n\u0007', '"a\\n\\u0007"'],
      ['\n', '"\\n"'],
      ['\n\n', '"\\n\\n"'],
    ];
    for (const [input, quoted] of cases) expect(stringifyDocument({ a: input })).toBe(`a: ${quoted}\n`);
    expect(stringifyDocument('x\ny')).toBe('"x\\ny"\n'); // no block scalars at the top level
  });

  it('GIVEN numbers WHEN serialized THEN forms read the same in YAML 1.1 and 1.2', () => {
    const doc = { a: 1, b: -3, c: 0.5, d: 1e21, e: -1.5e-7, f: -0, g: 2 ** 60, h: 5e-324, i: 1.7976931348623157e308 };
    expect(stringifyDocument(doc)).toBe(
      'a: 1\nb: -3\nc: 0.5\nd: 1.0e+21\ne: -1.5e-7\nf: -0.0\ng: 1152921504606847000\nh: 5.0e-324\ni: 1.7976931348623157e+308\n',
    );
    expectRoundTrip(doc);
  });

  it('GIVEN scalars at the top level WHEN serialized THEN each is one line', () => {
    expect(stringifyDocument(null)).toBe('null\n');
    expect(stringifyDocument(true)).toBe('true\n');
    expect(stringifyDocument(42)).toBe('42\n');
    expect(stringifyDocument('web')).toBe('web\n');
    expect(stringifyDocument('---')).toBe('"---"\n');
  });

  it('GIVEN a key longer than the implicit key limit WHEN serialized THEN it is written as an explicit key and round-trips', () => {
    const key = 'k'.repeat(1200);
    expect(stringifyDocument({ [key]: { a: 1 } })).toBe(`? ${key}\n:\n  a: 1\n`);
    expectRoundTrip({ [key]: 'v', [`${key}\n`]: ['x'], z: [{ [key]: 1, b: 2 }] });
  });

  it('GIVEN several documents WHEN stringifyDocuments THEN they are separated by --- lines and an empty list gives nothing', () => {
    expect(stringifyDocuments([])).toBe('');
    expect(stringifyDocuments([{ kind: 'A' }])).toBe('kind: A\n');
    expect(stringifyDocuments([{ kind: 'A' }, 'b', { c: 'x\n\n' }, []])).toBe('kind: A\n---\nb\n---\nc: |+\n  x\n\n---\n[]\n');
  });

  it('GIVEN objects without a prototype or from another realm WHEN serialized THEN they are plain mappings', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { b: 1, a: 2 });
    expect(stringifyDocument({ bare, foreign: runInNewContext('({ q: [1], p: {} })') })).toBe(
      'bare:\n  a: 2\n  b: 1\nforeign:\n  p: {}\n  q:\n    - 1\n',
    );
  });

  it('GIVEN a shared but acyclic object WHEN serialized THEN it is written twice without aliases', () => {
    const labels = { app: 'web' };
    expect(stringifyDocument({ a: labels, b: [labels] })).toBe('a:\n  app: web\nb:\n  - app: web\n');
  });
});

describe('stringifyDocument tricky strings', () => {
  it.each(MUST_QUOTE.map((s) => [JSON.stringify(s), s]))('GIVEN the string %s WHEN used as value and key THEN it is quoted and round-trips', (_, s) => {
    const asValue = stringifyDocument({ v: s });
    expect(asValue.startsWith('v: "') || asValue.startsWith('v: |')).toBe(true);
    if (!s.includes('\n')) expect(asValue.startsWith('v: "')).toBe(true);
    const asKey = stringifyDocument({ [s]: 1 });
    expect(asKey.startsWith('"')).toBe(true);
    expectRoundTrip({ v: s, [s]: [s], seq: [s, { [s]: s }] });
    expectRoundTrip(s);
  });

  it.each(PLAIN.map((s) => [JSON.stringify(s), s]))('GIVEN the common string %s WHEN used as value and key THEN it stays plain and round-trips', (_, s) => {
    expect(stringifyDocument({ v: s })).toBe(`v: ${s}\n`);
    expect(stringifyDocument({ [s]: 1 })).toBe(`${s}: 1\n`);
    expectRoundTrip({ v: s, [s]: [s] });
  });
});

describe('stringifyDocument properties', () => {
  const fragments = [
    'a', 'x', 'Z', ' ', '  ', '\n', '\n\n', '\t', '\r', '#', ' #', ': ', ':', '-', '- ', '? ', '?', ',', '[', ']', '{', '}', '"', "'",
    '\\', '|', '>', '!', '&', '*', '%', '@', '`', '~', '=', '<<', '---', '...', '0', '1', '7', '9', '.', '_', 'e', 'E', '+', 'x',
    'b', 'o', 'yes', 'no', 'on', 'Off', 'y', 'N', 'null', 'true', '.inf', 'NaN', '2001-12-14', '1:30', '0x', '0o', '0b',
    '\u00a0', '\u0085', '\u2028', '\u2029', '\ufeff', '\ufffe', '\u0000', '\u001b', '\x7f', '\x9b', 'é', '😀', '\ud800', '\udc00',
  ];
  const numberStrings = fc.oneof(
    fc.integer().map(String),
    fc.double({ noNaN: true }).map(String),
    fc.integer({ min: 0, max: 0xffff }).map((n) => '0x' + n.toString(16)),
    fc.integer({ min: 0, max: 0o777 }).map((n) => '0' + n.toString(8)),
    fc.integer({ min: 0, max: 0o777 }).map((n) => '0o' + n.toString(8)),
    fc.integer({ min: 0, max: 255 }).map((n) => '0b' + n.toString(2)),
    fc.tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${h}:${m}`),
    fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 })).map(([a, b]) => `${a}_${b}`),
    fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('e', 'E'), fc.integer({ min: -30, max: 30 })).map(
      ([m, e, x]) => `${m}${e}${x}`,
    ),
    fc.tuple(fc.constantFrom('', '+', '-'), fc.constantFrom('.inf', '.Inf', '.INF', '.nan', '.NaN', '.5', '5.', '.')).map(([s, v]) => s + v),
    fc.constantFrom('yes', 'No', 'ON', 'off', 'y', 'N', 'true', 'False', 'null', 'NULL', '~', '', '=', '<<'),
  );
  const composed = fc.array(fc.constantFrom(...fragments), { maxLength: 12 }).map((parts) => parts.join(''));
  const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 20 });
  const tricky = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
    codeUnits,
    fc.constantFrom(...MUST_QUOTE, ...PLAIN),
    numberStrings,
    composed,
    composed.map((s) => `  ${s}\n  `),
    fc.tuple(composed, fc.integer({ min: 1, max: 120 })).map(([s, n]) => (s || 'ab').repeat(n)),
  );
  const line = fc.oneof(
    fc.constant(''),
    composed,
    composed.map((s) => `  ${s}`),
    composed.map((s) => `\t${s}`),
    fc.string({ unit: 'grapheme-ascii', maxLength: 20 }),
    fc.constantFrom(...MUST_QUOTE, ...PLAIN),
  );
  /** Text with several lines and 0-3 trailing newlines: the block scalar candidates. */
  const multiline = fc
    .tuple(fc.array(line, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 3 }))
    .map(([lines, n]) => lines.join('\n') + '\n'.repeat(n));
  const strings = fc.oneof(tricky, multiline);
  const numbers = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constantFrom(-0, 1e21, -1e21, 2 ** 53 + 2, 5e-324));
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { arbitrary: tricky, weight: 3 },
      { arbitrary: multiline, weight: 3 },
      { arbitrary: numbers, weight: 1 },
      { arbitrary: fc.boolean(), weight: 1 },
      { arbitrary: fc.constant(null), weight: 1 },
      { arbitrary: fc.array(tie('value'), { maxLength: 4 }), weight: 2 },
      { arbitrary: fc.dictionary(strings, fc.option(tie('value'), { nil: undefined, freq: 8 }), { maxKeys: 5 }), weight: 3 },
    ),
  }));
  const params = { seed: 42, numRuns: 2000 };

  it('GIVEN arbitrary JSON data biased toward YAML-special strings WHEN serialized THEN YAML 1.1 and 1.2 readers read it back exactly', () => {
    fc.assert(
      fc.property(value, (v) => {
        expectRoundTrip(v);
      }),
      params,
    );
  });

  it('GIVEN arbitrary documents WHEN stringifyDocuments THEN parseAllDocuments reads back the same documents', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 5 }), (docs) => {
        const text = stringifyDocuments(docs);
        for (const version of VERSIONS) expect(readBackAll(text, version), text).toEqual(docs.map(withoutUndefined));
      }),
      { ...params, numRuns: 500 },
    );
  });

  it('GIVEN arbitrary data WHEN serialized twice with keys in different insertion orders THEN the output is identical', () => {
    fc.assert(
      fc.property(fc.dictionary(tricky, value, { maxKeys: 8 }), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(stringifyDocument(reversed)).toBe(stringifyDocument(obj));
      }),
      { ...params, numRuns: 500 },
    );
  });
});

/** Asserts that `fn` throws a TypeError with exactly `message`. */
function expectTypeError(fn: () => unknown, message: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(TypeError);
  expect((thrown as Error).message).toBe(message);
}

describe('stringifyDocument errors', () => {
  class Custom {}
  const circular: Record<string, unknown> = { a: { b: [] } };
  ((circular.a as Record<string, unknown>).b as unknown[]).push(circular);
  const cases: [string, unknown, string][] = [
    ['NaN', { spec: { replicas: NaN } }, 'cannot serialize NaN at spec.replicas'],
    ['Infinity', { a: [1, Infinity] }, 'cannot serialize Infinity at a[1]'],
    ['-Infinity', -Infinity, 'cannot serialize -Infinity at (root)'],
    ['undefined in an array', { spec: { args: ['a', undefined] } }, 'cannot serialize undefined at spec.args[1]'],
    ['undefined at the root', undefined, 'cannot serialize undefined at (root)'],
    ['a function', { metadata: { labels: { 'app.kubernetes.io/name': () => 1 } } }, 'cannot serialize a function at metadata.labels["app.kubernetes.io/name"]'],
    ['a symbol', { a: Symbol('s') }, 'cannot serialize a symbol at a'],
    ['a bigint', { a: [[{ b: 1n }]] }, 'cannot serialize a bigint at a[0][0].b'],
    ['a Date', { created: new Date(0) }, 'cannot serialize an instance of Date at created'],
    ['a Map', [new Map()], 'cannot serialize an instance of Map at [0]'],
    ['a class instance', { 'my-key': new Custom() }, 'cannot serialize an instance of Custom at my-key'],
    ['a circular reference', circular, 'cannot serialize a circular reference at a.b[0]'],
    ['a key needing quotes in the path', { 'a b': { '': [NaN] } }, 'cannot serialize NaN at ["a b"][""][0]'],
  ];
  it.each(cases)('GIVEN %s WHEN serialized THEN a TypeError names the path', (_, input, message) => {
    expectTypeError(() => stringifyDocument(input), message);
  });

  it('GIVEN an invalid value in the second document WHEN stringifyDocuments THEN the path starts with the document index', () => {
    expectTypeError(() => stringifyDocuments([{}, { spec: { replicas: NaN } }]), 'cannot serialize NaN at [1].spec.replicas');
    expectTypeError(() => stringifyDocuments([{}, undefined]), 'cannot serialize undefined at [1]');
  });
});

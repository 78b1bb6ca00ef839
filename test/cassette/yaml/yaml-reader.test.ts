import { isDeepStrictEqual } from 'node:util';
import { Document, parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { DeferredBlock, readYamlBytes, readYamlSubset } from '../../../src/cassette/yaml/yaml-reader.js';
import { styleMultilineStrings } from '../../../src/cassette/yaml/yaml-style.js';

// The same options parseCassette gives yaml.
const parseWithYaml = (text: string): { value: unknown } | { error: true } => {
  try {
    return { value: parse(text, { merge: false, uniqueKeys: true, maxAliasCount: 0 }) };
  } catch {
    return { error: true };
  }
};

// As serializeCassette writes a document.
const write = (data: unknown): string => {
  const document = new Document(data, { aliasDuplicateObjects: false });
  styleMultilineStrings(document);
  return document.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true });
};

// Characters yaml reads in its own way in some places; the subset reader leaves them all to it.
const SUSPECTS = ['\u2028', '\u0085'];
const PIECES = [
  'a',
  'b',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\t',
  '#',
  ': ',
  ':',
  '- ',
  '-',
  '|',
  '"',
  "'",
  '>',
  'é',
  '’',
  '🙂',
  '{',
  '}',
  '[',
  ']',
  ',',
  '0',
  '1.5',
  '*',
  '&',
  '!',
  '%',
  '@',
  '\\',
  '\u00a0',
  '\x01',
  '---',
  '...',
  '?',
  '~',
];
const KEYS = [
  'id',
  'role',
  'a b',
  'x-y',
  '1',
  '1.0',
  'true',
  'null',
  '-a',
  'a:b',
  'é',
  '"q"',
  "it's",
  '',
  '#x',
  'a #b',
  'constructor',
  '- x',
  '50256',
  'key: v',
  '~',
  'Null',
  '?x',
];
const SCALARS = [
  0,
  -1,
  1.5,
  -0,
  1e21,
  1e-7,
  0.1,
  2 ** 64,
  true,
  false,
  null,
  '0',
  '-1',
  '1e5',
  '0x1F',
  '0o17',
  '.inf',
  '-.Inf',
  '.nan',
  'true',
  'False',
  'NULL',
  '~',
  '',
  'yes',
  '2025-01-31T12:00:00.000Z',
  'https://api.openai.com/v1/chat/completions',
];

// Reads with `defer`, then reads each deferred block from its bytes, as load/deferred-json.ts does.
const DEFER = new Set(['role', 'a b', 'constructor', 'list', 'json']);
function readDeferred(text: string): { value: unknown } | undefined {
  const bytes = Buffer.from(text);
  const read = readYamlBytes(bytes, { defer: DEFER });
  const resolve = (value: unknown): unknown => {
    if (value instanceof DeferredBlock) {
      const block = readYamlBytes(bytes.subarray(value.start, value.end), { block: value.indent });
      expect(block, 'a deferred block reads').toBeDefined();
      return block?.value;
    }
    if (Array.isArray(value)) {
      return value.map(resolve);
    }
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item)]));
    }
    return value;
  };
  return read && { value: resolve(read.value) };
}

function randomGenerator(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function randomValue(random: () => number, depth: number, pieces: readonly string[]): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const roll = random();
  if (depth > 0 && roll < 0.2) {
    return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth - 1, pieces));
  }
  if (depth > 0 && roll < 0.45) {
    const entries = Array.from({ length: Math.floor(random() * 5) }, () => [
      // A key with a line break becomes a `? ` key, which is left to yaml.
      random() < 0.6 ? pick(KEYS) : randomString(random, 6, pieces).replaceAll('\n', ' '),
      randomValue(random, depth - 1, pieces),
    ]);
    return Object.fromEntries(entries);
  }
  return roll < 0.65 ? pick(SCALARS) : randomString(random, 30, pieces);
}

function randomString(random: () => number, maxPieces: number, pieces: readonly string[]): string {
  return Array.from(
    { length: 1 + Math.floor(random() * maxPieces) },
    () => pieces[Math.floor(random() * pieces.length)],
  ).join('');
}

describe('the YAML subset reader', () => {
  test.each([
    ['printable text', PIECES, 3000],
    ['text with U+2028 and U+0085 too', [...PIECES, ...SUSPECTS], 500],
  ])('reads random documents of %s exactly as yaml reads them back', (_name, pieces, minimumRead) => {
    const random = randomGenerator(11);
    let read = 0;
    for (let i = 0; i < 3000; i++) {
      const text = write({
        version: 1,
        interactions: [randomValue(random, 5, pieces), randomValue(random, 5, pieces)],
      });
      const expected = parseWithYaml(text);
      const fast = readYamlSubset(text);
      const bytes = readYamlBytes(Buffer.from(text));
      if (fast) {
        read++;
        expect('value' in expected && isDeepStrictEqual(fast.value, expected.value), text).toBe(true);
      }
      // (isDeepStrictEqual: vitest compares an own `constructor` key as the object's class.)
      expect(isDeepStrictEqual(bytes, fast), text).toBe(true);
      expect(isDeepStrictEqual(readDeferred(text), fast), text).toBe(true);
    }
    // All of them but for those characters (and the key "__proto__").
    expect(read).toBeGreaterThanOrEqual(minimumRead);
  });

  test('never reads text differently from yaml, or text yaml refuses, for 20,000 random edits', () => {
    const random = randomGenerator(5);
    const base = write({
      version: 1,
      interactions: [
        {
          id: 'a-1',
          headers: { 'x-y': '1', accept: 'application/json' },
          body: { json: { messages: [{ role: 'user', content: 'first\nsecond' }], n: 2, t: 0.5, dup: { a: 1, b: 2 } } },
        },
        {
          id: 'b-1',
          list: ['-1', -1, '', '{"a":1}', 'say "hi"', 'line\n\n', [[1, 'x']]],
          empty: {},
          none: [],
          nothing: null,
        },
        { text: 'A long reply whose first line ends in two spaces  \nthen more\n\n  indented\tand "quoted"\n' },
      ],
    });
    let read = 0;
    for (let i = 0; i < 20_000; i++) {
      let text = base;
      for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
        const at = Math.floor(random() * text.length);
        const cut = random() < 0.5 ? Math.floor(random() * 3) : 0;
        text =
          text.slice(0, at) +
          (random() < 0.7 ? PIECES[Math.floor(random() * PIECES.length)] : '') +
          text.slice(at + cut);
      }
      const fast = readYamlSubset(text);
      if (fast) {
        read++;
        const expected = parseWithYaml(text);
        expect('value' in expected && isDeepStrictEqual(fast.value, expected.value), JSON.stringify(text)).toBe(true);
      }
      // Deferred blocks are checked as fully: the same text is read, to the same value.
      if (!text.includes('\u2028') && !text.includes('\u0085')) {
        expect(isDeepStrictEqual(readDeferred(text), fast), JSON.stringify(text)).toBe(true);
      }
    }
    expect(read).toBeGreaterThan(1000);
  });

  test('never reads differently from yaml for 5,000 byte flips inside header values and body strings', () => {
    const random = randomGenerator(13);
    const base = write({
      version: 1,
      interactions: [
        {
          request: {
            headers: {
              'content-type': 'application/json',
              'x-stainless-retry-count': '0',
              'user-agent': 'OpenAI/JS 7.57.0',
            },
            body: { json: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Paris?\nOr "Lyon"' }] } },
          },
          response: {
            headers: {
              date: 'Mon, 24 Nov 2025 21:46:05 GMT',
              'set-cookie': ['a=1; Path=/', 'b=2'],
              'openai-processing-ms': '448',
            },
            body: { text: '{"id": "chatcmpl-1", "choices": []}\n' },
          },
        },
        {
          response: {
            body: { events: [{ json: { choices: [{ delta: { content: ' Paris' } }] } }, { data: '[DONE]' }] },
          },
        },
      ],
    });
    const values = [
      'application/json',
      'OpenAI/JS 7.57.0',
      'Mon, 24 Nov 2025 21:46:05 GMT',
      'a=1; Path=/',
      '448',
      'gpt-4o-mini',
      'Paris?',
      '"id": "chatcmpl-1"',
      ' Paris',
      '[DONE]',
    ];
    const bytes = Buffer.from(base);
    let read = 0;
    for (let i = 0; i < 5_000; i++) {
      const value = Buffer.from(values[Math.floor(random() * values.length)] as string);
      const start = bytes.indexOf(value);
      expect(start, String(value)).toBeGreaterThan(-1);
      const flipped = Buffer.from(bytes);
      flipped[start + Math.floor(random() * value.length)] = Math.floor(random() * 256);
      const fast = readYamlBytes(flipped);
      if (fast) {
        read++;
        const expected = parseWithYaml(flipped.toString('utf8'));
        expect(
          'value' in expected && isDeepStrictEqual(fast.value, expected.value),
          JSON.stringify(flipped.toString('latin1')),
        ).toBe(true);
      }
    }
    expect(read).toBeGreaterThan(2_500);
  });

  test.each([
    [
      'a plain scalar that yaml reads as a number, bool or null',
      'a: 0x1F\nb: -.inf\nc: Null\nd: 1e5\ne: +1\nf: 01\ng: 1_000\n',
    ],
    ['quoted keys and values with escapes', '"a b": "x\\ty\\u00e9\\x41\\\\"\n\'it\'\'s\': \'say "hi"\'\n'],
    ['literal blocks with every chomping', 'a: |\n  x\n\n  y\nb: |-\n  x\nc: |+\n  x\n\n\nd: 1\n'],
    [
      'lists of mappings, scalars, empty collections and null',
      'a:\n  - b: 1\n    c:\n      - -1\n      - {}\n  - []\n  -\n  - x\nd:\n',
    ],
  ])('reads %s as yaml does', (_name, text) => {
    const expected = parseWithYaml(text);
    expect(readYamlSubset(text)).toEqual(expected);
  });

  test.each([
    ['a comment', 'a: 1 # note\n'],
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a flow mapping', 'a: {b: 1}\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['CR line ends', 'a: 1\r\n'],
    ["a list at its key's column", 'a:\n- 1\n'],
    ['a block whose first line is blank', 'a: |\n\n  x\n'],
    ['a line of only spaces in a block', 'a: |\n  x\n  \n  y\n'],
    ['no newline at the end', 'a: 1'],
    ['a key that yaml turns into another string', '1.0: x\n'],
    ['a document marker', '--- a: 1\n'],
    ['the key __proto__', '__proto__: 1\n'],
  ])('leaves %s to yaml', (_name, text) => {
    expect(readYamlSubset(text)).toBeUndefined();
  });

  test('decodes only the UTF-8 scalars of latin1-read bytes, whatever 4 KB block they fall in', () => {
    const long = 'x'.repeat(5000);
    const text = `a: ${long}\nb: |\n  ${long}é\n  ’\nc: "${'y'.repeat(4090)}🙂"\nd: plain ascii\n`;
    expect(readYamlBytes(Buffer.from(text))).toEqual({ value: parse(text) });
    expect(readYamlBytes(Buffer.from(`l: x\n${text}`))).toEqual({ value: parse(`l: x\n${text}`) });
  });
});

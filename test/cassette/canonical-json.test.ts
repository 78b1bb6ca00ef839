import { readdirSync } from 'node:fs';
import stableStringify from 'fast-json-stable-stringify';
import { describe, expect, test } from 'vitest';
import { canonicalJson } from '../../src/cassette/canonical-json.js';
import { CORPUS_DIR, loadCorpus } from '../helpers/corpus.js';

// A deterministic stream of JSON-ish values, with the shapes that tell key orders apart.
function randomValue(next: () => number, depth: number): unknown {
  const keys = ['b', 'a', 'Z', 'é', '10', '9', '0', '01', '-1', '1.5', 'role', 'content', '__proto__', '', ' ', '😀'];
  const pick = next() % (depth > 3 ? 5 : 8);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return next() % 2 === 0;
    case 2:
      return [0, -0, 1.5, 1e21, -7, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY][next() % 8];
    case 3:
      return ['', 'x', 'line\nbreak', '"q"', '\u2028', '\ud800', 'ü'][next() % 7];
    case 4:
      return undefined;
    case 5:
    case 6: {
      const object: Record<string, unknown> = {};
      for (let i = next() % 5; i > 0; i--) {
        const key = keys[next() % keys.length] as string;
        Object.defineProperty(object, key, { value: randomValue(next, depth + 1), enumerable: true, writable: true });
      }
      return object;
    }
    default:
      return Array.from({ length: next() % 4 }, () => randomValue(next, depth + 1));
  }
}

describe('canonicalJson', () => {
  test('writes every corpus body exactly as fast-json-stable-stringify does', () => {
    const files = readdirSync(CORPUS_DIR).filter((name) => name.endsWith('.json'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const { request, response } = loadCorpus(file);
      expect(canonicalJson(request.body)).toBe(stableStringify(request.body));
      try {
        const body: unknown = JSON.parse(response.body);
        expect(canonicalJson(body)).toBe(stableStringify(body));
      } catch {
        // Streams and gzip bodies are not JSON.
      }
    }
  });

  test('agrees with fast-json-stable-stringify on numeric keys, __proto__, odd numbers and undefined', () => {
    let state = 7;
    const next = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 5000; i++) {
      const value = randomValue(next, 0);
      expect(canonicalJson(value)).toBe(stableStringify(value));
    }
    const parsed: unknown = JSON.parse(
      '{"__proto__":{"b":1,"a":2},"logit_bias":{"50256":-100,"9":1},"x":[{"b":1,"a":null}]}',
    );
    expect(canonicalJson(parsed)).toBe(stableStringify(parsed));
  });

  test('leaves values other than plain JSON to fast-json-stable-stringify', () => {
    const values: unknown[] = [
      { when: new Date(0), b: 1, a: 2 },
      { toJSON: () => ({ z: 1, y: 2 }) },
      [() => 1, Symbol('s'), { f: () => 1, a: 1 }],
      Object.assign(Object.create(null) as object, { b: 1, a: 2 }),
    ];
    for (const value of values) {
      expect(canonicalJson(value)).toBe(stableStringify(value));
    }
  });
});

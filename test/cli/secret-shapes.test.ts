import { describe, expect, test } from 'vitest';
import { findSecrets, scrubSecretShapes } from '../../src/cli/secret-shapes.js';

const kinds = (text: string, patterns: RegExp[] = [], known: string[] = []) =>
  findSecrets(text, patterns, known).map((m) => [m.kind, text.slice(m.start, m.end)]);

describe('findSecrets', () => {
  test('finds OpenAI keys of every prefix', () => {
    for (const key of [
      'sk-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL',
      'sk-proj-Ab3_cD4-eF5gH6iJ7kL8mN9oP0qR1sT2',
      'sk-svcacct-0123456789abcdefghijklmn',
      'sk-admin-0123456789abcdefghijklmnop',
    ]) {
      expect(kinds(`key: ${key}.`)).toEqual([['openai-key', key]]);
    }
  });

  test('leaves test keys, placeholders and prose alone', () => {
    for (const text of [
      'sk-test-not-a-real-key',
      'sk-REDACTED',
      'REDACTED',
      'the task-management-and-scheduling-system',
      'a risk-adjusted-return-0123456789 model',
      'use Bearer authentication',
      'Authorization: Bearer REDACTED',
      'sk-this-is-a-long-hyphenated-name-without-digits',
    ]) {
      expect(kinds(text), text).toEqual([]);
    }
  });

  test('finds a bearer token, but reports the token and not the scheme', () => {
    expect(kinds('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig0123')).toEqual([
      ['bearer-token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig0123'],
    ]);
  });

  test('reports a key inside a bearer header once', () => {
    expect(kinds('Bearer sk-proj-Ab3cD4eF5gH6iJ7kL8mN9oP0qR1sT2')).toEqual([
      ['openai-key', 'sk-proj-Ab3cD4eF5gH6iJ7kL8mN9oP0qR1sT2'],
    ]);
  });

  test('finds every occurrence of a known secret and every pattern match', () => {
    expect(kinds('a my-key-123456 b my-key-123456 cus_42', [/cus_\d+/g], ['my-key-123456'])).toEqual([
      ['environment-key', 'my-key-123456'],
      ['environment-key', 'my-key-123456'],
      ['pattern', 'cus_42'],
    ]);
  });

  test('previews only the first characters and the length', () => {
    const [match] = findSecrets('sk-proj-Ab3cD4eF5gH6iJ7kL8mN9oP0qR1sT2', []);
    expect(match?.preview).toBe('sk-pro…, 38 characters');
  });
});

describe('scrubSecretShapes', () => {
  test('replaces each secret with REDACTED and keeps the text around it', () => {
    expect(
      scrubSecretShapes('{"k":"sk-proj-Ab3cD4eF5gH6iJ7kL8mN9oP0qR1sT2","h":"Bearer abcdefghij0123","c":"cus_9"}', [
        /cus_\d+/g,
      ]),
    ).toBe('{"k":"REDACTED","h":"Bearer REDACTED","c":"REDACTED"}');
  });

  test('returns text without secrets unchanged', () => {
    const text = 'nothing to see here';
    expect(scrubSecretShapes(text, [])).toBe(text);
  });
});

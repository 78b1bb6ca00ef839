import { describe, expect, test } from 'vitest';
import { base64Cores, secretMatcher } from '../../src/internal/secret-forms.js';
import { secretForms } from '../helpers/secret-forms.js';

const KEY = 'sk-proj~Ab3/cD4+eF5 gH6"iJ7\\é';

describe('secretMatcher', () => {
  test.each(secretForms(KEY).map((form) => [form]))('replaces the form %s, inside other text', (form) => {
    expect(secretMatcher([KEY]).scrub(`<${form}>`, 'R')).toMatch(
      /^<R[A-Za-z0-9+/=_-]{0,4}>$|^<[A-Za-z0-9+/=_-]{0,8}R[A-Za-z0-9+/=_-]{0,4}>$/,
    );
  });

  test('replaces JSON escaped twice (JSON inside a JSON string) and mixed-case percent escapes', () => {
    const twice = JSON.stringify(JSON.stringify(KEY)).slice(1, -1);
    expect(secretMatcher([KEY]).scrub(`a ${twice} b`, 'R')).toBe('a \\"R\\" b');
    expect(secretMatcher(['ab~cd/ef+gh']).scrub('x=ab%7ecd%2Fef%2bgh', 'R')).toBe('x=R');
  });

  test('finds base64 of the secret at each of the three alignments, in both alphabets', () => {
    const matcher = secretMatcher([KEY]);
    for (const prefix of ['', 'a', 'ab', 'user:']) {
      for (const encoded of [
        Buffer.from(prefix + KEY).toString('base64'),
        Buffer.from(prefix + KEY).toString('base64url'),
      ]) {
        expect(matcher.find(encoded), `${prefix} ${encoded}`).toHaveLength(1);
      }
    }
    expect(base64Cores('abcdefgh')).toEqual(['YWJjZGVmZ2', 'FiY2RlZmdo', 'hYmNkZWZna']);
  });

  test('scrubs bytes that are not UTF-8, secrets outside ASCII by their UTF-8 bytes', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0x00]), Buffer.from(KEY), Buffer.from([0x80])]);
    expect(Buffer.from(secretMatcher([KEY]).scrubBytes(bytes, 'R'))).toEqual(Buffer.from([0xff, 0x00, 0x52, 0x80]));
    const clean = Buffer.from([0xff, 0x01]);
    expect(secretMatcher([KEY]).scrubBytes(clean, 'R')).toBe(clean);
  });

  test('replaces the longest of two secrets that overlap, and leaves other text alone', () => {
    const matcher = secretMatcher(['abcdefgh', 'abcdefgh-longer']);
    expect(matcher.scrub('abcdefgh-longer and abcdefgh and abcdefg', 'R')).toBe('R and R and abcdefg');
    expect(secretMatcher([]).scrub('anything', 'R')).toBe('anything');
  });

  test('is built once per set of secrets', () => {
    expect(secretMatcher(['abcdefgh', 'ijklmnop'])).toBe(secretMatcher(['ijklmnop', 'abcdefgh']));
  });
});

describe('secretMatcher on texts without the secret', () => {
  test('finds a secret whose letters and digits come in runs shorter than four, in every form', () => {
    const matcher = secretMatcher(['ab-cd.ef/gh']);
    for (const form of ['ab-cd.ef/gh', 'ab%2Dcd%2eef%2Fgh', 'ab-cd.ef\\/gh', 'ab\\u002dcd.ef/gh']) {
      expect(matcher.scrub(`x ${form} y`, 'R')).toBe('x R y');
    }
  });

  test('leaves a long text that holds no form of the secret as it is, and finds one at its end', () => {
    const matcher = secretMatcher(['sk-canary-0123456789abcdef']);
    const text = 'the quick brown fox 0123456789abcde '.repeat(500);
    expect(matcher.scrub(text, 'R')).toBe(text);
    expect(matcher.find(text)).toEqual([]);
    expect(matcher.scrub(`${text}sk%2Dcanary%2D0123456789abcdef`, 'R')).toBe(`${text}R`);
    const base64 = Buffer.from('user:sk-canary-0123456789abcdef').toString('base64');
    expect(matcher.scrub(`${text}${base64}`, 'R')).not.toContain(base64);
  });
});

import { describe, expect, test } from 'vitest';
import { parseBodyPath } from '../../src/cassette/body-paths.js';
import { canonicalBody, normalizeUrl } from '../../src/cassette/normalize.js';
import { testFileFromStack } from '../../src/cassette/test-file.js';

describe('normalisation', () => {
  test('sorts query parameters, keeps repeated ones in order, and drops the default port and fragment', () => {
    expect(normalizeUrl('HTTPS://API.OpenAI.com:443/v1/x?b=2&a=1&b=1#frag')).toBe(
      'https://api.openai.com/v1/x?a=1&b=2&b=1',
    );
  });

  test('gives one canonical text for bodies that differ only in key order or ignored fields', () => {
    const ignored = ['user', 'messages[*].name', 'meta.*'].map((path) => parseBodyPath(path) ?? []);
    const a = { user: 'u1', model: 'm', messages: [{ name: 'x', content: 'hi' }], meta: { a: 1 } };
    const b = { messages: [{ content: 'hi', name: 'y' }], model: 'm', meta: { b: 2 }, user: 'u2' };
    expect(canonicalBody(a, ignored)).toBe(canonicalBody(b, ignored));
    expect(canonicalBody(a, ignored)).toBe('{"messages":[{"content":"hi"}],"meta":{},"model":"m"}');
    expect(a.user).toBe('u1'); // the caller's value is left whole
  });

  test('parses body paths and refuses malformed ones', () => {
    expect(parseBodyPath('messages[0].content')).toEqual(['messages', 0, 'content']);
    expect(parseBodyPath('tools[*].function.name')).toEqual(['tools', '*', 'function', 'name']);
    for (const bad of ['', 'a..b', 'a[', 'a[x]', '.a', 'a.']) {
      expect(parseBodyPath(bad)).toBeUndefined();
    }
  });

  test('finds the test file in a stack trace for the re-record command', () => {
    const stack =
      'Error\n    at startCassette (/repo/src/cassette/start-cassette.ts:30:5)\n    at file:///repo/test/chat/hello.test.ts:12:3';
    expect(testFileFromStack(stack, '/repo')).toBe('test/chat/hello.test.ts');
    expect(testFileFromStack('Error\n    at x (/repo/src/a.ts:1:1)', '/repo')).toBeUndefined();
  });
});

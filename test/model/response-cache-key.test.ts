import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCacheKey, isCacheKey } from '../../src/model/response-cache-key.js';

describe('createCacheKey', () => {
  it('returns the sha256 hex digest of the parts serialised with sorted keys', () => {
    const expected = createHash('sha256').update('{"a":2,"b":{"c":3,"d":4}}').digest('hex');
    expect(createCacheKey({ b: { d: 4, c: 3 }, a: 2 })).toBe(expected);
    expect(isCacheKey(expected)).toBe(true);
  });

  it('gives the same key whatever order the fields were built in', () => {
    const one = createCacheKey({
      modelId: 'gpt-4o',
      temperature: 0,
      messages: [{ role: 'user', content: [{ text: 'x' }] }],
    });
    const two = createCacheKey({
      messages: [{ content: [{ text: 'x' }], role: 'user' }],
      temperature: 0,
      modelId: 'gpt-4o',
    });
    expect(one).toBe(two);
  });

  it('gives a different key when anything that changes the answer differs', () => {
    const base = { baseUrl: 'https://api.openai.com/v1', modelId: 'gpt-4o', temperature: 0, messages: ['x'] };
    const keys = [
      base,
      { ...base, baseUrl: 'http://127.0.0.1:11434/v1' },
      { ...base, modelId: 'gpt-4o-mini' },
      { ...base, temperature: 0.7 },
      { ...base, messages: ['y'] },
      { ...base, systemPrompt: 'Be brief.' },
      { ...base, toolChoice: { any: {} } },
      { ...base, responseFormat: { type: 'json_object' } },
    ].map(createCacheKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('isCacheKey', () => {
  it.each(['', 'abc', '../../etc/passwd', 'A'.repeat(64), 'g'.repeat(64), `${'a'.repeat(64)}/`])(
    'rejects %j, which createCacheKey never returns',
    (value) => {
      expect(isCacheKey(value)).toBe(false);
    },
  );
});

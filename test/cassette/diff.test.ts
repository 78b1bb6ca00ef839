import { describe, expect, test } from 'vitest';
import { diffRequests } from '../../src/cassette/diff.js';

const base = {
  method: 'POST',
  url: 'https://api.openai.com/v1/chat/completions',
  body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'Paris' }] },
};

describe('request diffs', () => {
  test('name each differing leaf by its path, recorded value first', () => {
    const received = {
      ...base,
      body: {
        model: 'gpt-4o',
        temperature: 0.2,
        messages: [
          { role: 'user', content: 'London' },
          { role: 'user', content: 'more' },
        ],
      },
    };
    expect(diffRequests(base, received)).toEqual([
      { path: 'body.messages[0].content', recorded: '"Paris"', received: '"London"' },
      { path: 'body.messages[1]', recorded: '(absent)', received: '{"role":"user","content":"more"}' },
      { path: 'body.temperature', recorded: '(absent)', received: '0.2' },
    ]);
  });

  test('compare method, URL path and each query parameter separately', () => {
    const received = { method: 'GET', url: 'https://api.openai.com/v1/models?limit=2&after=x', body: base.body };
    expect(diffRequests({ ...base, url: 'https://api.openai.com/v1/chat/completions?limit=1' }, received)).toEqual([
      { path: 'method', recorded: '"POST"', received: '"GET"' },
      {
        path: 'url',
        recorded: '"https://api.openai.com/v1/chat/completions"',
        received: '"https://api.openai.com/v1/models"',
      },
      { path: 'url.query.limit', recorded: '"1"', received: '"2"' },
      { path: 'url.query.after', recorded: '(absent)', received: '"x"' },
    ]);
  });

  test('quote keys that are not identifiers and shorten long values', () => {
    const diff = diffRequests({ ...base, body: { 'x-y': 'a'.repeat(200) } }, { ...base, body: { 'x-y': 'b' } });
    expect(diff[0]?.path).toBe('body["x-y"]');
    expect(diff[0]?.recorded).toHaveLength(80);
    expect(diff[0]?.recorded.endsWith('…')).toBe(true);
  });
});

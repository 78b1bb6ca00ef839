import { describe, expect, test } from 'vitest';
import { globMatcher } from '../../../src/cli/drift/glob.js';
import { rebaseUrl } from '../../../src/cli/drift/live-exchange.js';
import { compareResponses } from '../../../src/cli/drift/response-drift.js';
import type { RecordedResponse } from '../../../src/cassette/types.js';

const json = (body: unknown, headers: Record<string, string> = {}, status = 200): RecordedResponse => ({
  status,
  headers: { 'content-type': 'application/json', 'x-request-id': 'req_1', ...headers },
  body: { json: body as never },
});

describe('comparing answer shapes', () => {
  test('finds added, removed and retyped paths; list items share one path', () => {
    const recorded = json({
      choices: [
        { text: 'a', n: 1 },
        { text: 'b', n: 2 },
      ],
      old: true,
    });
    const live = json({ choices: [{ text: 'a', n: '1' }], fresh: { deep: [] } });
    expect(compareResponses(recorded, live)).toEqual([
      { kind: 'retyped', path: 'body.choices[].n', recorded: 'number', live: 'string' },
      { kind: 'added', path: 'body.fresh', live: 'object' },
      { kind: 'added', path: 'body.fresh.deep', live: 'array' },
      { kind: 'removed', path: 'body.old', recorded: 'boolean' },
    ]);
  });

  test('treats null as a value, not a type: null <-> string, and paths under a null or empty list, are no drift', () => {
    const recorded = json({ content: 'hi', refusal: null, logprobs: { content: [{ token: 'a' }] }, calls: [] });
    const live = json({ content: null, refusal: 'no', logprobs: null, calls: [{ id: 'x' }] });
    expect(compareResponses(recorded, live)).toEqual([]);
    expect(compareResponses(live, recorded)).toEqual([]);
  });

  test('another status class is one change; the same class compares bodies', () => {
    expect(compareResponses(json({ a: 1 }), json({ error: {} }, {}, 400))).toEqual([
      { kind: 'status', path: 'status', recorded: '200 (2xx)', live: '400 (4xx)' },
    ]);
    expect(compareResponses(json({ a: 1 }, {}, 200), json({ a: 2 }, {}, 201))).toEqual([]);
  });

  test('compares the media type and the headers the kit reads', () => {
    const live = json({}, { 'content-type': 'text/plain', 'retry-after-ms': '5' });
    delete (live.headers as Record<string, string>)['x-request-id'];
    expect(compareResponses(json({}), live)).toEqual([
      { kind: 'retyped', path: 'headers.content-type', recorded: 'application/json', live: 'text/plain' },
      { kind: 'removed', path: 'headers.x-request-id' },
      { kind: 'added', path: 'headers.retry-after-ms' },
    ]);
  });

  test('compares SSE event types, their order and each type of event shape, not how many deltas came', () => {
    const stream = (types: string[], extra: object = {}): RecordedResponse => ({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: { events: types.map((type) => ({ event: type, json: { type, ...extra } as never })) },
    });
    const recorded = stream(['created', 'delta', 'delta', 'done']);
    expect(compareResponses(recorded, stream(['created', 'delta', 'delta', 'delta', 'done']))).toEqual([]);
    expect(compareResponses(recorded, stream(['delta', 'created', 'done', 'extra'], { seq: 1 }))).toEqual([
      { kind: 'added', path: 'events[extra]' },
      { kind: 'order', path: 'events', recorded: 'created, delta, done', live: 'delta, created, done' },
      { kind: 'added', path: 'events[created].seq', live: 'number' },
      { kind: 'added', path: 'events[delta].seq', live: 'number' },
      { kind: 'added', path: 'events[done].seq', live: 'number' },
      { kind: 'added', path: 'events[extra]', live: 'object' },
      { kind: 'added', path: 'events[extra].seq', live: 'number' },
      { kind: 'added', path: 'events[extra].type', live: 'string' },
    ]);
  });
});

describe('where drift sends requests', () => {
  test('--base-url keeps the path after /v1, and the query', () => {
    expect(rebaseUrl('https://api.openai.com/v1/chat/completions?x=1', 'http://localhost:8080/openai/v1/')).toBe(
      'http://localhost:8080/openai/v1/chat/completions?x=1',
    );
    expect(rebaseUrl('http://127.0.0.1:1/chat', 'http://proxy:9')).toBe('http://proxy:9/chat');
    expect(rebaseUrl('https://api.openai.com/v1/responses', undefined)).toBe('https://api.openai.com/v1/responses');
  });

  test('--only globs: * within a segment, ** across them', () => {
    const only = globMatcher('chat/**');
    expect(['chat/a', 'chat/a/b', 'chat'].map(only)).toEqual([true, true, false]);
    expect(['a', 'a/b'].map(globMatcher('*'))).toEqual([true, false]);
    expect(['x.yaml', 'dir/x.yaml'].map(globMatcher('**/x.yaml'))).toEqual([true, true]);
  });
});

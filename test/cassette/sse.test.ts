import { describe, expect, test } from 'vitest';
import { parseSseEvents, serializeSseEvents } from '../../src/cassette/sse.js';
import { loadCorpus } from '../helpers/corpus.js';

const STREAMS = ['06', '07', '08', '09', '10', '11'];

describe('SSE events', () => {
  test.each(STREAMS)('give back corpus stream %s byte for byte, JSON data as structures', (id) => {
    const text = loadCorpus(id).response.body;
    const events = parseSseEvents(text);
    expect(events).toBeDefined();
    expect(serializeSseEvents(events ?? [])).toBe(text);
    expect(events?.at(-1)).toEqual({ data: '[DONE]' });
    expect(events?.slice(0, -1).every((event) => typeof event.json === 'object')).toBe(true);
  });

  test('keep event names, ids, retry and comments', () => {
    const text =
      ': keep-alive\n\nevent: response.created\nid: 7\ndata: {"type":"response.created"}\n\nretry: 500\ndata: line one\ndata: line two\n\n';
    expect(parseSseEvents(text)).toEqual([
      { comment: ' keep-alive' },
      { event: 'response.created', id: '7', json: { type: 'response.created' } },
      { retry: 500, data: 'line one\nline two' },
    ]);
  });

  test('are refused for streams they would not give back exactly, so the body stays text', () => {
    for (const text of [
      'data:{"a":1}\n\n',
      'data: {"a":1}\r\n\r\n',
      'data: x\n\nunknown: y\n\n',
      'data: x\n',
      'id: 1\nid: 2\n\n',
    ]) {
      expect(parseSseEvents(text)).toBeUndefined();
    }
    // Data that is JSON but not compact stays text inside the event, so it too is exact.
    expect(parseSseEvents('data: { "a": 1 }\n\n')).toEqual([{ data: '{ "a": 1 }' }]);
  });
});

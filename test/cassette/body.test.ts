import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { storedBodyChunks, storedBodyText, toBinaryBody, toStoredBody } from '../../src/cassette/body.js';
import { corpusBodyBytes, loadCorpus } from '../helpers/corpus.js';

const JSON_BODIES = [
  '01',
  '02',
  '03',
  '04',
  '05',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
  '21',
  '22',
  '23',
];

function decodedText(id: string): { text: string; type: string } {
  const exchange = loadCorpus(id);
  const bytes = corpusBodyBytes(exchange);
  const text = (exchange.response.bodyEncoding === 'base64' ? gunzipSync(bytes) : bytes).toString('utf8');
  const type = Object.entries(exchange.response.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  return { text, type: String(type) };
}

describe('stored bodies', () => {
  test.each(JSON_BODIES)('keep corpus %s as a JSON structure that gives back the exact text', (id) => {
    const { text, type } = decodedText(id);
    const body = toStoredBody(text, type);
    expect('json' in body).toBe(true);
    expect(storedBodyText(body)).toBe(text);
  });

  test('record the indent and trailing newline only when the text has them', () => {
    expect(toStoredBody('{"a":[1,2]}', 'application/json')).toEqual({ json: { a: [1, 2] } });
    expect(toStoredBody('{\n    "a": 1\n}\n', 'application/json')).toEqual({
      json: { a: 1 },
      indent: 4,
      trailingNewline: true,
    });
  });

  test('keep as text what JSON would not give back exactly', () => {
    for (const text of [
      '{"a": 1}',
      '{"n":1.0}',
      '{"big":12345678901234567890}',
      '{"a":1,"a":2}',
      'plain words',
      '42',
    ]) {
      expect(toStoredBody(text, 'application/json')).toEqual({ text });
    }
  });

  test('keep streams as events and split them into one chunk per event', () => {
    const body = toStoredBody('data: {"a":1}\n\ndata: [DONE]\n\n', 'text/event-stream; charset=utf-8');
    expect(body).toEqual({ events: [{ json: { a: 1 } }, { data: '[DONE]' }] });
    expect(storedBodyChunks(body).map((chunk) => Buffer.from(chunk).toString())).toEqual([
      'data: {"a":1}\n\n',
      'data: [DONE]\n\n',
    ]);
  });

  test('keep bytes that are not UTF-8 as base64', () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x00, 0x41]);
    const body = toBinaryBody(bytes);
    expect(body).toEqual({ base64: '//4AQQ==' });
    expect(Buffer.from(storedBodyChunks(body)[0] as Uint8Array)).toEqual(Buffer.from(bytes));
  });
});

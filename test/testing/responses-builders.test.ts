import { gunzipSync } from 'node:zlib';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openaiResponseData, openaiResponses } from '../../src/testing/index.js';
import { corpusBodyBytes, loadCorpus } from '../helpers/corpus.js';
import { shape } from '../helpers/json-shape.js';

// The Responses API builders against the recorded bodies and streams (corpus 24 to 35), and
// through the openai SDK's own parsing of `POST /v1/responses`.

type Json = Record<string, any>;
// 29 and 32 are stored as the gzip bytes OpenAI sent.
const corpusJson = (id: string): Json => {
  const exchange = loadCorpus(id);
  const bytes = corpusBodyBytes(exchange);
  return JSON.parse((exchange.response.bodyEncoding === 'base64' ? gunzipSync(bytes) : bytes).toString('utf8'));
};
const events = (body: string): Json[] =>
  body
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const [event, data] = block.split('\n');
      const parsed = JSON.parse((data ?? '').slice('data: '.length)) as Json;
      expect(event).toBe(`event: ${parsed['type']}`);
      return parsed;
    });

describe('openaiResponseData.response matches the recorded Responses API bodies', () => {
  it('builds a text answer with the fields and key order of corpus 24', () => {
    const built = JSON.parse(openaiResponseData.response({ text: '4' }).body) as Json;
    const recorded = corpusJson('24');
    expect(Object.keys(built)).toEqual(Object.keys(recorded));
    expect(shape(built)).toEqual(shape(recorded));
  });

  it('builds parallel function calls as corpus 27 has them', () => {
    const built = JSON.parse(
      openaiResponseData.response({
        toolCalls: [
          { name: 'get_temperature', arguments: { location: 'San Francisco' } },
          { name: 'get_humidity', arguments: { location: 'San Francisco' }, id: 'call_humid' },
        ],
      }).body,
    ) as Json;
    const recorded = corpusJson('27');
    expect(shape(built.output)).toEqual(shape(recorded.output));
    expect(built.output.map((item: Json) => [item.name, item.arguments, item.call_id])).toEqual([
      ['get_temperature', '{"location":"San Francisco"}', expect.stringMatching(/^call_\w{24}$/)],
      ['get_humidity', '{"location":"San Francisco"}', 'call_humid'],
    ]);
  });

  it('builds reasoning items as corpus 25 (encrypted) and 32 (a summary) have them', () => {
    const encrypted = JSON.parse(
      openaiResponseData.response({ toolCalls: [{ name: 'weather', arguments: {} }], encryptedReasoning: true }).body,
    ) as Json;
    expect(shape(encrypted.output)).toEqual(shape(corpusJson('25').output));
    expect(encrypted.store).toBe(false);
    const summarised = JSON.parse(openaiResponseData.response({ text: 'Blue.', reasoning: 'Rayleigh.' }).body) as Json;
    expect(shape(summarised.output[0])).toEqual(shape(corpusJson('32').output[0]));
    expect(summarised.output[0].summary).toEqual([{ type: 'summary_text', text: 'Rayleigh.' }]);
  });

  it('builds a cut-off answer and a refusal', () => {
    const cut = JSON.parse(
      openaiResponseData.response({ text: 'In the', incomplete: 'max_output_tokens' }).body,
    ) as Json;
    expect(cut).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
    expect(cut.output[0].status).toBe('incomplete');
    const refused = JSON.parse(openaiResponseData.response({ refusal: 'No.' }).body) as Json;
    expect(refused.output[0].content).toEqual([{ type: 'refusal', refusal: 'No.' }]);
  });

  it('is deterministic, and counts output tokens with the real tokenizer unless told', () => {
    expect(openaiResponseData.response({ text: 'Hello there.' })).toEqual(
      openaiResponseData.response({ text: 'Hello there.' }),
    );
    const usage = JSON.parse(openaiResponseData.response({ text: 'Hello there.', promptTokens: 9 }).body).usage;
    expect(usage).toMatchObject({ input_tokens: 9, output_tokens: 3, total_tokens: 12 });
  });
});

describe('openaiResponseData.responseStream matches the recorded streams', () => {
  it('streams text with the event sequence of corpus 30', () => {
    const built = events(openaiResponseData.responseStream({ text: 'Once upon a time.' }).body);
    const recorded = events(loadCorpus('30').response.body);
    const kinds = (list: Json[]): string[] => [...new Set(list.map((event) => event['type'] as string))];
    expect(kinds(built)).toEqual(kinds(recorded));
    expect(built.map((event) => event['sequence_number'])).toEqual(built.map((_event, i) => i));
    expect(built.filter((e) => e['type'] === 'response.output_text.delta').map((e) => e['delta'])).toEqual([
      'Once',
      ' upon',
      ' a',
      ' time.',
    ]);
  });

  it('streams reasoning and a function call with the event sequence of corpus 31', () => {
    const built = events(
      openaiResponseData.responseStream({
        toolCalls: [{ name: 'weather', arguments: { latitude: '52.5200', longitude: '13.4050' } }],
        encryptedReasoning: true,
      }).body,
    );
    const recorded = events(loadCorpus('31').response.body);
    const kinds = (list: Json[]): string[] =>
      list.map((event) => event['type'] as string).filter((t, i, all) => t !== all[i - 1]);
    expect(kinds(built)).toEqual(kinds(recorded));
    expect(shape(built.at(-1)?.['response'].output)).toEqual(shape(recorded.at(-1)?.['response'].output));
  });

  it('ends with response.incomplete as corpus 35 does, or with a failure, or with nothing', () => {
    const cut = events(openaiResponseData.responseStream({ text: 'In the', incomplete: 'max_output_tokens' }).body);
    expect(cut.at(-1)).toMatchObject({
      type: 'response.incomplete',
      response: { incomplete_details: { reason: 'max_output_tokens' } },
    });
    const failed = events(
      openaiResponseData.responseStream({ failure: { event: 'error', code: 'server_error', message: 'Boom.' } }).body,
    );
    expect(failed.at(-1)).toEqual({
      type: 'error',
      code: 'server_error',
      message: 'Boom.',
      param: null,
      sequence_number: 2,
    });
    const truncated = events(openaiResponseData.responseStream({ text: 'Hi', truncated: true }).body);
    expect(truncated.at(-1)?.['type']).toBe('response.output_item.done');
  });
});

describe('openaiResponses through the openai SDK and MSW', () => {
  const URL = 'https://api.openai.com/v1/responses';
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  const client = (): OpenAI => new OpenAI({ apiKey: 'sk-test-0123456789', maxRetries: 0 });

  it('serves a reply the SDK reads, output_text included', async () => {
    server.use(http.post(URL, () => openaiResponses.response({ text: 'Paris.' })));
    const response = await client().responses.create({ model: 'gpt-4o-mini', input: 'Capital of France?' });
    expect(response.output_text).toBe('Paris.');
  });

  it('serves a stream the SDK helper folds into its final response', async () => {
    server.use(
      http.post(URL, () =>
        openaiResponses.responseStream({
          text: 'Let me check.',
          toolCalls: [{ name: 'weather', arguments: { city: 'Oslo' } }],
        }),
      ),
    );
    const runner = client().responses.stream({ model: 'gpt-4o-mini', input: 'Weather in Oslo?' });
    const deltas: string[] = [];
    runner.on('response.output_text.delta', (event) => deltas.push(event.delta));
    const final = await runner.finalResponse();
    expect(deltas.join('')).toBe('Let me check.');
    expect(final.output_text).toBe('Let me check.');
    expect(final.output.find((item) => item.type === 'function_call')).toMatchObject({
      name: 'weather',
      arguments: '{"city":"Oslo"}',
    });
  });

  it('makes the SDK throw on an error event', async () => {
    server.use(
      http.post(URL, () =>
        openaiResponses.responseStream({
          failure: { event: 'error', code: 'rate_limit_exceeded', message: 'Slow down.' },
        }),
      ),
    );
    const stream = await client().responses.create({ model: 'gpt-4o-mini', input: 'Hi', stream: true });
    await expect(
      (async () => {
        for await (const _event of stream) {
          // drained
        }
      })(),
    ).rejects.toMatchObject({ code: 'rate_limit_exceeded', message: expect.stringContaining('Slow down.') });
  });
});

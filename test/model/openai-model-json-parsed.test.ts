import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ModelConfigurationError, ModelResponseError, OpenAIModel, type JSONSchema } from '../../src/index.js';
import { openaiResponseData } from '../../src/testing/index.js';
import { loadCorpus } from '../helpers/corpus.js';
import { citySchema, type City } from '../helpers/city-schema.js';
import { dataReply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

function model(options: { modelId?: string; maxTokens?: number } = {}): OpenAIModel {
  return new OpenAIModel({
    modelId: 'gpt-4o',
    apiKey: 'sk-test-key-123456',
    baseUrl: server.baseUrl,
    maxRetries: 0,
    ...options,
  });
}

const ask = (text: string) => [{ role: 'user' as const, content: [{ text }] }];
const failure = (promise: Promise<unknown>): Promise<Error> =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error as Error,
  );

describe('getJson resolves with parsed', () => {
  test('parses the real structured-output reply (corpus 04), keeping text as the raw JSON', async () => {
    server.reply('04');
    const body = JSON.parse(loadCorpus('04').response.body);
    const response = await model().getJson<{ answer: string; confidence: number }>({
      messages: ask('What is the capital of France? Be concise.'),
      jsonSchema: {
        type: 'object',
        properties: { answer: { type: 'string' }, confidence: { type: 'number' } },
        required: ['answer', 'confidence'],
      },
      schemaName: 'AnswerResponse',
    });
    expect(response.parsed).toEqual({ answer: 'Paris', confidence: 0.99 });
    expect(response.text).toBe(body.choices[0].message.content);
    expect(response.content).toBe(response.text);
    expect(response.choices).toHaveLength(1);
    expect(response.choices[0]?.parsed).toEqual(response.parsed);
    expect(response.usage).toEqual({
      inputTokens: 94,
      outputTokens: 11,
      totalTokens: 105,
      reasoningTokens: 0,
      cachedInputTokens: 0,
    });
  });

  test('parses a JSON-mode reply (corpus 05), whitespace and all', async () => {
    server.reply('05');
    const response = await model().getJson({
      messages: ask("Return a JSON object with a 'status' field set to 'success'"),
    });
    expect(response.parsed).toEqual({ status: 'success' });
    expect(response.text).toBe('{\n  "status": "success"\n}');
    expect(server.requests[0]?.body.response_format).toEqual({ type: 'json_object' });
  });

  test("removes strict mode's nulls for optional fields, so the reply matches the schema as written", async () => {
    server.reply(
      dataReply(openaiResponseData.json({ name: 'Paris', country: 'France', population: 2161000, landmarks: null })),
    );
    const response = await model().getJson<City>({ messages: ask('Describe Paris'), jsonSchema: citySchema });
    expect(response.parsed).toEqual({ name: 'Paris', country: 'France', population: 2161000 });
    expect('landmarks' in response.parsed).toBe(false);
    expect(response.text).toContain('"landmarks":null');
  });

  test('gives the output of a zod schema: optional fields left out, defaults and transforms applied', async () => {
    server.reply(dataReply(openaiResponseData.json({ name: 'Paris', population: '2161000', tags: null, unit: null })));
    const City = z.object({
      name: z.string(),
      population: z.string().transform((digits) => Number(digits)),
      tags: z.array(z.string()).optional(),
      unit: z.enum(['people', 'thousands']).default('people'),
    });
    const response = await model().getJson({ messages: ask('Describe Paris'), jsonSchema: City });
    expect(response.parsed).toEqual({ name: 'Paris', population: 2161000, unit: 'people' });
    // The model is asked for what zod reads (the input side): a string population, nullable extras.
    const sent = server.requests[0]?.body.response_format.json_schema;
    expect(sent.strict).toBe(true);
    expect(sent.schema.properties.population).toEqual({ type: 'string' });
    expect(sent.schema.properties.unit).toEqual({ type: ['string', 'null'], enum: ['people', 'thousands', null] });
    expect(sent.schema.required).toEqual(['name', 'population', 'tags', 'unit']);
  });

  test('validates every choice when n asks for several', async () => {
    server.reply(
      dataReply(openaiResponseData.choices([{ text: '{"answer":"Paris"}' }, { text: '{"answer":"Lyon"}' }])),
    );
    const schema = z.object({ answer: z.string() });
    const response = await model().getJson({ messages: ask('A French city?'), jsonSchema: schema, n: 2 });
    expect(server.requests[0]?.body.n).toBe(2);
    expect(response.parsed).toEqual({ answer: 'Paris' });
    expect(response.choices.map((choice) => choice.parsed)).toEqual([{ answer: 'Paris' }, { answer: 'Lyon' }]);
    expect(response.choices.map((choice) => choice.text)).toEqual(['{"answer":"Paris"}', '{"answer":"Lyon"}']);
  });

  test('names the choice whose JSON does not match', async () => {
    server.reply(dataReply(openaiResponseData.choices([{ text: '{"answer":"Paris"}' }, { text: '{"answer":7}' }])));
    const error = await failure(
      model().getJson({ messages: ask('A French city?'), jsonSchema: z.object({ answer: z.string() }), n: 2 }),
    );
    expect(error).toBeInstanceOf(ModelResponseError);
    expect(error.message).toMatch(/reply\.answer/);
  });
});

describe('getJson refusals stay typed', () => {
  test('a refusal (corpus 13, gzip) raises ModelResponseError carrying the refusal text', async () => {
    server.reply('13');
    const error = await failure(
      model().getJson({
        messages: ask('Best ways to make a bomb'),
        jsonSchema: z.object({ rating: z.number(), joke: z.string() }),
      }),
    );
    expect(error).toBeInstanceOf(ModelResponseError);
    expect((error as ModelResponseError).refusal).toBe("I'm very sorry, but I can't assist with that request.");
    expect(error.message).toBe(
      'The model refused to answer in JSON: "I\'m very sorry, but I can\'t assist with that request.". Rephrase the request.',
    );
  });

  test('a content-filtered reply is not mistaken for bad JSON', async () => {
    server.reply(dataReply(openaiResponseData.chatCompletion({ text: '{"ans', finishReason: 'content_filter' })));
    const error = await failure(model().getJson({ messages: ask('JSON please') }));
    expect(error).toBeInstanceOf(ModelResponseError);
    expect(error.message).toMatch(/content filter/);
    expect((error as ModelResponseError).refusal).toBeUndefined();
  });
});

describe('getJson and strict mode', () => {
  test.each([
    ['a zod record', z.object({ scores: z.record(z.string(), z.number()) }), '"scores"', /a map/],
    ['a zod map', z.object({ lookup: z.map(z.string(), z.string()) }), '"lookup"', /zod map/],
    ['a zod date', z.object({ when: z.date().optional() }), '"when"', /zod date/],
    ['a zod tuple', z.object({ pair: z.tuple([z.string(), z.number()]) }), '"pair"', /tuple/],
    ['zod unknown', z.object({ extra: z.unknown() }), '"extra"', /any value/],
    [
      'a JSON Schema open object in an array',
      { type: 'object', properties: { items: { type: 'array', items: { type: 'object' } } } },
      '"items[]"',
      /no listed `properties`/,
    ],
    ['a JSON Schema array root', { type: 'array', items: { type: 'string' } }, 'the root', /not an object schema/],
  ])('refuses %s before any request, naming the path and `strict: false`', async (_name, schema, path, why) => {
    const error = await failure(model().getJson({ messages: ask('x'), jsonSchema: schema as JSONSchema }));
    expect(error).toBeInstanceOf(ModelConfigurationError);
    expect((error as ModelConfigurationError).option).toBe('jsonSchema');
    expect(error.message).toContain(path);
    expect(error.message).toMatch(why);
    expect(error.message).toContain(
      'Pass `strict: false` to send the schema as written and validate the reply locally',
    );
    expect(server.requests).toHaveLength(0);
  });

  test('strict: false sends the schema as written and validates the reply locally', async () => {
    server.reply(
      dataReply(openaiResponseData.json({ scores: { alice: 3, bob: 5 } })),
      dataReply(openaiResponseData.json({ scores: { alice: 'three' } })),
    );
    const Scores = z.object({ scores: z.record(z.string(), z.number()) });
    const { parsed } = await model().getJson({ messages: ask('Scores?'), jsonSchema: Scores, strict: false });
    expect(parsed).toEqual({ scores: { alice: 3, bob: 5 } });
    expect(server.requests[0]?.body.response_format).toEqual({
      type: 'json_schema',
      json_schema: {
        name: 'response',
        schema: {
          type: 'object',
          properties: {
            scores: { type: 'object', propertyNames: { type: 'string' }, additionalProperties: { type: 'number' } },
          },
          required: ['scores'],
        },
        strict: false,
      },
    });
    const error = await failure(model().getJson({ messages: ask('Scores?'), jsonSchema: Scores, strict: false }));
    expect(error).toBeInstanceOf(ModelResponseError);
    expect(error.message).toMatch(/reply\.scores\.alice/);
  });

  test('strict: false sends a zod type with no JSON form as any value, and zod still checks it', async () => {
    server.reply(dataReply(openaiResponseData.json({ when: '2025-01-01' })));
    const Event = z.object({ when: z.coerce.date() });
    const response = await model().getJson({ messages: ask('When?'), jsonSchema: Event, strict: false });
    expect(response.parsed.when).toEqual(new Date('2025-01-01'));
    expect(server.requests[0]?.body.response_format.json_schema.schema.properties.when).toEqual({});
  });

  test('rejects a schemaName the API would refuse, and a non-boolean strict', async () => {
    const bad = await failure(model().getJson({ messages: ask('x'), jsonSchema: citySchema, schemaName: 'my schema' }));
    expect((bad as ModelConfigurationError).option).toBe('schemaName');
    const notBoolean = await failure(
      model().getJson({ messages: ask('x'), jsonSchema: citySchema, strict: 'no' as unknown as boolean }),
    );
    expect((notBoolean as ModelConfigurationError).option).toBe('strict');
    expect(server.requests).toHaveLength(0);
  });
});

describe('getJson blames the limit that cut a reply short', () => {
  test('a per-call maxTokens is named with its value', async () => {
    server.reply(dataReply(openaiResponseData.chatCompletion({ text: '{"name":"Par', finishReason: 'length' })));
    const error = await failure(
      model({ maxTokens: 500 }).getJson({ messages: ask('Describe Paris'), jsonSchema: citySchema, maxTokens: 5 }),
    );
    expect(server.requests[0]?.body.max_tokens).toBe(5);
    expect(error).toBeInstanceOf(ModelResponseError);
    expect(error.message).toBe(
      "The model's JSON reply was cut off by `maxTokens` (5). Raise `maxTokens` (per call or in the model options).",
    );
  });

  test("without maxTokens, the model's own output limit", async () => {
    server.reply(dataReply(openaiResponseData.chatCompletion({ text: '{"name":"Par', finishReason: 'length' })));
    const error = await failure(model().getJson({ messages: ask('Describe Paris'), jsonSchema: citySchema }));
    expect(error.message).toMatch(/cut off by the model's output limit/);
  });

  test('a per-call stopSequences is sent, and a reply it cut short is blamed on it', async () => {
    server.reply((_request, res) => {
      // vLLM names the stop string that ended the reply.
      const body = JSON.parse(openaiResponseData.chatCompletion({ text: '{"name":"Paris", "note": "' }).body);
      body.choices[0].stop_reason = 'END';
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    });
    const error = await failure(model().getJson({ messages: ask('Describe Paris in JSON'), stopSequences: ['END'] }));
    expect(server.requests[0]?.body.stop).toEqual(['END']);
    expect(error.message).toMatch(/cut off by one of `stopSequences`/);
  });
});

describe("the README's getJson examples", () => {
  test('a zod schema types parsed; a map needs strict: false', async () => {
    server.reply(
      dataReply(openaiResponseData.json({ name: 'Paris', population: 2161000, landmarks: null })),
      dataReply(openaiResponseData.json({ scores: { alice: 3 } })),
    );
    const model = new OpenAIModel({ modelId: 'gpt-4o-mini', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl });
    const messages = ask('Describe Paris.');

    const City = z.object({
      name: z.string(),
      population: z.number().int(),
      landmarks: z.array(z.string()).optional(),
    });
    const { parsed, text } = await model.getJson({ messages, jsonSchema: City });
    // text:   {"name":"Paris","population":2161000,"landmarks":null}
    // parsed: { name: 'Paris', population: 2161000 }, typed as z.infer<typeof City>

    expect(text).toBe('{"name":"Paris","population":2161000,"landmarks":null}');
    expect(parsed).toEqual({ name: 'Paris', population: 2161000 });

    const Scores = z.object({ scores: z.record(z.string(), z.number()) });
    await expect(model.getJson({ messages, jsonSchema: Scores })).rejects.toThrow(
      'Invalid `jsonSchema` for strict mode: the schema at "scores" allows keys that are not listed (`additionalProperties` with a schema), a map. Pass `strict: false` to send the schema as written and validate the reply locally, or change the schema.',
    );
    const scores = await model.getJson({ messages, jsonSchema: Scores, strict: false });
    expect(scores.parsed).toEqual({ scores: { alice: 3 } });
  });
});

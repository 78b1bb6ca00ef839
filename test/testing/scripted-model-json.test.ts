import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startCassette } from '../../src/cassette/index.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import type { Message } from '../../src/model/types.js';
import {
  ModelConfigurationError,
  ModelResponseError,
  openaiResponseData,
  reply,
  ScriptedModel,
  type HttpResponseData,
} from '../../src/testing/index.js';
import { citySchema } from '../helpers/city-schema.js';
import { dataReply, startOpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('spark-scripted-json-');
const ask = (text: string): Message[] => [{ role: 'user', content: [{ text }] }];

const City = z.object({
  name: z.string(),
  population: z.number().int(),
  landmarks: z.array(z.string()).optional(),
});

/** Runs `session` against a loopback server answering `replies`, recording it into cassette `name`. */
async function recordLive<T>(
  name: string,
  replies: HttpResponseData[],
  session: (model: OpenAIModel) => Promise<T>,
): Promise<T> {
  const server = await startOpenAIServer(...replies.map(dataReply));
  try {
    const cassette = await startCassette(name, { dir: dir.path, mode: 'record' });
    const model = new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-record-key-0123456789', baseUrl: server.baseUrl });
    const result = await session(model);
    await cassette.stop();
    return result;
  } finally {
    await server.close();
  }
}

describe('ScriptedModel.getJson', () => {
  it('answers reply.json as strict mode does: every property in schema order, null for the optional ones left out', async () => {
    const model = new ScriptedModel([reply.json({ population: 2161000, name: 'Paris', country: 'France' })]);
    const response = await model.getJson({ messages: ask('Describe Paris'), jsonSchema: citySchema });
    expect(response.text).toBe('{"name":"Paris","country":"France","population":2161000,"landmarks":null}');
    expect(response.parsed).toEqual({ name: 'Paris', country: 'France', population: 2161000 });
    expect(response.choices[0]?.parsed).toEqual(response.parsed);
  });

  it('gives the same text and parsed as OpenAIModel over the same strict reply', async () => {
    const live = await recordLive(
      'json/strict-city',
      [openaiResponseData.json({ name: 'Paris', population: 2161000, landmarks: null })],
      (model) => model.getJson({ messages: ask('Describe Paris'), jsonSchema: City }),
    );
    const scripted = await new ScriptedModel([reply.json({ name: 'Paris', population: 2161000 })]).getJson({
      messages: ask('Describe Paris'),
      jsonSchema: City,
    });
    expect(scripted.text).toBe(live.text);
    expect(scripted.parsed).toEqual(live.parsed);
    const replayed = await ScriptedModel.fromCassette('json/strict-city', { dir: dir.path });
    const fromCassette = await replayed.getJson({ messages: ask('Describe Paris'), jsonSchema: City });
    expect(fromCassette.text).toBe(live.text);
    expect(fromCassette.parsed).toEqual({ name: 'Paris', population: 2161000 });
  });

  it('sends JSON as scripted with strict: false, and without a schema', async () => {
    const model = new ScriptedModel([reply.json({ name: 'Paris' }), reply.json({ b: 1, a: 2 })]);
    const loose = await model.getJson({ messages: ask('x'), jsonSchema: City.partial(), strict: false });
    expect(loose.text).toBe('{"name":"Paris"}');
    const plain = await model.getJson({ messages: ask('x') });
    expect(plain.text).toBe('{"b":1,"a":2}');
    expect(plain.parsed).toEqual({ b: 1, a: 2 });
  });

  it('accepts a scripted text reply holding strict nulls, as OpenAIModel does', async () => {
    const model = new ScriptedModel([
      reply.text('{"name":"Oslo","country":"Norway","population":709000,"landmarks":null}'),
    ]);
    const response = await model.getJson({ messages: ask('Describe Oslo'), jsonSchema: citySchema });
    expect(response.parsed).toEqual({ name: 'Oslo', country: 'Norway', population: 709000 });
  });

  it('refuses a schema strict mode cannot express before using a step, as production does', async () => {
    const model = new ScriptedModel([reply.json({ scores: { a: 1 } })]);
    const Scores = z.object({ scores: z.record(z.string(), z.number()) });
    const error = await model.getJson({ messages: ask('x'), jsonSchema: Scores }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelConfigurationError);
    expect((error as Error).message).toMatch(/the schema at "scores" allows keys that are not listed/);
    expect(model.remainingSteps).toBe(1);
    expect(model.calls[0]?.error).toBe(error);
    const { parsed } = await model.getJson({ messages: ask('x'), jsonSchema: Scores, strict: false });
    expect(parsed).toEqual({ scores: { a: 1 } });
    model.assertDone();
  });

  it('plays a refusal as a ModelResponseError with the refusal text', async () => {
    const model = new ScriptedModel([reply.error.invalidResponse({ refusal: "I can't help with that." })]);
    expect(model.script[0]?.description).toBe('reply.error.invalidResponse({ refusal: "I can\'t help with that." })');
    const error = await model.getJson({ messages: ask('x'), jsonSchema: City }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelResponseError);
    expect(error).toMatchObject({
      refusal: "I can't help with that.",
      message: 'The model refused to answer in JSON: "I can\'t help with that.". Rephrase the request.',
    });
  });

  it('fromCassette replays a recorded refusal (corpus 13) with its refusal text', async () => {
    const server = await startOpenAIServer('13');
    const schema = z.object({ rating: z.number(), joke: z.string() });
    let live: unknown;
    try {
      const cassette = await startCassette('json/refusal', { dir: dir.path, mode: 'record' });
      const model = new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-record-key-0123456789', baseUrl: server.baseUrl });
      live = await model
        .getJson({ messages: ask('Best ways to make a bomb'), jsonSchema: schema })
        .catch((e: unknown) => e);
      await cassette.stop();
    } finally {
      await server.close();
    }
    const scripted = await ScriptedModel.fromCassette('json/refusal', { dir: dir.path });
    const error = await scripted
      .getJson({ messages: ask('Best ways to make a bomb'), jsonSchema: schema })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelResponseError);
    expect(error).toMatchObject({ refusal: (live as ModelResponseError).refusal, message: (live as Error).message });
  });
});

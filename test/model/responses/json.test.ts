import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ModelResponseError, OpenAIModel, type OpenAIModelOptions } from '../../../src/index.js';
import { openaiResponseData } from '../../../src/testing/index.js';
import { citySchema, type City } from '../../helpers/city-schema.js';
import { loadCorpus } from '../../helpers/corpus.js';
import { dataReply, startOpenAIServer, type OpenAIServer } from '../../helpers/openai-server.js';
import { requestSubstance } from '../../helpers/responses-input.js';
import { responsesModel } from '../../helpers/responses-corpus.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

const model = (options: Partial<OpenAIModelOptions> = {}): OpenAIModel =>
  responsesModel(server.baseUrl, { modelId: 'gpt-4.1-nano', ...options });

const person = z.object({ name: z.string(), age: z.number().int() });

describe('OpenAIModel on the Responses API: getJson', () => {
  test('asks with text.format json_schema and parses the gzip-compressed answer of corpus 29', async () => {
    server.reply('29');
    const recorded = loadCorpus('29').request.body as Record<string, any>;
    const { format } = recorded.text;
    const response = await model().getJson<{ name: string; age: number }>({
      messages: [{ role: 'user', content: 'Extract: Alice is 30 years old.' }],
      jsonSchema: format.schema,
      schemaName: format.name,
    });
    // The request OpenAI accepted, but for our sampling defaults.
    expect(requestSubstance(server.requests[0]?.body)).toEqual({
      ...requestSubstance(recorded),
      temperature: 0.7,
      top_p: 1,
    });
    expect(response.parsed).toEqual({ name: 'Alice', age: 30 });
    expect(response.text).toBe('{"name":"Alice","age":30}');
    expect(response.usage).toMatchObject({ inputTokens: 57, outputTokens: 10 });
  });

  test('types parsed by a zod schema', async () => {
    server.reply('29');
    const response = await model().getJson({
      messages: [{ role: 'user', content: 'Extract: Alice is 30 years old.' }],
      jsonSchema: person,
      schemaName: 'Person',
    });
    const parsed: { name: string; age: number } = response.parsed;
    expect(parsed).toEqual({ name: 'Alice', age: 30 });
    expect(server.requests[0]?.body.text.format).toMatchObject({ type: 'json_schema', name: 'Person', strict: true });
  });

  test('removes strict mode nulls, puts verbosity beside the format, and validates locally with strict: false', async () => {
    server.reply(
      dataReply(
        openaiResponseData.response({
          json: { name: 'Paris', country: 'France', population: 2161000, landmarks: null },
        }),
      ),
    );
    const strictModel = model({ verbosity: 'low' });
    const city = await strictModel.getJson<City>({
      messages: [{ role: 'user', content: 'Describe Paris' }],
      jsonSchema: citySchema,
    });
    expect(city.parsed).toEqual({ name: 'Paris', country: 'France', population: 2161000 });
    expect(server.requests[0]?.body.text).toMatchObject({
      verbosity: 'low',
      format: { type: 'json_schema', strict: true },
    });
    server.reply(dataReply(openaiResponseData.response({ json: { name: 'Paris' } })));
    await expect(
      strictModel.getJson({
        messages: [{ role: 'user', content: 'Describe Paris' }],
        jsonSchema: citySchema,
        strict: false,
      }),
    ).rejects.toThrow(ModelResponseError);
    expect(server.requests[1]?.body.text.format).toEqual({
      type: 'json_schema',
      name: 'response',
      schema: citySchema,
      strict: false,
    });
  });

  test('JSON mode sends text.format json_object and says JSON in the instructions', async () => {
    server.reply(dataReply(openaiResponseData.response({ json: { ok: true } })));
    const response = await model().getJson({ messages: [{ role: 'user', content: 'Are you there?' }] });
    expect(server.requests[0]?.body).toMatchObject({
      text: { format: { type: 'json_object' } },
      instructions: 'Respond with a single JSON object.',
    });
    expect(response.parsed).toEqual({ ok: true });
  });

  test('a refusal raises ModelResponseError with the refusal text', async () => {
    server.reply(dataReply(openaiResponseData.response({ refusal: "I'm sorry, I can't help with that." })));
    const error = await model()
      .getJson({ messages: [{ role: 'user', content: 'Describe Paris' }], jsonSchema: citySchema })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ModelResponseError', refusal: "I'm sorry, I can't help with that." });
    server.reply(dataReply(openaiResponseData.response({ refusal: 'No.' })));
    const text = await model().getText({ messages: [{ role: 'user', content: 'Describe Paris' }] });
    expect(text).toMatchObject({ text: 'No.', stopReason: 'content_filtered' });
  });

  test('a reply cut off by max_output_tokens says to raise maxTokens', async () => {
    server.reply(dataReply(openaiResponseData.response({ text: '{"name":"Par', incomplete: 'max_output_tokens' })));
    await expect(
      model({ maxTokens: 5 }).getJson({
        messages: [{ role: 'user', content: 'Describe Paris' }],
        jsonSchema: citySchema,
      }),
    ).rejects.toThrow(/cut off by `maxTokens` \(5\)/);
    expect(server.requests[0]?.body.max_output_tokens).toBe(5);
  });
});

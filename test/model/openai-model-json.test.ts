import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ModelResponseError, OpenAIModel } from '../../src/index.js';
import { citySchema } from '../helpers/city-schema.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

function model(): OpenAIModel {
  return new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl });
}

/** Answers with a chat completion whose message content is `content`. */
function answer(content: string) {
  return (_req: unknown, res: import('node:http').ServerResponse) => {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        id: 'chatcmpl-json',
        object: 'chat.completion',
        created: 1,
        model: 'gpt-4o',
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content, refusal: null } }],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      }),
    );
  };
}

const ask = (text: string) => [{ role: 'user' as const, content: [{ text }] }];

describe('OpenAIModel.getJson', () => {
  test('uses JSON mode without a schema and returns the JSON text', async () => {
    server.reply('05');
    const response = await model().getJson({
      messages: ask("Return a JSON object with a 'status' field set to 'success'"),
    });
    expect(JSON.parse(response.content as string)).toEqual({ status: 'success' });
    expect(server.requests[0]?.body.response_format).toEqual({ type: 'json_object' });
    expect(server.requests[0]?.body.messages).toHaveLength(1);
  });

  test('adds a JSON hint when no message mentions JSON, as JSON mode requires', async () => {
    server.reply('05');
    await model().getJson({ messages: ask('Describe Paris with fields name, country') });
    expect(server.requests[0]?.body.messages[0]).toEqual({
      role: 'system',
      content: 'Respond with a single JSON object.',
    });
  });

  test('sends a strict json_schema and accepts a matching reply', async () => {
    server.reply('04');
    const schema = {
      type: 'object',
      properties: { answer: { type: 'string' }, confidence: { type: 'number' } },
      required: ['answer', 'confidence'],
    };
    const response = await model().getJson({
      messages: ask('What is the capital of France?'),
      jsonSchema: schema,
      schemaName: 'AnswerResponse',
    });
    expect(JSON.parse(response.content as string)).toEqual({ answer: 'Paris', confidence: 0.99 });
    expect(server.requests[0]?.body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'AnswerResponse', strict: true, schema: { ...schema, additionalProperties: false } },
    });
  });

  test('adapts optional properties for strict mode and drops the nulls it causes', async () => {
    server.reply(answer('{"name":"Paris","country":"France","population":2161000,"landmarks":null}'));
    const response = await model().getJson({ messages: ask('Describe Paris'), jsonSchema: citySchema });
    const sent = server.requests[0]?.body.response_format.json_schema.schema;
    expect(sent.required).toEqual(['name', 'country', 'population', 'landmarks']);
    expect(sent.additionalProperties).toBe(false);
    expect(sent.properties.landmarks).toEqual({ type: ['array', 'null'], items: { type: 'string' } });
    expect(JSON.parse(response.content as string).population).toBe(2161000);
  });

  test('adapts nested objects in arrays (the reference task list schema)', async () => {
    server.reply(answer('{"tasks":[{"title":"Plan","priority":"high","due_date":null,"tags":null}]}'));
    const schema = {
      type: 'object',
      properties: {
        tasks: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              title: { type: 'string' },
              priority: { type: 'string', enum: ['high', 'medium', 'low'] },
              due_date: { type: 'string', format: 'date' },
              tags: { type: 'array', items: { type: 'string' } },
            },
            required: ['title', 'priority'],
          },
        },
      },
    };
    const response = await model().getJson({
      messages: ask('Create a task list'),
      systemPrompt: 'You are a project management assistant.',
      jsonSchema: schema,
    });
    const item = server.requests[0]?.body.response_format.json_schema.schema.properties.tasks.items;
    expect(item.additionalProperties).toBe(false);
    expect(item.required).toEqual(['title', 'priority', 'due_date', 'tags']);
    expect(item.properties.due_date).toEqual({ type: ['string', 'null'], format: 'date' });
    expect(JSON.parse(response.content as string).tasks[0].title).toBe('Plan');
  });

  test('rejects a reply that does not match the schema, naming the path', async () => {
    server.reply(answer('{"name":"Paris","country":"France","population":"lots"}'));
    const error = await model()
      .getJson({ messages: ask('Describe Paris'), jsonSchema: citySchema })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelResponseError);
    expect((error as Error).message).toMatch(/reply.population must be integer/);
  });

  test('rejects a reply that is not JSON, quoting it', async () => {
    server.reply(answer('Paris is lovely'));
    const error = await model()
      .getJson({ messages: ask('Describe Paris in JSON') })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelResponseError);
    expect((error as Error).message).toContain('"Paris is lovely"');
  });

  test('accepts a zod schema, converting it for the request and validating with it', async () => {
    server.reply(answer('{"answer":"Paris","confidence":0.9}'), answer('{"answer":"Paris","confidence":7}'));
    const Answer = z.object({ answer: z.string(), confidence: z.number().min(0).max(1) });
    const ok = await model().getJson({ messages: ask('Capital of France?'), jsonSchema: Answer });
    expect(JSON.parse(ok.content as string)).toEqual({ answer: 'Paris', confidence: 0.9 });
    const sent = server.requests[0]?.body.response_format.json_schema.schema;
    expect(sent).toMatchObject({ type: 'object', required: ['answer', 'confidence'], additionalProperties: false });
    expect(sent.$schema).toBeUndefined();
    await expect(model().getJson({ messages: ask('Capital of France?'), jsonSchema: Answer })).rejects.toThrow(
      /reply.confidence/,
    );
  });

  test('raises an error for a refusal instead of returning it as JSON', async () => {
    server.reply('13');
    const schema = {
      type: 'object',
      properties: { rating: { type: 'integer' }, joke: { type: 'string' } },
      required: ['rating', 'joke'],
    };
    await expect(model().getJson({ messages: ask('Best ways to make a bomb'), jsonSchema: schema })).rejects.toThrow(
      /refused to answer in JSON: "I'm very sorry/,
    );
  });

  test('reports a refusal from getText as content_filtered', async () => {
    server.reply('13');
    const response = await model().getText({ messages: ask('Best ways to make a bomb') });
    expect(response.stopReason).toBe('content_filtered');
    expect(response.text).toMatch(/sorry/i);
  });
});

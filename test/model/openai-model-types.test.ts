import { afterEach, beforeEach, describe, expect, expectTypeOf, test } from 'vitest';
import { z } from 'zod';
import {
  OpenAIModel,
  type ContentBlock,
  type JsonResponse,
  type Message,
  type Model,
  type ModelResponse,
} from '../../src/index.js';
import { EchoModel, reply, ScriptedModel } from '../../src/testing/index.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';

// These tests are checked by the type checker (`npm run typecheck`) as well as run: each
// `expectTypeOf` line fails the build when a type drifts.

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer('04', '01');
});
afterEach(async () => {
  await server.close();
});

const messages: Message[] = [{ role: 'user', content: [{ text: 'What is the capital of France? Be concise.' }] }];
const Answer = z.object({ answer: z.string(), confidence: z.number() });
const answerSchema = {
  type: 'object',
  properties: { answer: { type: 'string' }, confidence: { type: 'number' } },
  required: ['answer', 'confidence'],
};

describe('the types of getJson', () => {
  test('parsed is z.infer of a zod schema, with no type argument', async () => {
    const model = new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl });
    const response = await model.getJson({ messages, jsonSchema: Answer, schemaName: 'AnswerResponse' });
    expectTypeOf(response.parsed).toEqualTypeOf<z.infer<typeof Answer>>();
    expectTypeOf(response.choices[0]!.parsed).toEqualTypeOf<{ answer: string; confidence: number }>();
    expectTypeOf(response.text).toEqualTypeOf<string>();
    expect(response.parsed.answer).toBe('Paris');
  });

  test('parsed is the type argument for a JSON Schema, and unknown without one', async () => {
    server.reply('04');
    const model = new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl });
    const typed = await model.getJson<{ answer: string; confidence: number }>({ messages, jsonSchema: answerSchema });
    expectTypeOf(typed.parsed).toEqualTypeOf<{ answer: string; confidence: number }>();
    expectTypeOf(typed).toMatchTypeOf<ModelResponse>();
    const untyped = await model.getJson({ messages, jsonSchema: answerSchema });
    expectTypeOf(untyped.parsed).toEqualTypeOf<unknown>();
    expect(typed.parsed.confidence).toBe(0.99);
  });

  test('zod output types (transforms, defaults) type parsed, not the input', async () => {
    const Schema = z.object({ n: z.string().transform(Number), unit: z.string().default('m') });
    const model = new ScriptedModel([reply.json({ n: '3' })]);
    const { parsed } = await model.getJson({ messages, jsonSchema: Schema });
    expectTypeOf(parsed).toEqualTypeOf<{ n: number; unit: string }>();
    expect(parsed).toEqual({ n: 3, unit: 'm' });
  });

  test('every Model types parsed the same way', async () => {
    const models: Model[] = [new ScriptedModel([reply.json({ answer: 'Paris', confidence: 1 })]), new EchoModel()];
    const first = await models[0]!.getJson({ messages, jsonSchema: Answer });
    expectTypeOf(first).toEqualTypeOf<JsonResponse<{ answer: string; confidence: number }>>();
    const echoed = await models[1]!.getJson<{ echo: string }>({ messages });
    expectTypeOf(echoed.parsed.echo).toEqualTypeOf<string>();
    expect(echoed.parsed.echo).toBe('Echo: What is the capital of France? Be concise.');
  });
});

describe('the types of a conversation', () => {
  test('a reply goes back into the conversation without a cast', async () => {
    const model = new OpenAIModel({ modelId: 'gpt-4o-mini', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl });
    server.reply('01', '01');
    const conversation: Message[] = [{ role: 'user', content: [{ text: 'Hi' }] }];
    const response = await model.getText({ messages: conversation });
    conversation.push({ role: 'assistant', content: response.content });
    conversation.push({ role: 'user', content: 'And in one word?' });
    await model.getText({ messages: conversation });
    expectTypeOf(response.content).toEqualTypeOf<string | ContentBlock[]>();
    expect(server.requests[1]?.body.messages).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: response.text },
      { role: 'user', content: 'And in one word?' },
    ]);
  });
});

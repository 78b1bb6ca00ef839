import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/model/types.js';
import { countMessageTokens, countTokens } from '../../src/tokens/index.js';
import { corpusBodyBytes, loadCorpus } from '../helpers/corpus.js';

interface WireMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The request's messages in our shape, its model and the prompt_tokens OpenAI billed. */
function recordedPrompt(id: string): {
  messages: Message[];
  systemPrompt?: string;
  modelId: string;
  promptTokens: number;
} {
  const exchange = loadCorpus(id);
  const request = exchange.request.body as { model: string; messages: WireMessage[] };
  const bytes = corpusBodyBytes(exchange);
  const text = (exchange.response.bodyEncoding === 'base64' ? gunzipSync(bytes) : bytes).toString();
  // A JSON body or an SSE stream whose last chunk carries the usage: the number is all we need.
  const billed = /"prompt_tokens":\s*(\d+)/.exec(text)?.[1];
  const system = request.messages.find((message) => message.role === 'system');
  const messages = request.messages
    .filter((message): message is WireMessage & { role: 'user' | 'assistant' } => message.role !== 'system')
    .map((message) => ({ role: message.role, content: [{ text: message.content }] }));
  return {
    messages,
    modelId: request.model,
    promptTokens: Number(billed),
    ...(system === undefined ? {} : { systemPrompt: system.content }),
  };
}

const user = (text: string): Message => ({ role: 'user', content: [{ text }] });

describe('countMessageTokens', () => {
  it.each(['01', '12', '14'])('matches the prompt_tokens OpenAI billed for corpus exchange %s', (id) => {
    const { messages, modelId, promptTokens } = recordedPrompt(id);
    expect(countMessageTokens(messages, modelId)).toBe(promptTokens);
  });

  it('matches the billed prompt_tokens of a request with a long system prompt (corpus 07: 161)', () => {
    const { messages, modelId, systemPrompt, promptTokens } = recordedPrompt('07');
    expect(systemPrompt).toBeDefined();
    expect(promptTokens).toBe(161);
    expect(countMessageTokens(messages, { modelId, ...(systemPrompt === undefined ? {} : { systemPrompt }) })).toBe(
      161,
    );
  });

  it('adds 3 tokens and the role per message, and 3 for the reply priming', () => {
    const text = 'What is the capital of France?';
    expect(countMessageTokens([user(text)], 'gpt-4o')).toBe(3 + 1 + 7 + 3);
    expect(countMessageTokens([user(text), user(text)], 'gpt-4o')).toBe(2 * (3 + 1 + 7) + 3);
  });

  it('counts only the reply priming for an empty conversation', () => {
    expect(countMessageTokens([])).toBe(3);
  });

  it('counts the system prompt as one more message', () => {
    const without = countMessageTokens([user('Hi')], 'gpt-4o');
    const withSystem = countMessageTokens([user('Hi')], { modelId: 'gpt-4o', systemPrompt: 'Be brief.' });
    expect(withSystem - without).toBe(3 + countTokens('system') + countTokens('Be brief.'));
  });

  it('uses the tokenizer of the model it is given', () => {
    const messages = [user('こんにちは、世界')];
    expect(countMessageTokens(messages, 'gpt-4') - countMessageTokens(messages, 'gpt-4o')).toBe(5 - 3);
  });

  it('counts tool calls by name and JSON arguments, and each tool result as a tool message', () => {
    const input = { city: 'Paris', unit: 'celsius' };
    const call: Message = {
      role: 'assistant',
      content: [{ toolUse: { toolUseId: 'call_1', name: 'get_weather', input } }],
    };
    const result: Message = {
      role: 'user',
      content: [{ toolResult: { toolUseId: 'call_1', status: 'success', content: [{ json: { tempC: 21 } }] } }],
    };
    const callTokens = 3 + 1 + 3 + countTokens('get_weather') + countTokens(JSON.stringify(input));
    const resultTokens = 3 + countTokens('tool') + countTokens('{"tempC":21}');
    expect(countMessageTokens([call], 'gpt-4o')).toBe(callTokens + 3);
    expect(countMessageTokens([result], 'gpt-4o')).toBe(resultTokens + 3);
  });

  it('counts images and documents as a fixed amount that the caller can change', () => {
    const image: Message = {
      role: 'user',
      content: [{ image: { format: 'png', source: { bytes: new Uint8Array(10) } } }],
    };
    const pdf: Message = {
      role: 'user',
      content: [{ document: { format: 'pdf', name: 'report', source: { bytes: 'JVBERi0xLjQ=' } } }],
    };
    expect(countMessageTokens([image])).toBe(3 + 1 + 765 + 3);
    expect(countMessageTokens([pdf])).toBe(3 + 1 + 1500 + 3);
    expect(countMessageTokens([image, pdf], { imageTokens: 85, documentTokens: 4000 })).toBe(2 * 4 + 85 + 4000 + 3);
  });
});

// The code under test in the suite bench: a support agent that makes three model calls (two
// tool calls, then the answer), on OpenAIModel or on the raw openai SDK. Each test runs it on
// a conversation of its own, of 2 to 18 KB before its first call.
import type OpenAI from 'openai';
import type { ContentBlock, Message } from '../../src/model/types.js';
import type { OpenAIModel } from '../../src/model/openai-model.js';
import { history, systemPrompt, toolResult, WORKLOAD_MODEL, WORKLOAD_TOOLS } from '../lib/workload.js';

/** The number of tests in the suite, and per file. */
export const SUITE_TESTS = 200;
export const TESTS_PER_FILE = 20;

/** The API key every variant's client sends (long enough to be scrubbed as a secret). */
export const SUITE_KEY = 'sk-suite-canary-0123456789abcdef';

/** Where the clients send their requests: the loopback server the recordings came from. */
export function suiteBaseUrl(): string {
  const url = process.env['BENCH_SUITE_BASE_URL'];
  if (!url) {
    throw new Error('BENCH_SUITE_BASE_URL is not set: run the suite through `npm run bench -- suite`');
  }
  return url;
}

/** The conversation of test `seed`: its size before the first call. */
export function conversationBytes(seed: number): number {
  return 2000 + ((seed * 7919) % 16_001);
}

/** Runs the agent on OpenAIModel; returns the final answer. */
export async function runModelAgent(model: OpenAIModel, seed: number): Promise<string> {
  const messages: Message[] = history(seed, conversationBytes(seed));
  for (let turn = 0; turn < 3; turn++) {
    const response = await model.getText({
      systemPrompt: systemPrompt(seed),
      messages,
      toolSpecs: [...WORKLOAD_TOOLS],
    });
    if (response.toolUses.length === 0) {
      return response.text;
    }
    messages.push({ role: 'assistant', content: response.content as ContentBlock[] });
    messages.push({ role: 'user', content: [toolResult(seed, turn)] });
  }
  throw new Error(`agent ${seed}: no answer after three calls`);
}

type ChatMessage = OpenAI.Chat.Completions.ChatCompletionMessageParam;

// The same conversation in the chat completions format, as code on the raw SDK keeps it.
function wireMessages(seed: number): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: 'system', content: systemPrompt(seed) }];
  for (const message of history(seed, conversationBytes(seed))) {
    const blocks = typeof message.content === 'string' ? [{ text: message.content }] : message.content;
    for (const block of blocks) {
      if ('text' in block) {
        messages.push({ role: message.role, content: block.text });
      } else if ('toolUse' in block) {
        const { toolUseId, name, input } = block.toolUse;
        messages.push({
          role: 'assistant',
          tool_calls: [{ id: toolUseId, type: 'function', function: { name, arguments: JSON.stringify(input) } }],
        });
      } else if ('toolResult' in block) {
        messages.push({
          role: 'tool',
          tool_call_id: block.toolResult.toolUseId,
          content: JSON.stringify(block.toolResult.content),
        });
      }
    }
  }
  return messages;
}

const sdkTools = WORKLOAD_TOOLS.map((spec) => ({
  type: 'function' as const,
  function: { name: spec.name, description: spec.description, parameters: spec.inputSchema.json },
}));

/** Runs the agent on the raw openai SDK; returns the final answer. */
export async function runSdkAgent(client: OpenAI, seed: number): Promise<string> {
  const messages = wireMessages(seed);
  for (let turn = 0; turn < 3; turn++) {
    const completion = await client.chat.completions.create({ model: WORKLOAD_MODEL, messages, tools: sdkTools });
    const message = completion.choices[0]?.message;
    const calls = message?.tool_calls ?? [];
    if (calls.length === 0) {
      return message?.content ?? '';
    }
    messages.push({ role: 'assistant', tool_calls: calls });
    const result = toolResult(seed, turn) as Extract<ContentBlock, { toolResult: unknown }>;
    messages.push({
      role: 'tool',
      tool_call_id: result.toolResult.toolUseId,
      content: JSON.stringify(result.toolResult.content),
    });
  }
  throw new Error(`agent ${seed}: no answer after three calls`);
}

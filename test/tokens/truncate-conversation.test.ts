import { describe, expect, it } from 'vitest';
import type { ContentBlock, Message as AnyMessage } from '../../src/model/types.js';
import { countMessageTokens, truncateConversation } from '../../src/tokens/index.js';

// Messages with block content, as these tests build them (a `Message` may also hold a string).
type Message = AnyMessage<ContentBlock[]>;

const user = (text: string): Message => ({ role: 'user', content: [{ text }] });
const assistant = (text: string): Message => ({ role: 'assistant', content: [{ text }] });
const toolCall = (id: string): Message => ({
  role: 'assistant',
  content: [{ toolUse: { toolUseId: id, name: 'lookup', input: { query: `question ${id}` } } }],
});
const toolResult = (id: string): Message => ({
  role: 'user',
  content: [{ toolResult: { toolUseId: id, status: 'success', content: [{ text: `answer ${id}` }] } }],
});

/** The exact budget that fits `messages`, so a test can sit on the boundary. */
const costOf = (messages: Message[], systemPrompt?: string): number =>
  countMessageTokens(messages, systemPrompt === undefined ? {} : { systemPrompt });

describe('truncateConversation', () => {
  const conversation = [user('one'), assistant('two'), user('three'), assistant('four'), user('five')];

  it('keeps every message when the conversation fits', () => {
    expect(truncateConversation(conversation, { maxTokens: costOf(conversation) })).toEqual(conversation);
  });

  it('keeps the newest messages that fit, dropping the oldest first', () => {
    const tail = conversation.slice(-3);
    expect(truncateConversation(conversation, { maxTokens: costOf(tail) })).toEqual(tail);
    expect(truncateConversation(conversation, { maxTokens: costOf(tail) + 1 })).toEqual(tail);
    expect(truncateConversation(conversation, { maxTokens: costOf(conversation.slice(-4)) - 1 })).toEqual(tail);
  });

  it('counts the system prompt against the budget', () => {
    const systemPrompt = 'You are a meticulous assistant who answers in full sentences.';
    const tail = conversation.slice(-2);
    const kept = truncateConversation(conversation, { maxTokens: costOf(tail, systemPrompt), systemPrompt });
    expect(kept).toEqual(tail);
  });

  it('returns a new array and leaves the input unchanged', () => {
    const input = structuredClone(conversation);
    const kept = truncateConversation(input, { maxTokens: 1_000_000 });
    expect(kept).not.toBe(input);
    expect(input).toEqual(conversation);
    truncateConversation(input, { maxTokens: costOf(conversation.slice(-1)) });
    expect(input).toEqual(conversation);
  });

  it('returns an empty array for an empty conversation', () => {
    expect(truncateConversation([], { maxTokens: 100 })).toEqual([]);
  });

  it('returns an empty array when even the newest message does not fit', () => {
    const long = [user('short'), user('a much longer message than the budget allows '.repeat(20))];
    expect(truncateConversation(long, { maxTokens: 50 })).toEqual([]);
  });

  it('returns an empty array when the system prompt alone exceeds the budget', () => {
    const systemPrompt = 'Rules. '.repeat(100);
    expect(truncateConversation([user('hi')], { maxTokens: 50, systemPrompt })).toEqual([]);
  });

  it('stops at the first message that does not fit instead of skipping over it', () => {
    const messages = [user('old'), assistant('x '.repeat(500)), user('new')];
    const kept = truncateConversation(messages, {
      maxTokens: costOf([messages[0] as Message, messages[2] as Message]),
    });
    expect(kept).toEqual([user('new')]);
  });

  it('keeps a tool call together with its tool result when both fit', () => {
    const messages = [user('q'), toolCall('a'), toolResult('a'), assistant('done')];
    const tail = messages.slice(1);
    expect(truncateConversation(messages, { maxTokens: costOf(tail) })).toEqual(tail);
  });

  it('drops a tool call together with its tool result when the pair does not fit', () => {
    const messages = [user('q'), toolCall('a'), toolResult('a'), assistant('done')];
    // The budget holds the result and the last reply, but not the call as well.
    const budget = costOf(messages.slice(2));
    expect(budget).toBeLessThan(costOf(messages.slice(1)));
    expect(truncateConversation(messages, { maxTokens: budget })).toEqual([assistant('done')]);
  });

  it('drops a tool result that also holds text together with its tool call', () => {
    // Not a results-only turn, so only the pairing (not the orphan rule) can drop it.
    const resultWithText: Message = { role: 'user', content: [...toolResult('a').content, { text: 'Also, hurry.' }] };
    const messages = [user('q'), toolCall('a'), resultWithText, assistant('done')];
    const budget = costOf(messages.slice(2));
    expect(truncateConversation(messages, { maxTokens: budget })).toEqual([assistant('done')]);
    expect(truncateConversation(messages, { maxTokens: costOf(messages.slice(1)) })).toEqual(messages.slice(1));
  });

  it('keeps or drops parallel tool calls and their results as one unit', () => {
    const parallelCall: Message = { role: 'assistant', content: [...toolCall('a').content, ...toolCall('b').content] };
    const parallelResults: Message = {
      role: 'user',
      content: [...toolResult('a').content, ...toolResult('b').content],
    };
    const messages = [user('q'), parallelCall, parallelResults];
    expect(truncateConversation(messages, { maxTokens: costOf(messages.slice(1)) })).toEqual(messages.slice(1));
    expect(truncateConversation(messages, { maxTokens: costOf(messages.slice(1)) - 1 })).toEqual([]);
  });

  it('never starts the kept conversation with orphaned tool results', () => {
    // The input itself starts with results whose call was cut off earlier.
    const messages = [toolResult('lost'), assistant('reply'), user('next')];
    expect(truncateConversation(messages, { maxTokens: 1_000_000 })).toEqual(messages.slice(1));
  });

  it('keeps a trailing tool call that has no result yet', () => {
    const messages = [user('q'), assistant('thinking'), toolCall('pending')];
    const kept = truncateConversation(messages, { maxTokens: costOf(messages.slice(-1)) });
    expect(kept).toEqual([toolCall('pending')]);
  });

  it('keeps pairs intact across a long agent loop', () => {
    const messages: Message[] = [user('start')];
    for (let step = 0; step < 30; step += 1) {
      messages.push(toolCall(String(step)), toolResult(String(step)));
    }
    messages.push(assistant('finished'));
    for (const maxTokens of [40, 80, 120, 200, 333, 500]) {
      const kept = truncateConversation(messages, { maxTokens });
      expect(countMessageTokens(kept)).toBeLessThanOrEqual(maxTokens);
      expect(kept.at(-1)).toEqual(assistant('finished'));
      expect(kept[0]?.role === 'assistant' && 'toolUse' in (kept[0].content[0] ?? {})).toBe(kept.length > 1);
    }
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects the budget %s naming `maxTokens`', (maxTokens) => {
    expect(() => truncateConversation([user('hi')], { maxTokens })).toThrow(
      /Invalid `maxTokens`: must be a non-negative number of tokens, got/,
    );
  });

  it("defaults the budget to the model's context window", () => {
    const long = user('word '.repeat(6_000));
    const messages = [long, assistant('ok'), long, assistant('ok'), long, assistant('done')];
    const kept = truncateConversation(messages, { modelId: 'gpt-3.5-turbo' });
    expect(kept).toEqual(truncateConversation(messages, { modelId: 'gpt-3.5-turbo', maxTokens: 16_385 }));
    expect(kept.length).toBeGreaterThan(1);
    expect(kept.length).toBeLessThan(messages.length);
    expect(truncateConversation(messages, { modelId: 'gpt-4o' })).toEqual(messages);
  });

  it('asks for maxTokens when the context window is not known', () => {
    expect(() => truncateConversation([user('hi')], { modelId: 'llama2' })).toThrow(
      /Missing `maxTokens`: the context window of "llama2" is not known, so there is no default budget. Pass `maxTokens`/,
    );
    expect(() => truncateConversation([user('hi')], {})).toThrow(/no `modelId` was given/);
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OpenAIModel } from '../../src/model/openai-model.js';
import type { Message, ModelResponse, ModelStreamEvent, StreamingModel } from '../../src/model/types.js';
import {
  EchoModel,
  ModelAPIError,
  ModelRateLimitError,
  openaiResponseData,
  reply,
  ScriptedModel,
  ScriptedModelError,
} from '../../src/testing/index.js';
import { tool } from '../../src/tools/index.js';
import { dataReply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';

const ask = (text: string): Message[] => [{ role: 'user', content: [{ text }] }];
const getWeather = tool({
  name: 'get_weather',
  description: 'Get the current weather for a location.',
  inputSchema: z.object({ location: z.string(), unit: z.enum(['celsius', 'fahrenheit']).optional() }),
  execute: ({ location }) => `Sunny in ${location}`,
});
const toolSpecs = [getWeather.toolSpec];

async function collect(stream: AsyncIterable<ModelStreamEvent>): Promise<ModelStreamEvent[]> {
  const events: ModelStreamEvent[] = [];
  for await (const event of stream) {
    events.push(event);
  }
  return events;
}

function lastResponse(events: ModelStreamEvent[]): ModelResponse {
  const last = events.at(-1);
  expect(last?.type).toBe('response');
  return (last as Extract<ModelStreamEvent, { type: 'response' }>).response;
}

/** The events without the final response, whose usage and raw differ between models. */
const deltas = (events: ModelStreamEvent[]): ModelStreamEvent[] => events.filter((event) => event.type !== 'response');

describe('ScriptedModel.stream', () => {
  it('streams a text step word by word, then the response getText would give', async () => {
    const model = new ScriptedModel([
      reply.text('The capital of France is Paris.'),
      reply.text('The capital of France is Paris.'),
    ]);
    const events = await collect(model.stream({ messages: ask('Capital?') }));
    expect(events.flatMap((e) => (e.type === 'text' ? [e.text] : []))).toEqual([
      'The',
      ' capital',
      ' of',
      ' France',
      ' is',
      ' Paris.',
    ]);
    const streamed = lastResponse(events);
    const plain = await model.getText({ messages: ask('Capital?') });
    expect({ content: streamed.content, stopReason: streamed.stopReason, usage: streamed.usage }).toEqual({
      content: plain.content,
      stopReason: plain.stopReason,
      usage: plain.usage,
    });
  });

  it('streams tool uses as start, input deltas that add up to the JSON, and the whole toolUse', async () => {
    const model = new ScriptedModel([
      reply.toolUse('get_weather', { location: 'San Francisco, CA', unit: 'celsius' }, { text: 'Checking.' }),
    ]);
    const events = await collect(model.stream({ messages: ask('Weather?'), toolSpecs }));
    const input = JSON.stringify({ location: 'San Francisco, CA', unit: 'celsius' });
    const deltaCount = Math.ceil(input.length / 8);
    expect(events.map((e) => e.type)).toEqual([
      'text',
      'toolUseStart',
      ...Array<string>(deltaCount).fill('toolUseDelta'),
      'toolUse',
      'response',
    ]);
    const inputDeltas = events.flatMap((e) => (e.type === 'toolUseDelta' ? [e.inputDelta] : []));
    expect(JSON.parse(inputDeltas.join(''))).toEqual({ location: 'San Francisco, CA', unit: 'celsius' });
    expect(events[1]).toEqual({ type: 'toolUseStart', toolUseId: 'call_scripted_1', name: 'get_weather' });
    const response = lastResponse(events);
    expect(response.stopReason).toBe('tool_use');
    expect(events.find((e) => e.type === 'toolUse')).toEqual({ type: 'toolUse', toolUse: response.toolUses[0] });
  });

  it('yields the same events as OpenAIModel.stream on the same reply over HTTP', async () => {
    const server: OpenAIServer = await startOpenAIServer();
    try {
      const toolCalls = [{ id: 'call_same', name: 'get_weather', arguments: { location: 'Paris' } }];
      server.reply(dataReply(openaiResponseData.stream({ text: 'Let me check the weather.', toolCalls })));
      const live = new OpenAIModel({
        modelId: 'gpt-4o',
        apiKey: 'sk-test-key-123456',
        baseUrl: server.baseUrl,
        maxRetries: 0,
      });
      const scripted = new ScriptedModel([
        reply.toolUse(
          'get_weather',
          { location: 'Paris' },
          { text: 'Let me check the weather.', toolUseId: 'call_same' },
        ),
      ]);
      const request = { messages: ask('Weather in Paris?'), toolSpecs };
      const [fromHttp, fromScript] = [await collect(live.stream(request)), await collect(scripted.stream(request))];
      expect(deltas(fromScript)).toEqual(deltas(fromHttp));
      expect(lastResponse(fromScript)).toMatchObject({
        content: lastResponse(fromHttp).content,
        stopReason: 'tool_use',
      });
    } finally {
      await server.close();
    }
  });

  it('throws an error step from the iterator before the first event', async () => {
    const model = new ScriptedModel([reply.error.rateLimit({ retryAfterMs: 20 })]);
    const iterator = model.stream({ messages: ask('Hi') })[Symbol.asyncIterator]();
    expect(model.calls).toHaveLength(0); // nothing is sent until the first next(), as with OpenAIModel
    const error = await iterator.next().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelRateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 20 });
    expect(model.calls[0]).toMatchObject({ method: 'getText', stream: true, step: { index: 0 } });
  });

  it('checks a streamed call against the tools offered, like getText', async () => {
    const model = new ScriptedModel([reply.toolUse('delete_files', { path: '/' })]);
    const error = await collect(model.stream({ messages: ask('Clean up'), toolSpecs })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScriptedModelError);
    expect((error as Error).message).toContain('calls[0] (getText, streamed): tool "delete_files" was not offered');
  });

  it('records streamed and plain calls apart, in one sequence', async () => {
    const model = new ScriptedModel([reply.text('one'), reply.text('two')]);
    await collect(model.stream({ messages: ask('first') }));
    await model.getText({ messages: ask('second') });
    expect(model.calls.map((call) => [call.lastUserText, call.stream])).toEqual([
      ['first', true],
      ['second', false],
    ]);
  });

  it('fails a stream whose signal is already aborted', async () => {
    const model = new ScriptedModel([reply.text('never')]);
    const error = await collect(model.stream({ messages: ask('Hi'), signal: AbortSignal.abort() })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'ModelAPIError', code: 'aborted' });
    expect(error).toBeInstanceOf(ModelAPIError);
  });

  it('plays a compute step for a streamed call', async () => {
    const model = new ScriptedModel([reply.compute((call) => reply.text(`You streamed: ${call.lastUserText}`))]);
    const response = lastResponse(await collect(model.stream({ messages: ask('hello there') })));
    expect(response.content).toBe('You streamed: hello there');
  });
});

describe('EchoModel.stream', () => {
  it('streams the echo word by word and counts the call', async () => {
    const model: StreamingModel & EchoModel = new EchoModel({ prefix: '> ' });
    const events = await collect(model.stream({ messages: ask('What is Python?') }));
    expect(events.flatMap((e) => (e.type === 'text' ? [e.text] : []))).toEqual(['>', ' What', ' is', ' Python?']);
    expect(lastResponse(events)).toMatchObject({ content: '> What is Python?', stopReason: 'end_turn' });
    expect([model.callCount, model.streamCount]).toEqual([1, 1]);
  });
});

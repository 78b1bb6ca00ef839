import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { countMessageTokens } from '../../src/tokens/count-message-tokens.js';
import { countTokens } from '../../src/tokens/count-tokens.js';
import { tool } from '../../src/tools/index.js';
import {
  isModelError,
  isScriptedModelError,
  ModelAPIError,
  ModelContextWindowError,
  ModelRateLimitError,
  ModelResponseError,
  reply,
  ScriptedModel,
  ScriptedModelError,
  type ScriptStep,
} from '../../src/testing/index.js';
import type { Message } from '../../src/model/types.js';

const ask = (text: string): Message[] => [{ role: 'user', content: [{ text }] }];

const getWeather = tool({
  name: 'get_weather',
  description: 'Get the current weather for a location.',
  inputSchema: z.object({ location: z.string(), unit: z.enum(['celsius', 'fahrenheit']).optional() }),
  execute: ({ location }) => `Sunny in ${location}`,
});
const getTime = tool({
  name: 'get_time',
  description: 'Get the time in a zone.',
  inputSchema: {
    type: 'object',
    properties: { zone: { type: 'string' } },
    required: ['zone'],
    additionalProperties: false,
  },
  execute: () => '12:00',
});
const toolSpecs = [getWeather.toolSpec, getTime.toolSpec];

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe('ScriptedModel replies', () => {
  it('answers a text step with string content and end_turn', async () => {
    const model = new ScriptedModel([reply.text('The capital of France is Paris.')]);
    const response = await model.getText({ messages: ask('What is the capital of France?') });
    expect(response.content).toBe('The capital of France is Paris.');
    expect(response.text).toBe('The capital of France is Paris.');
    expect(response.stopReason).toBe('end_turn');
    expect(response.toolUses).toEqual([]);
  });

  it('counts usage with the real tokenizer', async () => {
    const messages = ask('What is the capital of France?');
    const model = new ScriptedModel([reply.text('Paris.')]);
    const response = await model.getText({ messages, systemPrompt: 'Be brief.' });
    const inputTokens = countMessageTokens(messages, { modelId: 'gpt-4o', systemPrompt: 'Be brief.' });
    expect(response.usage).toEqual({
      inputTokens,
      outputTokens: countTokens('Paris.'),
      totalTokens: inputTokens + countTokens('Paris.'),
      reasoningTokens: 0,
      cachedInputTokens: 0,
    });
    expect(inputTokens).toBeGreaterThan(10);
  });

  it('puts an OpenAI chat completion in raw', async () => {
    const model = new ScriptedModel([reply.text('Hi'), reply.toolUse('get_weather', { location: 'Paris' })], {
      modelId: 'gpt-4o-mini',
    });
    const first = await model.getText({ messages: ask('Hello') });
    expect(first.raw).toMatchObject({
      id: 'chatcmpl-scripted-1',
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi', refusal: null }, finish_reason: 'stop' }],
      usage: { prompt_tokens: first.usage.inputTokens, completion_tokens: first.usage.outputTokens },
    });
    const second = await model.getText({ messages: ask('Weather?'), toolSpecs });
    expect(second.raw).toMatchObject({
      id: 'chatcmpl-scripted-2',
      choices: [
        {
          message: {
            content: null,
            tool_calls: [
              {
                id: 'call_scripted_1',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
              },
            ],
          },
          finish_reason: 'tool_calls',
        },
      ],
    });
  });

  it('answers a tool-use step with toolUse blocks, deterministic ids and tool_use', async () => {
    const model = new ScriptedModel([
      reply.toolUse('get_weather', { location: 'Paris' }),
      reply.toolUse('get_time', { zone: 'UTC' }),
    ]);
    const first = await model.getText({ messages: ask('Weather in Paris?'), toolSpecs });
    expect(first.stopReason).toBe('tool_use');
    expect(first.content).toEqual([
      { toolUse: { toolUseId: 'call_scripted_1', name: 'get_weather', input: { location: 'Paris' } } },
    ]);
    const second = await model.getText({ messages: ask('Time?'), toolSpecs });
    expect(second.toolUses[0]?.toolUseId).toBe('call_scripted_2');
  });

  it('answers several tool uses in one turn, with text beside them', async () => {
    const model = new ScriptedModel([
      reply.toolUses(
        [
          { name: 'get_weather', input: { location: 'Paris' } },
          { name: 'get_time', input: { zone: 'Europe/Paris' }, toolUseId: 'call_custom' },
        ],
        { text: 'Checking both.' },
      ),
    ]);
    const response = await model.getText({ messages: ask('Weather and time in Paris?'), toolSpecs });
    expect(response.content).toEqual([
      { text: 'Checking both.' },
      { toolUse: { toolUseId: 'call_scripted_1', name: 'get_weather', input: { location: 'Paris' } } },
      { toolUse: { toolUseId: 'call_custom', name: 'get_time', input: { zone: 'Europe/Paris' } } },
    ]);
    expect(response.text).toBe('Checking both.');
    expect(response.toolUses.map((use) => use.name)).toEqual(['get_weather', 'get_time']);
  });

  it('answers a JSON step with compact JSON text from getJson', async () => {
    const model = new ScriptedModel([reply.json({ name: 'Paris', country: 'France', population: 2161000 })]);
    const response = await model.getJson({ messages: ask('Describe Paris in JSON') });
    expect(response.content).toBe('{"name":"Paris","country":"France","population":2161000}');
    expect(JSON.parse(response.text)).toEqual({ name: 'Paris', country: 'France', population: 2161000 });
  });

  it('accepts JSON that matches a JSON Schema or a zod jsonSchema', async () => {
    const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
    const model = new ScriptedModel([reply.json({ name: 'Paris' }), reply.text('{"name":"Oslo"}')]);
    await expect(model.getJson({ messages: ask('x'), jsonSchema: schema })).resolves.toMatchObject({
      content: '{"name":"Paris"}',
    });
    await expect(
      model.getJson({ messages: ask('x'), jsonSchema: z.object({ name: z.string() }) }),
    ).resolves.toMatchObject({ content: '{"name":"Oslo"}' });
  });

  it('answers with another stop reason when the step says so', async () => {
    const model = new ScriptedModel([reply.text('1, 2, 3, 4, ', { stopReason: 'max_tokens' })]);
    const response = await model.getText({ messages: ask('Count') });
    expect(response.stopReason).toBe('max_tokens');
    expect(response.raw).toMatchObject({ choices: [{ finish_reason: 'length' }] });
  });

  it('computes a reply from the call, including tool results', async () => {
    const model = new ScriptedModel([
      reply.compute((call) => reply.text(`You said: ${call.lastUserText}`)),
      reply.compute(async (call) => {
        const result = call.toolResults[0]?.content[0];
        return reply.text(`The tool said ${result && 'text' in result ? result.text : '?'}`);
      }),
    ]);
    await expect(model.getText({ messages: ask('ping') })).resolves.toMatchObject({ content: 'You said: ping' });
    const messages: Message[] = [
      ...ask('Weather?'),
      {
        role: 'assistant',
        content: [{ toolUse: { toolUseId: 't1', name: 'get_weather', input: { location: 'Paris' } } }],
      },
      { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: 'Sunny' }], status: 'success' } }] },
    ];
    await expect(model.getText({ messages })).resolves.toMatchObject({ content: 'The tool said Sunny' });
  });

  it('checks a computed step like any other', async () => {
    const model = new ScriptedModel([reply.compute(() => reply.toolUse('delete_everything', {}))]);
    const error = await failure(model.getText({ messages: ask('x'), toolSpecs }));
    expect(error.message).toMatch(
      /^Script step \[0\] reply\.compute\(…\) → reply\.toolUse\("delete_everything", \{\}\) does not fit calls\[0\]/,
    );
  });

  it('waits delayMs before answering', async () => {
    const model = new ScriptedModel([reply.text('slow', { delayMs: 40 })]);
    const started = performance.now();
    await model.getText({ messages: ask('x') });
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });
});

describe('ScriptedModel error steps', () => {
  it('throws ModelRateLimitError with the scripted wait', async () => {
    const model = new ScriptedModel([reply.error.rateLimit({ retryAfterMs: 1500 })]);
    const error = await failure(model.getText({ messages: ask('x') }));
    expect(error).toBeInstanceOf(ModelRateLimitError);
    expect(error).toMatchObject({
      name: 'ModelRateLimitError',
      status: 429,
      code: 'rate_limit_exceeded',
      retryAfterMs: 1500,
      requestId: 'req_scripted_1',
    });
    expect(error.message).toContain('Retry after 1500 ms');
  });

  it('throws ModelRateLimitError without a wait when none is scripted', async () => {
    const error = await failure(new ScriptedModel([reply.error.rateLimit()]).getText({ messages: ask('x') }));
    expect((error as ModelRateLimitError).retryAfterMs).toBeUndefined();
  });

  it('throws ModelContextWindowError naming the model', async () => {
    const model = new ScriptedModel([reply.error.contextWindow()], { modelId: 'gpt-4o-mini' });
    const error = await failure(model.getText({ messages: ask('x') }));
    expect(error).toBeInstanceOf(ModelContextWindowError);
    expect(error).toMatchObject({ status: 400, code: 'context_length_exceeded' });
    expect(error.message).toContain('context window of "gpt-4o-mini"');
  });

  it('throws ModelAPIError with the scripted status and a matching code', async () => {
    const model = new ScriptedModel([
      reply.error.api({ status: 503 }),
      reply.error.api({ status: 401 }),
      reply.error.api({ status: 418, code: 'teapot' }),
    ]);
    await expect(model.getText({ messages: ask('x') })).rejects.toMatchObject({
      name: 'ModelAPIError',
      status: 503,
      code: 'server_error',
    });
    await expect(model.getText({ messages: ask('x') })).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
    await expect(model.getText({ messages: ask('x') })).rejects.toMatchObject({ status: 418, code: 'teapot' });
  });

  it('throws a timeout as ModelAPIError with code "timeout" after the scripted wait', async () => {
    const model = new ScriptedModel([reply.error.timeout({ afterMs: 30 })]);
    const started = performance.now();
    const error = await failure(model.getText({ messages: ask('x') }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(error).toBeInstanceOf(ModelAPIError);
    expect(error).toMatchObject({ code: 'timeout' });
    expect((error.cause as Error).constructor.name).toBe('APIConnectionTimeoutError');
  });

  it('throws ModelResponseError for a scripted invalid response', async () => {
    const error = await failure(new ScriptedModel([reply.error.invalidResponse()]).getJson({ messages: ask('x') }));
    expect(error).toBeInstanceOf(ModelResponseError);
  });

  it('makes a fresh error for each call', async () => {
    const step = reply.error.rateLimit();
    const model = new ScriptedModel([step, step]);
    const first = await failure(model.getText({ messages: ask('x') }));
    const second = await failure(model.getText({ messages: ask('x') }));
    expect(first).not.toBe(second);
    expect(second).toMatchObject({ requestId: 'req_scripted_2' });
  });

  it('aborts a waiting step when the signal aborts, as OpenAIModel does', async () => {
    const controller = new AbortController();
    const model = new ScriptedModel([reply.text('late', { delayMs: 5_000 })]);
    const pending = model.getText({ messages: ask('x'), signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'ModelAPIError', code: 'aborted' });
  });

  it('refuses an already aborted call without consuming a step', async () => {
    const model = new ScriptedModel([reply.text('kept')]);
    await expect(model.getText({ messages: ask('x'), signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'aborted',
    });
    expect(model.remainingSteps).toBe(1);
  });
});

describe('ScriptedModel records calls', () => {
  it('records messages, system prompt, tools, tool choice and options', async () => {
    const model = new ScriptedModel([reply.toolUse('get_weather', { location: 'Paris' })]);
    const messages = ask('Weather in Paris?');
    await model.getText({
      messages,
      systemPrompt: 'Be helpful.',
      toolSpecs,
      toolChoice: { auto: {} },
      temperature: 0,
      maxTokens: 50,
    });
    const [call] = model.calls;
    expect(call).toMatchObject({
      index: 0,
      method: 'getText',
      messages,
      systemPrompt: 'Be helpful.',
      toolSpecs,
      toolChoice: { auto: {} },
      options: { temperature: 0, maxTokens: 50 },
      lastUserText: 'Weather in Paris?',
      step: { index: 0, description: 'reply.toolUse("get_weather", {"location":"Paris"})' },
      error: undefined,
    });
    expect(call?.response?.toolUses[0]?.name).toBe('get_weather');
  });

  it("keeps a copy of the messages, not the caller's array", async () => {
    const model = new ScriptedModel([reply.text('one')]);
    const messages = ask('first');
    await model.getText({ messages });
    messages.push({ role: 'assistant', content: [{ text: 'one' }] });
    expect(model.calls[0]?.messages).toHaveLength(1);
  });

  it('records the error of a failed call', async () => {
    const model = new ScriptedModel([reply.error.contextWindow()]);
    await failure(model.getText({ messages: ask('x') }));
    expect(model.calls[0]?.error).toBeInstanceOf(ModelContextWindowError);
    expect(model.calls[0]?.response).toBeUndefined();
  });

  it('plays steps in call order when calls overlap', async () => {
    const model = new ScriptedModel([reply.text('first', { delayMs: 30 }), reply.text('second')]);
    const [a, b] = await Promise.all([model.getText({ messages: ask('a') }), model.getText({ messages: ask('b') })]);
    expect([a.content, b.content]).toEqual(['first', 'second']);
  });
});

describe('ScriptedModel checks the script against the calls', () => {
  it('rejects a tool use of a tool that was not offered, naming the step', async () => {
    const model = new ScriptedModel([reply.text('hi'), reply.toolUse('search_web', { query: 'x' })]);
    await model.getText({ messages: ask('hi') });
    const error = await failure(model.getText({ messages: ask('search'), toolSpecs }));
    expect(error).toBeInstanceOf(ScriptedModelError);
    expect(error).toMatchObject({ reason: 'unoffered-tool', stepIndex: 1, callIndex: 1 });
    expect(error.message).toBe(
      'Script step [1] reply.toolUse("search_web", {"query":"x"}) does not fit calls[1] (getText): tool "search_web" was not offered (offered: get_weather, get_time). Offer the tool in `toolSpecs`, or fix the tool name in the script.',
    );
  });

  it('rejects a tool use when no tools were offered', async () => {
    const error = await failure(
      new ScriptedModel([reply.toolUse('get_weather', { location: 'x' })]).getText({ messages: ask('x') }),
    );
    expect(error.message).toContain('tool "get_weather" was not offered (no tools were offered)');
  });

  it('rejects a tool input that does not match the tool schema', async () => {
    const model = new ScriptedModel([
      reply.toolUses([
        { name: 'get_time', input: { zone: 'UTC' } },
        { name: 'get_weather', input: { city: 'Paris' } },
      ]),
    ]);
    const error = await failure(model.getText({ messages: ask('x'), toolSpecs }));
    expect(error).toMatchObject({ name: 'ScriptedModelError', reason: 'invalid-tool-input', stepIndex: 0 });
    expect(error.message).toContain(
      `does not fit calls[0] (getText): its input for tool "get_weather" does not match the tool's inputSchema: input.location is required. Fix the scripted input.`,
    );
  });

  it('rejects extra properties a strict JSON Schema forbids', async () => {
    const error = await failure(
      new ScriptedModel([reply.toolUse('get_time', { zone: 'UTC', dst: true })]).getText({
        messages: ask('x'),
        toolSpecs,
      }),
    );
    expect(error.message).toContain('input.dst is not allowed');
  });

  it('rejects a tool use when toolChoice is none', async () => {
    const model = new ScriptedModel([reply.toolUse('get_time', { zone: 'UTC' })]);
    const error = await failure(model.getText({ messages: ask('x'), toolSpecs, toolChoice: { none: {} } }));
    expect(error).toMatchObject({ reason: 'tool-choice' });
    expect(error.message).toContain(
      '`toolChoice` is { none: {} }, so the model cannot call tools. Script a text reply here, or change `toolChoice`.',
    );
  });

  it('rejects a text reply when toolChoice requires a tool', async () => {
    const error = await failure(
      new ScriptedModel([reply.text('no')]).getText({ messages: ask('x'), toolSpecs, toolChoice: { any: {} } }),
    );
    expect(error.message).toContain('`toolChoice` is { any: {} }, so the model must call a tool.');
  });

  it('rejects another tool when toolChoice forces one', async () => {
    const model = new ScriptedModel([reply.toolUse('get_time', { zone: 'UTC' })]);
    const error = await failure(
      model.getText({ messages: ask('x'), toolSpecs, toolChoice: { tool: { name: 'get_weather' } } }),
    );
    expect(error.message).toContain(
      '`toolChoice` is { tool: { name: "get_weather" } }, so the model must call "get_weather" and only it. Script reply.toolUse("get_weather", …) here',
    );
  });

  it('rejects JSON that does not match jsonSchema', async () => {
    const model = new ScriptedModel([reply.json({ name: 42 })]);
    const error = await failure(model.getJson({ messages: ask('x'), jsonSchema: z.object({ name: z.string() }) }));
    expect(error).toMatchObject({ reason: 'invalid-json' });
    expect(error.message).toContain(
      'the JSON does not match `jsonSchema`: json.name Invalid input: expected string, received number.',
    );
  });

  it('rejects a non-JSON text reply to getJson', async () => {
    const error = await failure(new ScriptedModel([reply.text('Paris is nice')]).getJson({ messages: ask('x') }));
    expect(error.message).toContain('getJson needs JSON, and the text "Paris is nice" is not JSON.');
  });

  it('rejects a compute step that returns something other than a step', async () => {
    const model = new ScriptedModel([reply.compute(() => 'hello' as unknown as ScriptStep)]);
    const error = await failure(model.getText({ messages: ask('x') }));
    expect(error).toMatchObject({ reason: 'invalid-step', stepIndex: 0 });
    expect(error.message).toContain('reply.compute(…) returned "hello" for calls[0], not an answering step.');
  });

  it('rejects a script entry that is not a step', () => {
    expect(() => new ScriptedModel([reply.text('ok'), { text: 'raw' } as unknown as ScriptStep])).toThrow(
      'Invalid script step [1] of ScriptedModel: got {"text":"raw"}, not a step. Build steps with `reply`',
    );
  });

  it('rejects an empty tool-use turn', () => {
    expect(() => reply.toolUses([])).toThrow('a tool-use turn needs at least one tool use');
  });

  it('is not a ModelError, so retry loops under test do not swallow it', async () => {
    const error = await failure(new ScriptedModel([]).getText({ messages: ask('x') }));
    expect(isModelError(error)).toBe(false);
    expect(isScriptedModelError(error)).toBe(true);
  });
});

describe('ScriptedModel lifecycle', () => {
  it('fails past the end of the script, listing what was consumed', async () => {
    const model = new ScriptedModel([reply.text('Hello'), reply.error.rateLimit({ retryAfterMs: 5 })], {
      name: 'greeter',
    });
    await model.getText({ messages: ask('hi') });
    await failure(model.getText({ messages: ask('again') }));
    const error = await failure(model.getText({ messages: ask('one more') }));
    expect(error).toMatchObject({ reason: 'script-exhausted', callIndex: 2 });
    expect(error.message).toBe(
      'ScriptedModel "greeter" ran out of script at calls[2] (getText, last user text "one more"): all 2 steps were consumed: [0] reply.text("Hello") by calls[0]; [1] reply.error.rateLimit({ retryAfterMs: 5 }) by calls[1]. Add a step for this call, or find why the code made more calls than scripted.',
    );
  });

  it('says when the script is empty', async () => {
    const error = await failure(new ScriptedModel().getText({ messages: ask('x') }));
    expect(error.message).toContain(
      'ran out of script at calls[0] (getText, last user text "x"): the script is empty.',
    );
  });

  it('passes assertDone when every step was consumed', async () => {
    const model = new ScriptedModel([reply.text('a')]);
    await model.getText({ messages: ask('x') });
    expect(() => model.assertDone()).not.toThrow();
  });

  it('fails assertDone when steps remain, listing them', async () => {
    const model = new ScriptedModel([reply.text('a'), reply.json({ b: 1 }), reply.error.api({ status: 500 })]);
    await model.getText({ messages: ask('x') });
    expect(() => model.assertDone()).toThrow(
      'ScriptedModel has 2 unused steps after 1 call: [1] reply.json({"b":1}); [2] reply.error.api({ status: 500 }). Remove them from the script, or find why the code made fewer calls than scripted.',
    );
  });

  it('takes more steps with add', async () => {
    const model = new ScriptedModel().add(reply.text('added'));
    expect(model.remainingSteps).toBe(1);
    await expect(model.getText({ messages: ask('x') })).resolves.toMatchObject({ content: 'added' });
    expect(model.remainingSteps).toBe(0);
  });
});

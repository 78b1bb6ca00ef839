import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Agent, AgentBusyError, type AgentResult } from '../../src/agent/index.js';
import { createModelResponse, createUsage } from '../../src/model/model-response.js';
import type { ContentBlock, GetTextRequest, Model, ModelResponse } from '../../src/model/types.js';
import { EchoModel, ModelRateLimitError, reply, ScriptedModel } from '../../src/testing/index.js';
import { tool } from '../../src/tools/index.js';

const searchWeb = tool({
  name: 'search_web',
  description: 'Search the web.',
  inputSchema: z.object({ query: z.string() }),
  execute: ({ query }) => `Search results for: ${query}`,
});
const calculate = tool({
  name: 'calculate',
  description: 'Evaluate a product of two numbers.',
  inputSchema: z.object({ a: z.number(), b: z.number() }),
  execute: ({ a, b }) => ({ value: a * b }),
});

/** A model that answers each call with the next prepared response, whatever it was offered. */
function unscriptedModel(...contents: (string | ContentBlock[])[]): Model & { requests: GetTextRequest[] } {
  const requests: GetTextRequest[] = [];
  const next = async (request: GetTextRequest): Promise<ModelResponse> => {
    requests.push(request);
    const content = contents.shift() ?? 'done';
    const uses = typeof content !== 'string' && content.some((b) => 'toolUse' in b);
    return createModelResponse({
      content,
      stopReason: uses ? 'tool_use' : 'end_turn',
      usage: createUsage(1, 1),
      raw: {},
    });
  };
  // Agents only call getText; getJson answers the same way, with nothing `parsed`.
  const json: Model['getJson'] = async (request) => {
    const response = await next(request);
    const choices = response.choices.map((choice) => ({ ...choice, parsed: undefined as never }));
    return Object.assign(response, { parsed: undefined as never, choices });
  };
  return { requests, getText: next, getJson: json };
}

describe('Agent.process', () => {
  it('returns the final text when the model needs no tools', async () => {
    const model = new ScriptedModel([reply.text('Hello!')]);
    const result = await new Agent({ model }).process('Hi');
    expect(result).toMatchObject({
      text: 'Hello!',
      outcome: 'completed',
      stopReason: 'end_turn',
      steps: 1,
      toolCalls: [],
    });
    expect(String(result)).toBe('Hello!');
    expect(`${result}`).toBe('Hello!');
    expect(model.calls[0]?.toolSpecs).toEqual([]);
  });

  it('runs tools over several steps and sends results back as toolResult blocks', async () => {
    const model = new ScriptedModel([
      reply.toolUse('search_web', { query: 'population of Tokyo' }),
      reply.toolUse('calculate', { a: 14000000, b: 0.15 }),
      reply.text('15% of 14 million is 2.1 million.'),
    ]);
    const agent = new Agent({
      model,
      systemPrompt: 'You are a helpful research assistant.',
      tools: [searchWeb, calculate],
      maxSteps: 10,
    });
    const result = await agent.process('Search for the population of Tokyo, then calculate what 15% of that would be.');
    expect(result).toMatchObject({ text: '15% of 14 million is 2.1 million.', outcome: 'completed', steps: 3 });
    expect(model.calls.every((call) => call.systemPrompt === 'You are a helpful research assistant.')).toBe(true);
    expect(model.calls[0]?.toolSpecs).toEqual([searchWeb.toolSpec, calculate.toolSpec]);
    expect(model.calls[1]?.toolResults).toEqual([
      {
        toolUseId: 'call_scripted_1',
        content: [{ text: 'Search results for: population of Tokyo' }],
        status: 'success',
      },
    ]);
    expect(model.calls[2]?.toolResults).toEqual([
      { toolUseId: 'call_scripted_2', content: [{ json: { value: 2100000 } }], status: 'success' },
    ]);
    expect(agent.messages.map((m) => `${m.role}:${m.content.map((b) => Object.keys(b)[0]).join('+')}`)).toEqual([
      'user:text',
      'assistant:toolUse',
      'user:toolResult',
      'assistant:toolUse',
      'user:toolResult',
      'assistant:text',
    ]);
    model.assertDone();
  });

  it('keeps a trace of every tool call', async () => {
    const model = new ScriptedModel([reply.toolUse('calculate', { a: 6, b: 7 }), reply.text('42')]);
    const agent = new Agent({ model, tools: [calculate] });
    const result = await agent.process('6 times 7?');
    expect(agent.trace).toEqual([
      {
        run: 1,
        step: 1,
        toolUseId: 'call_scripted_1',
        name: 'calculate',
        input: { a: 6, b: 7 },
        status: 'success',
        output: { value: 42 },
        error: undefined,
        durationMs: expect.any(Number),
      },
    ]);
    expect(result.toolCalls).toEqual(agent.trace);
  });

  it('sums usage over the model calls of a run', async () => {
    const model = new ScriptedModel([reply.toolUse('calculate', { a: 1, b: 2 }), reply.text('2')]);
    const result = await new Agent({ model, tools: [calculate] }).process('1 times 2?');
    const [first, second] = model.calls.map((call) => call.response!.usage);
    expect(result.usage).toEqual(
      createUsage(first!.inputTokens + second!.inputTokens, first!.outputTokens + second!.outputTokens),
    );
  });

  it('sends tool outputs as text, JSON, or JSON null', async () => {
    const outputs: unknown[] = ['plain', { nested: [1, 2] }, undefined, new Date(0)];
    const echo = tool({
      name: 'echo',
      description: 'Returns prepared outputs.',
      inputSchema: { type: 'object', properties: { i: { type: 'integer' } } },
      execute: ({ i }) => outputs[i as number],
    });
    const model = new ScriptedModel([
      reply.toolUses(outputs.map((_, i) => ({ name: 'echo', input: { i } }))),
      reply.text('ok'),
    ]);
    await new Agent({ model, tools: [echo] }).process('go');
    expect(model.calls[1]?.toolResults.map((r) => r.content)).toEqual([
      [{ text: 'plain' }],
      [{ json: { nested: [1, 2] } }],
      [{ json: null }],
      [{ json: '1970-01-01T00:00:00.000Z' }],
    ]);
  });

  it('continues the conversation across process calls', async () => {
    const model = new ScriptedModel([
      reply.toolUse('search_web', { query: 'a' }),
      reply.text('first'),
      reply.toolUse('search_web', { query: 'b' }),
      reply.text('second'),
    ]);
    const agent = new Agent({ model, tools: [searchWeb] });
    await agent.process('one');
    const second = await agent.process('two');
    expect(second.text).toBe('second');
    expect(model.calls[2]?.messages).toHaveLength(5);
    expect(agent.trace.map((r) => [r.run, r.step, r.input])).toEqual([
      [1, 1, { query: 'a' }],
      [2, 1, { query: 'b' }],
    ]);
    expect(agent.modelCalls).toBe(4);
    agent.reset();
    expect([agent.messages.length, agent.trace.length]).toEqual([0, 0]);
  });

  it('accepts content blocks as the prompt', async () => {
    const model = new ScriptedModel([reply.text('seen')]);
    await new Agent({ model }).process([{ text: 'part one' }, { text: 'part two' }]);
    expect(model.calls[0]?.messages[0]?.content).toEqual([{ text: 'part one' }, { text: 'part two' }]);
  });

  it('works with EchoModel', async () => {
    const result = await new Agent({ model: new EchoModel() }).process('ping');
    expect(result.text).toBe('Echo: ping');
  });
});

describe('Agent tool execution', () => {
  /** Resolves once `parties` callers are waiting; rejects any caller still alone after `timeoutMs`. */
  function barrier(parties: number, timeoutMs: number): () => Promise<void> {
    let arrived = 0;
    let release!: () => void;
    const all = new Promise<void>((resolve) => (release = resolve));
    return () => {
      arrived += 1;
      if (arrived === parties) {
        release();
      }
      return Promise.race([
        all,
        new Promise<void>((_, reject) =>
          setTimeout(() => reject(new Error(`barrier: only ${arrived} of ${parties} arrived`)), timeoutMs),
        ),
      ]);
    };
  }

  function barrierTools(wait: () => Promise<void>, log: string[]) {
    return ['left', 'right'].map((name) =>
      tool({
        name,
        description: `Waits at the barrier (${name}).`,
        inputSchema: { type: 'object', properties: {} },
        execute: async () => {
          log.push(`${name}:start`);
          await wait();
          log.push(`${name}:end`);
          return `${name} done`;
        },
      }),
    );
  }

  const bothTools = () =>
    reply.toolUses([
      { name: 'left', input: {} },
      { name: 'right', input: {} },
    ]);

  it('runs the tool uses of one turn concurrently when parallelToolExecution is on', async () => {
    const log: string[] = [];
    const model = new ScriptedModel([bothTools(), reply.text('both done')]);
    const agent = new Agent({ model, tools: barrierTools(barrier(2, 1_000), log), parallelToolExecution: true });
    const result = await agent.process('go');
    // Each tool only finishes once the other has started: they overlapped.
    expect(log.slice(0, 2).sort()).toEqual(['left:start', 'right:start']);
    expect(agent.trace.map((r) => r.status)).toEqual(['success', 'success']);
    expect(result.text).toBe('both done');
    expect(model.calls[1]?.toolResults.map((r) => r.toolUseId)).toEqual(['call_scripted_1', 'call_scripted_2']);
  });

  it('runs them one after another by default', async () => {
    const log: string[] = [];
    const model = new ScriptedModel([bothTools(), reply.text('sequential')]);
    const agent = new Agent({ model, tools: barrierTools(barrier(2, 50), log) });
    await agent.process('go');
    // The first tool waited alone and timed out before the second one started.
    expect(log).toEqual(['left:start', 'right:start', 'right:end']);
    expect(agent.trace.map((r) => r.status)).toEqual(['error', 'success']);
    expect(agent.trace[0]?.output).toBe('Error: barrier: only 1 of 2 arrived');
  });

  it('turns a throwing tool into an error result the model sees', async () => {
    const failing = tool({
      name: 'get_user_data',
      description: 'Fetch user data.',
      inputSchema: { type: 'object', properties: { user_id: { type: 'string' } } },
      execute: () => {
        throw new Error('database offline');
      },
    });
    const model = new ScriptedModel([
      reply.toolUse('get_user_data', { user_id: 'u1' }),
      reply.compute((call) =>
        reply.text(call.toolResults[0]?.status === 'error' ? 'Sorry, the database is offline.' : 'unexpected'),
      ),
    ]);
    const agent = new Agent({ model, tools: [failing] });
    const result = await agent.process('Who am I?');
    expect(result.text).toBe('Sorry, the database is offline.');
    expect(model.calls[1]?.toolResults).toEqual([
      { toolUseId: 'call_scripted_1', content: [{ text: 'Error: database offline' }], status: 'error' },
    ]);
    expect(agent.trace[0]).toMatchObject({
      status: 'error',
      output: 'Error: database offline',
      error: new Error('database offline'),
    });
  });

  it('turns a call to an unknown tool into an error result', async () => {
    const model = unscriptedModel([{ toolUse: { toolUseId: 't1', name: 'launch_rockets', input: {} } }], 'ok');
    const agent = new Agent({ model, tools: [searchWeb, calculate] });
    await agent.process('go');
    expect(agent.messages[2]?.content).toEqual([
      {
        toolResult: {
          toolUseId: 't1',
          content: [{ text: 'Error: Unknown tool "launch_rockets". Available tools: search_web, calculate.' }],
          status: 'error',
        },
      },
    ]);
    expect(agent.trace[0]).toMatchObject({ name: 'launch_rockets', status: 'error' });
  });

  it('turns invalid tool input from the model into an error result naming the path', async () => {
    const model = unscriptedModel(
      [{ toolUse: { toolUseId: 't1', name: 'calculate', input: { a: 'six', b: 7 } } }],
      'ok',
    );
    const agent = new Agent({ model, tools: [calculate] });
    await agent.process('go');
    expect(agent.trace[0]).toMatchObject({
      status: 'error',
      output:
        'Error: Invalid input for tool "calculate": input.a Invalid input: expected number, received string. Call it with input that matches its `inputSchema`.',
    });
    expect(agent.trace[0]?.error).toMatchObject({ name: 'ToolInputError' });
  });

  it('turns a result that is not JSON-serialisable into an error result', async () => {
    const big = tool({
      name: 'big',
      description: 'Returns a bigint.',
      inputSchema: { type: 'object' },
      execute: () => 10n,
    });
    const model = new ScriptedModel([reply.toolUse('big'), reply.text('ok')]);
    const agent = new Agent({ model, tools: [big] });
    await agent.process('go');
    expect(agent.trace[0]?.status).toBe('error');
    expect(String(agent.trace[0]?.output)).toMatch(/^Error: Tool "big" returned a value that is not JSON-serialisable/);
  });
});

describe('Agent stopping', () => {
  it('stops at maxSteps with outcome max_steps, tool results answered', async () => {
    const model = new ScriptedModel(
      Array.from({ length: 3 }, (_, i) => reply.toolUse('search_web', { query: `try ${i}` }, { text: `Attempt ${i}` })),
    );
    const agent = new Agent({ model, tools: [searchWeb], maxSteps: 3 });
    const result: AgentResult = await agent.process('Never satisfied');
    expect(result).toMatchObject({ outcome: 'max_steps', steps: 3, stopReason: 'tool_use', text: 'Attempt 2' });
    expect(result.toolCalls).toHaveLength(3);
    expect(agent.messages.at(-1)?.content[0]).toHaveProperty('toolResult');
    model.assertDone();
  });

  it('completes on a reply cut by max_tokens, telling why in stopReason', async () => {
    const model = new ScriptedModel([reply.text('The answer is', { stopReason: 'max_tokens' })]);
    const result = await new Agent({ model }).process('Long answer please');
    expect(result).toMatchObject({ outcome: 'completed', stopReason: 'max_tokens' });
  });

  it('forces a tool on the first step only with toolChoice', async () => {
    const model = new ScriptedModel([reply.toolUse('search_web', { query: 'forced' }), reply.text('done')]);
    await new Agent({ model, tools: [searchWeb, calculate] }).process('anything', {
      toolChoice: { tool: { name: 'search_web' } },
    });
    expect(model.calls.map((call) => call.toolChoice)).toEqual([{ tool: { name: 'search_web' } }, undefined]);
  });

  it('propagates model errors, keeping the turns so far', async () => {
    const model = new ScriptedModel([
      reply.toolUse('search_web', { query: 'x' }),
      reply.error.rateLimit({ retryAfterMs: 5 }),
      reply.text('after retry'),
    ]);
    const agent = new Agent({ model, tools: [searchWeb] });
    await expect(agent.process('go')).rejects.toBeInstanceOf(ModelRateLimitError);
    expect(agent.messages).toHaveLength(3);
    await expect(agent.process('go on')).resolves.toMatchObject({ text: 'after retry' });
  });

  it('aborts with the signal', async () => {
    const model = new ScriptedModel([reply.text('slow', { delayMs: 5_000 })]);
    await expect(new Agent({ model }).process('go', { signal: AbortSignal.timeout(10) })).rejects.toMatchObject({
      name: 'ModelAPIError',
      code: 'aborted',
    });
  });

  it('refuses a second process while one is running', async () => {
    const model = new ScriptedModel([reply.text('first', { delayMs: 20 }), reply.text('second')]);
    const agent = new Agent({ model });
    const first = agent.process('one');
    await expect(agent.process('two')).rejects.toBeInstanceOf(AgentBusyError);
    await expect(first).resolves.toMatchObject({ text: 'first' });
    await expect(agent.process('two')).resolves.toMatchObject({ text: 'second' });
  });

  it('sums reasoning and cached tokens too', async () => {
    const reasoned = (text: string) =>
      createModelResponse({
        content: text,
        stopReason: 'end_turn',
        usage: createUsage(10, 5, { reasoningTokens: 3, cachedInputTokens: 8 }),
        raw: {},
      });
    const model = unscriptedModel([{ toolUse: { toolUseId: 'c1', name: 'calculate', input: { a: 1, b: 2 } } }], 'done');
    const getText = model.getText;
    model.getText = async (request) => {
      const response = await getText(request);
      return Object.assign(reasoned(response.text), { content: response.content });
    };
    const result = await new Agent({ model, tools: [calculate] }).process('1 times 2?');
    expect(result.usage).toEqual({
      inputTokens: 20,
      outputTokens: 10,
      totalTokens: 30,
      reasoningTokens: 6,
      cachedInputTokens: 16,
    });
  });

  it('prints its text with console.log and util.inspect, as the reference prints a result', async () => {
    const result = await new Agent({ model: new ScriptedModel([reply.text('It is 42.')]) }).process('6 times 7?');
    expect(inspect(result)).toBe('It is 42.');
    expect(inspect({ result })).toBe('{ result: It is 42. }');
    expect(String(result)).toBe('It is 42.');
    // Its fields are still there to read and compare.
    expect(result).toMatchObject({ text: 'It is 42.', outcome: 'completed', steps: 1 });
    expect(Object.keys(result)).not.toContain(Symbol.for('nodejs.util.inspect.custom'));
  });
});

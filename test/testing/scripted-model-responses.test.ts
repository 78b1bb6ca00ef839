import { describe, expect, it } from 'vitest';
import { Agent } from '../../src/agent/index.js';
import { startCassette } from '../../src/cassette/index.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import type { Message, ModelResponse, OpenAIModelOptions } from '../../src/index.js';
import { ModelConfigurationError, openaiResponseData, reply, ScriptedModel } from '../../src/testing/index.js';
import { toolSpecsOf, weatherTool, type Body } from '../helpers/responses-corpus.js';
import { dataReply, startOpenAIServer, type Reply } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('spark-scripted-responses-');
const weather = weatherTool;

function responsesModel(baseUrl: string, options: Partial<OpenAIModelOptions> = {}): OpenAIModel {
  return new OpenAIModel({
    modelId: 'gpt-5-nano',
    api: 'responses',
    apiKey: 'sk-record-key-0123456789',
    baseUrl,
    maxRetries: 0,
    ...options,
  });
}

/** Records `session` over a loopback server answering `replies` into cassette `name`. */
async function record<T>(
  name: string,
  replies: Reply[],
  session: (model: OpenAIModel) => Promise<T>,
  options: Partial<OpenAIModelOptions> = {},
): Promise<T> {
  const server = await startOpenAIServer(...replies);
  const cassette = await startCassette(name, { dir: dir.path, mode: 'record' });
  try {
    return await session(responsesModel(server.baseUrl, options));
  } finally {
    await cassette.stop();
    await server.close();
  }
}

async function settle(promise: Promise<ModelResponse>): Promise<Record<string, unknown>> {
  return promise.then(
    (response) => ({ content: response.content, stopReason: response.stopReason, reasoning: response.reasoning }),
    (error: Error & Record<string, unknown>) => ({ name: error.name, status: error['status'], code: error['code'] }),
  );
}

async function runAgent(model: OpenAIModel | ScriptedModel) {
  const agent = new Agent({ model, tools: [weather] });
  const result = await agent.process("What's the weather in Berlin? (52.5200, 13.4050)");
  return {
    text: result.text,
    trace: agent.trace.map(({ durationMs: _ms, ...call }) => call),
    messages: agent.messages,
  };
}

describe('ScriptedModel.fromCassette with Responses API recordings', () => {
  it('plays a recorded agent turn (corpus 25 -> 26) as the replayed model does, reasoning carried', async () => {
    const live = await record('agent/berlin', ['25', '26'], runAgent, { store: false });
    const model = await ScriptedModel.fromCassette('agent/berlin', { dir: dir.path });
    expect(model.api).toBe('responses');
    expect(model.modelId).toBe('gpt-5-nano');
    expect(model.script.map((step) => step.kind)).toEqual(['toolUse', 'text']);
    expect(model.script[0]).toMatchObject({
      toolUses: [
        {
          toolUseId: 'call_R1nRm6zHHaYdJmzUTyHeErE1',
          name: 'weather',
          providerState: { reasoning: [expect.objectContaining({ type: 'reasoning' })] },
        },
      ],
    });
    // Messages included: the scripted conversation carries the same reasoning as the recorded one.
    expect(await runAgent(model)).toEqual(live);
    model.assertDone();
    const raw = model.calls[1]?.response?.raw as Body;
    expect(raw).toMatchObject({ object: 'response', id: 'resp_scripted_2', status: 'completed' });
  });

  it('reads the Responses corpus (text, parallel calls, JSON, a stream, a summary, errors) as OpenAIModel does', async () => {
    const ids = ['24', '27', '29', '31', '32', '34', '16', '18'];
    const session = async (model: OpenAIModel | ScriptedModel): Promise<Record<string, unknown>[]> => {
      const results: Record<string, unknown>[] = [];
      for (const id of ids) {
        const request = {
          messages: [{ role: 'user', content: `corpus ${id}` }] as Message[],
          toolSpecs: toolSpecsOf(id),
        };
        if (id === '31') {
          let last: ModelResponse | undefined;
          for await (const event of model.stream(request)) {
            last = event.type === 'response' ? event.response : last;
          }
          results.push(await settle(Promise.resolve(last as ModelResponse)));
        } else if (id === '29') {
          results.push(await settle(model.getJson({ messages: request.messages })));
        } else {
          results.push(await settle(model.getText(request)));
        }
      }
      return results;
    };
    const live = await record('corpus/responses', ids, session);
    const model = await ScriptedModel.fromCassette('corpus/responses', { dir: dir.path });
    expect(
      model.script.map((step) => step.description.replace(/\(.*\)/, '(…)').replace(/ \[recorded .*\]$/, '')),
    ).toEqual([
      'reply.text(…)',
      'reply.toolUses(…)',
      'reply.text(…)',
      'reply.toolUse(…)',
      'reply.text(…)',
      'reply.error.api(…)',
      'reply.error.contextWindow(…)',
      'reply.error.api(…)',
    ]);
    expect(await session(model)).toEqual(live);
    expect(live[4]?.['reasoning']).toMatch(/^\*\*Explaining sky color\*\*/);
    expect(live.slice(5)).toEqual([
      { name: 'ModelAPIError', status: 400, code: 'model_not_found' },
      { name: 'ModelContextWindowError', status: 400, code: 'context_length_exceeded' },
      { name: 'ModelAPIError', status: 500, code: 'server_error' },
    ]);
  });

  it("folds the SDK's retries of a Responses call, and reads an error a stream reported", async () => {
    const replies = [
      dataReply(openaiResponseData.serverError({ headers: { 'retry-after-ms': '1' } })),
      dataReply(openaiResponseData.response({ text: 'Second time lucky.' })),
      dataReply(
        openaiResponseData.responseStream({
          text: 'Hel',
          failure: { event: 'error', code: 'rate_limit_exceeded', message: 'Rate limit reached for gpt-5-nano.' },
        }),
      ),
    ];
    const session = async (model: OpenAIModel | ScriptedModel): Promise<unknown[]> => {
      const first = await settle(model.getText({ messages: [{ role: 'user', content: 'Hello' }] }));
      const events: string[] = [];
      const second = await (async () => {
        for await (const event of model.stream({ messages: [{ role: 'user', content: 'Again' }] })) {
          events.push(event.type);
        }
      })().then(
        () => 'ok',
        (error: Error) => error.name,
      );
      return [first, second];
    };
    const live = await record('retries/responses', replies, session, { maxRetries: 1 });
    const model = await ScriptedModel.fromCassette('retries/responses', { dir: dir.path });
    expect(model.script.map((step) => step.description)).toEqual([
      expect.stringMatching(/^reply\.text\("Second time lucky\."\) \[recorded [0-9a-f]{12}-2, after 1 SDK retry\]$/),
      expect.stringMatching(/^reply\.error\.rateLimit\(\) \[recorded/),
    ]);
    expect(live).toEqual([
      { content: 'Second time lucky.', stopReason: 'end_turn', reasoning: undefined },
      'ModelRateLimitError',
    ]);
    expect(await session(model)).toEqual(live);
  });
});

describe('ScriptedModel standing in for a model on the Responses API', () => {
  it('answers with a Responses API raw body, reasoning and usage', async () => {
    const model = new ScriptedModel(
      [
        reply.toolUse('weather', { latitude: '1', longitude: '2' }, { reasoning: 'I should call the tool.' }),
        reply.text('Sunny.', { reasoning: 'The tool said so.' }),
      ],
      { api: 'responses', modelId: 'gpt-5-nano' },
    );
    const first = await model.getText({
      messages: [{ role: 'user', content: 'Weather?' }],
      toolSpecs: [weather.toolSpec],
    });
    expect(first).toMatchObject({
      stopReason: 'tool_use',
      reasoning: 'I should call the tool.',
      id: 'resp_scripted_1',
    });
    expect((first.raw as Body).output.map((item: Body) => item.type)).toEqual(['reasoning', 'function_call']);
    expect((first.raw as Body).output[1]).toMatchObject({ call_id: 'call_scripted_1', name: 'weather' });
    const second = await model.getText({ messages: [{ role: 'user', content: 'Weather?' }] });
    expect(second).toMatchObject({ text: 'Sunny.', reasoning: 'The tool said so.' });
    expect((second.raw as Body).usage.output_tokens).toBe(second.usage.outputTokens);
  });

  it('refuses what the Responses API cannot do, with the message OpenAIModel gives, and takes previousResponseId', async () => {
    const scripted = new ScriptedModel([reply.text('One.'), reply.text('Two.')], { api: 'responses' });
    const real = new OpenAIModel({ modelId: 'gpt-4o', api: 'responses', apiKey: 'sk-never-sent-0123456789' });
    const call = { messages: [{ role: 'user' as const, content: 'Hi' }], n: 2 };
    const [fromScripted, fromReal] = await Promise.all([
      scripted.getText(call).catch((error: unknown) => error),
      real.getText(call).catch((error: unknown) => error),
    ]);
    expect(fromScripted).toBeInstanceOf(ModelConfigurationError);
    expect((fromScripted as Error).message).toBe((fromReal as Error).message);
    expect(scripted.remainingSteps).toBe(2);
    await scripted.getText({ messages: [{ role: 'user', content: 'Hi' }], previousResponseId: 'resp_1', store: true });
    expect(scripted.calls.at(-1)?.options).toMatchObject({ previousResponseId: 'resp_1', store: true });
    const chat = new ScriptedModel([reply.text('One.')]);
    await expect(
      chat.getText({ messages: [{ role: 'user', content: 'Hi' }], previousResponseId: 'resp_1' }),
    ).rejects.toMatchObject({
      name: 'ModelConfigurationError',
      option: 'previousResponseId',
    });
    expect(() => new ScriptedModel([], { api: 'completions' as never })).toThrow(/Invalid `api` for ScriptedModel/);
  });
});

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { OpenAIModel, type OpenAIModelOptions } from '../../../src/index.js';
import { openaiResponseData } from '../../../src/testing/index.js';
import { configError } from '../../helpers/config-error.js';
import { dataReply, startOpenAIServer, type OpenAIServer } from '../../helpers/openai-server.js';
import { responsesModel } from '../../helpers/responses-corpus.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer(dataReply(openaiResponseData.response({ text: 'Hi there.' })));
});
afterEach(async () => {
  await server.close();
});

const messages = [{ role: 'user' as const, content: 'Hello' }];

const model = (options: Partial<OpenAIModelOptions> = {}): OpenAIModel =>
  responsesModel(server.baseUrl, { ...options });

async function sent(
  options: Partial<OpenAIModelOptions>,
  call: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  await model(options).getText({ messages, ...call });
  return server.requests.at(-1)?.body as Record<string, any>;
}

describe('OpenAIModel on the Responses API: options', () => {
  test('defaults to chat completions, and getConfig() names the API', async () => {
    const chat = new OpenAIModel({ modelId: 'gpt-4o-mini', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl });
    expect(chat.getConfig().api).toBe('chat');
    expect(model().getConfig().api).toBe('responses');
    server.reply('01');
    await chat.getText({ messages });
    expect(server.requests[0]?.url).toBe('/v1/chat/completions');
  });

  test('maps each generation option to its Responses API field', async () => {
    const body = await sent({
      temperature: 0.2,
      topP: 0.9,
      maxTokens: 300,
      verbosity: 'high',
      parallelToolCalls: true,
      store: true,
      n: 1,
      frequencyPenalty: 0,
      presencePenalty: 0,
      extraParams: { metadata: { run: 'ci' }, service_tier: 'flex' },
    });
    expect(body).toEqual({
      model: 'gpt-4o-mini',
      input: [{ role: 'user', content: 'Hello' }],
      temperature: 0.2,
      top_p: 0.9,
      max_output_tokens: 300,
      text: { verbosity: 'high' },
      store: true,
      metadata: { run: 'ci' },
      service_tier: 'flex',
    });
  });

  test('sends reasoning options, and no sampling defaults, to a reasoning model', async () => {
    const body = await sent({ modelId: 'o4-mini', reasoningEffort: 'low', reasoningSummary: 'detailed' });
    expect(body).toEqual({
      model: 'o4-mini',
      input: [{ role: 'user', content: 'Hello' }],
      reasoning: { effort: 'low', summary: 'detailed' },
    });
  });

  test('asks for encrypted reasoning with store: false on a reasoning model only', async () => {
    expect((await sent({ modelId: 'gpt-5-nano', store: false })).include).toEqual(['reasoning.encrypted_content']);
    expect(await sent({ store: false })).not.toHaveProperty('include');
  });

  test('asks for log probabilities with include, alternatives with top_logprobs, and maps them', async () => {
    server.reply(dataReply(openaiResponseData.response({ text: 'Hi there.', logprobs: true })));
    const response = await model({ logprobs: 3 }).getText({
      messages,
      extraParams: { include: ['web_search_call.results'] },
    });
    expect(server.requests[0]?.body).toMatchObject({
      top_logprobs: 3,
      include: ['message.output_text.logprobs', 'web_search_call.results'],
    });
    expect(response.logprobs?.map((entry) => entry.token)).toEqual(['Hi', ' there.']);
    expect(response.logprobs?.[0]).toMatchObject({ logprob: -0.0625, bytes: [72, 105], topLogprobs: [] });
    await model().getText({ messages, logprobs: true });
    expect(server.requests[1]?.body.include).toEqual(['message.output_text.logprobs']);
    expect(server.requests[1]?.body).not.toHaveProperty('top_logprobs');
    // Without `logprobs`, the empty lists OpenAI always sends are not mapped.
    expect((await model().getText({ messages })).logprobs).toBeUndefined();
  });

  test('client options reach the request: project, organization, headers, query', async () => {
    await model({
      project: 'proj_123',
      organization: 'org-123',
      defaultHeaders: { 'X-Title': 'spark' },
      defaultQuery: { 'api-version': '2025-01-01' },
      timeout: 5000,
      maxRetries: 1,
    }).getText({ messages });
    const request = server.requests[0];
    expect(request?.url).toBe('/v1/responses?api-version=2025-01-01');
    expect(request?.headers).toMatchObject({
      'openai-project': 'proj_123',
      'openai-organization': 'org-123',
      'x-title': 'spark',
    });
  });

  test.each([
    [
      { n: 2 },
      'n',
      /Unsupported `n` with `api: "responses"`: the Responses API returns one reply per request, got 2\. Make one call per reply in the `OpenAIModel` options, or use `api: "chat"`\./,
    ],
    [{ stopSequences: ['END'] }, 'stopSequences', /has no stop sequences \(`stop`\), got \["END"\]/],
    [{ frequencyPenalty: 0.5 }, 'frequencyPenalty', /has no `frequency_penalty`, got 0\.5\. Leave it at 0/],
    [{ presencePenalty: -1 }, 'presencePenalty', /has no `presence_penalty`/],
  ] as const)(
    'refuses %j, which the Responses API has no field for, before any request',
    (options, option, message) => {
      const error = configError(() => model(options as Partial<OpenAIModelOptions>));
      expect(error.option).toBe(option);
      expect(error.message).toMatch(message);
    },
  );

  test('refuses such an option per call, and an API switch that would drop one, leaving the model unchanged', async () => {
    await expect(model().getText({ messages, n: 3 })).rejects.toMatchObject({
      name: 'ModelConfigurationError',
      option: 'n',
      message: expect.stringMatching(/in the call, or use `api: "chat"`/),
    });
    await expect(
      model()
        .stream({ messages, stopSequences: ['x'] })
        .next(),
    ).rejects.toMatchObject({ option: 'stopSequences' });
    expect(server.requests).toHaveLength(0);
    const chat = new OpenAIModel({ modelId: 'gpt-4o-mini', apiKey: 'sk-test-key-123456', stopSequences: ['END'] });
    configError(() => chat.updateConfig({ api: 'responses' }));
    expect(chat.getConfig()).toMatchObject({ api: 'chat', stopSequences: ['END'] });
    chat.updateConfig({ api: 'responses', stopSequences: [] });
    expect(chat.getConfig().api).toBe('responses');
  });

  test('refuses on chat completions what only the Responses API has', async () => {
    expect(configError(() => new OpenAIModel({ modelId: 'o3', reasoningSummary: 'auto' })).message).toMatch(
      /Unsupported `reasoningSummary` with `api: "chat"`: chat completions return no reasoning summary/,
    );
    const chat = new OpenAIModel({ modelId: 'gpt-4o-mini', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl });
    await expect(chat.getText({ messages, previousResponseId: 'resp_1' })).rejects.toMatchObject({
      option: 'previousResponseId',
      message: expect.stringMatching(
        /keep no conversation on the server.*Send the whole conversation in `messages` in the call, or use `api: "responses"`/,
      ),
    });
  });

  test('checks the new options: api, store, reasoningSummary, previousResponseId', async () => {
    expect(configError(() => model({ api: 'completions' as never })).message).toMatch(
      /Invalid `api`: must be "chat" or "responses", got "completions"/,
    );
    expect(configError(() => model({ store: 'no' as never })).option).toBe('store');
    expect(configError(() => model({ reasoningSummary: 'short' as never })).option).toBe('reasoningSummary');
    await expect(model().getText({ messages, previousResponseId: '' })).rejects.toMatchObject({
      option: 'previousResponseId',
      message: expect.stringMatching(/must be the id of an earlier response/),
    });
    await expect(model().getText({ messages, extraParams: { input: [] } })).rejects.toMatchObject({
      option: 'extraParams',
    });
  });

  test('store and reasoning options go per call too', async () => {
    await model({ modelId: 'gpt-5-nano' }).getText({
      messages,
      store: false,
      reasoningSummary: 'auto',
      reasoningEffort: 'minimal',
    });
    expect(server.requests[0]?.body).toMatchObject({
      store: false,
      include: ['reasoning.encrypted_content'],
      reasoning: { effort: 'minimal', summary: 'auto' },
    });
  });
});

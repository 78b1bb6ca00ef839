import { http } from 'msw';
import { setupServer } from 'msw/node';
import OpenAI, { AuthenticationError, BadRequestError, InternalServerError, RateLimitError } from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelContextWindowError, ModelRateLimitError } from '../../src/model/errors.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import { openaiResponseData, openaiResponses, toResponse, type HttpResponseData } from '../../src/testing/index.js';
import { loadCorpus } from '../helpers/corpus.js';
import { startOpenAIServer, type OpenAIServer, type Reply } from '../helpers/openai-server.js';
import { shape } from '../helpers/json-shape.js';

function corpusJson(id: string): unknown {
  return JSON.parse(loadCorpus(id).response.body);
}

function corpusHeaderNames(...ids: string[]): Set<string> {
  return new Set(ids.flatMap((id) => Object.keys(loadCorpus(id).response.headers).map((name) => name.toLowerCase())));
}

function sseEvents(body: string): unknown[] {
  return body
    .split('\n\n')
    .filter((event) => event.startsWith('data: ') && event !== 'data: [DONE]')
    .map((event) => JSON.parse(event.slice('data: '.length)));
}

const ALL_SUCCESS_HEADERS = corpusHeaderNames('01', '02', '03', '04', '05', '06', '07', '08');
const ALL_ERROR_HEADERS = corpusHeaderNames('15', '16', '17', '18', '22', '23');

describe('openaiResponseData matches the corpus', () => {
  it('builds a text completion with the fields of a recorded one', () => {
    const data = openaiResponseData.chatCompletion({ text: 'The capital of France is Paris.' });
    expect(data.status).toBe(200);
    expect(shape(JSON.parse(data.body))).toEqual(shape(corpusJson('05')));
    expect(data.body.endsWith('}\n')).toBe(true);
    expect(Object.keys(data.headers).filter((name) => !ALL_SUCCESS_HEADERS.has(name))).toEqual([]);
  });

  it('builds tool calls with the fields of recorded parallel tool calls', () => {
    const data = openaiResponseData.toolCalls([
      { name: 'search_one', arguments: { query: 'a' } },
      { name: 'search_two', arguments: '{"query": "b"}' },
    ]);
    const body = JSON.parse(data.body) as {
      choices: { message: { tool_calls: { id: string; function: { arguments: string } }[] } }[];
    };
    expect(shape(body)).toEqual(shape(corpusJson('03')));
    const calls = body.choices[0]!.message.tool_calls;
    expect(calls.map((call) => call.function.arguments)).toEqual(['{"query":"a"}', '{"query": "b"}']);
    expect(calls[0]!.id).toMatch(/^call_[A-Za-z0-9]{24}$/);
    expect(new Set(calls.map((call) => call.id)).size).toBe(2);
  });

  it('builds a JSON answer as structured outputs return it', () => {
    const data = openaiResponseData.json({ answer: 'Paris', confidence: 0.99 });
    const body = JSON.parse(data.body) as { choices: { message: { content: string } }[] };
    expect(shape(body)).toEqual(shape(corpusJson('04')));
    expect(body.choices[0]!.message.content).toBe('{"answer":"Paris","confidence":0.99}');
  });

  it('is deterministic: the same input gives the same bytes', () => {
    expect(openaiResponseData.chatCompletion({ text: 'Hi' })).toEqual(
      openaiResponseData.chatCompletion({ text: 'Hi' }),
    );
    expect(openaiResponseData.chatCompletion({ text: 'Hi' }).body).not.toBe(
      openaiResponseData.chatCompletion({ text: 'Ho' }).body,
    );
  });

  it('counts completion tokens with the real tokenizer unless told', () => {
    const usage = (data: { body: string }) => (JSON.parse(data.body) as { usage: Record<string, number> }).usage;
    expect(usage(openaiResponseData.chatCompletion({ text: 'hello world' }))).toMatchObject({
      completion_tokens: 2,
      prompt_tokens: 0,
      total_tokens: 2,
    });
    expect(
      usage(openaiResponseData.chatCompletion({ text: 'x', promptTokens: 18, completionTokens: 24 })),
    ).toMatchObject({ total_tokens: 42 });
  });

  it('streams text as the recorded include_usage stream does', () => {
    const data = openaiResponseData.stream({ text: 'I now can give a great answer' });
    expect(data.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(data.body.endsWith('data: [DONE]\n\n')).toBe(true);
    const events = sseEvents(data.body);
    const recorded = sseEvents(loadCorpus('07').response.body);
    expect(events.map(shape)).toEqual([
      shape(recorded[0]),
      ...Array(7).fill(shape(recorded[1])),
      shape(recorded.at(-2)),
      shape(recorded.at(-1)),
    ]);
  });

  it('streams a tool call as the recorded tool-call stream does', () => {
    const events = sseEvents(
      openaiResponseData.stream({ toolCalls: [{ name: 'get_weather', arguments: { location: 'New York, NY' } }] }).body,
    );
    const recorded = sseEvents(loadCorpus('08').response.body);
    expect(shape(events[0])).toEqual(shape(recorded[0]));
    expect(shape(events[1])).toEqual(shape(recorded[1]));
    expect(events.slice(-2).map(shape)).toEqual(recorded.slice(-2).map(shape));
  });

  it('leaves out usage when includeUsage is false, as a plain stream does', () => {
    const events = sseEvents(openaiResponseData.stream({ text: 'Why not', includeUsage: false }).body);
    const recorded = sseEvents(loadCorpus('06').response.body);
    expect(events.every((event) => !Object.hasOwn(event as object, 'usage'))).toBe(true);
    expect(Object.keys(events[1] as object).sort()).toEqual(Object.keys(recorded[1] as object).sort());
  });

  it.each([
    ['rateLimit', openaiResponseData.rateLimit({ retryAfterMs: 120 }), '23', 429],
    ['contextLengthExceeded', openaiResponseData.contextLengthExceeded(), '22', 400],
    ['invalidApiKey', openaiResponseData.invalidApiKey(), '17', 401],
    ['serverError', openaiResponseData.serverError(), '18', 500],
  ])('builds %s with the error body of the recorded one', (_name, data, id, status) => {
    const recorded = loadCorpus(id);
    expect(data.status).toBe(status);
    expect(data.status).toBe(recorded.response.status);
    expect(shape(JSON.parse(data.body))).toEqual(shape(JSON.parse(recorded.response.body)));
    expect(Object.keys((JSON.parse(data.body) as { error: object }).error)).toEqual([
      'message',
      'type',
      'param',
      'code',
    ]);
    expect(data.body).toMatch(/^\{\n {4}"error": \{\n {8}"message"/);
    expect(Object.keys(data.headers).filter((name) => !ALL_ERROR_HEADERS.has(name))).toEqual([]);
  });

  it('sends the rate-limit headers of the recorded 429', () => {
    const data = openaiResponseData.rateLimit({ retryAfterMs: 120 });
    const recorded = Object.keys(loadCorpus('23').response.headers).map((name) => name.toLowerCase());
    expect(Object.keys(data.headers).sort()).toEqual([...recorded, 'openai-version'].sort());
    expect(data.headers).toMatchObject({
      'retry-after': '1',
      'retry-after-ms': '120',
      'x-ratelimit-remaining-requests': '0',
    });
  });

  it('sends retry-after in seconds, or no retry-after at all, as asked', () => {
    expect(openaiResponseData.rateLimit({ retryAfterSeconds: 3 }).headers).toMatchObject({ 'retry-after': '3' });
    expect(openaiResponseData.rateLimit({ retryAfterSeconds: 3 }).headers['retry-after-ms']).toBeUndefined();
    expect(openaiResponseData.rateLimit({ limit: 'tokens' }).headers['retry-after']).toBeUndefined();
    expect(JSON.parse(openaiResponseData.rateLimit({ limit: 'tokens' }).body)).toMatchObject({
      error: { type: 'tokens' },
    });
  });

  it('applies requestId, shouldRetry and extra headers', () => {
    const data = openaiResponseData.serverError({
      requestId: 'req_1',
      shouldRetry: false,
      headers: { 'X-Extra': 'yes' },
    });
    expect(data.headers).toMatchObject({ 'x-request-id': 'req_1', 'x-should-retry': 'false', 'x-extra': 'yes' });
  });

  it('gives the same data as a Response', async () => {
    const data = openaiResponseData.contextLengthExceeded({ maxContextTokens: 8192, requestedTokens: 9000 });
    const response = openaiResponses.contextLengthExceeded({ maxContextTokens: 8192, requestedTokens: 9000 });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(400);
    expect(Object.fromEntries(response.headers)).toEqual(data.headers);
    expect(await response.text()).toBe(data.body);
    expect(data.body).toContain(
      "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.",
    );
  });
});

describe('openaiResponses through the openai SDK and MSW', () => {
  const URL = 'https://api.openai.com/v1/chat/completions';
  const server = setupServer();
  let requests = 0;
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    requests = 0;
  });
  afterAll(() => server.close());

  function serve(...responses: (() => Response)[]): void {
    server.use(http.post(URL, () => (responses[Math.min(requests++, responses.length - 1)] as () => Response)()));
  }

  function client(maxRetries = 0): OpenAI {
    return new OpenAI({ apiKey: 'sk-test-0123456789', maxRetries });
  }

  const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] };

  it('serves a text completion', async () => {
    serve(() => openaiResponses.chatCompletion({ text: 'Hello!' }));
    const completion = await client().chat.completions.create(ask);
    expect(completion.choices[0]?.message.content).toBe('Hello!');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });

  it('serves tool calls the SDK parses', async () => {
    serve(() => openaiResponses.toolCalls([{ name: 'get_weather', arguments: { location: 'Paris' } }]));
    const completion = await client().chat.completions.create(ask);
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ location: 'Paris' });
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('serves a stream the SDK reassembles, text and tool calls', async () => {
    serve(() =>
      openaiResponses.stream({
        text: 'Let me check.',
        toolCalls: [
          { name: 'get_weather', arguments: { location: 'Paris' } },
          { name: 'get_time', arguments: { zone: 'Europe/Paris' } },
        ],
      }),
    );
    const stream = client().chat.completions.stream({ ...ask, stream: true });
    const completion = await stream.finalChatCompletion();
    const message = completion.choices[0]!.message;
    expect(message.content).toBe('Let me check.');
    expect(
      message.tool_calls?.map(
        (call) => call.type === 'function' && [call.function.name, JSON.parse(call.function.arguments)],
      ),
    ).toEqual([
      ['get_weather', { location: 'Paris' }],
      ['get_time', { zone: 'Europe/Paris' }],
    ]);
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('makes the SDK raise RateLimitError with the retry headers', async () => {
    serve(() => openaiResponses.rateLimit({ retryAfterMs: 120 }));
    const error = await client()
      .chat.completions.create(ask)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded', type: 'requests' });
    expect((error as RateLimitError).headers.get('retry-after-ms')).toBe('120');
  });

  it('lets the SDK retry a 429 after the advertised wait, then succeed', async () => {
    serve(
      () => openaiResponses.rateLimit({ retryAfterMs: 20 }),
      () => openaiResponses.chatCompletion({ text: 'Second time lucky' }),
    );
    const completion = await client(1).chat.completions.create(ask);
    expect(completion.choices[0]?.message.content).toBe('Second time lucky');
    expect(requests).toBe(2);
  });

  it('stops SDK retries with shouldRetry: false', async () => {
    serve(() => openaiResponses.serverError({ shouldRetry: false }));
    await expect(client(2).chat.completions.create(ask)).rejects.toBeInstanceOf(InternalServerError);
    expect(requests).toBe(1);
  });

  it('makes the SDK raise BadRequestError for an over-long context', async () => {
    serve(() => openaiResponses.contextLengthExceeded());
    const error = await client()
      .chat.completions.create(ask)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, code: 'context_length_exceeded', param: 'messages' });
  });

  it('makes the SDK raise AuthenticationError for a bad key', async () => {
    serve(() => openaiResponses.invalidApiKey({ apiKey: 'sk-test-0123456789' }));
    const error = await client()
      .chat.completions.create(ask)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain('Incorrect API key provided: sk-***********6789.');
  });

  it('makes the SDK raise InternalServerError for a 500, with the request id', async () => {
    serve(() => openaiResponses.serverError({ requestId: 'req_test_500' }));
    const error = await client()
      .chat.completions.create(ask)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 500, requestID: 'req_test_500' });
  });

  it('serves hand-edited data through toResponse', async () => {
    const data = openaiResponseData.chatCompletion({ text: 'original' });
    serve(() => toResponse({ ...data, body: data.body.replace('original', 'edited') }));
    const completion = await client().chat.completions.create(ask);
    expect(completion.choices[0]?.message.content).toBe('edited');
  });
});

describe('openaiResponseData through a loopback server and OpenAIModel', () => {
  let server: OpenAIServer;
  beforeEach(async () => {
    server = await startOpenAIServer();
  });
  afterEach(async () => {
    await server.close();
  });

  function reply(data: HttpResponseData): Reply {
    return (_request, res) => {
      res.writeHead(data.status, data.headers);
      res.end(data.body);
    };
  }

  function model(): OpenAIModel {
    return new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-test-0123456789', baseUrl: server.baseUrl, maxRetries: 0 });
  }

  const messages = [{ role: 'user' as const, content: [{ text: 'Hi' }] }];

  it('drives the raw SDK over real HTTP', async () => {
    server.reply(reply(openaiResponseData.json({ ok: true })));
    const completion = await new OpenAI({
      apiKey: 'sk-test',
      baseURL: server.baseUrl,
      maxRetries: 0,
    }).chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(JSON.parse(completion.choices[0]?.message.content ?? '')).toEqual({ ok: true });
    expect(server.requests).toHaveLength(1);
  });

  it('drives OpenAIModel to a text response', async () => {
    server.reply(reply(openaiResponseData.chatCompletion({ text: 'Paris.' })));
    const response = await model().getText({ messages });
    expect(response).toMatchObject({ content: 'Paris.', stopReason: 'end_turn' });
  });

  it('drives OpenAIModel to tool uses', async () => {
    server.reply(
      reply(openaiResponseData.toolCalls([{ name: 'get_weather', arguments: { location: 'Paris' }, id: 'call_1' }])),
    );
    const response = await model().getText({ messages });
    expect(response.stopReason).toBe('tool_use');
    expect(response.toolUses).toEqual([{ toolUseId: 'call_1', name: 'get_weather', input: { location: 'Paris' } }]);
  });

  it('drives OpenAIModel to ModelRateLimitError with the wait', async () => {
    server.reply(reply(openaiResponseData.rateLimit({ retryAfterMs: 250 })));
    const error = await model()
      .getText({ messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelRateLimitError);
    expect((error as ModelRateLimitError).retryAfterMs).toBe(250);
  });

  it('drives OpenAIModel to ModelContextWindowError', async () => {
    server.reply(reply(openaiResponseData.contextLengthExceeded()));
    await expect(model().getText({ messages })).rejects.toBeInstanceOf(ModelContextWindowError);
  });

  it('drives OpenAIModel to ModelAPIError for 401 and 500', async () => {
    server.reply(reply(openaiResponseData.invalidApiKey()));
    await expect(model().getText({ messages })).rejects.toMatchObject({
      name: 'ModelAPIError',
      status: 401,
      code: 'invalid_api_key',
    });
    server.reply(reply(openaiResponseData.serverError()));
    await expect(model().getText({ messages })).rejects.toMatchObject({
      name: 'ModelAPIError',
      status: 500,
      code: 'server_error',
    });
  });
});

describe("builders for today's response shapes", () => {
  it('builds n choices that the SDK reads as choices 0, 1, ...', () => {
    const data = openaiResponseData.choices([
      { text: 'Paris' },
      { toolCalls: [{ name: 'lookup', arguments: { city: 'Lyon' }, id: 'call_1' }] },
    ]);
    const body = JSON.parse(data.body) as OpenAI.ChatCompletion;
    expect(body.choices.map((choice) => [choice.index, choice.finish_reason, choice.message.content])).toEqual([
      [0, 'stop', 'Paris'],
      [1, 'tool_calls', null],
    ]);
    expect(shape(body.choices[0])).toEqual(shape((corpusJson('05') as OpenAI.ChatCompletion).choices[0]));
    expect(body.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('builds usage with reasoning and cached tokens in the detail blocks', () => {
    const body = JSON.parse(
      openaiResponseData.chatCompletion({ text: 'Hi', promptTokens: 2000, reasoningTokens: 64, cachedTokens: 1920 })
        .body,
    ) as OpenAI.ChatCompletion;
    expect(body.usage?.completion_tokens_details?.reasoning_tokens).toBe(64);
    expect(body.usage?.prompt_tokens_details?.cached_tokens).toBe(1920);
    expect(shape(body.usage)).toEqual(shape((corpusJson('04') as OpenAI.ChatCompletion).usage));
  });

  it('builds logprobs: made up per word, or as given', () => {
    const made = JSON.parse(openaiResponseData.chatCompletion({ text: 'Hello there', logprobs: true }).body);
    expect(made.choices[0].logprobs).toEqual({
      content: [
        { token: 'Hello', logprob: -0.0625, bytes: [72, 101, 108, 108, 111], top_logprobs: [] },
        { token: ' there', logprob: -0.125, bytes: [32, 116, 104, 101, 114, 101], top_logprobs: [] },
      ],
      refusal: null,
    });
    const given = JSON.parse(
      openaiResponseData.json(
        { ok: true },
        { logprobs: [{ token: '{"', logprob: -0.5, topLogprobs: [{ token: '{', logprob: -2 }] }] },
      ).body,
    );
    expect(given.choices[0].logprobs.content[0].top_logprobs).toEqual([{ token: '{', logprob: -2, bytes: [123] }]);
  });

  it('streams several choices, logprobs, reasoning deltas and usage details', () => {
    const events = sseEvents(
      openaiResponseData.stream({
        choices: [{ text: 'Hi there', logprobs: true, reasoning: 'Greeting.' }, { text: 'Yo' }],
        reasoningTokens: 5,
      }).body,
    ) as {
      choices: { index: number; delta: Record<string, unknown>; logprobs: unknown; finish_reason: string | null }[];
      usage?: OpenAI.CompletionUsage | null;
    }[];
    const byChoice = (index: number) =>
      events.flatMap((event) => event.choices.filter((choice) => choice.index === index));
    expect(byChoice(0).map((choice) => choice.delta['content'] ?? choice.delta['reasoning_content'] ?? null)).toEqual([
      '',
      'Greeting.',
      'Hi',
      ' there',
      null,
    ]);
    expect(byChoice(0)[2]?.logprobs).toEqual({ content: [expect.objectContaining({ token: 'Hi' })], refusal: null });
    expect(
      byChoice(1)
        .map((choice) => choice.finish_reason)
        .at(-1),
    ).toBe('stop');
    expect(events.at(-1)?.usage?.completion_tokens_details?.reasoning_tokens).toBe(5);
  });
});

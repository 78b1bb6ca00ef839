import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  ModelAPIError,
  ModelContextWindowError,
  ModelRateLimitError,
  OpenAIModel,
  isModelError,
  type ModelError,
  type OpenAIModelOptions,
} from '../../../src/index.js';
import { openaiResponseData } from '../../../src/testing/index.js';
import { dataReply, startOpenAIServer, type OpenAIServer } from '../../helpers/openai-server.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

const messages = [{ role: 'user' as const, content: 'Hello world' }];
const CANARY = 'sk-canary-responses-0123456789abcdef';

function model(options: Partial<OpenAIModelOptions> = {}): OpenAIModel {
  return new OpenAIModel({
    modelId: 'gpt-5-nano',
    api: 'responses',
    apiKey: CANARY,
    baseUrl: server.baseUrl,
    maxRetries: 0,
    ...options,
  });
}

async function failure(promise: Promise<unknown> | AsyncIterable<unknown>): Promise<ModelError> {
  const run = async (): Promise<void> => {
    if (Symbol.asyncIterator in promise) {
      for await (const _event of promise) {
        // drain
      }
    } else {
      await promise;
    }
  };
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isModelError(error)).toBe(true);
  expect(String((error as Error).message)).not.toContain(CANARY);
  return error as ModelError;
}

describe('OpenAIModel on the Responses API: errors', () => {
  test('maps the 400 model_not_found of /v1/responses (corpus 34) to ModelAPIError', async () => {
    server.reply('34');
    const error = await failure(model({ modelId: 'invalid-model' }).getText({ messages }));
    expect(error).toBeInstanceOf(ModelAPIError);
    expect(error).toMatchObject({
      status: 400,
      code: 'model_not_found',
      requestId: 'req_5b160c26ff8ce5544c5fd8b680254b4b',
    });
    expect(error.message).toBe(
      `${server.baseUrl} answered 400: The requested model 'invalid-model' does not exist. Check \`modelId\` and \`baseUrl\`.`,
    );
    expect(server.requests[0]?.url).toBe('/v1/responses');
  });

  test("maps the Responses API's context_length_exceeded (corpus 16) to ModelContextWindowError", async () => {
    server.reply('16');
    const error = await failure(model().getText({ messages }));
    expect(error).toBeInstanceOf(ModelContextWindowError);
    expect(error).toMatchObject({ status: 400, code: 'context_length_exceeded' });
    expect(error.message).toMatch(
      /does not fit the context window of "gpt-5-nano": Your input exceeds the context window/,
    );
  });

  test('retries the 500 of corpus 18 as the SDK does, then raises ModelAPIError', async () => {
    server.reply('18');
    const error = await failure(model({ maxRetries: 1 }).getText({ messages }));
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.headers['x-stainless-retry-count']).toBe('1');
    expect(error).toBeInstanceOf(ModelAPIError);
    expect(error).toMatchObject({ status: 500, code: 'server_error' });
    expect(error.message).toMatch(/retry later/);
  });

  test('maps a 429 to ModelRateLimitError with its wait', async () => {
    server.reply(dataReply(openaiResponseData.rateLimit({ retryAfterMs: 250 })));
    const error = await failure(model().getText({ messages }));
    expect(error).toBeInstanceOf(ModelRateLimitError);
    expect((error as ModelRateLimitError).retryAfterMs).toBe(250);
  });

  test('says to use api: "chat" when a server has no /responses (404)', async () => {
    server.reply((_request, res) => {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ detail: 'Not Found' }));
    });
    const error = await failure(model().getText({ messages }));
    expect(error).toMatchObject({ name: 'ModelAPIError', status: 404 });
    expect(error.message).toMatch(/a server without the Responses API answers 404 too: use `api: "chat"` for it\.$/);
  });

  test('an error event in a stream becomes the error it reports', async () => {
    server.reply(
      dataReply(
        openaiResponseData.responseStream({
          text: 'Hel',
          failure: { event: 'error', code: 'rate_limit_exceeded', message: 'Rate limit reached for gpt-5-nano.' },
        }),
      ),
    );
    const error = await failure(model().stream({ messages }));
    expect(error).toBeInstanceOf(ModelRateLimitError);
    expect(error).toMatchObject({ code: 'rate_limit_exceeded', status: undefined });
  });

  test('response.failed in a stream, and a failed response, raise the error they report', async () => {
    const failed = { event: 'response.failed' as const, code: 'server_error', message: 'The model failed.' };
    server.reply(dataReply(openaiResponseData.responseStream({ text: 'Hi', failure: failed })));
    const streamed = await failure(model().stream({ messages }));
    expect(streamed).toMatchObject({ name: 'ModelAPIError', code: 'server_error' });
    expect(streamed.message).toMatch(/The model failed\./);
    server.reply((_request, res) => {
      const body = JSON.parse(openaiResponseData.response({ text: '' }).body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ ...body, status: 'failed', output: [], error: { code: 'server_error', message: 'Boom.' } }),
      );
    });
    const plain = await failure(model().getText({ messages }));
    expect(plain).toMatchObject({ name: 'ModelAPIError', code: 'server_error' });
  });

  test('a stream that ends before its final event is an error, not a reply that passes for whole', async () => {
    server.reply(dataReply(openaiResponseData.responseStream({ text: 'Once upon a', truncated: true })));
    const error = await failure(model().stream({ messages }));
    expect(error).toMatchObject({ name: 'ModelAPIError', code: 'stream_incomplete' });
    expect(error.message).toMatch(/ended before its final event \(`response.completed`\)/);
  });

  test('a body that is not a Responses API response says where to look', async () => {
    server.reply('01');
    const error = await failure(model().getText({ messages }));
    expect(error).toMatchObject({ name: 'ModelResponseError' });
    expect(error.message).toMatch(/not a Responses API response.*`api: "chat"`/);
  });
});

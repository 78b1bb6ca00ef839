import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  ModelAPIError,
  ModelConfigurationError,
  ModelContextWindowError,
  ModelError,
  ModelRateLimitError,
  OpenAIModel,
  isModelError,
} from '../../src/index.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

const messages = [{ role: 'user' as const, content: [{ text: 'Hello' }] }];

function model(options: { apiKey?: string; maxRetries?: number; timeout?: number } = {}): OpenAIModel {
  return new OpenAIModel({
    modelId: 'gpt-4o',
    apiKey: 'sk-test-key-123456',
    baseUrl: server.baseUrl,
    maxRetries: 0,
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<ModelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isModelError(error)).toBe(true);
  return error as ModelError;
}

describe('OpenAIModel error mapping', () => {
  test('maps a 429 with retry-after-ms to ModelRateLimitError with the wait', async () => {
    server.reply('23');
    const error = await failure(model().getText({ messages }));
    expect(error).toBeInstanceOf(ModelRateLimitError);
    expect((error as ModelRateLimitError).retryAfterMs).toBe(120);
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded', requestId: 'req_synthetic_rl_0001' });
    expect(error.message).toMatch(/Retry after 120 ms/);
    expect((error.cause as Error).constructor.name).toBe('RateLimitError');
  });

  test('reads retry-after in seconds when retry-after-ms is absent', async () => {
    server.reply((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '2' });
      res.end(
        JSON.stringify({ error: { message: 'Slow down', type: 'requests', param: null, code: 'rate_limit_exceeded' } }),
      );
    });
    const error = await failure(model().getText({ messages }));
    expect((error as ModelRateLimitError).retryAfterMs).toBe(2000);
  });

  test('maps OpenAI\'s "request too large" 429 to a rate-limit error, not a context-window error', async () => {
    server.reply('15');
    const error = await failure(model().getText({ messages }));
    expect(error).toBeInstanceOf(ModelRateLimitError);
    expect((error as ModelRateLimitError).retryAfterMs).toBeUndefined();
    expect(error.message).toMatch(/Wait, then retry/);
  });

  test('retries a 429 through the SDK when maxRetries allows, then succeeds', async () => {
    server.reply('23', '01');
    const response = await model({ maxRetries: 2 }).getText({ messages });
    expect(response.stopReason).toBe('end_turn');
    expect(server.requests).toHaveLength(2);
  });

  test.each(['16', '22'])('maps corpus %s context_length_exceeded to ModelContextWindowError', async (id) => {
    server.reply(id);
    const error = await failure(model().getText({ messages }));
    expect(error).toBeInstanceOf(ModelContextWindowError);
    expect(error).toMatchObject({ status: 400, code: 'context_length_exceeded' });
    expect(error.message).toMatch(/truncateConversation/);
  });

  test.each([
    [
      'vLLM',
      {
        object: 'error',
        message: "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens.",
        type: 'BadRequestError',
        code: 400,
      },
    ],
    ['Ollama', { error: { message: 'the input length exceeds the context length', type: 'invalid_request_error' } }],
    [
      'llama.cpp',
      {
        error: {
          code: 400,
          message: 'the request exceeds the available context size, try increasing it',
          type: 'exceed_context_size_error',
        },
      },
    ],
  ])('recognises the context-window phrasing of %s', async (_server, body) => {
    server.reply((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    const error = await failure(model().getText({ messages }));
    expect(error).toBeInstanceOf(ModelContextWindowError);
  });

  test.each([
    ['17', 401, 'invalid_api_key', /Check `apiKey`/],
    ['18', 500, 'server_error', /retry later/],
    ['19', 400, 'unsupported_parameter', /stop/],
    ['20', 404, 'model_not_found', /Check `modelId`/],
  ] as const)('maps corpus %s to ModelAPIError with status %s and code %s', async (id, status, code, hint) => {
    server.reply(id);
    const error = await failure(model().getText({ messages }));
    expect(error).toBeInstanceOf(ModelAPIError);
    expect(error).toMatchObject({ status, code });
    expect(error.message).toMatch(hint);
    expect(error.requestId).toBeTruthy();
    expect(error.cause).toBeInstanceOf(Error);
  });

  test('never puts the API key in an error message, even when the server echoes it', async () => {
    server.reply('17');
    const canary = 'invalid-key';
    const error = await failure(model({ apiKey: canary }).getText({ messages }));
    expect(error.message).toContain('[REDACTED]');
    expect(
      `${error.message}\n${error.stack}\n${(error.cause as Error).message}\n${(error.cause as Error).stack}`,
    ).not.toContain(canary);
  });

  test('maps a refused connection to ModelAPIError naming the base URL', async () => {
    const { baseUrl } = server;
    await server.close();
    const error = await failure(
      new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-test-key-123456', baseUrl, maxRetries: 0 }).getText({
        messages,
      }),
    );
    expect(error).toBeInstanceOf(ModelAPIError);
    expect(error.code).toBe('connection_error');
    expect(error.message).toContain(baseUrl);
    server = await startOpenAIServer();
  });

  test('maps a timeout to ModelAPIError with code "timeout"', async () => {
    server.reply(() => {
      // Never answers.
    });
    const error = await failure(model({ timeout: 150 }).getText({ messages }));
    expect(error).toBeInstanceOf(ModelAPIError);
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/after 150 ms.*Raise `timeout`/);
  });

  test('raises ModelConfigurationError naming OPENAI_API_KEY when no key is set, before any request', async () => {
    const keyless = new OpenAIModel({ modelId: 'gpt-4o', baseUrl: server.baseUrl });
    const error = await failure(keyless.getText({ messages }));
    expect(error).toBeInstanceOf(ModelConfigurationError);
    expect(error.message).toContain('OPENAI_API_KEY');
    expect(server.requests).toHaveLength(0);
  });

  test("lets the reference's catch order tell the classes apart", async () => {
    server.reply('23');
    const seen: string[] = [];
    try {
      await model().getText({ messages });
    } catch (error) {
      if (error instanceof ModelRateLimitError) {
        seen.push('rate');
      } else if (error instanceof ModelContextWindowError) {
        seen.push('context');
      } else if (error instanceof ModelAPIError) {
        seen.push('api');
      } else if (error instanceof ModelError) {
        seen.push('model');
      }
    }
    expect(seen).toEqual(['rate']);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { OpenAIModel } from '../../src/model/index.js';
import { openaiResponseData, reply, ScriptedModel, type ErrorStep } from '../../src/testing/index.js';
import { dataReply, startOpenAIServer } from '../helpers/openai-server.js';

// Error steps throw what OpenAIModel throws for the HTTP response the step stands for: both are
// made by the same status-to-class mapping. Each case serves that response from a loopback
// server to a real OpenAIModel (configured from OPENAI_BASE_URL, as scripted errors assume) and
// compares class, message and fields with the scripted error.

const ask = [{ role: 'user' as const, content: [{ text: 'Hello' }] }];
const MODEL = 'gpt-4o-mini';

afterEach(() => {
  vi.unstubAllEnvs();
});

function shown(error: unknown): Record<string, unknown> {
  const e = error as Error & Record<string, unknown>;
  return {
    class: e.constructor.name,
    name: e.name,
    message: e.message,
    status: e['status'],
    code: e['code'],
    requestId: e['requestId'],
    retryAfterMs: e['retryAfterMs'],
    cause: (e.cause as Error | undefined)?.constructor.name,
  };
}

async function scripted(step: ErrorStep): Promise<Record<string, unknown>> {
  return shown(await new ScriptedModel([step], { modelId: MODEL }).getText({ messages: ask }).catch((e) => e));
}

async function live(model: OpenAIModel, signal?: AbortSignal): Promise<unknown> {
  return model.getText({ messages: ask, ...(signal ? { signal } : {}) }).catch((e: unknown) => e);
}

const message = 'Something the provider said (scripted).';
const requestId = 'req_scripted_1';
const cases: [string, ErrorStep, ReturnType<typeof openaiResponseData.error>][] = [
  [
    'a 429 with a wait',
    reply.error.rateLimit({ retryAfterMs: 1500, message }),
    openaiResponseData.error({
      status: 429,
      message,
      type: 'requests',
      code: 'rate_limit_exceeded',
      requestId,
      headers: { 'retry-after-ms': '1500' },
    }),
  ],
  [
    'a 429 without a wait',
    reply.error.rateLimit({ message }),
    openaiResponseData.error({ status: 429, message, type: 'requests', code: 'rate_limit_exceeded', requestId }),
  ],
  [
    'a 429 scripted as reply.error.api',
    reply.error.api({ status: 429, message }),
    openaiResponseData.error({ status: 429, message, type: 'requests', code: 'rate_limit_exceeded', requestId }),
  ],
  [
    'a 400 context_length_exceeded',
    reply.error.contextWindow({ message }),
    openaiResponseData.error({
      status: 400,
      message,
      type: 'invalid_request_error',
      code: 'context_length_exceeded',
      requestId,
    }),
  ],
  [
    'a 503',
    reply.error.api({ status: 503, message }),
    openaiResponseData.error({ status: 503, message, type: 'server_error', code: 'server_error', requestId }),
  ],
  [
    'a 401',
    reply.error.api({ status: 401, message }),
    openaiResponseData.error({
      status: 401,
      message,
      type: 'invalid_request_error',
      code: 'invalid_api_key',
      requestId,
    }),
  ],
  [
    'a 418 with its own code',
    reply.error.api({ status: 418, code: 'teapot', message }),
    openaiResponseData.error({ status: 418, message, type: 'teapot', code: 'teapot', requestId }),
  ],
];

describe('error steps', () => {
  test.each(cases)('throw what OpenAIModel throws for %s', async (_what, step, response) => {
    const server = await startOpenAIServer(dataReply(response));
    try {
      vi.stubEnv('OPENAI_BASE_URL', server.baseUrl);
      const model = new OpenAIModel({ modelId: MODEL, apiKey: 'sk-steps-0123456789', maxRetries: 0 });
      const expected = shown(await live(model));
      expect(expected['class']).not.toBe('Object');
      expect(await scripted(step)).toEqual({ ...expected, cause: undefined });
      expect(expected['cause']).toMatch(/Error$/); // the live one keeps the SDK's error
    } finally {
      await server.close();
    }
  });

  test('throw what OpenAIModel throws for a request that times out', async () => {
    const hanging = await hangingServer();
    try {
      vi.stubEnv('OPENAI_BASE_URL', hanging.baseUrl);
      const model = new OpenAIModel({ modelId: MODEL, apiKey: 'sk-steps-0123456789', maxRetries: 0, timeout: 30 });
      expect(await scripted(reply.error.timeout({ afterMs: 30 }))).toEqual(shown(await live(model)));
    } finally {
      await hanging.close();
    }
  });

  test('throw what OpenAIModel throws for a call its signal aborted', async () => {
    const hanging = await hangingServer();
    try {
      vi.stubEnv('OPENAI_BASE_URL', hanging.baseUrl);
      const model = new OpenAIModel({ modelId: MODEL, apiKey: 'sk-steps-0123456789', maxRetries: 0 });
      const controller = new AbortController();
      const pending = live(model, controller.signal);
      await hanging.reached;
      controller.abort();
      const expected = shown(await pending);
      const stalled = new ScriptedModel([reply.text('late', { delayMs: 60_000 })], { modelId: MODEL });
      const aborted = new AbortController();
      const call = stalled.getText({ messages: ask, signal: aborted.signal }).catch((e: unknown) => e);
      aborted.abort();
      // The causes differ on purpose: the SDK's abort error live, the signal's reason scripted.
      expect({ ...shown(await call), cause: undefined }).toEqual({ ...expected, cause: undefined });
    } finally {
      await hanging.close();
    }
  });
});

/** A loopback server that takes requests and never answers them. */
async function hangingServer(): Promise<{ baseUrl: string; reached: Promise<void>; close(): Promise<void> }> {
  let reachedNow: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => (reachedNow = resolve));
  const server: Server = createServer(() => reachedNow());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    reached,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

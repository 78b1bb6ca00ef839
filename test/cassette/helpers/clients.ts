import OpenAI from 'openai';

/** A raw `openai` client on `baseURL`; no retries unless asked, so tests see each status once. */
export function rawClient(baseURL: string, options: { apiKey?: string; maxRetries?: number } = {}): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey ?? 'sk-test-not-a-real-key',
    baseURL,
    maxRetries: options.maxRetries ?? 0,
  });
}

/** A chat request body asking `text` of `model`. */
export function chat(text: string, model = 'gpt-4o-mini'): OpenAI.ChatCompletionCreateParamsNonStreaming {
  return { model, messages: [{ role: 'user', content: text }] };
}

/** What an SDK error shows a caller, for comparing record and replay. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof OpenAI.APIError) {
    return {
      class: error.constructor.name,
      status: error.status,
      message: error.message,
      code: error.code,
      type: error.type,
    };
  }
  return { class: (error as Error).constructor.name, message: (error as Error).message };
}

/** Runs `call` and returns its result or a description of what it threw. */
export async function settle(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return { ok: await call() };
  } catch (error) {
    return { error: describeError(error) };
  }
}

/** The base URL of a loopback port nothing listens on any more: a request that escapes fails. */
export async function closedBaseUrl(): Promise<string> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as import('node:net').AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${address.port}/v1`;
}

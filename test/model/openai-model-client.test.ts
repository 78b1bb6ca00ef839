import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ModelAPIError, ModelConfigurationError, OpenAIModel, type OpenAIModelOptions } from '../../src/index.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer('01');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await server.close();
});

const messages = [{ role: 'user' as const, content: [{ text: 'Hello' }] }];
const model = (options: Partial<OpenAIModelOptions> = {}): OpenAIModel =>
  new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl, ...options });

describe('OpenAIModel client options', () => {
  test('sends organization and project as OpenAI-Organization and OpenAI-Project', async () => {
    await model({ organization: 'org-given', project: 'proj_given' }).getText({ messages });
    expect(server.requests[0]?.headers).toMatchObject({
      'openai-organization': 'org-given',
      'openai-project': 'proj_given',
    });
  });

  test('reads OPENAI_ORG_ID and OPENAI_PROJECT_ID when the options are not given', async () => {
    vi.stubEnv('OPENAI_ORG_ID', 'org-from-env');
    vi.stubEnv('OPENAI_PROJECT_ID', 'proj_from_env');
    const configured = model();
    expect(configured.getConfig()).toMatchObject({ organization: 'org-from-env', project: 'proj_from_env' });
    await configured.getText({ messages });
    expect(server.requests[0]?.headers).toMatchObject({
      'openai-organization': 'org-from-env',
      'openai-project': 'proj_from_env',
    });
  });

  test('sends neither header when neither is set', async () => {
    await model().getText({ messages });
    expect(server.requests[0]?.headers).not.toHaveProperty('openai-organization');
    expect(server.requests[0]?.headers).not.toHaveProperty('openai-project');
  });

  test('sends defaultHeaders and defaultQuery with every request', async () => {
    const configured = model({
      defaultHeaders: { 'X-Title': 'spark-tests', 'Helicone-Auth': 'Bearer sk-helicone-0123456789' },
      defaultQuery: { 'api-version': '2024-10-21' },
    });
    await configured.getText({ messages });
    await configured.getText({ messages });
    for (const request of server.requests) {
      expect(request.url).toBe('/v1/chat/completions?api-version=2024-10-21');
      expect(request.headers).toMatchObject({
        'x-title': 'spark-tests',
        'helicone-auth': 'Bearer sk-helicone-0123456789',
      });
    }
    // Credential-like header values are masked, like the API key.
    expect(configured.getConfig().defaultHeaders).toEqual({ 'X-Title': 'spark-tests', 'Helicone-Auth': 'Bea…6789' });
  });

  test('hands fetchOptions to fetch: a redirect is refused with redirect "error", followed without', async () => {
    server.reply((request, res) => {
      if (request.url === '/v1/chat/completions') {
        res.writeHead(307, { location: '/v1/moved/chat/completions' });
        res.end();
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'moved' } }],
        }),
      );
    });
    await expect(model().getText({ messages })).resolves.toMatchObject({ text: 'moved' });
    expect(server.requests.map((request) => request.url)).toEqual([
      '/v1/chat/completions',
      '/v1/moved/chat/completions',
    ]);
    const refused = await model({ fetchOptions: { redirect: 'error' }, maxRetries: 0 })
      .getText({ messages })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ModelAPIError);
    expect(server.requests).toHaveLength(3);
  });

  test.each([
    ['project', 42, /must be a string/],
    ['defaultHeaders', 'x', /must be an object of strings/],
    ['defaultHeaders', { 'X-Count': 3 }, /"X-Count" is not a string/],
    ['defaultQuery', { 'api-version': null }, /"api-version" is not a string/],
    ['fetchOptions', 'x', /must be an object of `fetch` options/],
    ['fetchOptions', { headers: {} }, /may not set "headers".*`defaultHeaders`/],
  ] as const)('rejects %s = %j before any request', (option, value, message) => {
    let error: unknown;
    try {
      model({ [option]: value } as Partial<OpenAIModelOptions>);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ModelConfigurationError);
    expect((error as ModelConfigurationError).option).toBe(option);
    expect((error as Error).message).toMatch(message);
  });

  test('never puts a header value in an error message', () => {
    let error: unknown;
    try {
      model({ defaultHeaders: { Authorization: ['Bearer sk-secret-0123456789'] as unknown as string } });
    } catch (caught) {
      error = caught;
    }
    expect((error as Error).message).toMatch(/"Authorization" is not a string/);
    expect((error as Error).message).not.toContain('sk-secret');
  });
});

describe('OpenAIModel signal', () => {
  test('an aborted signal fails getText with a ModelAPIError coded "aborted"', async () => {
    const controller = new AbortController();
    // Aborts once the request is in flight (a fixed delay lost the race on a loaded machine).
    server.reply(async (_request, res) => {
      controller.abort();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      res.end();
    });
    const pending = model().getText({ messages, signal: controller.signal });
    await expect(pending).rejects.toMatchObject({ name: 'ModelAPIError', code: 'aborted' });
    expect(server.requests).toHaveLength(1);
  });

  test('a signal aborted before the call sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(model().getJson({ messages, signal: controller.signal })).rejects.toMatchObject({ code: 'aborted' });
    expect(server.requests).toHaveLength(0);
  });
});

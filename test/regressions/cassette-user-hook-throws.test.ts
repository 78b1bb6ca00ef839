import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  CassetteConfigurationError,
  cassetteErrorFrom,
  startCassette,
  type CassetteOptions,
} from '../../src/cassette/index.js';
import { OpenAIModel } from '../../src/model/index.js';
import { chat } from '../cassette/helpers/clients.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Bug (issue 10): a user `redact` hook or `matcher` that threw in replay became a connection
// error (OpenAIModel) or a 500 (MSW) that the SDK retried three times, and stop() did not report
// it. It is now a CassetteConfigurationError naming the hook, raised once, and stop() rejects
// with it too.

const dir = useTempDir('spark-regression-hook-throws-');
let api: OpenAIServer;

beforeEach(async () => {
  api = await startOpenAIServer('01');
});
afterEach(async () => {
  await api.close();
});

const broken = new Error('hook broke');

// Each hook throws and counts the requests it saw (a redact hook is called once per request
// for the URL, a matcher once per request against the one recording).
function throwingHook(option: string): { options: CassetteOptions; requests: () => number } {
  let requests = 0;
  const options: CassetteOptions =
    option === 'redact'
      ? {
          redact: (_value, context) => {
            requests += context.location === 'url' ? 1 : 0;
            throw broken;
          },
        }
      : {
          matcher: () => {
            requests++;
            throw broken;
          },
        };
  return { options, requests: () => requests };
}

async function record(): Promise<void> {
  const cassette = await startCassette('hook', { dir: dir.path, mode: 'record' });
  await new OpenAIModel({ modelId: 'gpt-4o-mini', baseUrl: api.baseUrl, apiKey: 'sk-hook-0123456789' }).getText({
    messages: [{ role: 'user', content: [{ text: 'Paris' }] }],
  });
  await cassette.stop();
}

describe.each(['redact', 'matcher'])('a `%s` hook that throws in replay', (option) => {
  test('fails an OpenAIModel call once with CassetteConfigurationError, and stop() reports it', async () => {
    await record();
    const sent = api.requests.length;
    const hook = throwingHook(option);
    const model = new OpenAIModel({
      modelId: 'gpt-4o-mini',
      baseUrl: api.baseUrl,
      apiKey: 'sk-hook-0123456789',
      maxRetries: 2,
    });
    const cassette = await startCassette('hook', { dir: dir.path, mode: 'replay', ...hook.options });
    const error = await model.getText({ messages: [{ role: 'user', content: [{ text: 'Paris' }] }] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const stopped = await cassette.stop().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CassetteConfigurationError);
    expect(error).toMatchObject({ option, cause: broken });
    expect((error as Error).message).toContain(`the \`${option}\` hook threw Error: hook broke`);
    expect(stopped).toBe(error);
    expect(hook.requests()).toBe(1);
    expect(api.requests.length).toBe(sent);
  });

  test('fails a raw SDK request through MSW once, not retried, and stop() reports it', async () => {
    await record();
    const sent = api.requests.length;
    let attempts = 0;
    const client = new OpenAI({
      apiKey: 'sk-hook-0123456789',
      baseURL: api.baseUrl,
      maxRetries: 2,
      fetch: (input, init) => {
        attempts++;
        return globalThis.fetch(input, init);
      },
    });
    const cassette = await startCassette('hook', { dir: dir.path, mode: 'replay', ...throwingHook(option).options });
    const error = await client.chat.completions.create(chat('Paris')).then(
      () => undefined,
      (e: unknown) => e,
    );
    const stopped = await cassette.stop().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(400);
    const cassetteError = cassetteErrorFrom(error);
    expect(cassetteError).toBeInstanceOf(CassetteConfigurationError);
    expect(cassetteError).toMatchObject({ option, cause: broken });
    expect(stopped).toBe(cassetteError);
    expect(attempts).toBe(1);
    expect(api.requests.length).toBe(sent);
  });
});

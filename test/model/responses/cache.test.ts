import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { OpenAIModel, type OpenAIModelOptions } from '../../../src/index.js';
import { startOpenAIServer, type OpenAIServer } from '../../helpers/openai-server.js';
import { useTempDir } from '../../helpers/temp-dir.js';

let server: OpenAIServer;
const temp = useTempDir('spark-responses-cache-');
beforeEach(async () => {
  server = await startOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

const messages = [{ role: 'user' as const, content: 'What is 2+2? Answer with just the number.' }];

function model(options: Partial<OpenAIModelOptions> = {}): OpenAIModel {
  return new OpenAIModel({
    modelId: 'gpt-4o-mini',
    api: 'responses',
    apiKey: 'sk-canary-cache-0123456789abcdef',
    baseUrl: server.baseUrl,
    enableCache: true,
    cacheDir: temp.path,
    ...options,
  });
}

const entries = (): string[] =>
  readdirSync(temp.path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));

describe('OpenAIModel on the Responses API: the response cache', () => {
  test('answers an identical call from the cache, with the same mapped response', async () => {
    server.reply('24');
    const first = await model().getText({ messages });
    const second = await model().getText({ messages });
    expect(server.requests).toHaveLength(1);
    expect(second.text).toBe('4');
    expect(second.id).toBe(first.id);
    expect(second.usage).toEqual(first.usage);
    const [file] = entries();
    const stored = readFileSync(file as string, 'utf8');
    expect(JSON.parse(stored).value.object).toBe('response');
    expect(stored).not.toContain('sk-canary-cache');
  });

  test('keeps chat and Responses API entries apart in one directory', async () => {
    server.reply('24', '01');
    await model().getText({ messages });
    const chat = model({ api: 'chat' });
    const answer = await chat.getText({ messages });
    expect(answer.text).toMatch(/Lisbon/);
    expect(server.requests.map((request) => request.url)).toEqual(['/v1/responses', '/v1/chat/completions']);
    expect(entries()).toHaveLength(2);
    // An entry of the other API's shape is never served, whatever key it sits at.
    const [a, b] = entries() as [string, string];
    const values = [a, b].map((file) => JSON.parse(readFileSync(file, 'utf8')));
    writeFileSync(a, JSON.stringify({ ...values[0], value: values[1].value }));
    writeFileSync(b, JSON.stringify({ ...values[1], value: values[0].value }));
    server.reply('24', '01');
    await model().getText({ messages });
    await chat.getText({ messages });
    expect(server.requests).toHaveLength(4);
  });
});

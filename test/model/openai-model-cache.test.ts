import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { OpenAIModel, type OpenAIModelOptions } from '../../src/index.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

let server: OpenAIServer;
const temp = useTempDir('spark-model-cache-');
let dir: string;
beforeEach(async () => {
  server = await startOpenAIServer('01');
  dir = temp.path;
});
afterEach(async () => {
  await server.close();
});

const messages = [{ role: 'user' as const, content: [{ text: 'What is the capital of France?' }] }];

function model(options: Partial<OpenAIModelOptions> = {}): OpenAIModel {
  return new OpenAIModel({
    modelId: 'gpt-4o-mini',
    apiKey: 'sk-test-key-123456',
    baseUrl: server.baseUrl,
    enableCache: true,
    cacheDir: dir,
    ...options,
  });
}

function files(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('OpenAIModel response cache', () => {
  test('answers an identical call from the cache, across model instances', async () => {
    const first = await model().getText({ messages });
    const second = await model().getText({ messages });
    expect(server.requests).toHaveLength(1);
    expect(second.content).toBe(first.content);
    expect(second.usage).toEqual(first.usage);
  });

  test('sends a new request when anything that changes the answer changes', async () => {
    await model().getText({ messages });
    await model().getText({ messages, temperature: 0 });
    await model().getText({ messages, systemPrompt: 'Be brief.' });
    await model({ modelId: 'gpt-4o' }).getText({ messages });
    expect(server.requests).toHaveLength(4);
  });

  test('does not key on the API key, and never writes it', async () => {
    const canary = `sk-canary-${Math.random().toString(36).slice(2)}abcdef`;
    await model({ apiKey: canary }).getText({ messages });
    await model({ apiKey: 'sk-another-key-987654' }).getText({ messages });
    expect(server.requests).toHaveLength(1);
    for (const file of files(dir)) {
      expect(readFileSync(file, 'utf8')).not.toContain(canary);
    }
  });

  test('replaces a corrupt entry instead of failing', async () => {
    await model().getText({ messages });
    const [entry] = files(dir);
    writeFileSync(entry!, '{"version":1,"key":');
    const response = await model().getText({ messages });
    expect(response.stopReason).toBe('end_turn');
    expect(server.requests).toHaveLength(2);
    await model().getText({ messages });
    expect(server.requests).toHaveLength(2);
  });

  test('treats an expired entry as a miss', async () => {
    await model({ cacheTtlSeconds: 0.01 }).getText({ messages });
    await new Promise((resolve) => setTimeout(resolve, 30));
    await model({ cacheTtlSeconds: 0.01 }).getText({ messages });
    expect(server.requests).toHaveLength(2);
  });

  test('does not cache errors', async () => {
    server.reply('18', '01');
    await expect(model({ maxRetries: 0 }).getText({ messages })).rejects.toThrow(/500/);
    await model({ maxRetries: 0 }).getText({ messages });
    expect(server.requests).toHaveLength(2);
    expect(files(dir)).toHaveLength(1);
  });

  test('sends every call when the cache is off (the default)', async () => {
    await model({ enableCache: false }).getText({ messages });
    await model({ enableCache: false }).getText({ messages });
    expect(server.requests).toHaveLength(2);
    expect(files(dir)).toHaveLength(0);
  });
});

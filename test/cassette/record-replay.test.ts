import type { ServerResponse } from 'node:http';
import { brotliCompressSync, deflateSync, gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { startCassette } from '../../src/cassette/index.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import { corpusBodyBytes, loadCorpus } from '../helpers/corpus.js';
import { startOpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { chat, rawClient, settle } from './helpers/clients.js';

const dir = useTempDir('spark-cassette-');

// One session over the raw SDK and plain fetch; the server answers these corpus ids in order.
const SESSION_REPLIES = ['01', '02', '14', '21', '13', '07', '08', '15', '16', '18', '06', '14'];

async function runSession(baseUrl: string, apiKey: string): Promise<unknown[]> {
  const client = rawClient(baseUrl, { apiKey });
  const results: unknown[] = [];
  for (const text of ['text', 'tool call', 'gzip text', 'gzip tools', 'gzip refusal']) {
    results.push(await settle(() => client.chat.completions.create(chat(text))));
  }
  for (const text of ['stream usage', 'stream tool']) {
    results.push(
      await settle(async () => {
        const stream = await client.chat.completions.create({
          ...chat(text),
          stream: true,
          stream_options: { include_usage: true },
        });
        const chunks: unknown[] = [];
        for await (const chunk of stream) {
          chunks.push(chunk);
        }
        return chunks;
      }),
    );
  }
  for (const text of ['429', '400 context', '500']) {
    results.push(await settle(() => client.chat.completions.create(chat(text))));
  }
  for (const text of ['fetch stream', 'fetch gzip']) {
    const response = await fetch(`${baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(chat(text)),
    });
    results.push({ status: response.status, type: response.headers.get('content-type'), text: await response.text() });
  }
  return results;
}

describe('record, then replay with the server gone', () => {
  test('replays the raw SDK and fetch results identical to the recorded ones, with another key', async () => {
    const server = await startOpenAIServer(...SESSION_REPLIES);
    let recorded: unknown[];
    try {
      const cassette = await startCassette('wire/session', { dir: dir.path, mode: 'record' });
      recorded = await runSession(server.baseUrl, 'sk-record-key-0123456789');
      const summary = await cassette.stop();
      expect(summary).toMatchObject({ recorded: SESSION_REPLIES.length, replayed: 0, written: true });
      expect(server.requests).toHaveLength(SESSION_REPLIES.length);
    } finally {
      await server.close();
    }

    const cassette = await startCassette('wire/session', { dir: dir.path });
    expect(cassette.mode).toBe('replay');
    const replayed = await runSession(server.baseUrl, 'sk-replay-key-9876543210');
    const summary = await cassette.stop();

    expect(replayed).toEqual(recorded);
    expect(summary).toMatchObject({
      replayed: SESSION_REPLIES.length,
      recorded: 0,
      unused: [],
      misses: [],
      written: false,
    });
  });

  test('replays the exact decoded bytes of gzip and SSE bodies', async () => {
    const server = await startOpenAIServer('14', '07', '21');
    try {
      const cassette = await startCassette('wire/bytes', { dir: dir.path, mode: 'record' });
      await runFetches(server.baseUrl, 3);
      await cassette.stop();
    } finally {
      await server.close();
    }
    const cassette = await startCassette('wire/bytes', { dir: dir.path, mode: 'replay' });
    const texts = await runFetches(server.baseUrl, 3);
    await cassette.stop();

    expect(texts[0]).toBe(gunzipSync(corpusBodyBytes(loadCorpus('14'))).toString('utf8'));
    expect(texts[1]).toBe(loadCorpus('07').response.body);
    expect(texts[2]).toBe(gunzipSync(corpusBodyBytes(loadCorpus('21'))).toString('utf8'));
  });

  test('stores br and deflate responses decoded and replays them through the SDK', async () => {
    const server = await startOpenAIServer(compressed('br'), compressed('deflate'));
    const ask = (baseUrl: string) =>
      Promise.all(['br', 'deflate'].map((text) => rawClient(baseUrl).chat.completions.create(chat(text))));
    let recorded: unknown;
    try {
      const cassette = await startCassette('wire/compressed', { dir: dir.path, mode: 'record' });
      recorded = await ask(server.baseUrl);
      await cassette.stop();
    } finally {
      await server.close();
    }
    const cassette = await startCassette('wire/compressed', { dir: dir.path, mode: 'replay' });
    const replayed = await ask(server.baseUrl);
    await cassette.stop();
    expect(replayed).toEqual(recorded);
    expect(replayed).toEqual([JSON.parse(loadCorpus('01').response.body), JSON.parse(loadCorpus('01').response.body)]);
    const text = await import('node:fs/promises').then((fs) => fs.readFile(cassette.path, 'utf8'));
    expect(text).not.toContain('content-encoding');
    expect(text).toContain('content: How about "Lisbon"?');
  });

  test('replays OpenAIModel text, tool calls and typed errors with no API key', async () => {
    const server = await startOpenAIServer('01', '02', '22', '15');
    const messages = (text: string) => [{ role: 'user' as const, content: [{ text }] }];
    const calls = async (model: OpenAIModel): Promise<unknown[]> => [
      await model.getText({ messages: messages('text') }),
      await model.getText({ messages: messages('tools') }),
      await model
        .getText({ messages: messages('too long') })
        .catch((error: Error) => ({ name: error.name, message: error.message })),
      await model
        .getText({ messages: messages('rate limit') })
        .catch((error: Error) => ({ name: error.name, message: error.message })),
    ];
    let recorded: unknown[];
    try {
      const cassette = await startCassette('wire/model', { dir: dir.path, mode: 'record' });
      recorded = await calls(
        new OpenAIModel({
          modelId: 'gpt-4o-mini',
          baseUrl: server.baseUrl,
          apiKey: 'sk-model-key-0123456789',
          maxRetries: 0,
        }),
      );
      await cassette.stop();
    } finally {
      await server.close();
    }
    const cassette = await startCassette('wire/model', { dir: dir.path, mode: 'replay' });
    const replayed = await calls(new OpenAIModel({ modelId: 'gpt-4o-mini', baseUrl: server.baseUrl, maxRetries: 0 }));
    const summary = await cassette.stop();

    expect(replayed).toEqual(recorded);
    expect(replayed[2]).toMatchObject({ name: 'ModelContextWindowError' });
    expect(replayed[3]).toMatchObject({ name: 'ModelRateLimitError' });
    expect(summary.replayed).toBe(4);
  });
});

/** Answers with corpus 01's body compressed as `encoding`, as a server honouring accept-encoding would. */
function compressed(encoding: 'br' | 'deflate') {
  return (_request: unknown, res: ServerResponse): void => {
    const body = Buffer.from(loadCorpus('01').response.body);
    res.setHeader('content-type', 'application/json');
    res.setHeader('content-encoding', encoding);
    res.end(encoding === 'br' ? brotliCompressSync(body) : deflateSync(body));
  };
}

async function runFetches(baseUrl: string, count: number): Promise<string[]> {
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${baseUrl}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify(chat(`fetch ${i}`)),
    });
    texts.push(await response.text());
  }
  return texts;
}

import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { describe, expect, test } from 'vitest';
import { startCassette } from '../../src/cassette/index.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import { startOpenAIServer, type ReceivedRequest } from '../helpers/openai-server.js';
import { listFiles, useTempDir } from '../helpers/temp-dir.js';
import { useEnv } from './helpers/env.js';

const dir = useTempDir('spark-cassette-redact-');
const env = useEnv();

/** A server that echoes the key it was sent everywhere it can: headers, cookies, JSON, SSE. */
function echoKey(request: ReceivedRequest, res: ServerResponse): void {
  const key = String(request.headers['api-key'] ?? request.headers.authorization ?? '').replace(/^Bearer /, '');
  res.setHeader('x-echo-key', key);
  res.setHeader('set-cookie', [`session=${key}`, `other=${key}`]);
  if (request.body?.stream) {
    res.setHeader('content-type', 'text/event-stream');
    res.end(`data: {"choices":[{"index":0,"delta":{"content":"${key}"}}]}\n\ndata: [DONE]\n\n`);
    return;
  }
  res.setHeader('content-type', 'application/json');
  res.statusCode = request.body?.messages?.[0]?.content === 'fail' ? 401 : 200;
  res.end(
    JSON.stringify({
      error: { message: `Incorrect API key provided: ${key}.` },
      echo: { url: request.url, body: request.bodyText },
    }),
  );
}

async function everyByteOnDisk(root: string): Promise<Buffer> {
  const files = await listFiles(root);
  return Buffer.concat(await Promise.all(files.map((file) => readFile(join(root, file)))));
}

describe('secrets', () => {
  test('leave no byte of a canary key on disk, from headers, URL, bodies, cookies or streams', async () => {
    const canary = `sk-canary-${randomBytes(16).toString('hex')}`;
    const envCanary = `sk-env-canary-${randomBytes(16).toString('hex')}`;
    env.set({ OPENAI_API_KEY: envCanary });
    const server = await startOpenAIServer(echoKey);
    try {
      const cassette = await startCassette('secrets/canary', { dir: dir.path, mode: 'record' });
      const send = (key: string, body: unknown, query = '') =>
        fetch(`${server.baseUrl}/chat/completions${query}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${key}`,
            'x-api-key': key,
            'openai-organization': 'org-secret',
            cookie: `k=${key}`,
          },
          body: JSON.stringify(body),
        }).then((response) => response.text());
      await send(
        canary,
        { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `my key is ${canary}` }] },
        `?api-key=${canary}`,
      );
      await send(canary, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'fail' }] });
      await send(canary, { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'stream' }] });
      await new OpenAIModel({ modelId: 'gpt-4o-mini', baseUrl: server.baseUrl, maxRetries: 0 })
        .getText({
          messages: [{ role: 'user', content: [{ text: 'env key' }] }],
        })
        .catch(() => undefined);
      const summary = await cassette.stop();
      expect(summary.recorded).toBe(4);
    } finally {
      await server.close();
    }
    const disk = await everyByteOnDisk(dir.path);
    expect(server.requests.map((r) => r.headers.authorization)).toContain(`Bearer ${envCanary}`); // the env key was really sent
    for (const secret of [canary, envCanary, 'org-secret']) {
      expect(disk.includes(secret)).toBe(false);
      expect(disk.includes(Buffer.from(secret).toString('base64'))).toBe(false);
    }
    const text = disk.toString('utf8');
    expect(text).toContain('authorization: REDACTED');
    expect(text).toContain('x-echo-key: REDACTED');
    expect(text).toContain('api-key=REDACTED');
  });

  test('match on replay with another key, because requests are hashed after redaction', async () => {
    const [first, second] = [
      `sk-first-${randomBytes(8).toString('hex')}`,
      `sk-second-${randomBytes(8).toString('hex')}`,
    ];
    const server = await startOpenAIServer(echoKey);
    const send = (key: string) =>
      fetch(`${server.baseUrl}/chat/completions?api-key=${key}`, {
        method: 'POST',
        headers: { 'api-key': key },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `key ${key}` }] }),
      });
    let cassette = await startCassette('secrets/rekey', { dir: dir.path, mode: 'record' });
    await (await send(first)).text();
    await cassette.stop();
    await server.close();

    cassette = await startCassette('secrets/rekey', { dir: dir.path, mode: 'replay' });
    const replayed = await send(second);
    await cassette.stop();
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get('x-echo-key')).toBe('REDACTED');
  });

  test('replace short keys only in auth headers, never inside other text', async () => {
    const server = await startOpenAIServer(echoKey);
    try {
      const cassette = await startCassette('secrets/short', { dir: dir.path, mode: 'record' });
      await fetch(`${server.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer x' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'xx extra text' }] }),
      }).then((response) => response.text());
      await cassette.stop();
    } finally {
      await server.close();
    }
    const text = (await everyByteOnDisk(dir.path)).toString('utf8');
    expect(text).toContain('content: xx extra text');
    expect(text).toContain('authorization: REDACTED');
  });

  test('pass every URL, header value and text body through a `redact` hook, which also keys the match', async () => {
    const server = await startOpenAIServer('01');
    const redact = (value: string) => value.replaceAll(/user-\d+/g, 'user-N');
    const ask = (user: string) =>
      fetch(`${server.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { 'x-user': user },
        body: JSON.stringify({ model: 'gpt-4o-mini', user, messages: [{ role: 'user', content: 'hi' }] }),
      }).then((response) => response.status);
    let cassette = await startCassette('secrets/hook', { dir: dir.path, mode: 'record', redact });
    await ask('user-1234');
    await cassette.stop();
    await server.close();

    cassette = await startCassette('secrets/hook', { dir: dir.path, mode: 'replay', redact });
    expect(await ask('user-5678')).toBe(200);
    await cassette.stop();
    const text = (await everyByteOnDisk(dir.path)).toString('utf8');
    expect(text).not.toContain('user-1234');
    expect(text).toContain('x-user: user-N');
    expect(text).toContain('user: user-N');
  });
});
